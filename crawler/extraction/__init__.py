"""Article extraction: HTML page + URL (+ site profile) -> article record or the reason there is none.

Public surface: :func:`extract_article`, :class:`ExtractionResult`,
:data:`FIELDS` (the record's key order), :func:`profile_for`.
"""

from .api import extract_article, extract_dates
from .profiles import SiteProfile, profile_for
from .record import FIELDS, REQUIRED, ExtractionResult

__all__ = ["extract_article", "extract_dates", "ExtractionResult", "FIELDS", "REQUIRED", "SiteProfile", "profile_for"]
