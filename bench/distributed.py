"""Distributed crawl throughput: 1, 2 and 4 ``site`` worker processes sharing one Redis, and Redis commands per page.

Starts :class:`crawler.fakesite.FakeSite` (WordPress style, N articles) in its own
process and a private ``redis-server`` on a free loopback port (else the server at
``REDIS_URL``, whose other clients then inflate the command count), then for each
worker count runs that many ``scrapy crawl site -s REDIS_URL=...`` processes at once,
plus the single-process crawl without Redis as the baseline. Prints, per run: pages
fetched (sum of the workers' summaries), articles written (union), duplicates, the
wall time from start to the last worker's exit, the work span (start to the last
line written: without the idle workers' final poll), pages per second over the span,
and Redis commands per page (``INFO stats`` ``total_commands_processed`` after minus
before, over pages; the JSON line of each run on stderr breaks it down by command).

    python bench/distributed.py --articles 2000 --workers 1 2 4
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from multiprocessing import Event, Process, Queue
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SETTINGS = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0", "CONCURRENT_REQUESTS": "32",
            "CONCURRENT_REQUESTS_PER_DOMAIN": "32", "LOG_LEVEL": "INFO", "LOGSTATS_INTERVAL": "3600",
            "MAX_IDLE_TIME_BEFORE_CLOSE": "2", "DISTRIBUTED_WORKER_TIMEOUT": "10"}


def _serve(n: int, ready: Queue, stop: Event) -> None:
    sys.path.insert(0, str(REPO))
    from crawler.fakesite import FakeSite

    with FakeSite(style="wp", n_articles=n) as site:
        ready.put((site.url, [r["url"] for r in site.expected_articles()]))
        stop.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_redis() -> tuple[str, subprocess.Popen | None]:
    """A private redis-server (URL, process), else ``REDIS_URL``'s server (URL, None)."""
    if shutil.which("redis-server"):
        port = _free_port()
        process = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                    "--appendonly", "no"], stdout=subprocess.DEVNULL)
        return f"redis://127.0.0.1:{port}/0", process
    return os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0", None


def crawl(base: str, workers: int, redis_url: str | None, tmp: Path) -> dict:
    """Run ``workers`` worker processes (0: one process without Redis); the run's figures."""
    import redis

    out = tmp / f"run-{workers}-{uuid.uuid4().hex[:6]}"
    out.mkdir()
    options = dict(SETTINGS, JSONL_OUTPUT=str(out / "out.jsonl"))
    client = None
    if workers:
        prefix = f"bench-{uuid.uuid4().hex[:8]}"
        options.update(REDIS_URL=redis_url, DISTRIBUTED_KEY=f"{prefix}:%(spider)s:%(site)s",
                       SEEN_REDIS_KEY=f"{prefix}:seen")
        client = redis.Redis.from_url(redis_url)
    command = [sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"url={base}/"]
    for name, value in options.items():
        command += ["-s", f"{name}={value}"]
    before = client.info("stats")["total_commands_processed"] if client else 0
    calls_before = _calls(client) if client else {}
    started = time.monotonic()
    start_wall = time.time()
    processes = [subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for _ in range(max(workers, 1))]
    codes = [p.wait() for p in processes]
    wall = time.monotonic() - started
    commands = client.info("stats")["total_commands_processed"] - before if client else 0
    calls = {name: n - calls_before.get(name, 0) for name, n in _calls(client).items()} if client else {}
    files = sorted(out.glob("out*.jsonl"))
    urls = [json.loads(line)["url"] for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    pages = sum(json.loads(Path(f"{f}.summary.json").read_text())["counts"]["pages"] for f in files)
    span = max(f.stat().st_mtime for f in files) - start_wall if files else wall
    if client:
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
    return {"workers": workers, "exit": codes, "pages": pages, "articles": len(set(urls)),
            "duplicates": len(urls) - len(set(urls)), "per_worker": [len(f.read_text().splitlines()) for f in files],
            "wall_s": round(wall, 1), "span_s": round(span, 1), "pages_per_s": round(pages / span, 1),
            "redis_commands_per_page": round(commands / pages, 1) if workers and pages else None,
            "per_page_by_command": {name: round(n / pages, 2) for name, n in sorted(calls.items(), key=lambda c: -c[1])
                                    if n and pages}}


def _calls(client) -> dict[str, int]:
    """Calls so far per Redis command (``INFO commandstats``)."""
    return {name.removeprefix("cmdstat_"): stat["calls"] for name, stat in client.info("commandstats").items()}


def table(rows: list[dict]) -> str:
    out = ["| workers | pages | articles (union) | dup. written | per worker | wall s | span s | pages/s | Redis cmds/page |",
           "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |"]
    for r in rows:
        name = "1, no Redis (default)" if r["workers"] == 0 else str(r["workers"])
        out.append(f"| {name} | {r['pages']} | {r['articles']} | {r['duplicates']} | "
                   f"{'/'.join(map(str, r['per_worker']))} | {r['wall_s']} | {r['span_s']} | {r['pages_per_s']} | "
                   f"{r['redis_commands_per_page'] if r['redis_commands_per_page'] is not None else '-'} |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()
    ready, stop = Queue(), Event()
    server = Process(target=_serve, args=(args.articles, ready, stop), daemon=True)
    server.start()
    base, expected = ready.get(timeout=300)
    redis_url, redis_process = start_redis()
    time.sleep(0.5)
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for workers in [0, *args.workers]:
                rows.append(crawl(base, workers, redis_url, Path(tmp)))
                print(json.dumps(rows[-1]), file=sys.stderr)
    finally:
        stop.set()
        server.join(10)
        if redis_process is not None:
            redis_process.terminate()
            redis_process.wait(10)
    print(f"{args.articles} articles on the fake site ({len(expected)} visible), {os.cpu_count()} CPUs; "
          f"Redis {'private redis-server' if redis_process else redis_url}")
    print(table(rows))


if __name__ == "__main__":
    main()
