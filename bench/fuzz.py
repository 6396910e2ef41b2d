"""Mutation fuzz of the extractor: N mutated pages through ``extract_article``; crashes, hangs and the slowest.

    python bench/fuzz.py                 # 5000 inputs, seed 0
    python bench/fuzz.py -n 2000 --seed 7 --limit-ms 2000

Inputs are the fixture pages (tests/fixtures/pages/*.html) mutated by 1-4 random
operators from :data:`MUTATORS` (cut, duplicate or nest subtrees as text,
re-encode cp1252/latin-1/utf-16, inject entities, control characters and NUL
bytes, huge attribute values, deep nesting, random bytes) plus some wholly
random byte strings. A *crash* is an exception escaping ``extract_article`` or
a reason ``error:<Exception>`` (the function's own catch-all: an internal
failure, hidden); a *hang* is a call over ``--limit-ms``. Crashing inputs are
saved under ``--save`` (default ``bench/results/fuzz-crashes/``) to reproduce.
The test suite runs the same mutators at a smaller scale (tests/test_fuzz_extraction.py).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PAGES = ROOT / "tests" / "fixtures" / "pages"
URL = "https://kabarjember.example.co.id/2024/10/14/jembatan-gantung/"

ENTITIES = ["&amp;", "&lt;", "&gt;", "&nbsp;", "&#0;", "&#x0;", "&#xD800;", "&#1114112;", "&#99999999999;",
            "&bogus;", "&", "&#", "&#x;", "&eacute", "&ndash;", "&#8220;", "&#x1F600;", "&#150;"]
CONTROL = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u2029",
           "\ufeff", "\ufffe", "\ud800", "\u200b", "\u202e"]
TAGS = ["div", "p", "article", "script", "style", "span", "table", "ul", "li", "time", "h1", "a", "iframe",
        "template", "noscript", "svg", "math", "select", "textarea", "title"]


def fixture_pages() -> list[bytes]:
    return [p.read_bytes() for p in sorted(PAGES.glob("*.html"))]


def _as_text(page: bytes | str) -> str:
    return page if isinstance(page, str) else page.decode("utf-8", errors="replace")


def cut(page, rng):
    """Cut the page at a random point (truncated download)."""
    text = _as_text(page)
    return text[: rng.randrange(len(text) + 1)]


def cut_middle(page, rng):
    text = _as_text(page)
    a = rng.randrange(len(text) + 1)
    b = rng.randrange(a, len(text) + 1)
    return text[:a] + text[b:]


def duplicate(page, rng):
    """Repeat a random slice of the markup (a subtree, or half of one) several times."""
    text = _as_text(page)
    a = rng.randrange(len(text) + 1)
    b = min(len(text), a + rng.randrange(1, 5000))
    return text[:b] + text[a:b] * rng.randint(2, 20) + text[b:]


def nest(page, rng):
    """Wrap a random slice inside itself (a subtree nested in its own copy), as text."""
    text = _as_text(page)
    a = rng.randrange(len(text) + 1)
    b = min(len(text), a + rng.randrange(1, 3000))
    inner = text[a:b]
    mid = rng.randrange(len(inner) + 1)
    return text[:a] + inner[:mid] + inner + inner[mid:] + text[b:]


def reencode(page, rng):
    """Re-encode as cp1252/latin-1/utf-16 (with or without a matching declaration)."""
    text = _as_text(page)
    enc = rng.choice(["cp1252", "latin-1", "utf-16", "utf-16-le", "utf-16-be", "iso-8859-15"])
    data = text.encode(enc, errors="replace")
    if rng.random() < 0.3:
        data = data.replace(b"utf-8", b"utf-16").replace(b"UTF-8", b"windows-1252")
    return data


def inject_entities(page, rng):
    text = _as_text(page)
    for _ in range(rng.randint(1, 30)):
        i = rng.randrange(len(text) + 1)
        text = text[:i] + rng.choice(ENTITIES) + text[i:]
    return text


def inject_control(page, rng):
    """Control characters, NUL bytes, lone surrogates (as bytes where the text cannot hold them)."""
    text = _as_text(page)
    for _ in range(rng.randint(1, 50)):
        i = rng.randrange(len(text) + 1)
        text = text[:i] + rng.choice(CONTROL) * rng.randint(1, 5) + text[i:]
    return text.encode("utf-8", errors="surrogatepass") if rng.random() < 0.5 else text


def huge_attribute(page, rng):
    """A multi-megabyte attribute value (class, content of a meta, a data URI)."""
    text = _as_text(page)
    i = text.find("<", rng.randrange(max(1, len(text))))
    i = max(i, 0)
    attr = rng.choice(["class", "content", "data-x", "href", "src", "datetime", "style"])
    value = rng.choice(["x", "a b ", "\u00e9", "2024-10-14 ", "&amp;", "\""]) * rng.randint(10_000, 400_000)
    return text[:i] + f"<meta property='og:title' {attr}='{value}'><div {attr}=\"{value}\">teks</div>" + text[i:]


def deep_nesting(page, rng):
    """Thousands of nested elements (10 000 levels at most) around or inside the article."""
    text = _as_text(page)
    depth = rng.choice([500, 2000, 10_000])
    tag = rng.choice(["div", "span", "b", "p", "table", "li", "blockquote"])
    i = text.find("<p", rng.randrange(max(1, len(text))))
    i = i if i >= 0 else len(text) // 2
    closing = f"</{tag}>" * depth if rng.random() < 0.7 else ""
    return text[:i] + f"<{tag}>" * depth + "<p>KEDIRI - isi berita yang terkubur dalam.</p>" + closing + text[i:]


def tag_soup(page, rng):
    """Random unbalanced tags, stray closers, CDATA and comments."""
    text = _as_text(page)
    for _ in range(rng.randint(1, 40)):
        i = rng.randrange(len(text) + 1)
        t = rng.choice(TAGS)
        bit = rng.choice([f"<{t}>", f"</{t}>", f"<{t}", "<!--", "-->", "<![CDATA[", "]]>", "<?xml ?>",
                          "<!DOCTYPE x>", f"<{t} a=\"", "\">", "<script>", "</script>"])
        text = text[:i] + bit + text[i:]
    return text


def flip_bytes(page, rng):
    data = bytearray(page.encode("utf-8", errors="surrogatepass") if isinstance(page, str) else page)
    for _ in range(rng.randint(1, 200)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


JSON_LD_JUNK = [
        '{"@type":"NewsArticle","datePublished":' + "[" * 5000 + "]" * 5000 + "}",
        '{"@graph":[' + ",".join(['{"@id":"#a","author":{"@id":"#a"}}'] * 50) + "]}",
        '{"@type":"NewsArticle","headline":null,"author":[1,2,{"name":[]}],"datePublished":{"x":1}}',
        '{"@type":"NewsArticle","datePublished":"9999-99-99T99:99:99+99:99","dateModified":"-1"}',
        '{"@type": "NewsArticle", "headline": "' + "A" * 200_000 + '"}',
        "{" * 20_000,
        '{"@type":"NewsArticle","author":{"name":"' + "\\u0000" * 1000 + '"}}',
]


def json_ld_junk(page, rng, variants=JSON_LD_JUNK):
    """Broken, deep or huge JSON-LD: the structured-data layer reads scripts first."""
    text = _as_text(page)
    junk = rng.choice(variants)
    i = text.find("</head>")
    i = max(i, 0)
    return text[:i] + f'<script type="application/ld+json">{junk}</script>' + text[i:]


MUTATORS = [cut, cut_middle, duplicate, nest, reencode, inject_entities, inject_control, huge_attribute,
            deep_nesting, tag_soup, flip_bytes, json_ld_junk]


def mutate(page: bytes, rng: random.Random, max_ops: int = 4, mutators=None) -> bytes | str:
    out: bytes | str = page
    for _ in range(rng.randint(1, max_ops)):
        out = rng.choice(mutators or MUTATORS)(out, rng)
    return out


def random_input(rng: random.Random) -> bytes | str:
    kind = rng.random()
    n = rng.choice([0, 1, 10, 1000, 50_000])
    if kind < 0.4:
        return bytes(rng.randrange(256) for _ in range(n))
    if kind < 0.8:
        return "".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x10FFFF)])) for _ in range(n)) \
            .encode("utf-8", errors="surrogatepass")
    return "".join(rng.choice(["<", ">", "/", "div", "p", " ", "=", "'", "\"", "&", ";", "<!--", "a"])
                   for _ in range(n))


def is_crash(result) -> str | None:
    """The crash a result reveals (``None`` for a proper record-or-reason answer)."""
    if (result.record is None) == (result.reason is None):
        return "record_xor_reason"
    if result.reason and result.reason.startswith("error:"):
        return result.reason
    return None


def run(n: int, seed: int, limit_ms: float, save: Path | None, quiet: bool = False) -> dict:
    import logging

    from crawler.extraction import extract_article

    logging.disable(logging.WARNING)  # the catch-all logs every internal failure; we count them instead
    rng = random.Random(seed)
    pages = fixture_pages()
    crashes: Counter = Counter()
    reasons: Counter = Counter()
    slow = 0
    max_ms, max_input = 0.0, None
    total_ms = 0.0
    for i in range(n):
        data = random_input(rng) if rng.random() < 0.1 else mutate(rng.choice(pages), rng)
        t0 = time.perf_counter()
        try:
            result = extract_article(data, URL)
            crash = is_crash(result)
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                raise
            crash, result = f"raised:{type(exc).__name__}", None
        ms = (time.perf_counter() - t0) * 1000
        total_ms += ms
        if ms > max_ms:
            max_ms, max_input = ms, data
        if ms > limit_ms:
            slow += 1
            crash = crash or "slow"
        if result is not None:
            reasons["article" if result.record else (result.reason or "?").split(":")[0] + ":" +
                    (result.reason or "?").split(":")[-1]] += 1
        if crash:
            crashes[crash] += 1
            if save is not None:
                save.mkdir(parents=True, exist_ok=True)
                blob = data if isinstance(data, bytes) else data.encode("utf-8", errors="surrogatepass")
                (save / f"{crash.replace(':', '_')}-{hashlib.sha1(blob).hexdigest()[:12]}.html").write_bytes(blob)
        if not quiet and (i + 1) % 500 == 0:
            print(f"  {i + 1}/{n}: crashes {sum(crashes.values())}, max {max_ms:.0f} ms", file=sys.stderr)
    return {"inputs": n, "crashes": sum(crashes.values()), "crash_kinds": dict(crashes), "slow": slow,
            "max_ms": round(max_ms, 1), "mean_ms": round(total_ms / max(n, 1), 1),
            "max_input_bytes": len(max_input) if max_input is not None else 0, "results": dict(reasons)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=5000, help="inputs to run (default 5000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit-ms", type=float, default=2000.0, help="a call slower than this is a hang")
    ap.add_argument("--save", type=Path, default=ROOT / "bench" / "results" / "fuzz-crashes",
                    help="where crashing inputs are saved ('' = nowhere)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    report = run(args.n, args.seed, args.limit_ms, args.save if str(args.save) else None)
    print(f"inputs run     {report['inputs']}")
    print(f"crashes        {report['crashes']}  {report['crash_kinds'] or ''}")
    print(f"over {args.limit_ms:.0f} ms   {report['slow']}")
    print(f"max ms         {report['max_ms']}  (input of {report['max_input_bytes']} bytes)")
    print(f"mean ms        {report['mean_ms']}")
    print(f"wall s         {time.perf_counter() - t0:.1f}")
    print(f"results        {dict(sorted(report['results'].items(), key=lambda kv: -kv[1]))}")
    return 1 if report["crashes"] else 0


if __name__ == "__main__":
    sys.exit(main())
