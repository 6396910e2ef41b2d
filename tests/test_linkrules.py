"""How a crawl judges links and reads pages that are not articles (crawler/discovery/linkrules.py).

The rules are picklable and compare equal after the trip, so an extraction
worker reads a listing page with the spider's rules; what the worker reads
(``extract_and_read_links``: Scrapy's own HTML parse of the page) is what the
spider reads in its own process, for UTF-8 and legacy-encoded pages alike.
"""

from __future__ import annotations

import pickle
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from scrapy.http import HtmlResponse
from test_discovery import PORTAL, SITE, wp_block, wp_listing

from crawler.discovery import linkrules
from crawler.discovery.linkrules import LinkMemo, LinkRules, read_page_links
from crawler.discovery.listings import Listing
from crawler.extraction.profiles import DEFAULT, SiteProfile
from crawler.middlewares.extraction_pool import extract_and_read_links

WIB = timezone(timedelta(hours=7))
RULES = LinkRules("kabarpantura.id", False, (("kabarpantura.id", SITE),), DEFAULT, WIB)
ARTICLE = f"{SITE}/2024/10/17/banjir-rob-rendam-pesisir-brebes/"


def test_canonical_screen_and_article_link():
    assert RULES.canonical("http://www.kabarpantura.id/2024/10/17/banjir-rob-rendam-pesisir-brebes/?utm_source=x") \
        == ARTICLE  # the site's origin, no tracking parameter
    assert RULES.canonical("https://lain.example.id/berita/") is None  # another site
    assert RULES.canonical("https://jateng.kabarpantura.id/berita/") is None  # a subdomain, not asked for
    with_subdomains = LinkRules("kabarpantura.id", True, RULES.origins, DEFAULT, WIB)
    sub = "https://jateng.kabarpantura.id/berita/"
    assert with_subdomains.canonical(sub) == sub
    assert RULES.screen(f"{SITE}/?s=banjir") == (None, "search")
    assert RULES.screen(f"{SITE}/category/peristiwa/") == (f"{SITE}/category/peristiwa/", None)
    assert RULES.article_link(f"{SITE}/category/peristiwa/") == (None, None)  # on the site, but a section
    assert RULES.article_link(ARTICLE) == (ARTICLE, None)
    strict = LinkRules(RULES.site, False, RULES.origins, SiteProfile("strict", not_article_url=(r"/2024/",)), WIB)
    assert strict.article_link(ARTICLE) == (None, None)  # the profile decides first


def test_rules_travel_to_a_worker_intact():
    back = pickle.loads(pickle.dumps(RULES))
    assert back == RULES and hash(back) == hash(RULES)
    assert back.canonical("http://kabarpantura.id/a/") == f"{SITE}/a/"  # the origin map is rebuilt too
    moved = LinkRules(RULES.site, False, (("kabarpantura.id", "http://kabarpantura.id"),), DEFAULT, WIB)
    assert moved != RULES  # a start page that redirected: other rules, so a worker's reading is not used


def test_memo_remembers_per_rules_and_stays_bounded(monkeypatch):
    memo = LinkMemo().use(RULES)
    calls = []
    monkeypatch.setattr(LinkRules, "article_link", lambda self, href: calls.append(href) or (href, None))
    for _ in range(3):
        memo.article_link(ARTICLE)
    assert calls == [ARTICLE]
    memo.use(pickle.loads(pickle.dumps(RULES)))  # equal rules (a worker's copy): verdicts kept
    memo.article_link(ARTICLE)
    assert calls == [ARTICLE]
    memo.use(LinkRules(RULES.site, True, RULES.origins, DEFAULT, WIB))  # other rules: verdicts forgotten
    memo.article_link(ARTICLE)
    assert calls == [ARTICLE, ARTICLE]
    monkeypatch.setattr(linkrules, "LINK_MEMO_SIZE", 10)
    for n in range(25):
        memo.article_link(f"{SITE}/{n}/")
    assert len(memo.verdicts) <= 10


