"""Sitemaps: where they are, and what an index or a urlset lists.

Where: the ``Sitemap:`` lines of robots.txt, else the usual locations of
WordPress core, Yoast/Rank Math, Jetpack and news plugins
(:data:`CANDIDATE_PATHS`). What: :func:`parse_sitemap` reads a sitemap index
(child sitemaps with their ``lastmod``) or a urlset (URLs with ``lastmod``
and the Google News ``news:publication_date``), plain or gzip-compressed, with
Scrapy's own sitemap parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import tzinfo

from lxml.etree import XMLSyntaxError
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from crawler.extraction.dates import JAKARTA, parse_machine_date

from .window import DateHint

#: Probed in this order when robots.txt names no sitemap.
CANDIDATE_PATHS = ("/sitemap_index.xml", "/wp-sitemap.xml", "/sitemap.xml", "/news-sitemap.xml", "/post-sitemap.xml")

#: Child sitemaps that list taxonomy, author, page or media URLs, never posts.
NON_POST_SITEMAP = re.compile(
    r"(?:^|[/_-])(?:category|tag|post_tag|author|user|page|attachment|product|video|image)s?[-_]?sitemap"
    r"|wp-sitemap-(?:taxonomies|users)-|wp-sitemap-posts-page-",
    re.I,
)

GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class SitemapEntry:
    """One ``<sitemap>`` of an index or ``<url>`` of a urlset."""

    url: str
    hint: DateHint  # lastmod as ``modified``; a news publication date as ``published``


@dataclass(frozen=True)
class ParsedSitemap:
    is_index: bool
    entries: list[SitemapEntry]


def robots_sitemaps(robots_body: bytes, robots_url: str) -> list[str]:
    """The sitemap URLs that robots.txt names, without repeats."""
    return list(dict.fromkeys(sitemap_urls_from_robots(robots_body, base_url=robots_url)))


def candidate_sitemaps(origin: str) -> list[str]:
    """Sitemap URLs to probe on a site whose robots.txt names none."""
    return [origin + path for path in CANDIDATE_PATHS]


def lists_posts(sitemap_url: str) -> bool:
    """False for child sitemaps of taxonomies, authors, pages or media (by their name)."""
    return not NON_POST_SITEMAP.search(sitemap_url)


def sitemap_body(body: bytes, *, max_size: int = 0) -> bytes | None:
    """The XML of a sitemap response, gunzipped when the bytes are gzip (decided by the magic
    bytes: servers label ``.xml.gz`` as ``text/xml`` and decoded bodies as ``application/x-gzip``);
    None when the gzip data is broken or larger than ``max_size``."""
    if not body.startswith(GZIP_MAGIC):
        return body
    try:
        return gunzip(body, max_size=max_size)
    except (OSError, EOFError, ValueError):  # broken data; ValueError: over max_size
        return None


class _NewsSitemap(Sitemap):
    """Scrapy's sitemap parser, keeping the nested ``news:publication_date`` that it flattens away."""

    def _process_sitemap_element(self, elem):
        published = next((el.text for el in elem.iter("{*}publication_date") if el.text), None)
        entry = super()._process_sitemap_element(elem)
        if entry is not None and published:
            entry["publication_date"] = published.strip()
        return entry


def parse_sitemap(xml: bytes, *, tz: str | tzinfo | None = JAKARTA) -> ParsedSitemap | None:
    """The entries of a sitemap index or urlset; None when ``xml`` is neither (an HTML page)."""
    try:
        sitemap = _NewsSitemap(xml)
    except (XMLSyntaxError, StopIteration):  # empty or not XML at all
        return None
    if sitemap.type not in ("sitemapindex", "urlset"):
        return None
    entries = []
    for raw in sitemap:
        url = raw.get("loc", "").strip()
        if not url:
            continue
        hint = DateHint.from_published(parse_machine_date(raw.get("publication_date"), tz=tz)).merge(
            DateHint.from_modified(parse_machine_date(raw.get("lastmod"), tz=tz)))
        entries.append(SitemapEntry(url, hint))
    return ParsedSitemap(sitemap.type == "sitemapindex", entries)
