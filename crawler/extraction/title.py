"""Headline: the title as the page shows it, cross-checked against its metadata.

The visible headline (profile selector, then CMS conventions, then any ``h1``)
wins when it agrees with ``og:title``/JSON-LD ``headline``/``<title>``; an
``h1`` that is only the section name does not agree, so the metadata title,
stripped of its `` | Site`` / `` - Site`` suffix, is used instead.
"""

from __future__ import annotations

import re

from lxml import etree

from .document import Document, normalize_space, text_of
from .patterns import TITLE_SELECTORS, WEAK_TITLE_SELECTORS
from .structured import StructuredData

_WORD = re.compile(r"\w+", re.U)
_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|»|·|•|/)\s+|\s*\|\s*")
# The first <title> below the root, as root.find(".//title") but without its cost: lxml's find and
# iter(tag) look ahead for a second match, walking the whole tree; libxml2 stops at the first here.
_FIRST_TITLE = etree.XPath("descendant::title[1]")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def agreement(a: str, b: str) -> float:
    """Shared words over the longer text's words (0..1)."""
    return _word_agreement(set(words(a)), set(words(b)))


def _word_agreement(wa: set[str], wb: set[str]) -> float:
    """:func:`agreement` of two texts' word sets."""
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / max(len(wa), len(wb))


def strip_site_suffix(title: str, site_names: tuple[str, ...] = (), host: str = "") -> str:
    """Drop `` | Site`` / `` - Site`` / ``Site - `` parts that name the outlet."""
    title = normalize_space(title)
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    host_key = re.sub(r"^www\.", "", host.lower())
    names = {re.sub(r"[^a-z0-9]", "", n.lower()) for n in site_names if n}
    host_labels = {l for l in host_key.split(".") if len(l) > 2 and l not in ("com", "www", "co", "net", "org")}

    def is_site(part: str) -> bool:
        key = re.sub(r"[^a-z0-9]", "", part.lower())
        if not key:
            return True
        if key in names or any(key and (key in n or n in key) for n in names if len(n) > 3):
            return True
        if key.replace("com", "").replace("coid", "") in {l.replace("-", "") for l in host_labels}:
            return True
        if any(l.replace("-", "") in key for l in host_labels if len(l) > 4):
            return len(part.split()) <= 4
        return bool(re.search(r"\.(?:com|co\.id|id|net|org)\b", part.lower())) and len(part.split()) <= 3

    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
    return normalize_space(" - ".join(parts)) if len(parts) > 1 else parts[0]


def _is_prefix_title(headline: str, meta_title: str) -> bool:
    """``Sumur Warga Kering`` vs ``Sumur Warga Kering | Kabar Tapal Kuda Hari Ini``: the metadata title is
    the headline followed by a separator and the site name."""
    h, m = normalize_space(headline).lower(), normalize_space(meta_title).lower()
    return len(words(h)) >= 2 and m.startswith(h) and bool(_SEPARATORS.match(m[len(h):] + " "))


def extract_title(doc: Document, sd: StructuredData, extra_selectors: tuple[str, ...] = (),
                  site_names: tuple[str, ...] = (), host: str = "") -> tuple[str | None, object]:
    """The headline and the element it was read from (``None`` for metadata)."""
    meta_titles = [t for t in (doc.meta_first("og:title"), sd.headline, doc.meta_first("twitter:title")) if t]
    title_tags = _FIRST_TITLE(doc.root)
    tag_text = text_of(title_tags[0]) if title_tags else ""
    if tag_text:
        meta_titles.append(tag_text)
    bare_titles = None  # the metadata titles without the site's name (for weak candidates and the fallback)
    bare_words: list[set[str]] = []
    seen = set()
    selectors = (*extra_selectors, *TITLE_SELECTORS, *WEAK_TITLE_SELECTORS)
    for sel in selectors:
        weak = sel in WEAK_TITLE_SELECTORS
        if weak and not meta_titles:
            break
        for el in doc.select(sel)[: 12 if weak else 3]:
            if el in seen:
                continue
            seen.add(el)
            text = text_of(el)
            if not 3 <= len(text) <= 400:
                continue
            if extra_selectors and sel in extra_selectors:
                return text, el
            if weak:
                if bare_titles is None:  # (once, not per candidate: up to 24 of them)
                    bare_titles = [strip_site_suffix(m, site_names, host) for m in meta_titles]
                    bare_words = [set(words(t)) for t in bare_titles]
                text_words = set(words(text))
                if any(_word_agreement(text_words, w) >= 0.8 for w in bare_words):
                    return text, el
            elif meta_titles:
                if any(agreement(text, m) >= 0.5 or (len(text) > 20 and text.lower() in m.lower())
                       or _is_prefix_title(text, m) for m in meta_titles):
                    return text, el
            elif len(words(text)) >= 3:
                return text, el
    for cleaned in (bare_titles if bare_titles is not None
                    else (strip_site_suffix(m, site_names, host) for m in meta_titles)):
        if len(cleaned) >= 3:
            return cleaned, None
    return None, None
