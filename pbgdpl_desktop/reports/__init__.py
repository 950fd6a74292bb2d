"""Official documents (reportlab PDFs in the NĐ 30/2020 layout) and Excel statistics (openpyxl).

Qt-free and database-free: every renderer takes the plain input dataclasses of ``inputs.py`` and writes one
file atomically (``output.write_atomic``). ``services.reports`` maps the other modules' DTOs onto the inputs.
"""
