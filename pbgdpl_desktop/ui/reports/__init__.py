"""Widgets of the Reports page: the PDF print preview and the recent outputs list."""
