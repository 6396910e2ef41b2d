"""Command line: ``python -m crawler COMMAND``, thin wrappers over the spiders.

Commands:

* ``crawl SITE_OR_URL [--since] [--until] [--max-articles N] [-o OUT]`` -- every
  article of a site (the ``site`` spider; ``matapublik`` for matapublik.co.id and
  its regional subdomains), appended to JSONL files, incremental across runs.
* ``fetch URL... [-o OUT]`` -- one-off extraction of given article URLs
  (the ``article`` spider).
* ``demo [-o OUT]`` -- starts the bundled fake regional news site on
  127.0.0.1, crawls it and prints the summary: the product, offline.
* ``extract FILE... [--url URL]`` -- extraction on saved HTML pages (``-`` reads
  standard input); one JSON line per article on stdout, the reason for every
  non-article on stderr.

Exit status: 0 done and healthy; 2 bad input (unreadable file, bad option or
profile); 3 the crawl ran but was unhealthy (see :mod:`crawler.health`; the
reasons are printed); 1 the crawl could not run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_UNREADABLE = 2
EXIT_UNHEALTHY = 3
DEFAULT_OUTPUT = "data/"  # {site}/{date:%Y-%m-%d}.jsonl under it (pipelines/output.py)


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


def _usable_output(out: str | None) -> str | None:
    """Why the output cannot be written (a file where a directory must be...), or None when it can."""
    if not out:
        return None
    path = Path(out.split("{", 1)[0])  # a template: its fixed leading directories
    directory = path if out.endswith("/") or "{" in out or path.is_dir() else path.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"{directory}: {exc.strerror or exc}"
    return None


def _workers(value: str) -> str:
    from .middlewares.extraction_pool import worker_count

    try:
        worker_count(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a number of processes or 'auto', not {value!r}") from None
    return value


def _crawl_settings(args: argparse.Namespace) -> dict:
    """Settings every crawling command shares, from its options."""
    out = getattr(args, "output", None)
    settings = {
        "JSONL_OUTPUT": out,
        "STATUS_LINE": True,
        "LOG_LEVEL": "WARNING" if sys.stderr.isatty() and not args.verbose else "INFO",
        "LOGSTATS_INTERVAL": 15.0,
        "STATE_DIR": getattr(args, "state_dir", None),
        "REDIS_URL": getattr(args, "redis", None),
    }
    if getattr(args, "force", False):
        settings["CRAWL_WINDOW_FORCE"] = True
    if getattr(args, "workers", None) is not None:
        settings["EXTRACTION_WORKERS"] = args.workers
    if getattr(args, "resume", False):
        settings["JOBDIR"] = str(Path(args.state_dir or (str(out).rstrip("/") + ".state")) / "job")
    return settings


def _report(outcome) -> int:
    """Print the end-of-run table and the health verdict; the exit status."""
    from .extensions.summary import build_summary, format_summary_table, summary_path

    if outcome.error is not None:
        print(f"error: the crawl could not run: {outcome.error}", file=sys.stderr)
        return EXIT_FAILED
    written = summary_path(outcome.settings)
    if written is not None and written.exists():
        summary = json.loads(written.read_text(encoding="utf-8"))
    else:
        stats = outcome.stats
        summary = build_summary(stats, spider=stats.get("spider_name", "?"), reason=stats.get("finish_reason", "?"),
                                started=stats.get("start_time"), finished=stats.get("finish_time"),
                                settings=outcome.settings)
    print(format_summary_table(summary), file=sys.stderr)
    if written is not None:
        print(f"summary: {written}", file=sys.stderr)
    if outcome.stats.get("output/error"):
        print(f"ERROR: could not write the output: {outcome.stats['output/error']}", file=sys.stderr)
    if outcome.health.ok:
        return EXIT_OK
    for reason in outcome.health.reasons:
        print(f"UNHEALTHY: {reason}", file=sys.stderr)
    return EXIT_UNHEALTHY


def crawl_spider_args(args: argparse.Namespace) -> dict:
    """The ``site`` spider's arguments for ``crawl TARGET`` and its options."""
    from .extraction.profiles import profile_for
    from .extraction.urls import host_of

    target = args.target.strip()
    is_url = "://" in target
    host = host_of(target) if is_url else target.strip("/").lower()
    profile = profile_for(host)
    # A network's root (matapublik.co.id) with include_subdomains in its profile takes in its regional
    # subdomains, as the matapublik spider does; one regional site (kotaprobolinggo....) stays itself.
    network_root = host.removeprefix("www.") in profile.domains and profile.crawl.get("include_subdomains")
    spider_args = {
        ("url" if is_url else "site"): target if is_url else target.strip("/"),
        "since": args.since, "until": args.until, "max_articles": args.max_articles,
        "max_pages": args.max_pages, "subdomains": "true" if args.subdomains or network_root else None,
    }
    return spider_args


