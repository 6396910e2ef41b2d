"""Command line: ``python -m crawler COMMAND``.

Commands:

* ``extract FILE... [--url URL]`` -- run article extraction on saved HTML pages
  (``-`` reads standard input) and print one JSON line per article; for a page
  that is not an article, print nothing on stdout and the reason on stderr.
  Exit status 0 when every input was handled, 2 when an input was unreadable.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_UNREADABLE = 2


def _cmd_extract(args: argparse.Namespace) -> int:
    from .extraction import extract_article
    from .extraction.profiles import load_profile

    try:
        profile = load_profile(Path(args.profile)) if args.profile else None
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    status = EXIT_OK
    out = sys.stdout
    for name in args.files:
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except OSError as exc:
            print(f"{name}: unreadable: {exc.strerror or exc}", file=sys.stderr)
            status = EXIT_UNREADABLE
            continue
        url = args.url or ("stdin:" if name == "-" else Path(name).resolve().as_uri())
        result = extract_article(data, url, profile=profile)
        if result.record is None:
            print(f"{name}: {result.reason}", file=sys.stderr)
            continue
        out.write(json.dumps(result.record, ensure_ascii=False) + "\n")
        if args.pages and (result.next_pages or result.all_pages_url):
            print(f"{name}: next pages: {' '.join(result.next_pages or [result.all_pages_url])}", file=sys.stderr)
    out.flush()
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m crawler",
        description="News crawler for Indonesian regional media: crawl sites, extract articles to JSONL.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    ex = sub.add_parser(
        "extract",
        help="extract articles from saved HTML files (one JSON line per article)",
        description="Extract the article of each saved HTML page and print it as one JSON line. "
                    "A page that is not an article prints nothing on stdout and its reason on stderr.",
    )
    ex.add_argument("files", nargs="+", metavar="FILE", help="saved HTML page(s); '-' reads standard input")
    ex.add_argument("--url", help="the URL the page(s) came from (default: the page's canonical link)")
    ex.add_argument("--profile", metavar="TOML", help="a site profile file to use instead of the built-in match")
    ex.add_argument("--pages", action="store_true", help="also report the links to the next pages of multi-page articles")
    ex.set_defaults(func=_cmd_extract)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
