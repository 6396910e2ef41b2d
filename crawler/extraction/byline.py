"""Locate the byline on a page and decide the author, co-authors and editor.

Sources, most trusted first: the visible byline (profile selector, CMS
convention, a labelled line such as ``Penulis:`` or ``Name - site`` near the
headline or at the end of the body, a link to the author's archive page
``/author/<slug>/`` next to the headline), then JSON-LD authors, then
``meta name=author`` and Yoast's ``twitter:label1``/``twitter:data1`` pair
(``Ditulis oleh``). A visible person beats metadata (JSON-LD often names an
uploader, ``meta author`` a developer); an institution (``Redaksi``, the
outlet) is used only when no person is named anywhere. The layers after the
CMS selectors need no class name, so an unknown theme still gets its byline.
"""

from __future__ import annotations

import re

from lxml import etree
from dataclasses import dataclass, field

from .authors import is_institution, is_junk_name, looks_like_person, parse_byline
from .dates import WEEKDAY_RE
from .document import Document, text_lines, text_of
from .patterns import AUTHOR_LABELS, AUTHOR_SELECTORS, EDITOR_LABELS, SOURCE_LABELS
from .regions import in_noise_region
from .structured import StructuredData

_LABELLED_AUTHOR = re.compile(rf"^\s*{AUTHOR_LABELS}\s*[:\-–—]", re.I)
_LABELLED = re.compile(rf"^\s*(?:{AUTHOR_LABELS}|{EDITOR_LABELS}|{SOURCE_LABELS})\s*[:\-–—]", re.I)
#: ``<b>Name</b> | Jum'at, 17 Februari 2017 - 13:30 wib`` (okezone and many small CMSes): a name, a bar, a date.
_NAME_BAR_DATE = re.compile(rf"^[A-Z][\w.'’ ]{{2,50}}\s*\|\s*(?:{WEEKDAY_RE}|\d)", re.I)
_BAR_DATE = re.compile(rf"^\s*\|\s*(?:{WEEKDAY_RE}|\d{{1,2}}\s)", re.I)
_SIGNOFF = re.compile(r"^[A-Z][A-Z.'’ ]{3,40}$")
_EDITOR_CONTEXT = re.compile(rf"^\s*{EDITOR_LABELS}\s*[:\-–—]", re.I)
_NAME_DASH_SITE = re.compile(r"^[A-Z][\w.' ]{2,50}\s+[-–—]\s+[\w.]+$")
#: The tail of ``<strong>Name</strong> - detikInet``: a dash and one site token.
_DASH_SITE_TAIL = re.compile(r"^\s*[-–—]\s+[\w.]+\s*$")
#: The path of a link to an author's archive page (WordPress ``/author/<slug>/`` and its local variants).
_AUTHOR_ARCHIVE = re.compile(r"/(?:author|penulis|reporter|wartawan|kontributor|writer)/[\w.%-]+/?$", re.I)
#: Yoast's reading-time labels name the author in ``twitter:label1`` / ``twitter:data1``.
_WRITTEN_BY = re.compile(r"^\s*(?:ditulis oleh|written by|penulis|oleh)\s*$", re.I)


@dataclass
class Authorship:
    author: str | None = None
    authors: list[str] = field(default_factory=list)
    editor: str | None = None
    source: str = ""


def _in_noise(el) -> bool:
    return in_noise_region(el, allow=("author",))


def _editor_context(el) -> str | None:
    """The parent's text when the element is the name in an ``Editor: <a>X</a>`` line."""
    parent = el.getparent()
    if parent is None:
        return None
    text = text_of(parent)
    if _EDITOR_CONTEXT.match(text) and not _LABELLED_AUTHOR.match(text):
        return text
    return None


def _selector_bylines(doc: Document, selectors) -> tuple[list[tuple[str, object]], list[str]]:
    """Byline elements of the first selector that finds one, and editor lines met on the way."""
    out, editor_lines = [], []
    for sel in selectors:
        for el in doc.select(sel)[:3]:
            if _in_noise(el):
                continue
            text = text_of(el)
            if not text or len(text) > 200:
                continue
            context = _editor_context(el)
            if context:
                editor_lines.append(context)
                continue
            out.append((sel, el))
        if out:
            break
    return out, editor_lines


