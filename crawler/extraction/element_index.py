"""CSS selectors over one parsed page: compiled once per selector, answered from an element index.

cssselect turns a selector into XPath; evaluating that XPath over the whole tree
for each of the ~250 selectors a page is tried with is what extraction used to
spend its time on. Instead a selector is *planned* once per process
(:func:`plan`): its last compound names a class token, an id, an indexed
attribute (``itemprop``, ``itemtype``, ``rel``) or a tag, the :class:`ElementIndex`
of the page lists the candidates, and a compiled matcher keeps those that match
the whole selector. Answers are exactly cssselect's (same elements, document
order); selector lists and child/sibling combinators are evaluated in full.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from cssselect import HTMLTranslator
from lxml import etree

_translator = HTMLTranslator()


@lru_cache(maxsize=2048)
def css(selector: str) -> etree.XPath:
    """Compile a CSS selector into a cached XPath evaluator (cssselect's HTML dialect)."""
    return etree.XPath(_translator.css_to_xpath(selector))


_COMPLEX = re.compile(r"[,>+~]|:(?!not\b)")
_PLAIN_TAG = re.compile(r"^[a-zA-Z][\w-]*$")
_PLAIN_CLASS_OR_ID = re.compile(r"^[.#][\w-]+$")


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


@lru_cache(maxsize=2048)
def selector_key(selector: str) -> tuple[str, str] | None:
    """How to look up candidates of a selector in the index: ('class', token), ('id', x),
    ('attr', name) or ('attr=', name + '=' + value) for the attributes of :data:`INDEXED_ATTRIBUTES`,
    ('tag', t), ('class*' / 'class^' / 'id*' / 'id^', value), or None when only a full XPath
    evaluation can answer (other attribute-only selectors)."""
    last = _compounds(selector)[-1]
    m = re.match(r"^(?P<tag>[a-zA-Z][\w-]*)?", last)
    tag = m.group("tag") if m else None
    rest = last[len(tag or ""):]
    km = re.search(r"(?<![\[=^$*~|'\"])([.#])([\w-]+)", rest.split("[", 1)[0])
    if km:
        return ("class" if km.group(1) == "." else "id", km.group(2))
    im = _INDEXED_PART.match(rest)
    if im:  # [itemprop=x], a[rel=author], [itemtype*=x]: fewer candidates than the tag's
        name = im.group("attr").lower()
        value = im.group("value") or im.group("qvalue")
        if im.group("op") == "=" and value:
            return ("attr=", f"{name}={value}")
        return ("attr", name)
    if tag:
        return ("tag", tag.lower())
    am = _ATTR_PART.match(rest)
    if am:  # [class*=x], [class^=x], [id^=x]...: candidates from the index's tokens
        return (f"{am.group('attr')}{am.group('op')}", am.group("value"))
    return None


_ATTR_PART = re.compile(r"^\[(?P<attr>class|id)(?P<op>[*^])=['\"]?(?P<value>[\w-]+)['\"]?\]$")
#: Attributes whose elements the index lists (microdata, link relations), by name and by value.
INDEXED_ATTRIBUTES = frozenset(("itemprop", "itemtype", "rel"))
_INDEXED_PART = re.compile(
    r"^\[\s*(?P<attr>itemprop|itemtype|rel)\s*(?:\]|(?P<op>[*^$~|]?=)\s*"
    r"(?:(?P<q>['\"])(?P<qvalue>[\w-]*)(?P=q)|(?P<value>[\w-]+)|[^\]]*)\s*\])", re.I)


@lru_cache(maxsize=4096)
def plan(selector: str) -> tuple:
    """How :meth:`Document.select <crawler.extraction.document.Document.select>` answers a selector:

    * ``("css", xpath)``: a full evaluation (selector lists, ``>``/``+``/``~``, attribute-only);
    * ``("descendants", first, inner_xpath)``: ``A B``, the A elements first, then B inside each;
    * ``("tag", name, matcher)``: a tag's elements (``matcher`` None for a bare tag name);
    * ``("index", key, matcher, plain)``: candidates from :class:`ElementIndex`; ``plain`` for a bare
      ``.class`` or ``#id``, whose candidates need no matcher (see :meth:`ElementIndex.select`).

    Raises on an invalid selector (the caller answers it with no elements)."""
    if _COMPLEX.search(selector):
        return ("css", css(selector))  # lists and child/sibling combinators: cssselect in full
    parts = _compounds(selector)
    if len(parts) > 1:
        return ("descendants", parts[0], css_within(" ".join(parts[1:])))
    key = selector_key(selector)
    if key is None:
        return ("css", css(selector))
    matcher = css_matcher(selector)  # compiled even when unused: an invalid selector raises
    if key[0] == "tag":
        return ("tag", key[1], None if _PLAIN_TAG.match(selector) else matcher)
    return ("index", key, matcher, bool(_PLAIN_CLASS_OR_ID.match(selector)))


#: White space that str.split() breaks a class value on and XPath's normalize-space does not
#: (besides any non-ASCII character): a value without them is tokenised alike by both.
_NON_XML_SPACE = ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")


class ElementIndex:
    """Elements by class value, class token, id and indexed attribute, in document order.

    One pass over the tree; token lists are derived from the (far fewer) distinct class
    values. The index describes the tree as it was built: rebuild it after a change."""

    def __init__(self, root: etree._Element):
        classes: dict[str, list] = {}  # class attribute value -> elements
        ids: dict[str, list] = {}  # stripped id -> elements
        attrs: dict[str, list] = {}  # "name" and "name=value" -> elements (INDEXED_ATTRIBUTES)
        order: dict = {}
        position = 0
        # Classes and ids as far as XPath's "//" reaches: libxml2 may leave a second top-level <html>
        # (a page with markup after its </html>); the attribute lookups cover the root's tree only.
        for top in (root, *root.itersiblings()):
            for el in top.iter():
                position += 1
                names = el.keys()  # (cheaper than items(): no copies of long href/src/style values)
                if not names:
                    continue
                order[el] = position
                for name in names:
                    if name == "class":
                        value = el.get(name)
                        if value:
                            found = classes.get(value)
                            if found is None:
                                classes[value] = [el]
                            else:
                                found.append(el)
                    elif name == "id":
                        value = el.get(name)
                        if value:
                            ids.setdefault(value.strip(), []).append(el)
                    elif name in INDEXED_ATTRIBUTES and top is root:
                        value = el.get(name)
                        attrs.setdefault(name, []).append(el)
                        attrs.setdefault(f"{name}={value}", []).append(el)
        self._classes, self._ids, self._attrs, self._order = classes, ids, attrs, order
        self._tokens: dict[str, list[str]] | None = None
        self._plain_values: dict[str, bool] = {}
        self._scans: dict[str, tuple] = {}

    def select(self, key: tuple[str, str], matcher, plain: bool) -> list:
        """The elements matching a selector planned as ``("index", key, matcher, plain)``."""
        kind, value = key
        if kind == "class":
            values = (self._tokens if self._tokens is not None else self.tokens()).get(value)
            if not values:
                return []
            elements = self._classes[values[0]] if len(values) == 1 else self._merge(values)
            if plain and all(self._plain(v) for v in values):
                return list(elements)  # ".x": every candidate holds the token as XPath reads it too
        elif kind == "id":
            elements = self._ids.get(value)
            if not elements:
                return []
            if plain:
                return [el for el in elements if el.get("id") == value]  # "#x" is @id = 'x'
        elif kind == "attr" or kind == "attr=":
            elements = self._attrs.get(value)
        else:
            elements = self._substring_candidates(kind, value)
        if not elements:
            return []
        return [el for el in elements if matcher(el)]

    def tokens(self) -> dict[str, list[str]]:
        """Class token -> the distinct class values holding it."""
        if self._tokens is None:
            tokens: dict[str, list[str]] = {}
            for cls in self._classes:
                for tok in cls.split():
                    found = tokens.get(tok)
                    if found is None:
                        tokens[tok] = [cls]
                    elif found[-1] is not cls:  # "a b a": one entry per value
                        found.append(cls)
            self._tokens = tokens
        return self._tokens

    def _plain(self, cls: str) -> bool:
        """Whether str.split() and XPath's normalize-space split this class value alike."""
        plain = self._plain_values.get(cls)
        if plain is None:
            plain = cls.isascii() and not any(ch in cls for ch in _NON_XML_SPACE)
            self._plain_values[cls] = plain
        return plain

    def _merge(self, values) -> list:
        """The elements of several class values, in document order (each element has one value)."""
        out = [el for cls in values for el in self._classes[cls]]
        out.sort(key=self._order.__getitem__)
        return out

    def _substring_candidates(self, kind: str, value: str) -> list:
        """Elements with a class token / id containing (``*``) or starting with (``^``) a value, in
        document order; the compiled matcher then checks the whole attribute as CSS defines it."""
        what, op = kind[:-1], kind[-1]
        keys = self._matching_keys(what, value, op == "^")
        if what == "class":
            tokens = self.tokens()
            return self._merge({cls for tok in keys for cls in tokens[tok]})
        found = [el for ident in keys for el in self._ids[ident]]
        found.sort(key=self._order.__getitem__)
        return found

    def _matching_keys(self, what: str, value: str, prefix: bool) -> list[str]:
        """Class tokens (``what`` = "class") or ids holding ``value`` (at their start when ``prefix``),
        found by substring search over all of them joined (a scan in C, not a loop in Python)."""
        scan = self._scans.get(what)
        if scan is None:
            keys = list(self.tokens() if what == "class" else self._ids)
            starts, offset = [], 0
            for key in keys:
                starts.append(offset)
                offset += len(key) + 1
            scan = self._scans[what] = ("\x00".join(keys), keys, starts)  # NUL: in no attribute value
        blob, keys, starts = scan
        out, at = [], blob.find(value)
        while at != -1:
            i = bisect_right(starts, at) - 1
            if not prefix or starts[i] == at:
                out.append(keys[i])
            nxt = starts[i + 1] if i + 1 < len(starts) else len(blob)
            at = blob.find(value, nxt)
        return out
