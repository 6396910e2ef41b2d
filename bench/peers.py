"""Adapters that give every extraction tool the same interface.

``get_tool(name)`` returns ``fn(html, url) -> dict`` with the keys ``title``,
``author``, ``published`` (ISO 8601 string or None), ``body``, plus
``rejected`` (bool: the tool said the page is not an article), ``reason`` and
``error`` (the exception text when the tool raised; the other fields are then
empty). ``html`` may be bytes or str: bytes are decoded for the peers (BOM or
``<meta charset>`` if present, else UTF-8 with replacement) and handed as-is to
``ours``, which accepts bytes.

Imports are lazy: a tool whose package (or, for ``ours``, whose product code)
is missing is reported by ``availability()`` as unavailable instead of breaking
the harness.

    /work/benchenv/bin/python bench/peers.py            # list tools and availability
    /work/benchenv/bin/python bench/peers.py PAGE.html  # run every tool on one page
"""

from __future__ import annotations

import codecs
import re
import sys
from datetime import date, datetime
from importlib import metadata
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

Extractor = Callable[[object, str], dict]

#: Which record fields each tool produces (others are not scored for it).
FIELDS = {
    "ours": ("title", "author", "published", "body", "reject"),
    "ours-dates": ("published",),  # the date layer alone (crawler.extraction.extract_dates), article or not
    "trafilatura": ("title", "author", "published", "body"),
    "trafilatura-fast": ("title", "author", "published", "body"),
    "newspaper4k": ("title", "author", "published", "body"),
    "news-please": ("title", "author", "published", "body"),
    "goose3": ("title", "author", "published", "body"),
    "readability": ("body",),
    "htmldate": ("published",),
    "htmldate-fast": ("published",),
    "html-text": ("body",),
}

#: Distribution whose version identifies each tool.
DIST = {
    "trafilatura": "trafilatura", "trafilatura-fast": "trafilatura",
    "newspaper4k": "newspaper4k", "news-please": "news-please", "goose3": "goose3",
    "readability": "readability-lxml", "htmldate": "htmldate", "htmldate-fast": "htmldate",
    "html-text": "html-text",
}

TOOLS = tuple(FIELDS)
PLACEHOLDER_URL = "https://example.com/article"

# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)


def decode_html(data) -> str:
    """Bytes -> str: BOM, else a ``<meta charset>`` in the first 4 KB, else UTF-8 (replace)."""
    if isinstance(data, str):
        return data
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    m = _META_CHARSET.search(data[:4096])
    if m:
        name = m.group(1).decode("ascii", "ignore").lower()
        try:
            codecs.lookup(name)
        except LookupError:
            name = ""
        if name and name not in ("utf-8", "utf8"):
            if name in ("iso-8859-1", "latin-1", "latin1", "ascii", "us-ascii"):
                name = "cp1252"  # what browsers do
            try:
                return data.decode(name)
            except (UnicodeDecodeError, LookupError):
                pass
    return data.decode("utf-8", errors="replace")


def _iso(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def _author(value) -> str | None:
    if not value:
        return None
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v).strip() for v in value if v and str(v).strip())
    value = str(value).strip()
    return value or None


def empty(**extra) -> dict:
    out = {"title": None, "author": None, "published": None, "body": None,
           "rejected": False, "reason": None, "error": None}
    out.update(extra)
    return out


def _guarded(fn: Callable[[object, str], dict]) -> Extractor:
    def run(html, url):
        try:
            out = empty()
            out.update(fn(html, url or PLACEHOLDER_URL) or {})
            return out
        except Exception as exc:  # noqa: BLE001 - a peer failing is a data point
            return empty(error=f"{type(exc).__name__}: {exc}"[:300])
    run.__name__ = getattr(fn, "__name__", "run")
    return run


def _block_text(root) -> str:
    """Text of an lxml tree with a line break after every block element."""
    blocks = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
              "blockquote", "pre", "section", "article", "figcaption", "dd", "dt", "table", "ul", "ol"}
    for el in root.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.lower() in blocks:
            el.tail = "\n" + (el.tail or "")
    text = root.text_content()
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------------------
# factories (each imports its tool lazily)
# ---------------------------------------------------------------------------

def _ours():
    from crawler.extraction import extract_article  # noqa: PLC0415

    def run(html, url):
        res = extract_article(html, url)
        rec = res.record
        if rec is None:
            return {"rejected": True, "reason": res.reason}
        return {"title": rec.get("title"), "author": _author(rec.get("author")),
                "published": _iso(rec.get("published")), "body": rec.get("body")}
    return run


def _ours_dates():
    from crawler.extraction import extract_dates  # noqa: PLC0415

    def run(html, url):
        dates = extract_dates(html, url)
        return {"published": dates.published.isoformat() if dates and dates.published else None}
    return run


def _trafilatura(fast: bool):
    import trafilatura  # noqa: PLC0415

    def run(html, url):
        doc = trafilatura.bare_extraction(decode_html(html), url=url, with_metadata=True, fast=fast)
        if doc is None:
            return {}
        if isinstance(doc, dict):
            get = doc.get
        else:
            def get(key):
                return getattr(doc, key, None)
        return {"title": get("title"), "author": _author(get("author")),
                "published": _iso(get("date")), "body": get("text")}
    return run