_ROLE_ONLY = re.compile(rf"^\s*(?P<role>{AUTHOR_LABELS}|{EDITOR_LABELS})\s*:?\s*$", re.I)
# The page's non-blank text nodes, listed by XPath (in C): most text nodes are the blank ones between
# tags. The length limits are then tested in Python; as XPath predicates (string-length(...) > 2 and
# < 400) they read every node's text twice more and made the pass twice as slow. "/descendant::text()"
# selects the nodes of "//text()", in the same order, for less: libxml2 evaluates "//" as a child
# step from every node of the tree.
_VISIBLE_TEXTS = etree.XPath("/descendant::text()[normalize-space()]")
_XML_SPACE = " \t\n\r"  # the white space of XPath's normalize-space


def _short_texts(root) -> list:
    """Text nodes under 400 characters holding more than 2 once white space is collapsed (XPath's
    normalize-space), in document order."""
    # (a stripped text longer than 2 characters stays longer than 2 when its inner runs collapse)
    return [t for t in _VISIBLE_TEXTS(root) if len(t) < 400 and len(t.strip(_XML_SPACE)) > 2]


def _role_texts(texts) -> list:
    return [t for t in texts if len(t) < 40 and _ROLE_ONLY.match(t)]


def _label_texts(texts) -> list:
    # every pattern needs a colon, a dash or a bar: a substring test spares the regexes most texts
    return [t for t in texts if (":" in t or "-" in t or "|" in t or "\u2013" in t or "\u2014" in t)
            and (_LABELLED.match(t) or _NAME_DASH_SITE.match(t.strip())
                 or (t.is_tail and (_BAR_DATE.match(t) or _DASH_SITE_TAIL.match(t))))]
_INLINE = frozenset("b strong span em i a small label font u".split())


def _element_of(text_node):
    el = text_node.getparent()
    if el is not None and text_node.is_tail:
        el = el.getparent()
    return el


def _role_lists(texts) -> list[str]:
    """Credit lists where a role item is followed by name items (``<li>Editor</li><li>Name</li>``).

    ``texts`` are the page's short text nodes (:func:`_short_texts`). Returned as labelled
    lines (``Editor: Name``) for :func:`parse_byline`."""
    lines = []
    for node in _role_texts(texts):
        el = _element_of(node)
        tail = re.match(r"^\s*:\s*(\S.{1,60}?)\s*$", el.tail or "") if el is not None and not node.is_tail else None
        if tail:  # <strong>Editor</strong> : Name<br>
            lines.append(f"{node.strip()}: {tail.group(1)}")
            continue
        while el is not None and el.tag in _INLINE and el.getparent() is not None and not text_of(el.getnext()):
            el = el.getparent()  # <li><span>Editor</span></li>: the list item is the unit
        if el is None or len(el) > 2:
            continue
        m = _ROLE_ONLY.match(text_of(el))
        if not m or _in_noise(el):
            continue
        names = []
        sib = el.getnext()
        while sib is not None and len(names) < 4:
            name = text_of(sib)
            if not name or _ROLE_ONLY.match(name):
                break
            names.append(name.lstrip(": "))
            sib = sib.getnext()
        if names and all(len(n) < 60 for n in names):
            lines.append(f"{m.group('role')}: {', '.join(names)}")
    return lines


def _headline_scope(title_el):
    """The headline's neighbourhood: up to three levels above its parent, below ``<body>``."""
    scope = title_el.getparent() if title_el is not None else None
    for _ in range(3):
        if scope is None or scope.getparent() is None or scope.tag == "body":
            break
        scope = scope.getparent()
    return scope


def _labelled_lines(texts, title_el) -> list[str]:
    """Short lines that start with a byline label (or read ``Name - SITE``) near the headline
    (``texts``: the page's short text nodes, :func:`_short_texts`)."""
    scope = _headline_scope(title_el)
    lines = []
    for node in _label_texts(texts):
        el = _element_of(node)
        if el is None:
            continue
        if scope is not None and scope is not el and scope not in el.iterancestors():
            continue
        if _in_noise(el):
            continue
        parent = el.getparent()
        candidates = [el]
        if el.tag in _INLINE and parent is not None:
            candidates.insert(0, parent)  # <p><b>Penulis:</b> Budi</p>: the whole line first
        for cand in candidates:
            text = text_of(cand)
            if 4 < len(text) < 200 and (_LABELLED.match(text) or _NAME_DASH_SITE.match(text) or _NAME_BAR_DATE.match(text)):
                lines.append(text_lines(cand))  # keep <br> line breaks: "Pewarta: X<br>Editor: Y"
                break
    return lines


