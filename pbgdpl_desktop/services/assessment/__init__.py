"""Chuẩn tiếp cận pháp luật: the façade is ``service.AssessmentService``; scoring itself is ``pbgdpl_desktop.scoring``."""
