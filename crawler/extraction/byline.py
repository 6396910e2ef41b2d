"""Locate the byline on a page and decide the author, co-authors and editor.

Sources, most trusted first: the visible byline (profile selector, CMS
convention, a labelled line such as ``Penulis:`` near the headline or at the end
of the body), then JSON-LD authors, then ``meta name=author``. A visible
person beats metadata (JSON-LD often names an uploader, ``meta author`` a
developer); an institution (``Redaksi``, the outlet) is used only when no
person is named anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .authors import Byline, is_institution, is_junk_name, looks_like_person, parse_byline
from .document import Document, text_of
from .patterns import AUTHOR_LABELS, AUTHOR_SELECTORS, EDITOR_LABELS, NEGATIVE_REGION
from .structured import StructuredData

_LABELLED = re.compile(rf"^\s*(?:{AUTHOR_LABELS}|{EDITOR_LABELS})\s*[:\-–—]", re.I)
_NAME_DASH_SITE = re.compile(r"^[A-Z][\w.' ]{2,50}\s+[-–—]\s+[\w.]+$")


@dataclass
class Authorship:
    author: str | None = None
    authors: list[str] = field(default_factory=list)
    editor: str | None = None
    source: str = ""


def _in_noise(el) -> bool:
    for anc in el.iterancestors():
        cls = f"{anc.get('class') or ''} {anc.get('id') or ''}"
        if anc.tag in ("aside", "footer", "nav") or (cls.strip() and NEGATIVE_REGION.search(cls)
                                                     and "author" not in cls.lower()):
            return True
    return False


def _selector_bylines(doc: Document, selectors) -> list[tuple[str, Byline]]:
    out = []
    for sel in selectors:
        for el in doc.select(sel)[:3]:
            if _in_noise(el):
                continue
            text = text_of(el)
            if not text or len(text) > 200:
                continue
            out.append((sel, el))
        if out:
            break
    return out


def _labelled_lines(doc: Document, title_el, body_el_texts: list[str]) -> list[str]:
    """Short lines that start with a byline label, near the headline or at the body's end."""
    lines = []
    scope = title_el.getparent() if title_el is not None else None
    for _ in range(3):
        if scope is None or scope.getparent() is None or scope.tag == "body":
            break
        scope = scope.getparent()
    candidates = []
    if scope is not None:
        candidates = [el for el in scope.iter("p", "div", "span", "strong", "b", "small", "li") if len(el) <= 6]
    for el in candidates:
        text = text_of(el)
        if 4 < len(text) < 160 and (_LABELLED.match(text) or _NAME_DASH_SITE.match(text)) and not _in_noise(el):
            lines.append(text)
    lines.extend(t for t in body_el_texts if len(t) < 160 and _LABELLED.match(t))
    return lines


def resolve_authors(doc: Document, sd: StructuredData, *, title_el=None, extra_selectors: tuple[str, ...] = (),
                    site_names: tuple[str, ...] = (), body_tail: list[str] | None = None) -> tuple[Authorship, list]:
    """Decide the authorship; also returns the byline elements (so the body can exclude them)."""
    persons: list[str] = []
    institutions: list[str] = []
    editor: str | None = None
    source = ""
    found_els = []
    for sel, el in _selector_bylines(doc, (*extra_selectors, *AUTHOR_SELECTORS)):
        b = parse_byline(text_of(el), site_names)
        found_els.append(el)
        editor = editor or b.editor
        for p in b.authors:
            if p not in persons:
                persons.append(p)
        institutions.extend(b.institutions)
        source = source or f"css:{sel}"
    if not persons or editor is None:
        for line in _labelled_lines(doc, title_el, body_tail or []):
            b = parse_byline(line, site_names)
            editor = editor or b.editor
            if not persons and b.authors:
                persons.extend(b.authors)
                source = "label"
            institutions.extend(b.institutions)
    if not persons:
        for name in sd.authors:
            b = parse_byline(name, site_names)
            persons.extend(p for p in b.authors if p not in persons)
            institutions.extend(b.institutions)
        if persons:
            source = "jsonld"
    if not persons:
        for key in ("author", "article:author", "dc.creator", "twitter:creator", "parsely-author", "sailthru.author"):
            for value in doc.meta.get(key, ())[:2]:
                if value.startswith(("http", "@")) or is_junk_name(value):
                    continue
                b = parse_byline(value, site_names)
                persons.extend(p for p in b.authors if p not in persons)
                institutions.extend(b.institutions)
            if persons:
                source = f"meta:{key}"
                break
    persons = [p for p in persons if not is_institution(p, site_names) and looks_like_person(p)]
    if editor and editor in persons and len(persons) > 1:
        persons.remove(editor)
    if persons:
        return Authorship(persons[0], persons, editor, source), found_els
    if institutions:
        return Authorship(institutions[0], [], editor, source or "institution"), found_els
    return Authorship(None, [], editor, ""), found_els
