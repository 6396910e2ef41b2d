"""The descriptive fields of a record: description, section, tags, image, language, site."""

from __future__ import annotations

import re

from .document import Document, normalize_space, text_of
from .regions import in_noise_region
from .structured import StructuredData
from .urls import absolute

TAG_SELECTORS = (".jeg_post_tags a", ".post-tags a", ".article-tags a", ".tags a", ".tag-list a", ".entry-tags a", ".td-tags a",
                 ".read__tagging a", ".detail__body-tag a", ".tagcloud a", "a[rel=tag]", ".tag a", ".topik a")
BREADCRUMB_SELECTORS = (".breadcrumb a", ".breadcrumbs a", ".jeg_breadcrumbs a", ".td-crumb-container a",
                        "[itemtype*=BreadcrumbList] [itemprop=name]", ".breadcrumb li", ".entry-crumbs a")
_ID_WORDS = frozenset("yang dan di dengan untuk ini itu dari dalam pada tidak akan juga ke kepada oleh karena telah sudah".split())
_EN_WORDS = frozenset("the and of to in that is for with on was as by it from at are be this".split())


def description(doc: Document, sd: StructuredData) -> str | None:
    value = doc.meta_first("og:description", "description", "twitter:description") or sd.description
    value = normalize_space(value or "")
    return value or None


def section(doc: Document, sd: StructuredData, title: str | None) -> str | None:
    value = doc.meta_first("article:section") or sd.section
    if value:
        return normalize_space(value)
    crumbs = []
    for sel in BREADCRUMB_SELECTORS:
        crumbs = [text_of(el) for el in doc.select(sel)]
        if crumbs:
            break
    crumbs = [c for c in crumbs if c and c.lower() not in ("home", "beranda", "index", "berita")
              and (not title or c.lower() != title.lower()) and len(c) < 40]
    return crumbs[-1] if crumbs else None


def tags(doc: Document, sd: StructuredData) -> list[str]:
    for sel in TAG_SELECTORS:
        els = [el for el in doc.select(sel) if not in_noise_region(el)]
        values = [text_of(el).lstrip("#").strip() for el in els]
        values = [v for v in values if v and len(v) < 60]
        if values:
            return list(dict.fromkeys(values))
    values = doc.meta.get("article:tag") or sd.keywords or _split_keywords(doc.meta_first("news_keywords", "keywords"))
    return list(dict.fromkeys(normalize_space(v) for v in values if v and len(v) < 60))


def _split_keywords(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def image(doc: Document, sd: StructuredData, url: str) -> str | None:
    value = doc.meta_first("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src") or sd.image
    return absolute(value, url) if value else None


def language(doc: Document, sd: StructuredData, body: str) -> str | None:
    """Two-letter language: the text's own words decide between Indonesian and English, else markup."""
    sample = re.findall(r"[a-z]+", body[:3000].lower())
    if len(sample) >= 30:
        ind = sum(1 for w in sample if w in _ID_WORDS)
        eng = sum(1 for w in sample if w in _EN_WORDS)
        if ind >= 3 and ind > eng:
            return "id"
        if eng >= 3 and eng > ind * 2:
            return "en"
    declared = doc.root.get("lang") or doc.meta_first("og:locale", "content-language", "language") or sd.language
    if declared:
        code = declared.strip().lower().replace("_", "-").split("-")[0]
        if code == "in":
            return "id"
        if re.fullmatch(r"[a-z]{2,3}", code):
            return code
    return None


#: Zones of the countries whose sites this crawler meets besides Indonesia's (declared language -> zone).
_UTC = "UTC"


def site_zone(host: str, doc: Document, sd: StructuredData, title: str | None) -> str:
    """The zone a page's zone-less dates are read in, and UTC metadata is shown in, when no profile says.

    Indonesian sites (a ``.id`` host, or Indonesian declared or written) use Asia/Jakarta, the
    product's default; a page that declares another language keeps UTC, so a foreign page's
    UTC metadata is not shifted into Jakarta's day; so does an undeclared page written in
    another script."""
    if host.endswith(".id"):
        return "Asia/Jakarta"
    # What the page is written in beats what it declares (Indonesian portals ship lang="en" templates).
    sample = " ".join(filter(None, (title, doc.meta_first("description", "og:description")))).lower()
    words = re.findall(r"[a-z]+", sample)
    ind = sum(1 for w in words if w in _ID_WORDS)
    eng = sum(1 for w in words if w in _EN_WORDS)
    if ind >= 1 and ind > eng:
        return "Asia/Jakarta"
    declared = doc.root.get("lang") or doc.meta_first("og:locale", "content-language", "language") or sd.language
    if declared:
        code = declared.strip().lower().replace("_", "-").split("-")[0]
        return "Asia/Jakarta" if code in ("id", "in", "ms", "jv", "su") else _UTC
    if eng >= 2 or _mostly_other_script(sample):
        return _UTC  # English, or Arabic, Chinese, Cyrillic...: not an Indonesian page
    return "Asia/Jakarta"


def _mostly_other_script(text: str) -> bool:
    """Most letters of the text are not Latin (Indonesian is written in Latin letters)."""
    letters = [c for c in text if c.isalpha()]
    other = sum(1 for c in letters if ord(c) > 0x24F)
    return len(letters) >= 4 and other * 2 > len(letters)
