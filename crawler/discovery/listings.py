"""Listing pages (home, section, index): the article teasers, the other links, the next page.

A teaser is an article link with the date its card shows, if any. A card is
the largest element around the link that holds no link to another article
(``<article class="post">``, ``<li>``, ``<div class="media-item">``...); the
first full date in its text (:func:`~crawler.extraction.dates.find_date`) is
the teaser's date.

The next page is the link to this listing's page number + 1 (``/page/N/``,
``?page=N``, ``?paged=N``), else a ``rel=next`` or "Selanjutnya"/"Next"/"»"
link. When the pagination block around that link shows no page number above
the current one, this is the last page (many themes keep "next" on it), and
there is no next page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from crawler.extraction.dates import JAKARTA, find_date
from crawler.extraction.urls import absolute

from .window import DateHint

PAGE_PARAMS = frozenset({"page", "paged", "halaman", "hal", "pg"})
_PAGE_PATH = re.compile(r"/page/(\d{1,5})/?$", re.I)
_NEXT_TEXT = re.compile(
    r"^\W*(?:(?:halaman\s+)?(?:selanjutnya|berikutnya)|next(?:\s+page)?|older(?:\s+posts)?|lebih\s+lama|[»›]+|>>?)\W*$",
    re.I,
)
#: How far up from the next-page link to look for the pagination block's page numbers.
_BLOCK_LEVELS = 2


@dataclass(frozen=True)
class Teaser:
    url: str        # as returned by the caller's ``article_url``
    hint: DateHint  # the date shown in the teaser's card (empty when none)


@dataclass(frozen=True)
class Listing:
    teasers: list[Teaser]   # article links, in page order, one per URL
    links: list[str]        # every other link (absolute), in page order, one per URL
    next_url: str | None    # the next page of this listing


def page_of(url: str) -> tuple[str, int]:
    """(the listing's URL without its page number, the page number; 1 when none)."""
    parts = urlsplit(url)
    path, page = parts.path, 1
    if m := _PAGE_PATH.search(path):
        path, page = path[: m.start()] + "/", int(m[1])
    query = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key.lower() in PAGE_PARAMS and value.isdigit():
            page = int(value)
        else:
            query.append((key, value))
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, urlencode(query), "")), page


def read_listing(root, page_url: str, *, article_url: Callable[[str], str | None],
                 tz: str | tzinfo | None = JAKARTA) -> Listing:
    """Read a listing page (an lxml HTML root) fetched from ``page_url``.

    ``article_url`` maps an absolute link to the article URL to crawl (canonical), or None
    when the link is not an article of the site.
    """
    anchors: list[tuple[object, str, str | None]] = []  # (element, absolute href, article URL)
    for a in root.iter("a"):
        href = absolute(a.get("href"), page_url)
        if href and href.startswith(("http://", "https://")):
            anchors.append((a, href, article_url(href)))
    return Listing(_teasers(anchors, tz), _other_links(anchors), _next_page(root, anchors, page_url))


def _teasers(anchors, tz) -> list[Teaser]:
    articles = [(a, url) for a, _, url in anchors if url]
    # Each element's distinct article URLs below it, up to two (two means: not one card). An element
    # that already holds two has ancestors that hold two as well: the walk up stops there.
    below: dict[object, set[str]] = {}
    for a, url in articles:
        for el in (a, *a.iterancestors()):
            urls = below.setdefault(el, set())
            if len(urls) >= 2:
                break
            urls.add(url)
    hints: dict[str, DateHint] = {}
    for a, url in articles:
        card = a
        for el in a.iterancestors():
            if len(below[el]) > 1:
                break
            card = el
        hint = hints.get(url, DateHint())
        if hint == DateHint():
            hint = DateHint.from_published(find_date(" ".join(card.itertext()), tz=tz))
        hints[url] = hint
    return [Teaser(url, hint) for url, hint in hints.items()]


def _other_links(anchors) -> list[str]:
    return list(dict.fromkeys(href for _, href, url in anchors if not url))


def _next_page(root, anchors, page_url: str) -> str | None:
    listing, current = page_of(page_url)
    # page_of keeps the path but for a trailing /page/N/: a link to another page of this listing holds
    # the listing's path (a cheap test first; most links on a page fail it)
    path = urlsplit(listing).path
    candidates = [(a, href) for a, href, url in anchors
                  if not url and path in href and page_of(href) == (listing, current + 1)]
    if not candidates:
        candidates = [(a, href) for a, href, url in anchors
                      if not url and href != page_url and ("next" in (a.get("rel") or "").lower().split()
                                                           or _NEXT_TEXT.match(" ".join(a.itertext()).strip()))]
    if candidates:
        anchor, href = candidates[0]
        return None if _is_last_page(anchor, current) else href
    for link in root.iter("link"):
        if "next" in (link.get("rel") or "").lower().split():
            return absolute(link.get("href"), page_url)
    return None


def _is_last_page(anchor, current: int) -> bool:
    """True when the pagination block around the next link shows no page number above ``current``."""
    block = anchor
    for _ in range(_BLOCK_LEVELS):
        block = block.getparent()
        if block is None:
            return False
        numbers = [int(text) for el in block.iter() if (text := (el.text or "").strip()).isdigit()]
        if numbers:
            return max(numbers) <= current
    return False
