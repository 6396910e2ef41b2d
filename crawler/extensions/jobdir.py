"""JOBDIR crash guard: a crawl killed with SIGKILL resumes without losing requests.

Scrapy writes a ``JOBDIR``'s queue state (``requests.queue/active.json``) only
when a crawl closes, but appends request fingerprints (``requests.seen``) while
it runs. After a SIGKILL (the OOM killer, a scheduler's timeout) the queue
comes back empty or stale while the fingerprints of requests that were
scheduled but never downloaded survive: the restarted spider's requests for
them are filtered as duplicates, and those articles are never fetched.

:class:`JobdirGuard` marks the ``JOBDIR`` as in use (``<JOBDIR>/crawl.running``)
from start to clean close, holding an exclusive lock on it (released by the
kernel however the process ends). A mark that is locked means another crawl
is using the ``JOBDIR``: this one refuses to start. A mark left unlocked means
the previous crawl died: its ``requests.queue`` and ``requests.seen`` are
removed before the scheduler reads them (logged; counted
``jobdir/discarded_after_crash``). The spider then issues its requests again,
and the seen-store (:mod:`crawler.state`) skips the articles already written.
``spider.state`` is kept.
"""

from __future__ import annotations

import fcntl
import logging
import shutil
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.job import job_dir

logger = logging.getLogger(__name__)

MARK = "crawl.running"
CRASH_INCONSISTENT = ("requests.queue", "requests.seen")


class JobdirGuard:
    """Discard a killed crawl's inconsistent JOBDIR queue and fingerprints; see the module docstring."""

    def __init__(self, crawler, jobdir: Path):
        self.crawler = crawler
        self.mark = jobdir / MARK
        jobdir.mkdir(parents=True, exist_ok=True)
        left_behind = self.mark.exists()
        self._lock = open(self.mark, "a")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise RuntimeError(f"JOBDIR {jobdir} is in use by another crawl") from None
        self.discarded = left_behind
        if left_behind:
            for name in CRASH_INCONSISTENT:
                path = jobdir / name
                if path.is_dir():
                    shutil.rmtree(path)
                elif path.exists():
                    path.unlink()
            logger.warning("%s: the previous crawl was killed; its request queue and fingerprints were discarded, "
                           "the spider's requests are issued again (written articles are skipped)", jobdir)

    @classmethod
    def from_crawler(cls, crawler):
        jobdir = job_dir(crawler.settings)
        if not jobdir:
            raise NotConfigured
        guard = cls(crawler, Path(jobdir))
        crawler.signals.connect(guard.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(guard.spider_closed, signal=signals.spider_closed)
        return guard

    def spider_opened(self):
        if self.discarded:
            self.crawler.stats.set_value("jobdir/discarded_after_crash", 1)

    def spider_closed(self):
        self.mark.unlink()
        self._lock.close()
