"""Distributed crawling on Redis (scrapy-redis): N worker processes, on one or many hosts, crawl one site together.

One setting switches it on: ``REDIS_URL`` (``python -m crawler crawl --redis URL``,
``scrapy crawl site -s REDIS_URL=...``). Without it nothing here is loaded and a
crawl runs in one process as before. With it, :class:`DistributedAddon` sets:

* ``SCHEDULER`` = :class:`~crawler.distributed.scheduler.SiteScheduler`: scrapy-redis'
  scheduler with a per-site priority queue ``<DISTRIBUTED_KEY>:requests`` and
  dupefilter ``<DISTRIBUTED_KEY>:dupefilter`` (``DISTRIBUTED_KEY`` defaults to
  ``crawler:%(spider)s:%(site)s``), persisted across workers (``SCHEDULER_PERSIST``);
* the acknowledgement middlewares (:mod:`crawler.distributed.middlewares`): a request
  popped from the queue stays in the worker's in-flight hash until its page is
  processed and its articles are written, so a killed worker loses nothing (see
  :mod:`crawler.distributed.coordinator` for the run's life cycle);
* a per-worker ``JSONL_OUTPUT`` (:func:`worker_output`), so workers never share a file.

The seen-store is Redis too whenever ``REDIS_URL`` is set (:mod:`crawler.state`),
so scheduled distributed runs stay incremental.

Worker id: ``DISTRIBUTED_WORKER_ID``, default ``<hostname>-<pid>``. Give a fixed id
(a systemd instance name) to let a restarted worker append to its own files.

Limits, by design or of scrapy-redis 0.9.1: ``max_articles``/``max_pages`` count per
worker; robots.txt is fetched by every worker (Scrapy's robots middleware downloads
it outside the scheduler); article URLs whose date no source settled wait in the
memory of the worker that found them until it is idle (``site`` spider); an idle
worker polls the queue about every 5 s (Scrapy's engine heartbeat); the Lua scripts
name keys they compute, so Redis Cluster is not supported; the ``article`` spider
(given URLs) runs through Redis but is not shared between workers.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

__all__ = ["DistributedAddon", "worker_id", "worker_output"]


def worker_id(settings) -> str:
    """This process's worker id: ``DISTRIBUTED_WORKER_ID`` or ``<hostname>-<pid>``."""
    return settings.get("DISTRIBUTED_WORKER_ID") or f"{socket.gethostname()}-{os.getpid()}"


def worker_output(value: str, worker: str) -> str:
    """The worker's own ``JSONL_OUTPUT`` for the shared one ``value``.

    A file gets the worker id in its name (``out.jsonl`` -> ``out.<worker>.jsonl``);
    a directory or a template gets a per-worker directory under its root
    (``data/`` -> ``data/<worker>/``, ``data/{site}/{date:%Y-%m-%d}.jsonl`` ->
    ``data/<worker>/{site}/{date:%Y-%m-%d}.jsonl``), so each worker also keeps its
    own journal and summary there. The crawl's articles are the union of the
    workers' files.
    """
    if value.endswith(("/", os.sep)) or (Path(value).is_dir() and "{" not in value):
        return os.path.join(value, worker) + os.sep
    if "{" in value:
        root = os.path.dirname(value[: value.index("{")])
        return os.path.join(root, worker, value[len(root):].lstrip("/" + os.sep))
    path = Path(value)
    return str(path.with_name(f"{path.stem}.{worker}{path.suffix}"))


class DistributedAddon:
    """Scrapy add-on: turns a crawl distributed when ``REDIS_URL`` is set; otherwise does nothing."""

    def update_settings(self, settings) -> None:
        if not settings.get("REDIS_URL"):
            return
        try:
            import scrapy_redis  # noqa: F401 - the scheduler below needs it
        except ImportError as exc:
            raise RuntimeError("REDIS_URL is set but scrapy-redis is not installed: pip install scrapy-redis==0.9.1 "
                               "(requirements.txt), or unset REDIS_URL for a single-process crawl") from exc
        settings.set("SCHEDULER", "crawler.distributed.scheduler.SiteScheduler", "addon")
        settings.set("SCHEDULER_QUEUE_CLASS", "crawler.distributed.scheduler.ReliableQueue", "addon")
        settings.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter", "addon")
        settings.set("SCHEDULER_PERSIST", True, "addon")
        settings["SPIDER_MIDDLEWARES"]["crawler.distributed.middlewares.AckSpiderMiddleware"] = 10
        settings["DOWNLOADER_MIDDLEWARES"]["crawler.distributed.middlewares.AckDownloaderMiddleware"] = 1
        worker = worker_id(settings)
        _replace(settings, "DISTRIBUTED_WORKER_ID", worker)
        output = settings.get("JSONL_OUTPUT")
        if output:
            _replace(settings, "JSONL_OUTPUT", worker_output(str(output), worker))


def _replace(settings, name: str, value) -> None:
    """Set ``name`` to ``value`` at the priority it already has (``-s`` or the project's)."""
    settings.set(name, value, max(settings.getpriority(name) or 0, 15))
