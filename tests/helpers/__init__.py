"""Helpers only the tests use: reading produced PDFs back (``pdf``), driving and rendering Qt widgets
(``qt``)."""
