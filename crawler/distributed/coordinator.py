"""A distributed run's shared state in Redis: who works, what is in flight, when the run starts and ends.

Keys, under the per-site prefix ``P`` (``DISTRIBUTED_KEY`` formatted with the spider's
name and ``site`` attribute; a spider without one, such as ``article``, gets a run of its
own per worker, ``worker-<id>``, since its URLs are per invocation):

``P:requests``          the shared priority queue (scrapy-redis ``PriorityQueue`` format)
``P:dupefilter``        request fingerprints seen in this run (scrapy-redis)
``P:run``               the worker that seeded the run; absent between runs
``P:workers``           sorted set: worker id -> last heartbeat (Redis server time)
``P:inflight:<worker>`` hash: the worker's popped, not yet finished requests -> their queue score

Life cycle:

* **join** (scheduler open): the worker registers, requeues the in-flight requests of
  dead workers (no heartbeat for ``DISTRIBUTED_WORKER_TIMEOUT`` s), then atomically
  either *seeds* a new run (no run, or an old one with no live worker and an empty
  queue: the queue and dupefilter are cleared and only this worker sends the spider's
  start requests) or *joins* the running one (its start requests are dropped).
* **work**: a request is moved atomically from the queue to the worker's in-flight
  hash when popped and removed when done (:mod:`crawler.distributed.middlewares`).
* **idle**: a worker with nothing to do recovers dead workers' requests and keeps waiting
  while the queue has requests or another live worker has requests in flight (it may
  still discover more). When neither holds the run is done and it closes, unless it never
  got a request: then it waits up to ``MAX_IDLE_TIME_BEFORE_CLOSE`` s for the seeder.
  (An idle Scrapy engine polls about every 5 s.)
* **leave** (scheduler close): its own unfinished requests go back to the queue; the
  last worker out of a finished run (empty queue) deletes the run, dupefilter and
  worker keys, so the next scheduled run starts afresh (the Redis seen-store keeps it
  incremental). A run left with requests (all workers stopped) is resumed by the next.
"""

from __future__ import annotations

import logging
import time
import weakref

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from twisted.internet.task import LoopingCall

logger = logging.getLogger(__name__)

INFLIGHT_META = "_distributed_inflight"  #: request meta key: the request's member in the in-flight hash
_BY_CRAWLER: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

_POP = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return false end
redis.call('ZREM', KEYS[1], r[1])
redis.call('HSET', KEYS[2], r[1], r[2])
return r[1]
"""

_REQUEUE = """
local all = redis.call('HGETALL', KEYS[2])
for i = 1, #all, 2 do redis.call('ZADD', KEYS[1], all[i + 1], all[i]) end
redis.call('DEL', KEYS[2])
return #all / 2
"""

_CLAIM = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  local others = redis.call('ZCOUNT', KEYS[2], '(' .. ARGV[2], '+inf') - 1
  if others > 0 or redis.call('ZCARD', KEYS[3]) > 0 then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[3], KEYS[4])
return 1
"""

_LEAVE = """
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('ZCOUNT', KEYS[2], '(' .. ARGV[2], '+inf') == 0 and redis.call('ZCARD', KEYS[1]) == 0 then
  redis.call('DEL', KEYS[2], KEYS[3], KEYS[4])
  return 1
end
return 0
"""


