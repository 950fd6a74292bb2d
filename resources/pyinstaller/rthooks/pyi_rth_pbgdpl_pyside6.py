"""Run-time hook of the frozen app for PySide6, in place of PyInstaller's own (build_installer.py).

PyInstaller's hook imports ``PySide6.QtCore`` on every start, only to register a ``qt.conf`` that PySide6's
PyPI wheels register themselves; that costs every command-line start ≈ 0.3 s (QtCore, ICU, then their
teardown) although the commands never touch Qt. This one only points Qt at the bundled plugins, as the original
does, and leaves the import of Qt to the code that needs it."""

import os
import sys


def _point_qt_at_the_bundle() -> None:
    bundle = getattr(sys, "_MEIPASS", os.path.dirname(sys.executable))
    qt = (
        os.path.join(bundle, "PySide6")
        if sys.platform.startswith("win")
        else os.path.join(bundle, "PySide6", "Qt")
    )
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")
    os.environ["QML2_IMPORT_PATH"] = os.path.join(qt, "qml")
    if sys.platform.startswith("win"):  # QtNetwork finds the OpenSSL DLLs collected beside the program
        os.environ["PATH"] = bundle + os.pathsep + os.environ.get("PATH", "")


_point_qt_at_the_bundle()
del _point_qt_at_the_bundle
