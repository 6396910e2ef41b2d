"""Distributed crawl on a real Redis: several ``scrapy crawl site`` worker processes share one site.

Uses the Redis at ``REDIS_URL`` (else redis://127.0.0.1:6379/15) under a unique key
prefix, deleted afterwards; skipped with the reason when none answers, failed under
``CI=true``. The workers crawl a :class:`~crawler.fakesite.FakeSite`, whose request
log is the ground truth for "no page fetched twice".
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from scrapy.settings import Settings

from crawler.distributed import DistributedAddon, worker_output
from crawler.fakesite import FakeSite

ROOT = Path(__file__).resolve().parent.parent
# A small delay per worker keeps the crawl longer than an idle worker's poll (the engine's 5 s heartbeat),
# as real politeness delays do, so that workers joining an empty queue get their share.
FAST = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0.05", "CONCURRENT_REQUESTS_PER_DOMAIN": "4",
        "MAX_IDLE_TIME_BEFORE_CLOSE": "2", "DISTRIBUTED_WORKER_TIMEOUT": "3", "LOG_LEVEL": "INFO"}


@pytest.fixture
def redis_prefix():
    """A Redis URL and a key prefix unique to the test; every key under it is deleted afterwards."""
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    try:
        import redis

        client = redis.Redis.from_url(url)
        client.ping()
    except Exception as exc:  # noqa: BLE001 - any reason Redis is unusable
        reason = f"no Redis answers at {url}: {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}: CI must provide a Redis server (REDIS_URL)")
        pytest.skip(reason)
    prefix = f"test-distributed-{uuid.uuid4().hex[:8]}"
    yield url, prefix, client
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def start_worker(site, redis_url, prefix, output, **settings) -> subprocess.Popen:
    options = {**FAST, "REDIS_URL": redis_url, "DISTRIBUTED_KEY": f"{prefix}:%(spider)s:%(site)s",
               "SEEN_REDIS_KEY": f"{prefix}:seen", "JSONL_OUTPUT": str(output), **settings}
    command = [sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"url={site.url}/"]
    for name, value in options.items():
        command += ["-s", f"{name}={value}"]
    log = open(f"{output}.{uuid.uuid4().hex[:6]}.log", "w")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)


def wait_all(workers, timeout=180) -> None:
    for worker in workers:
        assert worker.wait(timeout=timeout) == 0, f"worker {worker.pid} exited with {worker.returncode}"


def wait_for_lines(worker, path: Path, lines: int, timeout=60) -> None:
    """Wait until the running ``worker`` has written ``lines`` lines to ``path``."""
    deadline = time.monotonic() + timeout
    while not (path.exists() and path.read_bytes().count(b"\n") >= lines):
        assert time.monotonic() < deadline and worker.poll() is None, f"the worker did not write {lines} lines"
        time.sleep(0.02)


def worker_files(tmp_path) -> list[Path]:
    return sorted(tmp_path.glob("out.*.jsonl"))


def records_of(path: Path) -> list[dict]:
    """The complete lines of a worker's file (a killed worker may leave one incomplete last line)."""
    lines = path.read_bytes().split(b"\n")
    return [json.loads(line) for line in lines[:-1]]


def test_worker_output_names():
    assert worker_output("out.jsonl", "h-1") == "out.h-1.jsonl"
    assert worker_output("data/", "h-1") == os.path.join("data", "h-1") + os.sep
    assert worker_output("data/{site}/{date:%Y}.jsonl", "h-1") == os.path.join("data", "h-1", "{site}/{date:%Y}.jsonl")


def test_without_redis_url_nothing_changes():
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("JSONL_OUTPUT", "out.jsonl", "cmdline")
    before = {name: settings.get(name) for name in ("SCHEDULER", "DUPEFILTER_CLASS", "JSONL_OUTPUT")}
    DistributedAddon().update_settings(settings)
    assert {name: settings.get(name) for name in before} == before
    assert "crawler.distributed.middlewares.AckSpiderMiddleware" not in settings.getdict("SPIDER_MIDDLEWARES")


def test_three_workers_share_one_crawl(tmp_path, redis_prefix):
    redis_url, prefix, client = redis_prefix
    with FakeSite(style="wp", n_articles=200) as site:
        workers = [start_worker(site, redis_url, prefix, tmp_path / "out.jsonl") for _ in range(3)]
        wait_all(workers)
        expected = {record["url"] for record in site.expected_articles()}
        fetched = Counter(path for path in site.requests if path != "/robots.txt")

    files = worker_files(tmp_path)
    assert len(files) == 3, files
    per_worker = [[r["url"] for r in records_of(path)] for path in files]
    written = [url for urls in per_worker for url in urls]
    assert set(written) == expected
    assert len(written) == len(set(written)), "an article was written by two workers"
    assert all(urls for urls in per_worker), f"a worker wrote nothing: {[len(u) for u in per_worker]}"
    pages = [json.loads(Path(f"{path}.summary.json").read_text())["counts"]["pages"] for path in files]
    assert all(pages), f"a worker fetched no page: {pages}"
    # robots.txt is fetched by every worker's robots middleware, outside the scheduler; nothing else twice.
    assert [path for path, n in fetched.items() if n > 1] == []
    # the run finished: only the seen-store remains
    assert sorted(k.decode() for k in client.scan_iter(f"{prefix}:*")) == [f"{prefix}:seen:hashes", f"{prefix}:seen:urls"]


def test_killed_worker_loses_nothing(tmp_path, redis_prefix):
    redis_url, prefix, client = redis_prefix
    with FakeSite(style="wp", n_articles=200) as site:
        victim = start_worker(site, redis_url, prefix, tmp_path / "out.jsonl")  # seeds the run
        victim_file = tmp_path / f"out.{socket.gethostname()}-{victim.pid}.jsonl"
        wait_for_lines(victim, victim_file, 1)
        other = start_worker(site, redis_url, prefix, tmp_path / "out.jsonl")
        wait_for_lines(victim, victim_file, 20)
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        restarted = start_worker(site, redis_url, prefix, tmp_path / "out.jsonl")
        wait_all([other, restarted])
        expected = {record["url"] for record in site.expected_articles()}

    written = [r["url"] for path in worker_files(tmp_path) for r in records_of(path)]
    victim_count = len(records_of(victim_file))
    assert 20 <= victim_count < len(expected), "the victim was not killed mid-crawl"
    assert set(written) == expected, f"{len(expected - set(written))} articles lost"
    assert len(written) == len(set(written)), "an article was written twice"
    assert sorted(k.decode() for k in client.scan_iter(f"{prefix}:*")) == [f"{prefix}:seen:hashes", f"{prefix}:seen:urls"]