def test_read_page_links_counts_traps_and_keeps_feeds_on_the_site():
    blocks = "".join(wp_block(n, 17, f"{n:02d}:30") for n in (9, 8))
    page = wp_listing(2, 5, blocks).replace(
        "<head>", f'<head><link rel="alternate" type="application/rss+xml" href="{SITE}/category/peristiwa/feed/">'
                  '<link rel="alternate" type="application/rss+xml" href="https://lain.example.id/feed/">')
    root = HtmlResponse(f"{SITE}/category/peristiwa/page/2/", body=page.encode()).selector.root
    got = read_page_links(root, f"{SITE}/category/peristiwa/page/2/", RULES, LinkMemo())
    assert got.rules is RULES
    assert got.feeds == [f"{SITE}/category/peristiwa/feed/"]
    assert [t.url for t in got.listing.teasers][:2] == [
        f"{SITE}/2024/10/17/berita-nomor-{n}-dari-kabar-pantura/" for n in (9, 8)]
    assert got.listing.teasers[0].hint.published == datetime(2024, 10, 17, 9, 30, tzinfo=WIB)
    assert got.listing.next_url == f"{SITE}/category/peristiwa/page/3/"
    assert got.traps == {"calendar": 1}  # the sidebar's ?cal= link


def _in_process(url: str, body: bytes, content_type: str):
    """What the spider reads from a response in its own process."""
    response = HtmlResponse(url, body=body, headers={"Content-Type": content_type})
    return read_page_links(response.selector.root, url, RULES, LinkMemo())


def test_a_worker_reads_what_the_spider_would():
    url = f"{SITE}/indeks?page=2"
    page = PORTAL.replace("Banjir Rob Brebes", "Banjir Rob Pesisir Brebes di Kecamatan Losari Meluas")
    cases = [(page.encode("utf-8"), "text/html; charset=UTF-8"),
             # a legacy page declaring its charset in a meta tag only: Scrapy's decoding, in both places
             (page.replace("<html>", '<html><head><meta charset="windows-1252"></head>')
              .replace('href="/kanal/peristiwa"', 'href="/kanal/caf\u00e9-budaya"').encode("cp1252"), "text/html")]
    for body, content_type in cases:
        result, links = extract_and_read_links(body, url, content_type, None, {}, RULES)
        assert result.record is None  # an index page, not an article
        assert links == _in_process(url, body, content_type)
        assert [t.url for t in links.listing.teasers] == [f"{SITE}/read/{n}" for n in (
            "300/banjir-rob-brebes", "299/harga-cabai-naik", "280/festival-tegal")]
    # the legacy page's link was decoded from windows-1252, not read as broken UTF-8
    assert f"{SITE}/kanal/caf\u00e9-budaya" in links.listing.links


def test_a_worker_reads_no_links_of_an_article_or_without_rules():
    from test_extraction_pool import PAGE

    result, links = extract_and_read_links(PAGE.read_bytes(), "https://kabar.example.id/2024/10/18/judul/",
                                           "text/html; charset=utf-8", None, {}, RULES)
    assert result.record is not None and links is None
    result, links = extract_and_read_links(PORTAL.encode(), f"{SITE}/indeks", "text/html", None, {}, None)
    assert result.record is None and links is None


def test_the_spider_uses_a_workers_reading_only_with_its_current_rules():
    from scrapy import Request
    from scrapy.utils.test import get_crawler

    from crawler.extraction.record import ExtractionResult
    from crawler.middlewares.extraction_pool import PAGE_LINKS
    from crawler.spiders.site import SiteSpider

    crawler = get_crawler(SiteSpider, settings_dict={"STATS_DUMP": False})
    spider = SiteSpider.from_crawler(crawler, url=f"{SITE}/", sources="listing")
    crawler.spider = spider
    list(spider.discover(f"{SITE}/"))
    url = f"{SITE}/indeks?page=2"
    rules = spider.listing_rules(Request(url, meta={"article": False}))
    assert rules == spider.rules and spider.listing_rules(Request(ARTICLE, meta={"article": True})) is None
    body = PORTAL.encode()
    _, read_by_worker = extract_and_read_links(body, url, "text/html", None, {}, rules)
    fake = replace(read_by_worker, listing=Listing([], [], None))

    def teasers(links) -> list[str]:
        response = HtmlResponse(url, body=body, request=Request(url, meta={"article": False, "hops": 9,
                                                                           PAGE_LINKS: links}))
        out = list(spider.not_article(response, ExtractionResult(reason="not_article:listing")))
        return [r.url for r in out if r.meta.get("discovery") == "listing" and r.meta.get("article")]

    assert teasers(fake) == []  # the worker's reading (here: emptied) is what the spider uses
    stale = replace(fake, rules=replace(rules, subdomains=True))
    assert len(teasers(stale)) == 3  # read with other rules: the spider reads the page itself
