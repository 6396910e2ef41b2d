"""JSONL writer pipeline: one article per line, appended, crash-safe, then marked as seen.

Active only when ``JSONL_OUTPUT`` is set (a file, a path template or a
directory: see :mod:`pipelines.output`); otherwise it is not loaded and
Scrapy's feed exports (``-O``/``-o``) are the output. Both can run together:
this pipeline passes every item on, so a feed also receives it.

The contract of the files it writes:

* one JSON object per line, UTF-8 (``ensure_ascii`` off), keys in contract
  order (:func:`crawler.extraction.record.ordered`), then ``duplicate_of`` and
  ``update`` when set;
* files are only appended to, never rewritten: earlier runs' lines stay;
* each line goes to the OS in one ``write`` as soon as the item arrives (a
  failed write is rolled back), and only then is the URL marked in the
  seen-store; files are fsynced when evicted from the open-file cache and
  when the crawl closes;
* a process killed mid-write leaves at most one incomplete last line. Before a
  file is appended to, such a line is cut off, logged, counted
  ``jsonl/repaired`` and kept in ``<file>.partial``; that article was never
  marked, so it is fetched again.

Journal: while a crawl runs, ``<file's dir>/.<file name>.journal`` (or
``<root>/.jsonl.journal`` for a template) lists the files it appends to and
holds an exclusive lock (a second crawl on the same output fails at start).
A clean close removes it. A journal left by a killed crawl is replayed at the
next start: each listed file is repaired, and its last line -- the one record
that can be written but not yet marked -- is marked in the store
(``jsonl/reconciled``), so it is not fetched and written a second time.
"""

from __future__ import annotations

import asyncio
import errno
import fcntl
import json
import logging
import os
from collections import OrderedDict
from datetime import datetime
from pathlib import Path

from scrapy.exceptions import DropItem, NotConfigured

from crawler.extraction.record import ordered
from crawler.items import as_dict
from crawler.state import CrawlState

from .output import OutputTarget

logger = logging.getLogger(__name__)

#: Files kept open at once (template outputs spread over many dates); the least recently used is closed.
MAX_OPEN_FILES = 32
_CHUNK = 64 * 1024


def repair_partial_line(path: Path) -> bytes | None:
    """Cut an incomplete last line off ``path``, appending it to ``<path>.partial`` first.

    Returns the bytes cut, or ``None`` when the file is empty or ends with a newline.
    """
    with open(path, "r+b") as f:
        end = f.seek(0, os.SEEK_END)
        if end == 0:
            return None
        f.seek(end - 1)
        if f.read(1) == b"\n":
            return None
        cut = _line_start(f, end)
        f.seek(cut)
        partial = f.read()
        with open(f"{path}.partial", "ab") as keep:
            keep.write(partial + b"\n")
            keep.flush()
            os.fsync(keep.fileno())
        f.truncate(cut)
        os.fsync(f.fileno())
    return partial


def last_line(path: Path) -> bytes | None:
    """The last complete line of ``path`` without its newline, or ``None`` when there is none."""
    with open(path, "rb") as f:
        end = f.seek(0, os.SEEK_END)
        if end == 0:
            return None
        f.seek(end - 1)
        if f.read(1) != b"\n":
            end = _line_start(f, end)  # an incomplete line: look at the one before
            if end == 0:
                return None
        start = _line_start(f, end - 1)
        f.seek(start)
        return f.read(end - 1 - start)


def _line_start(f, end: int) -> int:
    """Offset just after the last newline before ``end`` (0 when there is none)."""
    pos = end
    while pos > 0:
        start = max(0, pos - _CHUNK)
        f.seek(start)
        i = f.read(pos - start).rfind(b"\n")
        if i >= 0:
            return start + i + 1
        pos = start
    return 0


