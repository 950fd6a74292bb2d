"""Kinh phí: the façade is ``service.FinanceService``; the DTOs and rules are in ``domain.finance``."""
