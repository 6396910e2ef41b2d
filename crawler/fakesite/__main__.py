"""Command line: ``python -m crawler.fakesite --style wp --articles 300 --port 8000`` serves until Ctrl-C."""

from __future__ import annotations

import argparse
import time

from .server import FakeSite


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m crawler.fakesite", description=__doc__)
    ap.add_argument("--style", choices=("wp", "portal"), default="wp")
    ap.add_argument("--articles", type=int, default=300, help="number of articles (default 300)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--port", type=int, default=0, help="0 = a free port")
    args = ap.parse_args(argv)
    site = FakeSite(args.style, args.articles, args.seed, port=args.port).start()
    print(f"{site.style} fake site with {args.articles} articles at {site.url}/ (Ctrl-C to stop)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        site.stop()


if __name__ == "__main__":
    main()