def _cmd_crawl(args: argparse.Namespace) -> int:
    from .runner import run

    problem = _usable_output(args.output)
    if problem:
        print(f"error: cannot write the output {args.output}: {problem}", file=sys.stderr)
        return EXIT_FAILED
    return _report(run("site", crawl_spider_args(args), _crawl_settings(args)))


def _cmd_fetch(args: argparse.Namespace) -> int:
    from .runner import run

    urls = [u for arg in args.urls for u in arg.split(",") if u.strip()]
    if not urls and not args.urls_file:
        print("error: give at least one URL (or --urls-file)", file=sys.stderr)
        return EXIT_UNREADABLE
    spider_args = {"url": ",".join(urls) or None, "urls_file": args.urls_file}
    return _report(run("article", spider_args, _crawl_settings(args)))


def _cmd_demo(args: argparse.Namespace) -> int:
    from .fakesite import FakeSite
    from .runner import run

    with FakeSite(style=args.style, n_articles=args.articles) as site:
        print(f"demo: a fake regional news site with {args.articles} articles is serving at {site.url}",
              file=sys.stderr)
        print(f"demo: crawling it into {args.output} ...", file=sys.stderr)
        settings = _crawl_settings(args)
        settings.update(AUTOTHROTTLE_ENABLED=False, DOWNLOAD_DELAY=0, CONCURRENT_REQUESTS_PER_DOMAIN=8)
        code = _report(run("site", {"url": site.url + "/"}, settings))
    print(f"demo: articles are in {args.output} (one JSON object per line)", file=sys.stderr)
    return code


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

    def output_options(p, default):
        p.add_argument("-o", "--output", default=default, metavar="OUT",
                       help="a .jsonl file, a directory (then {site}/{date}.jsonl inside it) or a path template "
                            "such as data/{site}/{date:%%Y-%%m-%%d}.jsonl; appended to, never overwritten "
                            f"(default: {default})")
        p.add_argument("--state-dir", metavar="DIR",
                       help="where the seen-store remembers written articles (default: next to the output)")
        p.add_argument("--redis", metavar="URL", help="share the crawl and its seen-store through Redis "
                                                      "(several machines; see README)")
        p.add_argument("-v", "--verbose", action="store_true", help="log at INFO level on a terminal too")

    cr = sub.add_parser(
        "crawl", help="crawl a whole news site (only what is new since the last run)",
        description="Crawl every article of a news site into JSONL. Runs are incremental: articles already "
                    "written (to the same output) are not fetched again. Exit status 3 means the crawl was "
                    "unhealthy (reasons printed), 0 healthy.")
    cr.add_argument("target", metavar="SITE_OR_URL", help="a domain (kotaprobolinggo.matapublik.co.id) or a start URL")
    cr.add_argument("--since", help="only articles published since: 2024-10-01, 2024-10-01T08:00+07:00, or 12h/7d/2w ago")
    cr.add_argument("--until", help="only articles published until this date or time")
    cr.add_argument("--max-articles", type=int, metavar="N", help="stop after writing N articles")
    cr.add_argument("--max-pages", type=int, metavar="N", help="stop after downloading N pages")
    cr.add_argument("--subdomains", action="store_true", help="crawl the site's subdomains too")
    cr.add_argument("--force", action="store_true",
                    help="crawl even outside the site profile's crawl window ([crawl] hours)")
    cr.add_argument("--resume", action="store_true",
                    help="keep the crawl's queue on disk (JOBDIR) so an interrupted crawl continues where it stopped")
    cr.add_argument("--workers", type=_workers, metavar="N",
                    help="extract articles in N worker processes ('auto': one per CPU but one); pays off when "
                         "the crawl is CPU-bound (fast servers, no delay), not on one polite site")
    output_options(cr, DEFAULT_OUTPUT)
    cr.set_defaults(func=_cmd_crawl)

    fe = sub.add_parser("fetch", help="extract given article URLs",
                        description="Fetch and extract the given article URLs; a URL that is not an article "
                                    "is reported and not written.")
    fe.add_argument("urls", nargs="*", metavar="URL", help="article URL(s), also comma-separated")
    fe.add_argument("--urls-file", metavar="FILE", help="a file with one URL per line")
    output_options(fe, "articles.jsonl")
    fe.set_defaults(func=_cmd_fetch)

    de = sub.add_parser("demo", help="crawl a bundled fake news site offline (the whole product in one command)",
                        description="Start a fake regional news site on 127.0.0.1, crawl it, write the JSONL "
                                    "and print the run summary.")
    de.add_argument("--articles", type=int, default=60, metavar="N", help="articles on the fake site (default 60)")
    de.add_argument("--style", choices=("wp", "portal"), default="wp",
                    help="wp: WordPress with sitemaps and feeds; portal: /read/ID/slug with listing pages only")
    output_options(de, "demo-articles.jsonl")
    de.set_defaults(func=_cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
