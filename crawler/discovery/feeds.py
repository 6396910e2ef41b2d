"""Feeds: the items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, and the feeds a page declares.

A feed lists a site's (or a category's) latest posts with their publication
dates: RSS ``<item><link>`` with ``<pubDate>`` or ``<dc:date>``; Atom
``<entry><link rel="alternate">`` with ``<published>`` (``<updated>`` only bounds
it). Pages declare feeds with ``<link rel="alternate" type="application/rss+xml">``;
:data:`CANDIDATE_PATHS` are probed as well, since many sites do not declare theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from lxml import etree

from crawler.extraction.dates import JAKARTA, parse_machine_date
from crawler.extraction.urls import absolute

from .window import DateHint

CANDIDATE_PATHS = ("/feed/", "/rss")
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
ATOM = "{http://www.w3.org/2005/Atom}"

_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, remove_comments=True)


@dataclass(frozen=True)
class FeedItem:
    url: str
    hint: DateHint


def parse_feed(body: bytes, *, tz: str | tzinfo | None = JAKARTA) -> list[FeedItem]:
    """The items of an RSS or Atom document, in feed order; [] when ``body`` is no feed."""
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    if root.tag == ATOM + "feed":
        return [item for entry in root.iter(ATOM + "entry") if (item := _atom_item(entry, tz))]
    return [item for entry in root.iter("{*}item") if (item := _rss_item(entry, tz))]


def _rss_item(item, tz) -> FeedItem | None:
    link = (item.findtext("{*}link") or "").strip()
    guid = item.find("{*}guid")
    if not link and guid is not None and guid.get("isPermaLink", "true") == "true":
        link = (guid.text or "").strip()
    if not link:
        return None
    published = item.findtext("{*}pubDate") or item.findtext("{http://purl.org/dc/elements/1.1/}date")
    return FeedItem(link, DateHint.from_published(parse_machine_date(published, tz=tz)))


def _atom_item(entry, tz) -> FeedItem | None:
    links = [el for el in entry.iterfind(ATOM + "link") if el.get("rel", "alternate") == "alternate"]
    href = (links[0].get("href") or "").strip() if links else ""
    if not href:
        return None
    hint = DateHint.from_published(parse_machine_date(entry.findtext(ATOM + "published"), tz=tz)).merge(
        DateHint.from_modified(parse_machine_date(entry.findtext(ATOM + "updated"), tz=tz)))
    return FeedItem(href, hint)


def feed_links(root, page_url: str) -> list[str]:
    """Absolute URLs of the feeds an HTML page (an lxml root) declares in ``<link rel=alternate>``."""
    found = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "alternate" in rel and (link.get("type") or "").lower().split(";")[0].strip() in FEED_TYPES:
            url = absolute(link.get("href"), page_url)
            if url and url not in found:
                found.append(url)
    return found


def candidate_feeds(origin: str) -> list[str]:
    """Feed URLs to probe on a site."""
    return [origin + path for path in CANDIDATE_PATHS]
