"""Qt user interface. The only package (with app.py) allowed to import PySide6."""
