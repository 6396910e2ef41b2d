"""Validation pipeline: every record that leaves it is complete, well-typed and normalised.

Required (:data:`crawler.extraction.record.REQUIRED`): ``url`` (absolute
http/https), ``title``, ``published`` (ISO 8601 with an offset; a
``datetime`` is accepted and written as ISO) and a ``body`` of at least
``MIN_BODY_CHARS`` characters (default 200). An item that fails is dropped:
Scrapy logs the :class:`~scrapy.exceptions.DropItem` once, and the crawl stats
count it by reason -- ``dropped/missing_<field>``, ``dropped/invalid_<field>``
or ``dropped/short_body``.

Every string is normalised (:mod:`pipelines.normalize`). An optional field of
the wrong type or form (a non-URL ``image``, a ``modified`` without offset...)
becomes ``null`` and is counted as ``validate/nulled/<field>``; ``site``
defaults to the URL's host. The item leaves as a plain ``dict`` holding every
contract field (``null``, or ``[]`` for ``authors``/``tags``, when absent) in
contract order (:func:`crawler.extraction.record.ordered`), so later
pipelines may add keys such as ``duplicate_of`` and ``update``.
"""

from __future__ import annotations

from datetime import datetime

from scrapy.exceptions import DropItem

from crawler.extraction.record import FIELDS, REQUIRED, ordered
from crawler.extraction.urls import host_of
from crawler.items import as_dict

from .normalize import clean_body, clean_line, clean_list, clean_url

LIST_FIELDS = ("authors", "tags")
URL_FIELDS = ("url", "image")
DATE_FIELDS = ("published", "modified")


def _is_http_url(value: str) -> bool:
    return value.startswith(("http://", "https://")) and bool(host_of(value))


def _iso_date(value) -> str | None:
    """``value`` as a timezone-aware ISO 8601 string, or ``None`` when it is not one."""
    if isinstance(value, datetime):
        return value.isoformat() if value.tzinfo is not None else None
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return value.strip() if parsed.tzinfo is not None else None


def normalise_field(name: str, value):
    """The normalised value of one field; raises ``ValueError`` when it has the wrong type or form."""
    if value is None:
        return [] if name in LIST_FIELDS else None
    if name in LIST_FIELDS:
        if not isinstance(value, (list, tuple)):
            raise ValueError(name)
        return clean_list(value)
    if name == "published_approximate":
        if not isinstance(value, bool):
            raise ValueError(name)
        return True if value else None
    if name in DATE_FIELDS:
        iso = _iso_date(value)
        if iso is None:
            raise ValueError(name)
        return iso
    if not isinstance(value, str):
        raise ValueError(name)
    if name in URL_FIELDS:
        url = clean_url(value)
        if url is not None and not _is_http_url(url):
            raise ValueError(name)
        return url
    return clean_body(value) if name == "body" else clean_line(value)


class ValidateArticlePipeline:
    """Drop incomplete or malformed articles (reason counted); normalise the rest into an ordered dict."""

    def __init__(self, stats, min_body_chars: int):
        self.stats = stats
        self.min_body_chars = min_body_chars

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, crawler.settings.getint("MIN_BODY_CHARS", 200))

    def process_item(self, item):
        source = as_dict(item)
        record = {name: value for name, value in source.items() if name not in FIELDS}
        invalid = set()
        for name in FIELDS:
            try:
                record[name] = normalise_field(name, source.get(name))
            except ValueError:
                invalid.add(name)
                record[name] = [] if name in LIST_FIELDS else None
        for name in REQUIRED:
            if name in invalid:
                self._drop(f"invalid_{name}", source)
            if not record[name]:
                self._drop(f"missing_{name}", source)
        if len(record["body"]) < self.min_body_chars:
            self._drop("short_body", source)
        for name in sorted(invalid):
            self.stats.inc_value(f"validate/nulled/{name}")
        record["site"] = record["site"] or host_of(record["url"])
        return ordered(record)

    def _drop(self, reason: str, source: dict) -> None:
        self.stats.inc_value(f"dropped/{reason}")
        raise DropItem(f"{reason}: {source.get('url')!r}")
