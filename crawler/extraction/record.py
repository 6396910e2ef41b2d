"""The article record: the contract every part of the product builds on.

An extracted article is a plain ``dict`` whose keys follow :data:`FIELDS` in
order. Only ``url``, ``title``, ``published`` and ``body`` are required for a
record to be written; any other field may be ``None`` (or an empty list for
``authors`` and ``tags``). Dates are timezone-aware ISO 8601 strings
(``2024-10-18T08:32:00+07:00``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Output keys, in the order they are written.
FIELDS: tuple[str, ...] = (
    "url",
    "title",
    "author",
    "authors",
    "editor",
    "published",
    "published_approximate",
    "modified",
    "body",
    "description",
    "section",
    "tags",
    "image",
    "language",
    "site",
)

#: Fields every written record must carry.
REQUIRED: tuple[str, ...] = ("url", "title", "published", "body")


def ordered(record: dict[str, Any]) -> dict[str, Any]:
    """Return ``record`` with its keys in contract order; unknown keys follow, sorted."""
    out = {k: record[k] for k in FIELDS if k in record}
    for k in sorted(record):
        if k not in out:
            out[k] = record[k]
    return out


@dataclass
class ExtractionResult:
    """What extraction says about one page: an article record, or why there is none.

    ``record`` is ``None`` exactly when ``reason`` is set. ``next_pages`` lists the
    absolute URLs of the following parts of a multi-page article (page 2, 3, ...
    in numeric order), or ``[]``; ``all_pages_url`` is a single-page variant
    (``?page=all``) when the page links one.
    """

    record: dict[str, Any] | None = None
    reason: str | None = None
    next_pages: list[str] = field(default_factory=list)
    all_pages_url: str | None = None

    @property
    def is_article(self) -> bool:
        return self.record is not None
