"""Seen-stores (SQLite on disk, Redis on a real server), their configuration and the content hash."""

from __future__ import annotations

import os
import sqlite3
import sys
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from scrapy.settings import Settings

from crawler.state import CrawlState, RedisSeenStore, SqliteSeenStore, open_store, parse_time
from crawler.state.fingerprint import content_hash

WIB = timezone(timedelta(hours=7))
URL = "https://kabar.example.co.id/2024/10/18/banjir-rob/"


def check_round_trip(store):
    assert store.seen(URL) is None
    before = datetime.now(timezone.utc)
    store.mark(URL, "h1", datetime(2024, 10, 18, 8, 32, tzinfo=WIB))
    entry = store.seen(URL)
    assert entry.hash == "h1"
    assert entry.modified == datetime(2024, 10, 18, 8, 32, tzinfo=WIB)
    assert entry.modified.utcoffset() == timedelta(hours=7)
    assert before - timedelta(seconds=1) <= entry.written_at <= datetime.now(timezone.utc)
    store.mark(URL, "h2", None)  # an update replaces the entry
    assert store.seen(URL).hash == "h2" and store.seen(URL).modified is None
    store.mark(URL + "copy/", "h2", None)
    assert store.first_with_hash("h2") == URL
    assert store.first_with_hash("nope") is None


# -- SQLite -------------------------------------------------------------------------------------
def test_sqlite_store_round_trip_and_persistence(tmp_path):
    path = tmp_path / "state" / "seen.sqlite3"
    store = SqliteSeenStore(path)
    check_round_trip(store)
    store.close()
    reopened = SqliteSeenStore(path)
    assert reopened.seen(URL).hash == "h2"
    reopened.close()
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_sqlite_store_asks_the_database_once_about_an_absent_url(tmp_path, monkeypatch):
    monkeypatch.setattr("crawler.state.sqlite_store.ABSENT_MEMO_SIZE", 3)
    store = SqliteSeenStore(tmp_path / "seen.sqlite3")
    queries = []
    store._db.set_trace_callback(queries.append)
    assert store.seen(URL) is None and store.seen(URL) is None
    assert len(queries) == 1  # the second answer comes from memory
    store.mark(URL, "h1", None)
    assert store.seen(URL).hash == "h1"  # marking ends the memory of its absence
    for i in range(5):  # the memory is bounded: full, it starts over
        store.seen(f"{URL}{i}/")
    assert len(store._absent) <= 3
    store.close()


def test_store_choice_follows_the_settings(tmp_path):
    assert open_store(Settings({})) is None
    store = open_store(Settings({"JSONL_OUTPUT": str(tmp_path / "out.jsonl")}))
    assert store.path == tmp_path / "out.jsonl.state" / "seen.sqlite3"
    store.close()
    store = open_store(Settings({"JSONL_OUTPUT": f"{tmp_path}/data/", "STATE_DIR": str(tmp_path / "st")}))
    assert store.path == tmp_path / "st" / "seen.sqlite3"
    store.close()
    with pytest.raises(ValueError, match="needs JSONL_OUTPUT"):
        open_store(Settings({"STATE_DIR": str(tmp_path / "st")}))


def test_crawl_state_stores_the_newest_known_modification(tmp_path):
    store = SqliteSeenStore(tmp_path / "seen.sqlite3")
    state = CrawlState(store, incremental=True)
    record = {"url": URL, "body": "Banjir rob merendam permukiman.", "published": "2024-10-18T08:32:00+07:00",
              "modified": None}
    state.note_lastmod(URL, datetime(2024, 10, 20, tzinfo=timezone.utc))  # sitemap lastmod of the fetch
    state.mark(record)
    assert store.seen(URL).modified == datetime(2024, 10, 20, tzinfo=timezone.utc)
    state.mark(record)  # the lastmod was used once
    assert store.seen(URL).modified == datetime(2024, 10, 18, 8, 32, tzinfo=WIB)
    state.close()


def test_parse_time_accepts_discovery_forms():
    assert parse_time("2024-10-18") == datetime(2024, 10, 18, tzinfo=timezone.utc)
    assert parse_time("2024-10-18T01:32:00Z") == datetime(2024, 10, 18, 8, 32, tzinfo=WIB)
    assert parse_time(datetime(2024, 10, 18).date()) == datetime(2024, 10, 18, tzinfo=timezone.utc)
    assert parse_time("kemarin") is None and parse_time(None) is None


def test_content_hash_ignores_layout_and_syndication_notes():
    body = "KENDAL - Banjir rob merendam permukiman.\n\nWarga mengungsi ke balai desa."
    relaid = "KENDAL -  Banjir rob merendam permukiman.\n\n\nWarga mengungsi ke balai desa. "
    assert content_hash(body) == content_hash(relaid)
    assert content_hash(body) == content_hash(body + "\n\nArtikel ini telah tayang di Kompas.com dengan judul \"Rob\".")
    assert content_hash(body) != content_hash(body.replace("balai desa", "masjid"))


# -- Redis --------------------------------------------------------------------------------------
def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}: CI must provide redis-py and a Redis server (REDIS_URL)")
    pytest.skip(reason)


@pytest.fixture
def redis_store():
    try:
        import redis
    except ImportError:
        _unavailable("the redis package (redis-py) is not installed")
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    key = f"test:seen:{uuid.uuid4().hex}"
    try:
        store = RedisSeenStore.from_url(url, key)
    except RuntimeError as exc:
        _unavailable(f"{exc} ({url})")
    yield store
    cleanup = redis.Redis.from_url(url)
    cleanup.delete(store.urls_key, store.hashes_key)
    cleanup.close()
    store.close()


def test_redis_store_round_trip(redis_store):
    check_round_trip(redis_store)


def test_redis_store_without_redis_py_says_what_to_do(monkeypatch):
    monkeypatch.setitem(sys.modules, "redis", None)  # import redis -> ImportError
    with pytest.raises(RuntimeError, match="pip install redis"):
        RedisSeenStore.from_url("redis://127.0.0.1:6379/15")
