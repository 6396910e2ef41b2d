"""Extraction on themes no one has seen: the Indonesian pages with their markup made anonymous.

Regional sites run themes that no selector list knows. To measure what the
class-independent layers do on such a page, the Indonesian pages with expected
records (``samples`` and ``fixtures``, see ``bench/common.py``) are rewritten
and every tool runs on each version:

* ``as is``: the page unchanged (re-serialised by lxml);
* ``anonymous classes``: every ``class`` and ``id`` value replaced by a random
  token, the same token for the same name within a page (the structure, the
  text, the ``<meta>`` tags and JSON-LD stay);
* ``anonymous, no metadata``: also without JSON-LD, microdata attributes and
  the ``og:``/``article:``/``twitter:``/author/date ``<meta>`` tags: only the
  visible page is left.

Columns as in ``bench/quality.py`` (title and author exact, published to the
minute with offset, the same day for tools that give only a day, body F1 by the
article-extraction-benchmark method, non-article pages rejected). Seeded: the
same tokens on every run.

    /work/benchenv/bin/python bench/unknown_theme.py                       # ours and every peer installed
    /work/benchenv/bin/python bench/unknown_theme.py --tools ours,trafilatura --write
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import warnings
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402
import peers  # noqa: E402
import quality  # noqa: E402

MODES = ("as is", "anonymous classes", "anonymous, no metadata")
_METADATA = re.compile(r"^(?:og:|article:|twitter:|author|description|dc\.|pubdate|publish|content_|dtk:|date|"
                       r"parsely|sailthru|keywords|news_keywords)", re.I)
_MICRODATA = ("itemprop", "itemscope", "itemtype")
COLUMNS = (("title", "title"), ("author", "author"), ("pub_min", "published to the minute"), ("day", "same day"),
           ("body_f1", "body F1"), ("reject", "non-articles rejected"))


def anonymise(html: bytes, mode: str, seed: str) -> bytes:
    """The page rewritten for ``mode`` (see the module docstring)."""
    root = lxml_html.fromstring(html)
    if mode != MODES[0]:
        rng = random.Random(seed)
        tokens: dict[str, str] = {}

        def token(name: str) -> str:
            if name not in tokens:
                tokens[name] = "k" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(7))
            return tokens[name]

        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            if el.get("class") is not None:
                el.set("class", " ".join(token(c) for c in el.get("class").split()))
            if el.get("id") is not None:
                el.set("id", token("#" + el.get("id")))
            if mode == MODES[2]:
                for attr in _MICRODATA:
                    el.attrib.pop(attr, None)
        if mode == MODES[2]:
            for el in root.xpath("//script[@type='application/ld+json'] | //meta[@property or @name]"):
                name = el.get("property") or el.get("name") or ""
                if el.tag == "script" or _METADATA.match(name):
                    el.getparent().remove(el)
    return etree.tostring(root, encoding="utf-8", doctype="<!DOCTYPE html>")


def pages_for(mode: str) -> list[common.Page]:
    pages = []
    for name in ("samples", "fixtures"):
        try:
            loaded = common.load_set(name)
        except common.SetMissing as exc:
            print(f"== set {name}: skipped ({exc})", file=sys.stderr)
            continue
        for page in loaded:
            pages.append(common.Page(page.id, page.url, anonymise(page.html, mode, page.id), page.expected))
    return pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tools", default=None, help="comma list (default: ours and every peer that imports)")
    ap.add_argument("--write", action="store_true", help="record the table in bench/RESULTS.md")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    tools = args.tools.split(",") if args.tools else [
        t for t, missing in peers.availability(["ours", "trafilatura", "trafilatura-fast", "newspaper4k", "news-please",
                                                "goose3", "readability"]).items() if missing is None]
    rows = []
    for mode in MODES:
        pages = pages_for(mode)
        if not pages:
            sys.exit("no Indonesian pages with expected records (../shared/samples and tests/fixtures)")
        for tool in tools:
            m, _ = quality.evaluate(tool, pages)
            rows.append([mode, tool, *[quality.fmt_cell(m, key) for key, _ in COLUMNS]])
            print(" | ".join(rows[-1]), file=sys.stderr)
    table = common.md_table(["page version", "tool", *[h for _, h in COLUMNS]], rows, right=set(range(2, 2 + len(COLUMNS))))
    print(table)
    if args.write:
        command = "python bench/unknown_theme.py" + (f" --tools {args.tools}" if args.tools else "") + " --write"
        common.update_block("unknown-theme", f"## Unknown themes\n\n`{command}` on {common.now()}: the "
                            f"Indonesian pages of `samples` and `fixtures` as they are, with every class and id "
                            f"renamed to a random token, and also without metadata (JSON-LD, microdata, "
                            f"`og:`/`article:`/`twitter:`/author/date meta tags); see the script's docstring."
                            f"\n\n{table}")


if __name__ == "__main__":
    main()
