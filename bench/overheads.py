"""Per-page costs inside the crawl process that are not extraction: item validation, the pool hand-off, stats.

1. Spidermon's ``ItemValidationPipeline`` with the article schema: CPU milliseconds per item over
   the records of the fixture articles, repeated to N items.
2. The extraction pool's hand-off (crawler/middlewares/extraction_pool.py): one worker gets N pages
   of 40 KB from an asyncio loop (32 in flight) and returns an 8 KB result each; CPU of the sending
   process (all its threads) and wall time per page. Measured for the pool the crawl uses
   (:class:`crawler.workerpool.WorkerPool`: sockets on the loop, no threads) and, for comparison,
   for a forkserver ``concurrent.futures.ProcessPoolExecutor`` (two threads in the sending process).
3. One stats call (``inc_value``), N x 50 of them (a crawl makes dozens per page): Scrapy's
   ``MemoryStatsCollector`` against the project's ``STATS_CLASS`` (crawler/stats.py).

    python bench/overheads.py
    python bench/overheads.py -n 5000 --write
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import common  # noqa: E402


def _records() -> list[dict]:
    records = []
    for path in sorted((REPO / "tests" / "fixtures" / "pages").glob("*.json")):
        expected = json.loads(path.read_text("utf-8"))
        if expected.get("title"):
            records.append({k: v for k, v in expected.items() if k in ("url", "title", "author", "authors", "published",
                                                                      "modified", "body", "tags", "site")})
    return records


def validation_ms(pipeline_cls, items: list[dict]) -> float:
    from scrapy.utils.test import get_crawler  # noqa: PLC0415

    from crawler.items import ArticleItem  # noqa: PLC0415

    crawler = get_crawler(settings_dict={"SPIDERMON_ENABLED": True,
                                         "SPIDERMON_VALIDATION_SCHEMAS": ["crawler.monitoring.checks.ARTICLE_SCHEMA"]})
    pipeline = pipeline_cls.from_crawler(crawler)
    articles = [ArticleItem(**item) for item in items]
    start = time.process_time()
    for article in articles:
        pipeline.process_item(article)
    return (time.process_time() - start) * 1000 / len(articles)


def stats_call_ms(collector_cls, calls: int) -> float:
    from scrapy.utils.test import get_crawler  # noqa: PLC0415

    stats = collector_cls(get_crawler(settings_dict={"STATS_DUMP": False}))
    keys = [f"extract/kind/{i}" for i in range(50)]
    start = time.process_time()
    for _ in range(calls // len(keys)):
        for key in keys:
            stats.inc_value(key)
    return (time.process_time() - start) * 1000 / calls


def _echo(body: bytes, url: str) -> dict:
    return {"url": url, "body": "x" * 8000, "title": "t" * 80}


async def _hand_off(n: int, kind: str) -> tuple[float, float]:
    """(CPU ms, wall ms) per page of the sending process, handing ``n`` pages to one worker."""
    if kind == "executor":
        executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver"))

        async def call(*args):
            return await asyncio.wrap_future(executor.submit(_echo, *args))

        close = executor.shutdown
    else:
        from crawler.workerpool import WorkerPool  # noqa: PLC0415

        pool = WorkerPool(_echo, 1)
        call, close = pool.call, pool.close
    await call(b"", "warm-up")
    body, limit = os.urandom(40_000), asyncio.Semaphore(32)

    async def one(i: int) -> dict:
        async with limit:
            return await call(body, f"https://example.id/{i}")

    start, wall = time.process_time(), time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(n)))
    used, wall = time.process_time() - start, time.perf_counter() - wall
    close()
    return used * 1000 / n, wall * 1000 / n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=2000, help="items validated and pages handed off (default 2000)")
    ap.add_argument("--write", action="store_true", help="record the table in bench/RESULTS.md")
    args = ap.parse_args()
    from spidermon.contrib.scrapy.pipelines import ItemValidationPipeline  # noqa: PLC0415

    records = _records()
    items = [records[i % len(records)] for i in range(args.n)]
    rows = [["item validation: Spidermon 1.27 `ItemValidationPipeline`", f"{validation_ms(ItemValidationPipeline, items):.3f}", "-"]]
    for kind, label in (("pool", "`crawler.workerpool.WorkerPool` (the crawl's)"),
                        ("executor", "`concurrent.futures.ProcessPoolExecutor` (forkserver)")):
        cpu, wall = asyncio.run(_hand_off(args.n, kind))
        rows.append([f"extraction hand-off, 40 KB page + 8 KB result: {label}", f"{cpu:.3f}", f"{wall:.3f}"])
    from scrapy.statscollectors import MemoryStatsCollector  # noqa: PLC0415

    from crawler.stats import CrawlStatsCollector  # noqa: PLC0415

    for cls, label in ((MemoryStatsCollector, "Scrapy's `MemoryStatsCollector`"),
                       (CrawlStatsCollector, "`crawler.stats.CrawlStatsCollector` (the crawl's)")):
        rows.append([f"one stats call (`inc_value`): {label}", f"{stats_call_ms(cls, args.n * 50):.5f}", "-"])
    table = common.md_table(["what (per item or page)", "CPU ms", "wall ms"], rows)
    print(table)
    if args.write:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        common.update_block("overheads", f"## Crawl-process overheads\n\n`python bench/overheads.py -n {args.n} --write` "
                            f"on {os.cpu_count()} CPUs, {common.now()}, load average {load}.\n\n{table}")


if __name__ == "__main__":
    main()
