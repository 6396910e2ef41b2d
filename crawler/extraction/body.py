"""Body text: find the article container, strip what is not the story, return paragraphs.

Two layers: the container named by a site profile or a known CMS convention
(:data:`~crawler.extraction.patterns.BODY_SELECTORS`), else the page region
that holds the most paragraph text for the least other text (a one-pass
density score over the tree). Inside the container, ads, captions, inserts and
calls to action are removed by selector and by text pattern; the rest is read
as blocks (paragraphs, sub-headings, list items, quotes), one per paragraph.
"""

from __future__ import annotations

import re
from itertools import chain
from typing import Iterable

from lxml import etree

from . import patterns as P
from .classify import is_listing_block, teaser_count
from .dates import DATE_RE, only_a_date
from .document import Document, normalize_space, text_of
from .element_index import css, selector_key
from .regions import comment_key, in_noise_region, noise_class, noise_key, region_key

BLOCK_TAGS = frozenset(
    "p div section article h1 h2 h3 h4 h5 h6 li ul ol blockquote pre table tbody thead tfoot tr td th dl dt dd "
    "figure header footer main aside center form address hr nav details summary".split()
)
# Junk selectors with a class/id/tag key are answered from the document's index; the few
# attribute-only ones ([id^=div-gpt-ad], [hidden]...) by one XPath over the container.
_JUNK_KEYED = tuple(s for s in P.BODY_JUNK_SELECTORS if selector_key(s) is not None)
_JUNK_ATTRIBUTE = ", ".join(s for s in P.BODY_JUNK_SELECTORS if selector_key(s) is None)
_MIN_CMS_TEXT = 150
#: A body class on one of these is a paragraph or a teaser, never the article container.
_NOT_CONTAINERS = frozenset("p span a h1 h2 h3 h4 h5 h6 li strong em b i img".split())
_SURE_CMS_TEXT = 600


def drop_invisible(root) -> None:
    """Remove elements that never carry visible article text (scripts, forms' widgets, media)."""
    etree.strip_elements(root, *P.DROP_TAGS, with_tail=False)