def _newspaper4k():
    import warnings  # noqa: PLC0415
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import newspaper  # noqa: PLC0415

    def run(html, url):
        a = newspaper.article(url, input_html=decode_html(html), fetch_images=False)  # also parses
        return {"title": a.title, "author": _author(a.authors),
                "published": _iso(a.publish_date), "body": a.text}
    return run


def _news_please():
    import logging  # noqa: PLC0415
    import warnings  # noqa: PLC0415
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from newsplease import NewsPlease  # noqa: PLC0415
    logging.getLogger("newsplease").setLevel(logging.CRITICAL)

    def run(html, url):
        a = NewsPlease.from_html(decode_html(html), url=url, fetch_images=False)
        if not a or isinstance(a, dict):
            return {}
        return {"title": a.title, "author": _author(a.authors),
                "published": _iso(a.date_publish), "body": a.maintext}
    return run


def _goose3():
    import logging  # noqa: PLC0415
    from goose3 import Goose  # noqa: PLC0415
    logging.getLogger("goose3").setLevel(logging.CRITICAL)
    g = Goose({"enable_image_fetching": False})

    def run(html, url):
        a = g.extract(url=url, raw_html=decode_html(html))
        published = a.publish_datetime_utc or a.publish_date
        return {"title": a.title, "author": _author(a.authors),
                "published": _iso(published), "body": a.cleaned_text}
    return run


def _readability():
    import logging  # noqa: PLC0415
    import lxml.html  # noqa: PLC0415
    from readability import Document  # noqa: PLC0415
    logging.getLogger("readability").setLevel(logging.CRITICAL)

    def run(html, url):
        summary = Document(decode_html(html), url=url).summary(html_partial=True)
        if not summary or not summary.strip():
            return {}
        return {"body": _block_text(lxml.html.fromstring(summary))}
    return run


def _htmldate(extensive: bool):
    import logging  # noqa: PLC0415
    from htmldate import find_date  # noqa: PLC0415
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)

    def run(html, url):
        # original_date=True: the publication date, not the last modification
        # (what "published" means; also the setting of htmldate's own evaluation)
        return {"published": find_date(decode_html(html), url=url, extensive_search=extensive,
                                       original_date=True)}
    return run


def _html_text():
    import html_text  # noqa: PLC0415

    def run(html, url):
        return {"body": html_text.extract_text(decode_html(html))}
    return run


_FACTORIES: dict[str, Callable[[], Callable]] = {
    "ours": _ours,
    "ours-dates": _ours_dates,
    "trafilatura": lambda: _trafilatura(False),
    "trafilatura-fast": lambda: _trafilatura(True),
    "newspaper4k": _newspaper4k,
    "news-please": _news_please,
    "goose3": _goose3,
    "readability": _readability,
    "htmldate": lambda: _htmldate(True),
    "htmldate-fast": lambda: _htmldate(False),
    "html-text": _html_text,
}

_cache: dict[str, Extractor] = {}


class Unavailable(RuntimeError):
    """The tool cannot be imported here."""


def get_tool(name: str) -> Extractor:
    """The guarded extractor of ``name``; raises :class:`Unavailable` if it cannot load."""
    if name not in _FACTORIES:
        raise KeyError(f"unknown tool {name!r}; known: {', '.join(TOOLS)}")
    if name not in _cache:
        try:
            _cache[name] = _guarded(_FACTORIES[name]())
        except Exception as exc:  # noqa: BLE001 - ImportError and friends
            raise Unavailable(f"{name}: {type(exc).__name__}: {exc}") from exc
    return _cache[name]


def version(name: str) -> str:
    """The installed version of the tool (``ours``: ``crawler.__version__``)."""
    if name in ("ours", "ours-dates"):
        try:
            import crawler  # noqa: PLC0415
            return f"crawler {getattr(crawler, '__version__', '?')}"
        except Exception:  # noqa: BLE001
            return "?"
    try:
        return metadata.version(DIST[name])
    except Exception:  # noqa: BLE001
        return "?"


def availability(names=TOOLS) -> dict[str, str | None]:
    """``{name: None if loadable else why not}``."""
    out = {}
    for n in names:
        try:
            get_tool(n)
            out[n] = None
        except Unavailable as exc:
            out[n] = str(exc)
    return out


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        for n, why in availability().items():
            print(f"{n:18} {'ok ' + version(n) if why is None else 'UNAVAILABLE ' + why}")
        return 0
    path = Path(argv[0])
    url = argv[1] if len(argv) > 1 else PLACEHOLDER_URL
    data = path.read_bytes()
    for n, why in availability().items():
        if why:
            print(f"== {n}: unavailable ({why})")
            continue
        r = get_tool(n)(data, url)
        body = (r.get("body") or "").replace("\n", " / ")
        print(f"== {n}: title={r['title']!r} author={r['author']!r} published={r['published']!r}"
              f" rejected={r['rejected']} error={r['error']!r}\n   body[{len(r.get('body') or '')}]={body[:200]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
