"""Layer 1: structured data a page declares about itself.

Reads JSON-LD (``NewsArticle``/``Article``/``BlogPosting`` nodes, ``@graph``
documents, ``@id`` references to ``Person`` nodes), OpenGraph and
``article:*`` meta, the CMS meta tags of the big Indonesian portals
(``content_PublishedDate``, ``dtk:publishdate``...) and schema.org microdata.
It only collects what the page claims; :mod:`crawler.extraction.fields`
decides what to trust.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from .document import Document, normalize_space, text_of

ARTICLE_TYPES = {
    "newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "socialmediaposting",
    "liveblogposting", "report", "scholarlyarticle", "techarticle", "posting",
}
LISTING_TYPES = {"collectionpage", "itemlist", "searchresultspage", "profilepage", "aboutpage", "contactpage"}

#: Meta keys that carry a publication date, most specific first.
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "content_publisheddate", "dtk:publishdate",
    "publishdate", "publish-date", "published_time", "pubdate", "datepublished", "date", "dc.date.issued",
    "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published", "og:published_time",
    "publish_date", "article_date_original", "cxenseparse:recs:publishtime",
)
MODIFIED_META = ("article:modified_time", "og:updated_time", "og:article:modified_time", "datemodified",
                 "dtk:updatedate", "content_lastupdate", "last-modified", "dcterms.modified")


@dataclass
class StructuredData:
    """What the page's metadata says, field by field (raw strings, not yet trusted)."""

    types: set[str] = field(default_factory=set)
    headline: str | None = None
    published: str | None = None
    modified: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    keywords: list[str] = field(default_factory=list)
    image: str | None = None
    description: str | None = None
    url: str | None = None
    body: str | None = None
    language: str | None = None
    publisher: str | None = None
    has_article_node: bool = False


def _load_json(text: str) -> Any:
    text = text.strip()
    if text.startswith("<!--"):
        text = text[4:]
    if text.endswith("-->"):
        text = text[:-3]
    text = text.strip().rstrip(";")
    try:
        return json.loads(text, strict=False)
    except RecursionError:
        return None  # absurdly nested: not metadata anyone can use
    except ValueError:
        pass
    # Common breakage: trailing commas, raw newlines inside strings.
    fixed = re.sub(r",\s*([}\]])", r"\1", text.replace("\n", " ").replace("\r", " "))
    try:
        return json.loads(fixed, strict=False)
    except (ValueError, RecursionError):
        return _concatenated(fixed)


def _concatenated(text: str) -> list | None:
    """Several JSON documents in one script (``{...}{...}`` or one per line): all of them, as a list."""
    decoder = json.JSONDecoder(strict=False)
    out, pos = [], 0
    try:
        while pos < len(text):
            value, end = decoder.raw_decode(text, pos)
            out.append(value)
            pos = end
            while pos < len(text) and text[pos] in " \t\r\n,;":
                pos += 1
    except (ValueError, RecursionError):
        pass  # what came before the broken part is kept
    return out or None


def _nodes(data: Any, out: list[dict]) -> None:
    if isinstance(data, list):
        for item in data:
            _nodes(item, out)
    elif isinstance(data, dict):
        out.append(data)
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in data:
                _nodes(data[key], out)


def _types(node: dict) -> set[str]:
    t = node.get("@type")
    if isinstance(t, str):
        return {t.lower()}
    if isinstance(t, list):
        return {x.lower() for x in t if isinstance(x, str)}
    return set()


def _str(value: Any) -> str | None:
    if isinstance(value, str):
        value = normalize_space(value)
        return value or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        for key in ("name", "@value", "url", "contentUrl", "@id"):
            if key in value:
                return _str(value[key])
    if isinstance(value, list) and value:
        return _str(value[0])
    return None