class JsonlWriterPipeline:
    """Append each item as a JSON line to the file ``JSONL_OUTPUT`` names, then mark it seen."""

    def __init__(self, target: OutputTarget, state: CrawlState, stats, spider_name: str, crawler=None):
        self.crawler = crawler
        self.failed: str | None = None  # the first output error: then the crawl is stopping
        self.target = target
        self.state = state
        self.stats = stats
        self.spider_name = spider_name
        self.run_started = datetime.now().astimezone()
        self._files: OrderedDict[Path, object] = OrderedDict()
        self._opened: set[Path] = set()  # every file appended to in this run, as listed in the journal
        self._journal = None

    @classmethod
    def from_crawler(cls, crawler):
        target = OutputTarget.from_settings(crawler.settings)
        if target is None:
            raise NotConfigured  # no JSONL_OUTPUT: feed exports only
        return cls(target, CrawlState.for_crawler(crawler), crawler.stats, crawler.spidercls.name, crawler)

    # -- lifecycle ------------------------------------------------------------------
    def open_spider(self) -> None:
        path = self.target.journal_path
        path.parent.mkdir(parents=True, exist_ok=True)
        journal = open(path, "a+", encoding="utf-8")
        try:
            fcntl.flock(journal, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            journal.close()
            raise RuntimeError(f"another crawl is writing this output ({path} is locked)") from None
        journal.seek(0)
        for name in dict.fromkeys(journal.read().splitlines()):
            if name and Path(name).exists():
                self._recover(Path(name))
        journal.truncate(0)
        journal.flush()
        self._journal = journal

    def close_spider(self) -> None:
        if self._journal is None:
            return  # open_spider failed: nothing of ours to close
        while self._files:
            self._close_oldest()
        for directory in {path.parent for path in self._opened}:  # new files' names are durable too
            fd = os.open(directory, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        os.unlink(self._journal.name)
        self._journal.close()

    # -- items ------------------------------------------------------------------------
    def process_item(self, item):
        if self.failed:
            self.stats.inc_value("dropped/output_error")
            raise DropItem(f"not written, the output failed: {self.failed}")
        record = ordered(as_dict(item))
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        path = self.target.path_for(record, self.run_started, self.spider_name)
        try:
            f = self._file(path)
            start = _append(f, line)
            try:
                self.state.mark(record)
            except Exception:
                _truncate(f, start)  # written but not markable: take the line back, never an unmarked line
                raise
        except Exception as exc:  # a full disk, an unwritable directory, a broken seen-store
            self._fail(path, exc)
            self.stats.inc_value("dropped/output_error")
            raise DropItem(f"not written: {exc}") from exc
        self.stats.inc_value("jsonl/written")
        return item

    def _fail(self, path: Path, exc: Exception) -> None:
        """The first output error stops the crawl: nothing more can be written safely."""
        self.failed = f"{type(exc).__name__}: {exc}"
        self.stats.set_value("output/error", f"{path}: {self.failed}")
        logger.error("cannot write the output %s (%s): stopping the crawl; articles not written are not "
                     "marked seen, the next run fetches them again", path, self.failed)
        if self.crawler is not None and self.crawler.engine is not None:
            asyncio.ensure_future(self.crawler.engine.close_spider_async(reason="output_error"))

    # -- files --------------------------------------------------------------------------
    def _file(self, path: Path):
        f = self._files.get(path)
        if f is not None:
            self._files.move_to_end(path)
            return f
        if len(self._files) >= MAX_OPEN_FILES:
            self._close_oldest()
        path.parent.mkdir(parents=True, exist_ok=True)
        if path not in self._opened and path.exists():
            self._repair(path)
        f = open(path, "ab", buffering=0)
        self._files[path] = f
        if path not in self._opened:
            self._opened.add(path)
            self._journal.write(f"{path.resolve()}\n")
            self._journal.flush()
        return f

    def _close_oldest(self) -> None:
        path, f = self._files.popitem(last=False)
        try:
            os.fsync(f.fileno())
        except OSError as exc:
            if exc.errno not in (errno.EINVAL, errno.ENOTSUP):  # not a regular file (a pipe, /dev/...): nothing to sync
                self.stats.set_value("output/error", f"{path}: fsync failed: {exc}")
                logger.error("could not sync %s to disk: %s", path, exc)
        finally:
            f.close()

    def _repair(self, path: Path) -> None:
        partial = repair_partial_line(path)
        if partial is not None:
            self.stats.inc_value("jsonl/repaired")
            logger.warning("%s ended with an incomplete line (%d bytes, a crawl was killed while writing it): "
                           "cut off and kept in %s.partial", path, len(partial), path)

    def _recover(self, path: Path) -> None:
        """Repair a file a killed crawl was appending to, and mark its last record if the store missed it."""
        self._repair(path)
        line = last_line(path)
        if line is None:
            return
        try:
            record = json.loads(line)
        except ValueError:
            logger.warning("%s: last line is not JSON; not reconciled with the seen-store", path)
            return
        if self.state.reconcile(record):
            self.stats.inc_value("jsonl/reconciled")
            logger.info("%s: last record %s was written but not marked seen by the killed crawl; marked now",
                        path, record.get("url"))


def _append(f, line: bytes) -> int:
    """Write ``line`` to the append-mode raw file ``f``; on failure, cut the file back to where it was.
    Returns the offset the line starts at."""
    start = os.fstat(f.fileno()).st_size
    view = memoryview(line)
    try:
        while view:
            view = view[f.write(view):]
    except OSError:
        _truncate(f, start)
        raise
    return start


def _truncate(f, size: int) -> None:
    """Cut ``f`` back to ``size`` bytes, as far as the file allows (``/dev/full`` cannot be truncated):
    the error that led here is the one to report."""
    try:
        os.ftruncate(f.fileno(), size)
    except OSError:
        pass
