"""``python -m crawler``: the command-line entry point (see :mod:`crawler.cli`)."""

import sys

from .cli import main

sys.exit(main())
