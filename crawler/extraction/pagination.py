"""Multi-page articles: find the links to the article's following pages.

Recognises WordPress ``page-links`` (``/slug/2/``), ``?page=N`` / ``?p=N``
paging (tribun and most portals), ``Halaman N`` / ``Selanjutnya`` / ``Next``
links, and a single-page variant (``?page=all``, ``?single=1``,
``showpage=all``). Only links that stay on the same article path count, so a
listing's pagination is never mistaken for an article's.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from .document import Document, normalize_space, string_value
from .urls import absolute, clean_url

PAGINATION_SELECTORS = (
    ".page-links a", ".post-page-numbers", ".pagination a", ".paging a", ".halaman a", ".detail__long-nav a",
    ".read__paging a", ".paging-detail a", ".article-pagination a", ".pages a", ".multi-page a",
    ".pagination-article a", "a.next-page", "a[rel=next]",
)
_ALL = re.compile(r"[?&](?:page=all|showpage=all|single=1|view=all|halaman=all)\b", re.I)
#: Query parameters naming a page number, most specific first (WordPress ``?p=`` is a post id
#: when ``page`` is also present: ``?p=4521&page=2``).
_PAGE_PARAM = ("page", "halaman", "hal", "pg", "paged", "p")


def _query_page(query: str) -> int | None:
    params = {k.lower(): v for k, v in parse_qsl(query)}
    for key in _PAGE_PARAM:
        value = params.get(key)
        if value is not None:
            if key == "p" and len(params) == 1 and "page" not in params:
                return None  # a bare ?p=ID is a post, not a page
            return int(value) if value.isdigit() else None
    return None


#: A link text that reads as a page number or "next". It answers alike for a text and its
#: normalize_space: white space is only allowed where the pattern takes any run of it (before the
#: words, in ``\s*`` and ``\W*``). ``\s*+`` is possessive: no word starts with white space, so
#: retrying the words after each shorter run of it (the indentation of raw link texts) is pointless.
_NEXT_TEXT = re.compile(r"^\s*+(?:halaman\s*\d+|\d{1,2}|selanjutnya|berikutnya|next|lanjut|›|»|>)\W*$", re.I)


_XML_SPACE = re.compile(r"[ \t\n\r]+")


def _next_links(root) -> list:
    """Links whose visible text reads as a page number or "next" (``Selanjutnya``, ``2``, ``»``),
    in document order, among those with a short text (under 25 characters after XPath's
    ``normalize-space``). One pass over the links, each text read once; the length test, rarely
    needed, follows the match (an XPath filtering on the length computed it twice per link)."""
    out = []
    for top in (root, *root.itersiblings()):  # as XPath's //a: a second top-level <html> too
        for a in top.iter("a"):
            if a.get("href") is None:
                continue
            try:
                raw = string_value(a)
            except ValueError:  # (as text_of: an unreadable node has no text)
                continue
            # (an ASCII text is read as it is: only non-ASCII text can hold the zero-width
            # characters normalize_space drops, which the pattern does not skip)
            if (_NEXT_TEXT.match(raw if raw.isascii() else normalize_space(raw))
                    and 0 < len(_XML_SPACE.sub(" ", raw).strip(" ")) < 25):
                out.append(a)
    return out


def _page_number(url: str, base_path: str) -> int | None:
    parts = urlsplit(url)
    n = _query_page(parts.query)
    if n is not None:
        return n
    path = parts.path.rstrip("/")
    m = re.match(re.escape(base_path.rstrip("/")) + r"/(\d{1,3})$", path)
    if m:
        return int(m.group(1))
    return None


def _base(url: str) -> tuple[str, str, int]:
    """(host, article path without a page suffix, current page number)."""
    parts = urlsplit(url)
    path = parts.path
    m = re.match(r"^(.*?)/(\d{1,3})/?$", path)
    page = _query_page(parts.query) or 1
    if m and re.search(r"[a-z]-[a-z]", m.group(1).rsplit("/", 1)[-1] or ""):
        return parts.netloc, m.group(1), int(m.group(2))
    return parts.netloc, path, page


def find_pages(doc: Document, url: str) -> tuple[list[str], str | None]:
    """(URLs of the following pages in numeric order, single-page variant URL or None)."""
    host, base_path, current = _base(url)
    pages: dict[int, str] = {}
    all_url = None
    links = []
    for sel in PAGINATION_SELECTORS:
        links.extend(doc.select(sel))
    links.extend(_next_links(doc.root))
    for a in links:
        href = absolute(a.get("href"), url)
        if not href:
            continue
        parts = urlsplit(href)
        if parts.netloc != host:
            continue
        if _ALL.search(href) and parts.path.rstrip("/") == base_path.rstrip("/"):
            all_url = clean_url(href) if "page=all" not in href else href.split("#")[0]
            continue
        if not parts.path.rstrip("/").startswith(base_path.rstrip("/")):
            continue
        n = _page_number(href, base_path)
        if n and n > current and n < 200:
            pages.setdefault(n, href.split("#")[0])
    return [pages[n] for n in sorted(pages)], all_url