class Coordinator:
    """One worker's view of the run for the site its spider crawls (see the module docstring)."""

    def __init__(self, server, prefix: str, worker: str, timeout: float, max_idle: float, stats=None):
        self.server, self.prefix, self.worker = server, prefix, worker
        self.timeout, self.max_idle, self.stats = timeout, max_idle, stats
        self.queue_key = f"{prefix}:requests"
        self.dupefilter_key = f"{prefix}:dupefilter"
        self.run_key, self.workers_key = f"{prefix}:run", f"{prefix}:workers"
        self.inflight_key = self.inflight_of(worker)
        self.seeding = False
        self.worked = False  # popped at least one request
        self._idle_since: float | None = None
        self._pop = server.register_script(_POP)
        self._requeue = server.register_script(_REQUEUE)
        self._claim = server.register_script(_CLAIM)
        self._leave = server.register_script(_LEAVE)
        self._heartbeat = LoopingCall(self.beat)

    @classmethod
    def from_crawler(cls, crawler, server, spider) -> Coordinator:
        settings = crawler.settings
        worker = settings.get("DISTRIBUTED_WORKER_ID")
        # A spider without a site (``article``: given URLs) is not shared: its run is this worker's alone.
        site = getattr(spider, "site", None) or f"worker-{worker}"
        prefix = settings.get("DISTRIBUTED_KEY") % {"spider": spider.name, "site": site}
        coordinator = cls(server, prefix, worker,
                          settings.getfloat("DISTRIBUTED_WORKER_TIMEOUT"),
                          settings.getfloat("MAX_IDLE_TIME_BEFORE_CLOSE"), crawler.stats)
        crawler.signals.connect(coordinator.on_idle, signal=signals.spider_idle)
        _BY_CRAWLER[crawler] = coordinator
        return coordinator

    @staticmethod
    def of(crawler) -> Coordinator | None:
        """The crawler's coordinator, once its scheduler has opened."""
        return _BY_CRAWLER.get(crawler)

    def inflight_of(self, worker: str) -> str:
        return f"{self.prefix}:inflight:{worker}"

    def now(self) -> float:
        seconds, micros = self.server.time()
        return seconds + micros / 1e6

    def beat(self) -> None:
        self.server.zadd(self.workers_key, {self.worker: self.now()})

    def join(self) -> bool:
        """Register, recover dead workers' requests, then seed a new run or join the current one."""
        self.beat()
        self.recover_dead()
        cutoff = self.now() - self.timeout
        self.seeding = bool(self._claim(keys=[self.run_key, self.workers_key, self.queue_key, self.dupefilter_key],
                                        args=[self.worker, cutoff]))
        self._heartbeat.start(max(self.timeout / 4, 0.5), now=False)
        logger.info("distributed worker %s %s the run %s", self.worker,
                    "seeds" if self.seeding else "joins", self.prefix)
        return self.seeding

    def leave(self) -> bool:
        """Give back this worker's unfinished requests and unregister; True when this ended the run."""
        if self._heartbeat.running:
            self._heartbeat.stop()
        returned = self._requeue(keys=[self.queue_key, self.inflight_key])
        if returned:
            logger.info("returned %d unfinished requests to the queue", returned)
        self.recover_dead()
        ended = bool(self._leave(keys=[self.queue_key, self.workers_key, self.run_key, self.dupefilter_key],
                                 args=[self.worker, self.now() - self.timeout]))
        if ended:
            logger.info("distributed run %s finished: its queue and dupefilter are cleared", self.prefix)
        return ended

    def pop(self) -> bytes | None:
        """Move the next request from the queue to this worker's in-flight hash; its encoded form."""
        member = self._pop(keys=[self.queue_key, self.inflight_key])
        self.worked = self.worked or member is not None
        return member

    def ack(self, member: bytes | None) -> None:
        """A popped request is finished (its articles written, its follow-up requests queued)."""
        if member is not None:
            self.server.hdel(self.inflight_key, member)

    def recover_dead(self) -> int:
        """Requeue the in-flight requests of workers without a heartbeat for ``timeout`` s."""
        dead = self.server.zrangebyscore(self.workers_key, "-inf", self.now() - self.timeout)
        recovered = 0
        for name in map(_text, dead):
            if name == self.worker:
                continue
            count = self._requeue(keys=[self.queue_key, self.inflight_of(name)])
            self.server.zrem(self.workers_key, name)
            if count:
                logger.warning("worker %s stopped answering: requeued its %d unfinished requests", name, count)
                if self.stats is not None:
                    self.stats.inc_value("distributed/recovered", count)
            recovered += count
        return recovered

    def others_busy(self) -> bool:
        """Whether another live worker has requests in flight (it may still queue more)."""
        live = (_text(w) for w in self.server.zrangebyscore(self.workers_key, f"({self.now() - self.timeout}", "+inf"))
        return any(self.server.hlen(self.inflight_of(w)) for w in live if w != self.worker)

    def on_idle(self) -> None:
        """``spider_idle``: wait while the run may still bring work (see the module docstring)."""
        self.recover_dead()
        leaked = self._requeue(keys=[self.queue_key, self.inflight_key])
        if leaked:  # popped, never acknowledged: do them again rather than lose them
            logger.warning("%d requests of this worker were never acknowledged; requeued", leaked)
            if self.stats is not None:
                self.stats.inc_value("distributed/requeued_unacknowledged", leaked)
        if self.server.zcard(self.queue_key) or self.others_busy():
            self._idle_since = None
            raise DontCloseSpider
        if self.worked:
            return
        now = time.monotonic()
        if self._idle_since is None:
            self._idle_since = now
        if now - self._idle_since < self.max_idle:
            raise DontCloseSpider


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
