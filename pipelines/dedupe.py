"""De-duplication pipeline: one line per article version, syndicated copies flagged.

By canonical URL (the record's ``url``):

* seen earlier in this run -- dropped, counted ``dropped/duplicate_url``;
* written by an earlier run (the seen-store knows it) -- written again only
  when it changed: its content hash differs, or the page's ``modified`` is
  later than the stored one. Then it gets ``"update": true`` (counted
  ``incremental/updates``); otherwise it is dropped as
  ``incremental/unchanged`` and the store remembers the newer ``lastmod`` that
  caused the fetch, so the next run skips it again.

By content: a record whose text (:func:`crawler.state.fingerprint.content_hash`)
was already written under another URL, in this run or an earlier one, is
written with ``"duplicate_of": "<that first URL>"`` (counted
``dedupe/syndicated``), never merged or dropped. A record whose body carries a
syndication note (``Artikel ini telah tayang di ...``) but matches nothing
written points at the link in the note; a note without a link is counted
``dedupe/syndication_source_unknown``.
"""

from __future__ import annotations

from scrapy.exceptions import DropItem

from crawler.extraction.urls import clean_url
from crawler.state import CrawlState, parse_time
from crawler.state.fingerprint import content_hash, note_source_url, syndication_note


class DedupePipeline:
    """Drop repeated URLs and unchanged re-fetches; flag updates and syndicated copies."""

    def __init__(self, state: CrawlState, stats):
        self.state = state
        self.stats = stats
        self._urls: set[str] = set()
        self._first_by_hash: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(CrawlState.for_crawler(crawler), crawler.stats)

    def process_item(self, item: dict) -> dict:
        url = item["url"]
        if url in self._urls:
            self.stats.inc_value("dropped/duplicate_url")
            raise DropItem(f"duplicate_url: {url!r}", log_level="INFO")
        digest = content_hash(item["body"])
        entry = self.state.seen(url)
        if entry is not None:
            modified = parse_time(item.get("modified"))
            newer = modified is not None and (entry.modified is None or modified > entry.modified)
            if entry.hash == digest and not newer:
                self.state.mark(item)
                self.stats.inc_value("incremental/unchanged")
                raise DropItem(f"unchanged: {url!r}", log_level="INFO")
            item["update"] = True
            self.stats.inc_value("incremental/updates")
        self._urls.add(url)
        first = self._first_url(digest, item)
        self._first_by_hash.setdefault(digest, url)
        if first is not None and first != url:
            item["duplicate_of"] = first
            self.stats.inc_value("dedupe/syndicated")
        return item

    def _first_url(self, digest: str, item: dict) -> str | None:
        for first in (self.state.first_with_hash(digest), self._first_by_hash.get(digest)):
            if first is not None and first != item["url"]:
                return first
        note = syndication_note(item["body"])
        if note is None:
            return None
        source = note_source_url(note)
        if source is None:
            self.stats.inc_value("dedupe/syndication_source_unknown")
            return None
        return clean_url(source)
