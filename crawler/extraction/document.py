"""Turn raw page bytes into a parsed document: charset decoding, lxml parsing, cached lookups.

Decoding trusts, in order: a byte-order mark, valid UTF-8 (even when the page
declares another charset, a frequent error of regional sites), the HTTP
``Content-Type`` charset, the ``<meta charset>`` declaration, then
cp1252 (undeclared legacy pages of Latin-script sites). Text that was decoded twice (``â€œ`` mojibake) is
repaired when it round-trips cleanly.
"""

from __future__ import annotations

import re
from typing import Iterable

from lxml import etree
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

from .element_index import ElementIndex, plan

_MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf]|\u00e2\u20ac[\u0080-\u00bf\u0153\u2122\u02dc\u201c\u201d\u2019\u0161\u00a6\u00a2\u00a0]")
# Characters lxml refuses in text (XML-incompatible): controls, surrogates, U+FFFE/U+FFFF.
_CTRL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

#: Pages larger than this are cut before parsing (a huge page is never a single article).
MAX_HTML_CHARS = 3_000_000


def decode_html(data: bytes | str, content_type: str | None = None) -> str:
    """Decode page bytes to text; never raises."""
    if isinstance(data, str):
        return repair_mojibake(data)
    bom_enc, bom = read_bom(data)
    if bom_enc:
        return data[len(bom):].decode(bom_enc, errors="replace")
    head = data[:4096]
    if not data.isascii() and re.search(rb"[\xc2-\xf4][\x80-\xbf]", data):
        try:
            return repair_mojibake(data.decode("utf-8"))
        except UnicodeDecodeError:
            pass
    for enc in (http_content_type_encoding(content_type) if content_type else None,
                html_body_declared_encoding(head)):
        enc = resolve_encoding(enc) if enc else None
        if enc:
            try:
                return data.decode(enc, errors="replace")
            except LookupError:
                continue
    # Undeclared and not UTF-8: these sites write Latin script, cp1252 is the usual culprit.
    return data.decode("cp1252", errors="replace")


def _as_cp1252_bytes(text: str) -> bytes:
    """Encode as cp1252, passing the five code points cp1252 leaves undefined through as bytes."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 255:
                raise
            out.append(ord(ch))
    return bytes(out)


_MOJIBAKE_RUN = re.compile(
    "(?:[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013-\u203a\u20ac\u2122]{1,3})+"
)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as cp1252/latin-1 once, run by run, where it round-trips."""
    # (one-character tests first: searching for a pair is several times slower)
    if "\u00c3" not in text and "\u00c2" not in text and ("\u20ac" not in text or "\u00e2\u20ac" not in text):
        return text  # the lead bytes of every mojibake pair are absent: nothing to repair
    if not _MOJIBAKE.search(text):
        return text

    def fix(m: re.Match) -> str:
        try:
            return _as_cp1252_bytes(m.group(0)).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return m.group(0)

    return _MOJIBAKE_RUN.sub(fix, text)


def parse_html(text: str) -> etree._Element | None:
    """Parse HTML text into an lxml tree; ``None`` when there is nothing to parse."""
    if not text or not text.strip():
        return None
    text = text[:MAX_HTML_CHARS]
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (str input only): the character-wise path
        return _parse_text(text)
    return _parse_utf8(data, text)


def parse_page(data: bytes | str, content_type: str | None = None) -> etree._Element | None:
    """``parse_html(decode_html(data, content_type))``, the same tree, cheaper: UTF-8 bytes that
    need no repair (most pages) are handed to libxml2 as they are, not decoded and encoded again."""
    if isinstance(data, bytes) and len(data) <= MAX_HTML_CHARS and not data.isascii() and not read_bom(data)[0]:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None and repair_mojibake(text) is text:
            return _parse_utf8(data, text) if text.strip() else None
    return parse_html(decode_html(data, content_type))


# The characters of _CTRL below U+0080 as bytes (in UTF-8 they never occur inside a multi-byte
# character), and the UTF-8 forms of U+FFFE/U+FFFF: removing them from the bytes equals _CTRL.sub.
_CTRL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_NONCHARACTERS = (b"\xef\xbf\xbe", b"\xef\xbf\xbf")


def _parse_utf8(data: bytes, text: str) -> etree._Element | None:
    """Parse the UTF-8 encoding ``data`` of ``text`` (at most MAX_HTML_CHARS characters)."""
    head = _CTRL.sub("", text[:256]).lstrip()
    if len(head) < 5 or head.startswith("<?xml"):
        return _parse_text(text)  # an XML prolog, or a start too blank to tell: the character-wise path
    data = data.translate(None, _CTRL_BYTES)
    if "\ufffe" in text or "\uffff" in text:  # (found faster in the text than in the bytes)
        for bad in _NONCHARACTERS:
            data = data.replace(bad, b"")
    return _parse(data, _UTF8)


def _parse_text(text: str) -> etree._Element | None:
    text = _CTRL.sub("", text)
    # lxml refuses str input that carries an encoding declaration in an XML prolog.
    if text.lstrip().startswith("<?xml"):
        text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    return _parse(text, None)


