"""Excel import/export (openpyxl) of the modules: templates, ledgers, summaries."""