def _remove(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


# ------------------------------------------------------------- container

def find_container(doc: Document, extra_selectors: Iterable[str] = ()) -> tuple[list, str]:
    """The element(s) holding the article text and how they were found (``cms``/``heuristic``)."""
    small = None
    selectors = (*extra_selectors, *P.BODY_SELECTORS)
    for sel in selectors:
        found = [el for el in doc.select(sel) if el.tag not in _NOT_CONTAINERS and not in_noise_region(el)]
        if not found:
            continue
        found = [el for el in found if not any(a in found for a in el.iterancestors())]
        sized = [(len(_paragraph_text(el)), el) for el in found]
        good = [el for n, el in sized if n >= _MIN_CMS_TEXT]
        if not good:
            continue
        if sel == ".article-content-body__item-content" or sel in extra_selectors and len(good) > 1:
            return good, "cms"
        size, best = max(sized, key=lambda t: t[0])
        if size >= _SURE_CMS_TEXT or sel in extra_selectors:
            return [_narrowest(doc, best, size, selectors)], "cms"
        small = small or (size, best)  # short: a teaser may share the class; let the heuristic compete
    best = density_best(doc.root)
    if small is not None and (best is None or len(_paragraph_text(best)) < 2 * small[0]):
        return [small[1]], "cms"
    return ([best] if best is not None else []), "heuristic"


def _narrowest(doc: Document, container, size: int, selectors) -> object:
    """A wrapper class (``content-inner`` around Blogger's ``post-body``) gives way to a known
    body class inside it that holds most of the same text."""
    best = container
    for sel in selectors:
        for el in doc.select(sel):
            if el is not best and best in el.iterancestors() and len(_paragraph_text(el)) >= 0.7 * size:
                best = el
    return best


def _paragraph_text(el) -> str:
    parts = [text_of(p) for p in el.iter("p")]
    text = " ".join(t for t in parts if len(t) > 20)
    if len(text) < _MIN_CMS_TEXT:  # <br>-separated bodies (Blogger) have no <p>
        text = text_of(el)
    return text


#: A subtree this small that holds a linked sub-heading is a teaser card: its text is not story text.
_CARD_MAX_CHARS = 700
_HEADINGS = frozenset(("h2", "h3", "h4"))


_PARAGRAPH_TAGS = frozenset(("p", "pre", "blockquote", "td"))
#: Inline and row-level elements: they add to a candidate's text but are never the container themselves.
_NOT_CANDIDATES = frozenset(("p", "a", "span", "strong", "em", "b", "i", "li", "td", "tr"))


def density_best(root):
    """The element maximising (good paragraph text) - penalty x (everything else it holds).

    One post-order pass (iterative: page depth is unbounded). "Good" text is prose-like
    paragraph text with few links; teaser cards (a linked heading plus an excerpt), comment
    sections and noise regions contribute none.

    The tree is read in document order; an element is finished when the next one is not its
    descendant (leaves at once). Each element's class/id is read once (:func:`region_key`)."""
    body = root.find("body")
    if body is None:
        body = root
    best, best_score = None, 0.0
    # per open element: [element, tag, total, link, good, direct, linked_heading, in_comments, region key]
    stack: list[list] = []
    for el in chain(body.iter(), (None,)):  # None: the end, every open element is finished
        if el is not None:
            tag = el.tag
            if not isinstance(tag, str):
                continue
        parent_el = el.getparent() if el is not None and stack else None
        while stack and stack[-1][0] is not parent_el:
            done, done_tag, total, link, good, direct, linked_heading, in_comments, key = stack.pop()
            if done_tag == "a":
                link, good, linked_heading = total, 0.0, False
            else:
                if done_tag in _HEADINGS and link > 0:
                    linked_heading = True
                if in_comments or noise_key(key):  # never a candidate, never story text
                    good = 0.0
                else:
                    # a paragraph-like element contributes its inline text when it is prose-like
                    if done_tag in _PARAGRAPH_TAGS or (done_tag in BLOCK_TAGS and direct >= 60):
                        inline_link = link if done_tag == "p" else min(link, direct)
                        if direct >= 25 and inline_link / max(direct, 1) < 0.5:
                            good += direct - inline_link
                    if linked_heading and total < _CARD_MAX_CHARS:
                        good = 0.0  # a teaser card
                    if done_tag not in _NOT_CANDIDATES:
                        score = good - 0.35 * (total - good) - 0.5 * link
                        if score > best_score:
                            best, best_score = done, score
                    linked_heading = linked_heading and total < _CARD_MAX_CHARS
            if stack:
                _add_to_parent(stack[-1], done, done_tag, total, link, good, linked_heading)
        if el is None:
            break
        text = el.text
        own = len(text.strip()) if text else 0
        key = region_key(el)
        in_comments = (stack[-1][7] if stack else False) or comment_key(key)  # nothing under it is story
        if stack and not len(el):
            # a leaf, finished at once: no link text inside, its own text is all it holds
            total, good, link = float(own), 0.0, 0.0
            if tag == "a":
                link = total
            elif not (in_comments or noise_key(key)):
                if own >= 25 and (tag in _PARAGRAPH_TAGS or (tag in BLOCK_TAGS and own >= 60)):
                    good += own
                if tag not in _NOT_CANDIDATES:
                    score = good - 0.35 * (total - good) - 0.5 * link
                    if score > best_score:
                        best, best_score = el, score
            _add_to_parent(stack[-1], el, tag, total, link, good, False)
            continue
        stack.append([el, tag, float(own), 0.0, 0.0, own, False, in_comments, key])
    return best


def _add_to_parent(parent: list, el, tag: str, total: float, link: float, good: float, linked_heading: bool) -> None:
    """A finished element's share of its parent's figures in :func:`density_best`."""
    tail = el.tail
    tail = len(tail.strip()) if tail else 0
    parent[2] += total + tail
    parent[3] += link
    parent[5] += tail
    if linked_heading:
        parent[6] = True
    if tag in BLOCK_TAGS:
        parent[4] += good
    else:
        parent[5] += total  # inline text is the parent's own text; its "good" is counted there


# ---------------------------------------------------------------- blocks

def read_blocks(container) -> list[tuple[str, float]]:
    """Paragraphs of a cleaned container as (text, link_ratio).

    A paragraph is the text between two block boundaries (the start or end of a block
    element, a ``<br>``); one walk over the container (iterative: no depth limit)."""
    blocks: list[tuple[str, float]] = []
    buf: list[str] = []
    linked = 0  # characters of buf inside links
    links: list[bool] = []  # per open element: inside a link

    def flush() -> None:
        nonlocal linked
        text = normalize_space("".join(buf))
        if text:
            blocks.append((text, min(1.0, linked / max(len(text), 1))))
        buf.clear()
        linked = 0

    for event, el in etree.iterwalk(container, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if event == "start":
            link = (links[-1] if links else False) or tag == "a"
            links.append(link)
            if tag == "br" or tag in BLOCK_TAGS:
                if buf:  # (an empty buffer has nothing to flush: its link count is 0 too)
                    flush()
                if tag == "br":
                    continue
            text = el.text
            if text:
                buf.append(text)
                if link:
                    linked += len(text.strip())
            continue
        links.pop()
        if tag in BLOCK_TAGS and buf:
            flush()
        if el is not container:
            tail = el.tail
            if tail:
                buf.append(tail)
                if links and links[-1]:
                    linked += len(tail.strip())
    if buf:
        flush()
    return blocks


#: Blocks holding three or more teaser cards (article elements or linked sub-headings), outermost first.
_TEASER_LISTS = etree.XPath(
    ".//*[self::div or self::section or self::ul or self::ol or self::aside or self::table or self::article]"
    "[count(.//article) >= 3 or count(.//*[self::h2 or self::h3 or self::h4][.//a]) >= 3]")


def strip_junk(doc: Document, container, exclude: Iterable = ()) -> None:
    """Remove boilerplate subtrees inside the container (in place)."""
    inside = set(container.iter())
    inside.discard(container)
    for el in list(exclude):
        if el in inside:
            _remove(el)
    junk = [el for sel in _JUNK_KEYED for el in doc.select(sel) if el in inside]
    junk.extend(el for el in css(_JUNK_ATTRIBUTE)(container) if el is not container)
    for el in junk:
        _remove(el)
    for el in [el for el in container.iter() if el is not container and noise_class(el)]:
        _remove(el)
    if teaser_count(container) < 3:
        return  # (no block inside can hold three teasers: the XPath below would find nothing)
    total = len(text_of(container)) or 1
    for el in _TEASER_LISTS(container):
        if el.getparent() is not None and len(text_of(el)) < 0.5 * total:
            _remove(el)  # a related-posts or "more news" list inside the container (not the story itself)


def is_junk_paragraph(text: str) -> bool:
    low = text.lower().strip()
    if low in P.JUNK_EXACT:
        return True
    if len(text) >= 400:
        return False
    if P.JUNK_PARAGRAPH_ANCHORED.match(low) is not None:
        return True
    if any(word in low and rx.match(low) is not None for word, rx in P.JUNK_PARAGRAPH_SCANNING):
        return True
    if ("/" in text or ":" in text) and _mentions(low, text, P.CAPTION_WORDS) and P.CAPTION_PARAGRAPH.match(text):
        return True
    return (len(text) < 160 and _mentions(low, text, P.PHOTO_CREDIT_WORDS) and P.PHOTO_CREDIT.match(text) is not None
            and P.CREDIT_SHAPE.search(text) is not None)


#: Characters an IGNORECASE regex matches to an ASCII letter that ``str.lower()`` does not turn into
#: that letter (İ, dotless ı, long ſ, the Kelvin sign): a text holding one skips the word test.
_ODD_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")


def _mentions(low: str, text: str, words: tuple[str, ...]) -> bool:
    """False only when an IGNORECASE regex that needs one of ``words`` cannot match ``text``
    (``low`` is ``text.lower()``, possibly stripped): a substring test before a costly regex."""
    if not text.isascii() and any(ch in text for ch in _ODD_FOLDS):
        return True
    return any(word in low for word in words)


def clean_blocks(blocks: list[tuple[str, float]], title: str | None = None) -> list[str]:
    """Drop boilerplate paragraphs, link lists, repeats and the headline; keep datelines and initials."""
    out: list[str] = []
    seen: set[str] = set()
    title_key = normalize_space(title or "").lower()
    for text, link_ratio in blocks:
        if _mentions(text.lower(), text, P.INLINE_JUNK_WORDS):
            text = P.INLINE_JUNK.sub(" ", text)
        text = normalize_space(text)
        if not text:
            continue
        if is_junk_paragraph(text):
            continue
        if link_ratio > 0.6 and len(text) < 300:
            continue
        key = text.lower()
        if key == title_key or (len(key) >= 100 and key in seen):
            continue  # a long paragraph twice is a duplicated block; short ones (list items) may repeat
        if len(text) < 60 and len(out) >= 2 and P.SECTION_AFTER_STORY.match(text):
            break  # "Berita Lainnya:", "Tag Terkait": the story has ended
        if len(text) < 80 and only_a_date(text, zone_words=True) and _one_date(text):
            continue  # the dateline of the page's header, not a paragraph of the story
        seen.add(key)
        out.append(text)
    while out and is_trailer(out[-1]):
        out.pop()
    return out


def _one_date(text: str) -> bool:
    """Exactly one date in the text (``29 November 2018 | 20 January 2019`` is a range: content)."""
    return sum(1 for _ in DATE_RE.finditer(text)) == 1


_TRAILER = re.compile(
    r"^(?:\(?\s*(?:editor|redaktur|pewarta|reporter|penulis|sumber|foto|teks|penyunting|copyright)\s*[:|].{0,80}|"
    r"[A-Z][\w.' ]{1,40}\s*\|\s*[A-Z][\w.' ]{1,40})$",
    re.I,
)


def is_trailer(text: str) -> bool:
    return len(text) < 120 and _TRAILER.match(text) is not None


def extract_body(doc: Document, *, title: str | None = None, exclude: Iterable = (),
                 extra_selectors: Iterable[str] = (), extra_junk: Iterable[str] = ()) -> tuple[str, str, list]:
    """Article body as paragraphs joined by a blank line, the method used and the container(s).

    The method is ``cms``, ``heuristic``, or ``listing`` when the best block is a list of teasers
    (then the body is empty). Mutates ``doc``: call it after every other field has been read."""
    containers, method = find_container(doc, tuple(extra_selectors))
    if not containers:
        return "", method, containers
    if method == "heuristic" and is_listing_block(containers[0]):
        return "", "listing", containers
    paragraphs: list[str] = []
    junk = tuple(extra_junk)
    for container in containers:
        strip_junk(doc, container, exclude)
        doc.forget()
        for sel in junk:
            for el in doc.select(sel):
                if any(a is container for a in el.iterancestors()):
                    _remove(el)
        paragraphs.extend(clean_blocks(read_blocks(container), title))
    return "\n\n".join(paragraphs), method, containers
