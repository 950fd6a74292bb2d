"""``python -m pbgdpl_desktop`` does what the ``pbgdpl-desktop`` console script does."""

import sys

from pbgdpl_desktop.app import main

sys.exit(main())
