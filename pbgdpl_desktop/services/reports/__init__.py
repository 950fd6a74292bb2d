"""Báo cáo & in ấn: the façade is ``service.ReportService``; ``gather`` maps the features' DTOs onto the plain
inputs of ``pbgdpl_desktop.reports`` (the renderers)."""