_UTF8 = "utf-8"


def _parse(source: bytes | str, encoding: str | None) -> etree._Element | None:
    # Plain lxml.etree elements: lxml.html's element-class lookup costs more than the parse itself.
    # huge_tree: libxml2 otherwise stops at 256 levels of unclosed wrappers and loses the text after them
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False,
                              huge_tree=True, encoding=encoding)
    try:
        root = etree.fromstring(source, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    if root is None or not isinstance(root.tag, str):
        return None
    return root


class Document:
    """A parsed page with the lookups every extraction layer shares (computed once)."""

    def __init__(self, root: etree._Element, url: str):
        self.root = root
        self.url = url
        self._meta: dict[str, list[str]] | None = None
        self._index: ElementIndex | None = None

    def select(self, selector: str) -> list:
        """Elements matching a CSS selector, in document order (empty when the selector is invalid).

        Answered from the page's :class:`~crawler.extraction.element_index.ElementIndex` where the
        selector names a class, an id or an indexed attribute (built on first use): far cheaper
        than one XPath pass over the tree per selector."""
        try:
            how = plan(selector)
            kind = how[0]
            if kind == "index":
                if self._index is None:
                    self._index = ElementIndex(self.root)
                return self._index.select(how[1], how[2], how[3])
            if kind == "tag":
                if how[2] is None:
                    return list(self.root.iter(how[1]))
                return [el for el in self.root.iter(how[1]) if how[2](el)]
            if kind == "descendants":
                return self._select_descendants(how[1], how[2])
            return how[1](self.root)
        except Exception:
            return []

    def _select_descendants(self, first: str, inner) -> list:
        """``A B``: find the (rare) A elements first, then B inside each, in document order."""
        scopes = self.select(first)
        if not scopes:
            return []
        seen, out = set(), []
        for scope in scopes:
            for el in inner(scope):
                if el not in seen:
                    seen.add(el)
                    out.append(el)
        return out

    def forget(self) -> None:
        """Drop the element index (after the tree was modified)."""
        self._index = None

    def first(self, selectors: Iterable[str]):
        for sel in selectors:
            found = self.select(sel)
            if found:
                return found[0]
        return None

    @property
    def meta(self) -> dict[str, list[str]]:
        """``<meta>`` contents by lower-cased ``property``/``name``/``itemprop`` key, in page order."""
        if self._meta is None:
            meta: dict[str, list[str]] = {}
            for el in self.root.iter("meta"):
                content = el.get("content")
                if content is None:
                    continue
                content = content.strip()
                if not content:
                    continue
                for attr in ("property", "name", "itemprop", "http-equiv"):
                    key = el.get(attr)
                    if key:
                        meta.setdefault(key.strip().lower(), []).append(content)
            self._meta = meta
        return self._meta

    def meta_first(self, *keys: str) -> str | None:
        for key in keys:
            values = self.meta.get(key)
            if values:
                return values[0]
        return None

    def link_href(self, rel: str) -> str | None:
        for el in self.root.iter("link"):
            rels = (el.get("rel") or "").lower().split()
            if rel in rels and el.get("href"):
                return el.get("href").strip()
        return None


def text_of(el) -> str:
    """Visible text of an element, whitespace collapsed."""
    if el is None:
        return ""
    if isinstance(el, str):
        return normalize_space(el)
    try:
        return normalize_space(string_value(el))
    except (AttributeError, ValueError):
        return ""


def string_value(el) -> str:
    """All the text inside an element, as is: ``"".join(el.itertext())``, 4x faster (a leaf's
    own text, else XPath's string value, concatenated in C)."""
    if isinstance(el.tag, str):
        return _STRING_VALUE(el) if len(el) else el.text or ""
    return "".join(el.itertext())  # (a comment or processing instruction: as itertext reads it)


_STRING_VALUE = etree.XPath("string()", smart_strings=False)


_LINE_BREAKING = frozenset("br p div li tr td th dd dt h1 h2 h3 h4 h5 h6 section article header footer".split())


def text_lines(el) -> str:
    """Visible text with ``<br>`` and block boundaries as newlines, each line whitespace-collapsed."""
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if not isinstance(node.tag, str):
            continue
        breaks = node.tag in _LINE_BREAKING and node is not el
        if event == "start":
            if breaks:
                parts.append("\n")
            if node.text and node.tag != "br":
                parts.append(node.text)
        else:
            if breaks:
                parts.append("\n")
            if node is not el and node.tail:
                parts.append(node.tail)
    return "\n".join(filter(None, (normalize_space(line) for line in "".join(parts).split("\n"))))


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def normalize_space(text: str) -> str:
    """Runs of white space (non-breaking included) to one space; zero-width characters dropped."""
    if not text:
        return ""
    # str.translate walks the text in Python-level steps; the substring tests run at C speed.
    if not text.isascii() and ("\u200b" in text or "\u200c" in text or "\u200d" in text or "\u2060" in text
                               or "\ufeff" in text):
        text = text.translate(_INVISIBLE)
    return " ".join(text.split())
