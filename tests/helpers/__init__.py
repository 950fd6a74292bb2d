"""Helpers only the tests use: reading produced PDFs back (``pdf``) and workbooks (``sheets``), driving
and rendering Qt widgets (``qt``)."""
