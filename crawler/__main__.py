"""``python -m crawler``: the command-line entry point (see :mod:`crawler.cli`)."""

import sys

from .cli import main

if __name__ == "__main__":  # not when a worker process imports it (crawler/middlewares/extraction_pool.py)
    sys.exit(main())
