"""Turn raw page bytes into a parsed document: charset decoding, lxml parsing, cached lookups.

Decoding trusts, in order: a byte-order mark, valid UTF-8 (even when the page
declares another charset, a frequent error of regional sites), the HTTP
``Content-Type`` charset, the ``<meta charset>`` declaration, then
cp1252 (undeclared legacy pages of Latin-script sites). Text that was decoded twice (``â€œ`` mojibake) is
repaired when it round-trips cleanly.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from cssselect import HTMLTranslator
from lxml import etree
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

_MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf]|\u00e2\u20ac[\u0080-\u00bf\u0153\u2122\u02dc\u201c\u201d\u2019\u0161\u00a6\u00a2\u00a0]")
# Characters lxml refuses in text (XML-incompatible): controls, surrogates, U+FFFE/U+FFFF.
_CTRL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_translator = HTMLTranslator()

#: Pages larger than this are cut before parsing (a huge page is never a single article).
MAX_HTML_CHARS = 3_000_000


@lru_cache(maxsize=2048)
def css(selector: str) -> etree.XPath:
    """Compile a CSS selector into a cached XPath evaluator (cssselect's HTML dialect)."""
    return etree.XPath(_translator.css_to_xpath(selector))


_COMPLEX = re.compile(r"[,>+~]|:(?!not\b)")
_PLAIN_TAG = re.compile(r"^[a-zA-Z][\w-]*$")


@lru_cache(maxsize=4096)
def _is_complex(selector: str) -> bool:
    return bool(_COMPLEX.search(selector))


@lru_cache(maxsize=4096)
def _compounds(selector: str) -> tuple[str, ...]:
    """Split a selector on descendant combinators (white space outside brackets)."""
    parts, depth, cur = [], 0, ""
    for ch in selector:
        depth += ch == "["
        depth -= ch == "]"
        if ch.isspace() and depth == 0:
            if cur:
                parts.append(cur)
            cur = ""
        else:
            cur += ch
    if cur:
        parts.append(cur)
    return tuple(parts)


@lru_cache(maxsize=2048)
def css_within(selector: str) -> etree.XPath:
    """Elements matching ``selector`` below a context element (not the element itself)."""
    return etree.XPath(_translator.css_to_xpath(selector, prefix="descendant::"))


@lru_cache(maxsize=2048)
def css_matcher(selector: str) -> etree.XPath:
    """An XPath that is true on an element matching ``selector`` (descendant combinators only)."""
    parts = _compounds(selector)
    expr = _translator.css_to_xpath(parts[-1], prefix="self::")
    for ancestor in parts[:-1]:
        expr += "[" + _translator.css_to_xpath(ancestor, prefix="ancestor::") + "]"
    return etree.XPath(f"boolean({expr})")


_KEY = re.compile(r"^(?P<tag>[a-zA-Z][\w-]*)?(?:[^.#\[]*)(?P<key>[.#][\w-]+)?")


@lru_cache(maxsize=2048)
def selector_key(selector: str) -> tuple[str, str] | None:
    """How to look up candidates of a selector in the index: ('class', token), ('id', x), ('tag', t),
    or None when only a full XPath evaluation can answer (attribute-only selectors)."""
    last = _compounds(selector)[-1]
    m = re.match(r"^(?P<tag>[a-zA-Z][\w-]*)?", last)
    tag = m.group("tag") if m else None
    rest = last[len(tag or ""):]
    km = re.search(r"(?<![\[=^$*~|'\"])([.#])([\w-]+)", rest.split("[", 1)[0])
    if km:
        return ("class" if km.group(1) == "." else "id", km.group(2))
    if tag:
        return ("tag", tag.lower())
    am = _ATTR_PART.match(rest)
    if am:  # [class*=x], [class^=x], [id^=x]...: candidates from the index's tokens
        return (f"{am.group('attr')}{am.group('op')}", am.group("value"))
    return None


_ATTR_PART = re.compile(r"^\[(?P<attr>class|id)(?P<op>[*^])=['\"]?(?P<value>[\w-]+)['\"]?\]$")


def decode_html(data: bytes | str, content_type: str | None = None) -> str:
    """Decode page bytes to text; never raises."""
    if isinstance(data, str):
        return repair_mojibake(data)
    bom_enc, bom = read_bom(data)
    if bom_enc:
        return data[len(bom):].decode(bom_enc, errors="replace")
    head = data[:4096]
    if re.search(rb"[\xc2-\xf4][\x80-\xbf]", data):
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
    if "\u00c3" not in text and "\u00c2" not in text and "\u00e2\u20ac" not in text:
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
    text = _CTRL.sub("", text[:MAX_HTML_CHARS])
    # lxml refuses str input that carries an encoding declaration in an XML prolog.
    if text.lstrip().startswith("<?xml"):
        text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    # Plain lxml.etree elements: lxml.html's element-class lookup costs more than the parse itself.
    # huge_tree: libxml2 otherwise stops at 256 levels of unclosed wrappers and loses the text after them
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False,
                              huge_tree=True)
    try:
        root = etree.fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    if root is None or not isinstance(root.tag, str):
        return None
    return root


