"""Bundled fake regional news site (styles ``wp`` and ``portal``) served on 127.0.0.1.

Used by the end-to-end crawl tests, the benchmarks and ``python -m crawler demo``.
See :class:`FakeSite` for the API and ``routes.TRAP_KINDS`` for the request kinds
that count as trap fetches.
"""

from .content import DEFAULT_NOW, WIB
from .routes import TRAP_KINDS
from .server import FakeSite

__all__ = ["FakeSite", "DEFAULT_NOW", "WIB", "TRAP_KINDS"]
