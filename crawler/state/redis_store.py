"""Redis seen-store: one store shared by crawls on several hosts.

Two Redis hashes under a key prefix (setting ``SEEN_REDIS_KEY``, default
``crawler:seen``): ``<prefix>:urls`` maps a canonical URL to its entry (JSON
``{"h": hash, "m": modified, "w": written_at}``) and ``<prefix>:hashes`` maps a
content hash to the first URL marked with it. Requires the ``redis`` package
(redis-py), imported only when this store is used.
"""

from __future__ import annotations

import json
from datetime import datetime

from .base import Entry, SeenStore, format_time, parse_time, utcnow


def _redis_module():
    try:
        import redis
    except ImportError as exc:
        raise RuntimeError(
            "REDIS_URL is set but the 'redis' package (redis-py) is not installed: "
            "pip install redis, or unset REDIS_URL to use the SQLite seen-store"
        ) from exc
    return redis


class RedisSeenStore(SeenStore):
    """A :class:`SeenStore` in Redis; ``client`` is a ``redis.Redis`` (see :meth:`from_url`)."""

    def __init__(self, client, key: str = "crawler:seen"):
        self._redis = client
        self.urls_key = f"{key}:urls"
        self.hashes_key = f"{key}:hashes"

    @classmethod
    def from_url(cls, url: str, key: str = "crawler:seen") -> "RedisSeenStore":
        """Connect to ``redis://host:port/db``; fails at once when the server does not answer."""
        redis = _redis_module()
        client = redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=30)
        try:
            client.ping()
        except redis.exceptions.RedisError as exc:
            client.close()
            raise RuntimeError(f"the Redis server at REDIS_URL does not answer: {exc}") from exc
        return cls(client, key)

    def seen(self, url: str) -> Entry | None:
        raw = self._redis.hget(self.urls_key, url)
        if raw is None:
            return None
        data = json.loads(raw)
        return Entry(hash=data["h"], modified=parse_time(data["m"]), written_at=parse_time(data["w"]))

    def mark(self, url: str, hash: str, modified: datetime | None) -> None:
        value = json.dumps({"h": hash, "m": format_time(modified), "w": format_time(utcnow())})
        pipe = self._redis.pipeline(transaction=True)
        pipe.hset(self.urls_key, url, value)
        pipe.hsetnx(self.hashes_key, hash, url)
        pipe.execute()

    def first_with_hash(self, hash: str) -> str | None:
        url = self._redis.hget(self.hashes_key, hash)
        return url.decode("utf-8") if isinstance(url, bytes) else url

    def close(self) -> None:
        self._redis.close()

    def __repr__(self) -> str:
        return f"RedisSeenStore(key={self.urls_key.rsplit(':', 1)[0]!r})"