def _person_names(value: Any, index: dict[str, dict]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        names: list[str] = []
        for v in value:
            names.extend(_person_names(v, index))
        return names
    if isinstance(value, str):
        return [normalize_space(value)] if value.strip() else []
    if isinstance(value, dict):
        if "name" not in value and value.get("@id") in index:
            value = index[value["@id"]]
        name = _str(value.get("name"))
        return [name] if name else []
    return []


def read_jsonld(doc: Document) -> tuple[list[dict], dict[str, dict]]:
    """All JSON-LD nodes of the page (flattened) and an ``@id`` index."""
    nodes: list[dict] = []
    for script in doc.root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        data = _load_json(script.text or "")
        if data is not None:
            _nodes(data, nodes)
    index = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    return nodes, index


def _keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        parts = value.split(",")
    elif isinstance(value, list):
        parts = [v for v in value if isinstance(v, str)]
    else:
        return []
    return [normalize_space(p) for p in parts if normalize_space(p)]


def collect(doc: Document) -> StructuredData:
    """Gather the structured claims of one page."""
    sd = StructuredData()
    nodes, index = read_jsonld(doc)
    article = None
    for node in nodes:
        types = _types(node)
        sd.types |= types
        if article is None and types & ARTICLE_TYPES:
            article = node
    if article is not None:
        sd.has_article_node = True
        sd.headline = _str(article.get("headline")) or _str(article.get("name"))
        sd.published = _str(article.get("datePublished")) or _str(article.get("dateCreated"))
        sd.modified = _str(article.get("dateModified"))
        sd.authors = _person_names(article.get("author") or article.get("creator"), index)
        sd.section = _str(article.get("articleSection"))
        sd.keywords = _keywords(article.get("keywords"))
        sd.image = _str(article.get("image")) or _str(article.get("thumbnailUrl"))
        sd.description = _str(article.get("description"))
        sd.url = _str(article.get("url")) or _str(article.get("mainEntityOfPage"))
        sd.body = article.get("articleBody") if isinstance(article.get("articleBody"), str) else None
        sd.language = _str(article.get("inLanguage"))
        pub = article.get("publisher")
        if isinstance(pub, dict) and "name" not in pub and pub.get("@id") in index:
            pub = index[pub["@id"]]
        sd.publisher = _str(pub)
    _microdata(doc, sd)
    return sd


#: Microdata elements, read in one pass (before the invisible elements are dropped and before the
#: document's index exists: the index describes the tree the other layers see).
_MICRODATA = etree.XPath("descendant-or-self::*[@itemprop or @itemtype]")


def _microdata(doc: Document, sd: StructuredData) -> None:
    """Fill gaps from schema.org microdata (``itemprop`` attributes)."""
    elements = _MICRODATA(doc.root)
    props = [(el.get("itemprop"), el) for el in elements if el.get("itemprop") is not None]
    if not props:
        return
    for el in elements:
        if el.get("itemtype") is None:
            continue
        t = (el.get("itemtype") or "").rsplit("/", 1)[-1].lower()
        if t:
            sd.types.add(t)
            if t in ARTICLE_TYPES:
                sd.has_article_node = True

    def first(name: str):
        return next((el for prop, el in props if prop == name), None)

    if sd.headline is None:
        el = first("headline")
        if el is not None:
            sd.headline = el.get("content") or text_of(el) or None
    if sd.published is None:
        el = first("datePublished")
        if el is not None:
            sd.published = el.get("content") or el.get("datetime") or text_of(el) or None
    if sd.modified is None:
        el = first("dateModified")
        if el is not None:
            sd.modified = el.get("content") or el.get("datetime") or None
    if not sd.authors:
        for el in (el for prop, el in props if prop == "author"):
            name = el.get("content")
            if not name:
                inner = [n for n in el.iter() if n.get("itemprop") == "name"]
                name = (inner[0].get("content") or text_of(inner[0])) if inner else text_of(el)
            if name and len(name) < 80:
                sd.authors.append(normalize_space(name))
