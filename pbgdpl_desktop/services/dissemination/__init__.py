"""Phổ biến, giáo dục pháp luật: the façade is ``service.DisseminationService``; DTOs in ``dto``."""
