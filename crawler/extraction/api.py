"""The extraction entry point: one page in, one article record (or the reason there is none) out.

``extract_article(html, url)`` is pure (no network, no global state besides
cached compiled patterns) and never raises: it is what the spiders, the
``python -m crawler extract`` command, the tests and the benchmarks call.
The layers run in this order: structured data -> CMS conventions and site
profile -> text heuristics; see the modules named in each step.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from . import body as body_mod
from .byline import Authorship, resolve_authors, signoff_author
from .classify import has_article_markup, is_gallery, kind_from_structured, kind_from_url
from .dates import find_date
from .document import Document, parse_page
from .metadata import description, image, language, section, site_zone, tags
from .pagination import find_pages
from .profiles import SiteProfile, profile_for
from .published import Dates, resolve_dates
from .record import ExtractionResult, ordered
from .structured import StructuredData, collect
from .title import extract_title
from .urls import canonical_url, host_of

logger = logging.getLogger(__name__)

#: Shorter bodies than this (characters) are not articles (photo pages, stubs, error pages).
MIN_BODY_CHARS = 200


def extract_article(html: bytes | str, url: str, *, profile: SiteProfile | None = None,
                    content_type: str | None = None, now: datetime | None = None,
                    min_body_chars: int = MIN_BODY_CHARS) -> ExtractionResult:
    """Extract the article of one page.

    ``html`` is the raw body (bytes are decoded with ``content_type``'s charset
    and the page's own declarations) and ``url`` the address it was fetched
    from. ``profile`` defaults to the site profile covering the URL's host.
    ``now`` resolves relative dates (``2 jam yang lalu``) and bounds future
    ones; pass the response's ``Date`` header when re-processing archives.
    ``min_body_chars`` is lowered for the later pages of a multi-page article,
    whose last part may be a short paragraph.
    """
    try:
        return _extract(html, url, profile, content_type, now, min_body_chars)
    except Exception as exc:  # the contract: a reason, never an exception
        logger.warning("extraction failed on %s: %r", url, exc, exc_info=logger.isEnabledFor(logging.DEBUG))
        return ExtractionResult(reason=f"error:{type(exc).__name__}")


def extract_dates(html: bytes | str, url: str, *, profile: SiteProfile | None = None,
                  content_type: str | None = None, now: datetime | None = None) -> Dates | None:
    """Only the date layer: the publication and modification dates of any page, article or not.

    What :func:`extract_article` would put in ``published``/``modified`` for an article;
    used where only dates matter (date benchmarks, feed and listing pages). Never raises."""
    try:
        page = _open(html, url, profile, content_type)
        if page is None:
            return None
        title, title_el = extract_title(page.doc, page.sd, page.profile.title, page.site_names, page.host)
        return _dates(page, title, title_el, now)
    except Exception as exc:
        logger.warning("date extraction failed on %s: %r", url, exc)
        return None


@dataclass
class _Page:
    """A parsed page and what every layer needs to know about it."""

    doc: Document
    sd: StructuredData
    record_url: str
    profile: SiteProfile
    host: str
    site_names: tuple[str, ...]


def _open(html, url, profile, content_type) -> _Page | None:
    """Decode and parse the page, read its structured data, find its URL and profile (None: nothing to parse)."""
    root = parse_page(html, content_type)
    if root is None:
        return None
    doc = Document(root, url)
    sd = collect(doc)  # reads JSON-LD scripts: before they are dropped
    body_mod.drop_invisible(doc.root)
    record_url = canonical_url(url, doc.link_href("canonical"), doc.meta_first("og:url"))
    profile = profile or profile_for(record_url)
    site_names = tuple(n for n in (*profile.site_names, doc.meta_first("og:site_name"), sd.publisher,
                                   doc.meta_first("application-name")) if n)
    return _Page(doc, sd, record_url, profile, host_of(record_url), site_names)


def _dates(page: _Page, title: str | None, title_el, now) -> Dates:
    return resolve_dates(page.doc, page.sd, title_el=title_el, extra_selectors=page.profile.date,
                         tz=page.profile.timezone or site_zone(page.host, page.doc, page.sd, title),
                         now=now, url=page.record_url)


def _extract(html, url, profile, content_type, now, min_body_chars) -> ExtractionResult:
    page = _open(html, url, profile, content_type)
    if page is None:
        return ExtractionResult(reason="not_article:empty")
    doc, sd, record_url, profile, host, site_names = (page.doc, page.sd, page.record_url, page.profile,
                                                        page.host, page.site_names)
    by_profile = profile.is_article_url(record_url)
    if by_profile is False:
        return ExtractionResult(reason="not_article:url_pattern")
    fetched = url if url.startswith(("http://", "https://")) else record_url  # a file or stdin has no URL of its own
    kind = None if by_profile else (kind_from_url(record_url) or kind_from_url(fetched) or kind_from_structured(sd))
    if kind:
        return ExtractionResult(reason=f"not_article:{kind}")

    title, title_el = extract_title(doc, sd, profile.title, site_names, host)
    if not title:
        return ExtractionResult(reason="not_article:no_title")
    authorship, byline_els = resolve_authors(doc, sd, title_el=title_el, extra_selectors=profile.author,
                                             site_names=site_names)
    dates = _dates(page, title, title_el, now)
    next_pages, all_pages = find_pages(doc, fetched)

    meta_description = description(doc, sd)
    meta_section = section(doc, sd, title)
    meta_tags = tags(doc, sd)
    meta_image = image(doc, sd, fetched)

    exclude = [el for el in (title_el, *byline_els) if el is not None]
    body_text, method, containers = body_mod.extract_body(
        doc, title=title, exclude=exclude, extra_selectors=profile.body, extra_junk=profile.remove)
    body_text = _drop_header_lines(body_text, authorship.authors, title)
    if authorship.author is None:
        signed = signoff_author(body_text)
        if signed:
            authorship = Authorship(signed, [signed], authorship.editor, "signoff")
    if method == "listing":
        return ExtractionResult(reason="not_article:listing")
    if is_gallery(record_url, body_text):
        return ExtractionResult(reason="not_article:gallery")
    if len(body_text) < min_body_chars:
        return ExtractionResult(reason="not_article:no_body")
    og_type = doc.meta_first("og:type")
    if dates.published is None and not has_article_markup(sd, og_type, record_url):
        return ExtractionResult(reason="not_article:no_date")

    record = {
        "url": record_url,
        "title": title,
        "author": authorship.author,
        "authors": authorship.authors,
        "editor": authorship.editor,
        "published": dates.published.isoformat() if dates.published else None,
        "modified": dates.modified.isoformat() if dates.modified else None,
        "body": body_text,
        "description": meta_description,
        "section": meta_section,
        "tags": meta_tags,
        "image": meta_image,
        "language": language(doc, sd, body_text),
        "site": host,
    }
    if dates.published is not None and dates.published.approximate:
        record["published_approximate"] = True
    return ExtractionResult(record=ordered(record), next_pages=next_pages, all_pages_url=all_pages)


def _drop_header_lines(body: str, authors: list[str], title: str) -> str:
    """Remove byline/date lines that a heuristic container picked up before the first paragraph."""
    paragraphs = body.split("\n\n") if body else []
    while paragraphs:
        first = paragraphs[0]
        if len(first) < 140 and (
            (find_date(first) is not None and len(first.split()) <= 14)
            or any(a and first.startswith(a) and len(first) < len(a) + 60 for a in authors)
        ):
            paragraphs.pop(0)
            continue
        break
    return "\n\n".join(paragraphs)