def _archive_links(title_el) -> list[str]:
    """Texts of links to author archive pages (:data:`_AUTHOR_ARCHIVE`) next to the headline: in its
    parent, else its grandparent (the first two names). A wider block may hold a sidebar whose recent
    posts link to other writers; a page without a headline has no place for a byline to be near."""
    scope = title_el
    for _ in range(2):
        scope = scope.getparent() if scope is not None else None
        if scope is None or scope.tag == "body":
            return []
        names = []
        for a in scope.iter("a"):
            href = a.get("href") or ""
            if "/" in href and _AUTHOR_ARCHIVE.search(href.split("?", 1)[0].split("#", 1)[0]) and not _in_noise(a):
                text = text_of(a)
                if text and len(text) < 80 and text not in names:
                    names.append(text)
                    if len(names) == 2:
                        break
        if names:
            return names
    return []


def _yoast_author(doc: Document) -> str | None:
    """The name Yoast's ``twitter:label1``/``twitter:data1`` pair gives as the writer (``Ditulis oleh``)."""
    for n in (1, 2):
        label = doc.meta.get(f"twitter:label{n}", ())
        data = doc.meta.get(f"twitter:data{n}", ())
        if label and data and _WRITTEN_BY.match(label[0]):
            return data[0]
    return None


def resolve_authors(doc: Document, sd: StructuredData, *, title_el=None, extra_selectors: tuple[str, ...] = (),
                    site_names: tuple[str, ...] = ()) -> tuple[Authorship, list]:
    """Decide the authorship; also returns the byline elements (so the body can exclude them)."""
    persons: list[str] = []
    institutions: list[str] = []
    editor: str | None = None
    source = ""
    found_els = []
    bylines, editor_lines = _selector_bylines(doc, (*extra_selectors, *AUTHOR_SELECTORS))
    for line in editor_lines:
        editor = editor or parse_byline(line, site_names).editor
    for sel, el in bylines:
        b = parse_byline(text_of(el), site_names)
        found_els.append(el)
        editor = editor or b.editor
        for p in b.authors:
            if p not in persons:
                persons.append(p)
        institutions.extend(b.institutions)
        source = source or f"css:{sel}"
    if not persons or editor is None:
        texts = _short_texts(doc.root)  # one XPath pass for both kinds of lines
        for line in (*_labelled_lines(texts, title_el), *_role_lists(texts)):
            b = parse_byline(line, site_names)
            editor = editor or b.editor
            if not persons and b.authors:
                persons.extend(b.authors)
                source = "label"
            institutions.extend(b.institutions)
    if not persons:
        for name in _archive_links(title_el):
            b = parse_byline(name, site_names)
            persons.extend(p for p in b.authors if p not in persons)
            if persons:
                source = "author-link"
    if not persons:
        for name in sd.authors:
            b = parse_byline(name, site_names)
            # JSON-LD often names the desk editor; the visible credit line is the truth
            persons.extend(p for p in b.authors if p not in persons and p != editor)
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
    if not persons and (name := _yoast_author(doc)) and not is_junk_name(name):
        b = parse_byline(name, site_names)
        persons.extend(b.authors)
        institutions.extend(b.institutions)
        source = "meta:twitter:data"
    persons = [p for p in persons if not is_institution(p, site_names) and looks_like_person(p)]
    if editor and editor in persons and len(persons) > 1:
        persons.remove(editor)
    if persons:
        return Authorship(persons[0], persons, editor, source), found_els
    if institutions:
        return Authorship(institutions[0], [], editor, source or "institution"), found_els
    return Authorship(None, [], editor, ""), found_els


def signoff_author(body: str) -> str | None:
    """A reporter signing off in capitals as the body's last line (Tempo style: ``DINI TEJA``)."""
    last = body.rsplit("\n\n", 1)[-1].strip() if body else ""
    if _SIGNOFF.match(last) and 1 <= len(last.split()) <= 4 and looks_like_person(last.title()):
        return last.title()
    return None