_WITH_CLASS_OR_ID = etree.XPath("//*[@class or @id]")


class Document:
    """A parsed page with the lookups every extraction layer shares (computed once)."""

    def __init__(self, root: etree._Element, url: str):
        self.root = root
        self.url = url
        self._meta: dict[str, list[str]] | None = None
        self._index: dict[tuple[str, str], list] | None = None

    def _build_index(self) -> dict[tuple[str, str], list]:
        """Elements by class token and id, in document order (tags are answered by ``iter``)."""
        index: dict[tuple[str, str], list] = {}
        self._order: dict = {}
        for position, el in enumerate(_WITH_CLASS_OR_ID(self.root)):
            self._order[el] = position
            cls = el.get("class")
            if cls:
                for tok in set(cls.split()):
                    index.setdefault(("class", tok), []).append(el)
            ident = el.get("id")
            if ident:
                index.setdefault(("id", ident.strip()), []).append(el)
        return index

    def select(self, selector: str) -> list:
        """Elements matching a CSS selector, in document order (empty when the selector is invalid).

        Candidates come from a class/id/tag index built once, each checked with a
        compiled matcher: far cheaper than one XPath pass over the tree per selector."""
        try:
            if _is_complex(selector):
                return css(selector)(self.root)  # lists and child/sibling combinators: cssselect in full
            parts = _compounds(selector)
            if len(parts) > 1:
                return self._select_descendants(parts)
            key = selector_key(selector)
            if key is None:
                return css(selector)(self.root)
            if self._index is None:
                self._index = self._build_index()
            if key[0] == "tag":
                candidates = list(self.root.iter(key[1]))
            elif key[0] in ("class*", "class^", "id*", "id^"):
                candidates = self._token_candidates(key)
            else:
                candidates = self._index.get(key, ())
            if not candidates:
                return []
            if key[0] == "tag" and _PLAIN_TAG.match(selector):
                return list(candidates)
            match = css_matcher(selector)
            return [el for el in candidates if match(el)]
        except Exception:
            return []

    def _token_candidates(self, key: tuple[str, str]) -> list:
        """Elements with a class token / id containing (``*``) or starting with (``^``) a value, in
        document order; the compiled matcher then checks the whole attribute as CSS defines it."""
        kind, op = key[0][:-1], key[0][-1]
        value = key[1]
        found = set()
        for (k, token), elements in self._index.items():
            if k == kind and (value in token if op == "*" else token.startswith(value)):
                found.update(elements)
        return sorted(found, key=self._order.__getitem__)

    def _select_descendants(self, parts: list[str]) -> list:
        """``A B``: find the (rare) A elements first, then B inside each, in document order."""
        scopes = self.select(parts[0])
        if not scopes:
            return []
        inner = css_within(" ".join(parts[1:]))
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
        return normalize_space("".join(el.itertext()))
    except (AttributeError, ValueError):
        return ""


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


_WS = re.compile(r"[\s\u00a0\u200b\u200c\u200d\u2060\ufeff]+")


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def normalize_space(text: str) -> str:
    """Runs of white space (non-breaking included) to one space; zero-width characters dropped."""
    if not text:
        return ""
    return " ".join(text.translate(_INVISIBLE).split())
