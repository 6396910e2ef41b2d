"""Discovery modules on realistic inputs: windows, URL rules, sitemaps, feeds, the WP API, listings."""

from __future__ import annotations

import gzip
from datetime import date, datetime, timedelta, timezone

import pytest
from lxml import html

from crawler.discovery import feeds, listings, sitemaps, urlrules, window, wpapi
from crawler.discovery.window import DateHint, Window
from crawler.extraction.profiles import DEFAULT, profile_for

WIB = timezone(timedelta(hours=7))
UTC = timezone.utc
NOW = datetime(2024, 10, 18, 15, 0, tzinfo=WIB)
SITE = "https://kabarpantura.id"


# -- window -------------------------------------------------------------------------

@pytest.mark.parametrize("value, end, expected", [
    ("2024-10-01", False, datetime(2024, 10, 1, tzinfo=WIB)),
    ("2024-10-01", True, datetime(2024, 10, 1, 23, 59, 59, 999999, tzinfo=WIB)),
    ("2024-10-01T08:00+07:00", False, datetime(2024, 10, 1, 8, tzinfo=WIB)),
    ("2024-10-01T01:00:00Z", False, datetime(2024, 10, 1, 8, tzinfo=WIB)),
    ("2024-10-01T08:00", False, datetime(2024, 10, 1, 8, tzinfo=WIB)),
    ("7d", False, NOW - timedelta(days=7)),
    ("12h", True, NOW - timedelta(hours=12)),
    ("2w", False, NOW - timedelta(weeks=2)),
])
def test_parse_bound(value, end, expected):
    got = window.parse_bound(value, end=end, now=NOW)
    assert got == expected and got.tzinfo is not None


def test_parse_bound_in_the_site_zone_and_bad_values():
    assert window.parse_bound("2024-10-01", tz="Asia/Makassar").utcoffset() == timedelta(hours=8)
    for bad in ("kemarin", "2024-13-01", "7x", ""):
        with pytest.raises(ValueError, match="bad date"):
            window.parse_bound(bad)
    with pytest.raises(ValueError, match="empty date window"):
        Window.parse("2024-10-02", "2024-10-01")


def test_in_window_is_inclusive_and_open_ended():
    since, until = datetime(2024, 10, 1, tzinfo=WIB), datetime(2024, 10, 2, tzinfo=WIB)
    assert window.in_window(since, since, until) and window.in_window(until, since, until)
    assert not window.in_window(until + timedelta(seconds=1), since, until)
    assert window.in_window(datetime(1999, 1, 1, tzinfo=UTC), None, until)


def test_day_in_window_is_three_valued():
    since = datetime(2024, 10, 10, 12, 0, tzinfo=WIB)
    until = datetime(2024, 10, 15, 23, 59, 59, 999999, tzinfo=WIB)
    assert window.day_in_window(date(2024, 10, 12), since, until) is True
    assert window.day_in_window(date(2024, 10, 15), since, until) is True
    assert window.day_in_window(date(2024, 10, 9), since, until) is False
    assert window.day_in_window(date(2024, 10, 16), since, until) is False
    assert window.day_in_window(date(2024, 10, 10), since, until) is None  # since cuts the day


def test_window_verdict_by_strength_of_the_hint():
    w = Window.parse("2024-10-10T12:00+07:00", "2024-10-15")
    assert w.verdict(DateHint(published=datetime(2024, 10, 12, 8, tzinfo=WIB))) is True
    assert w.verdict(DateHint(published=datetime(2024, 10, 10, 11, tzinfo=WIB))) is False
    assert w.verdict(DateHint(day=date(2024, 10, 16))) is False
    assert w.verdict(DateHint(day=date(2024, 10, 10))) is None
    # lastmod bounds publication from above: only "older than since" can be proven
    assert w.verdict(DateHint(modified=datetime(2024, 10, 9, tzinfo=WIB))) is False
    assert w.verdict(DateHint(modified=datetime(2024, 10, 20, tzinfo=WIB))) is None
    assert w.verdict(DateHint(day=date(2024, 10, 10), modified=datetime(2024, 10, 10, 9, tzinfo=WIB))) is False
    assert w.verdict(DateHint()) is None
    assert Window().verdict(DateHint()) is True and not Window()
    assert w.older(DateHint(day=date(2024, 10, 9))) and not w.older(DateHint(day=date(2024, 10, 16)))
    assert not Window.parse(until="2024-10-15").older(DateHint(day=date(2000, 1, 1)))


def test_date_hint_merge_and_iso():
    hint = DateHint(modified=datetime(2024, 10, 18, 3, tzinfo=UTC)).merge(DateHint(day=date(2024, 10, 18)))
    assert hint.day == date(2024, 10, 18) and hint.isoformat() == "2024-10-18"
    assert DateHint().isoformat() is None


# -- URL rules ----------------------------------------------------------------------

@pytest.mark.parametrize("url, expected", [
    ("http://www.kabarpantura.id/read/12/banjir-rob?utm_source=wa&fbclid=x#komentar", f"{SITE}/read/12/banjir-rob"),
    ("https://m.kabarpantura.id/read/12/banjir-rob?page=2", f"{SITE}/read/12/banjir-rob?page=2"),
    ("https://kabarpantura.id/amp/read/12/banjir-rob", f"{SITE}/read/12/banjir-rob"),
    ("https://kabarpantura.id/2024/10/18/banjir-rob/amp/", f"{SITE}/2024/10/18/banjir-rob/"),
    ("https://kabarpantura.id/2024/10/18/banjir-rob/?replytocom=31", f"{SITE}/2024/10/18/banjir-rob/"),
    ("https://lain.id/read/12/x?utm_medium=share", "https://lain.id/read/12/x"),
])
def test_canonicalize(url, expected):
    assert urlrules.canonicalize(url, SITE) == expected


@pytest.mark.parametrize("path, kind", [
    ("/2024/10/?cal=2024-10-18", "calendar"),
    ("/arsip?tgl=2024-10-17", "calendar"),
    ("/indeks?date=2024-10-17", "calendar"),
    ("/2024/10/", "calendar"),
    ("/2024/10/18/", "calendar"),
    ("/?s=banjir", "search"),
    ("/?s=harga+cabai&paged=2", "search"),
    ("/search/banjir", "search"),
    ("/wp-admin/", "admin"),
    ("/wp-login.php?action=lostpassword", "admin"),
    ("/sharer.php?u=x", "share"),
    ("/2024/10/18/banjir-rob-di-pesisir-brebes/feed/", "comment_feed"),
    ("/read/12/banjir-rob-di-pesisir-brebes/feed", "comment_feed"),
    ("/comments/feed/", "comment_feed"),
    ("/2024/10/18/banjir-rob/?replytocom=31", "replytocom"),
    ("/2024/10/18/banjir-rob/attachment/foto-1/", "attachment"),
    ("/?attachment_id=77", "attachment"),
    ("/2024/10/18/banjir-rob-di-pesisir-brebes/", None),
    ("/feed/", None),
    ("/category/ekonomi/feed/", None),
    ("/category/ekonomi/page/2/", None),
    ("/indeks?page=3", None),
])
def test_trap_kind(path, kind):
    assert urlrules.trap_kind(SITE + path) == kind


@pytest.mark.parametrize("path, expected", [
    ("/2024/10/18/banjir-rob-di-pesisir-brebes/", True),
    ("/2024/10/18/banjir/", True),
    ("/read/12345/banjir-rob-di-pesisir", True),
    ("/berita/98765/harga-cabai-naik", True),
    ("/jatim/d-7581234/warga-probolinggo-gelar-festival", True),
    ("/regional/read/2024/10/18/12345678/polres-tegal-amankan-pelaku", True),
    ("/ekonomi/harga-cabai-rawit-di-pasar-tegal-naik-lagi", True),
    ("/ekonomi/harga-cabai-naik-30450781", True),
    ("/?p=1234", True),
    ("/", False),
    ("/category/ekonomi/", False),
    ("/kanal/ekonomi", False),
    ("/tag/banjir/", False),
    ("/author/rina-kartika-dewi-lestari-putri/", False),
    ("/redaksi/", False),
    ("/pedoman-media-siber", False),
    ("/ekonomi", False),
    ("/2024/10/", False),
])
def test_looks_like_article(path, expected):
    assert urlrules.looks_like_article(SITE + path, DEFAULT) is expected


def test_profile_url_patterns_decide_first():
    profile = profile_for("kotaprobolinggo.matapublik.co.id")
    base = "https://kotaprobolinggo.matapublik.co.id"
    assert urlrules.looks_like_article(base + "/pemkot-probolinggo-salurkan-bantuan/", profile)
    assert not urlrules.looks_like_article(base + "/page/2/", profile)
    assert not urlrules.could_be_article(base + "/category/berita/", profile)


def test_could_be_article_trusts_listed_urls_without_counter_evidence():
    assert urlrules.could_be_article(SITE + "/banjir/", DEFAULT)
    assert not urlrules.could_be_article(SITE + "/", DEFAULT)
    assert not urlrules.could_be_article(SITE + "/redaksi/", DEFAULT)
    assert not urlrules.could_be_article(SITE + "/tag/banjir/", DEFAULT)


def test_url_date():
    assert urlrules.url_date(SITE + "/2024/10/18/banjir/") == date(2024, 10, 18)
    assert urlrules.url_date(SITE + "/read/2024/9/8/12345678/x") == date(2024, 9, 8)
    assert urlrules.url_date(SITE + "/2024/13/45/x/") is None
    assert urlrules.url_date(SITE + "/read/12/banjir") is None


def test_may_list_articles():
    assert all(urlrules.may_list_articles(SITE + p) for p in ("/", "/kanal/ekonomi", "/indeks", "/ekonomi"))
    assert not any(urlrules.may_list_articles(SITE + p) for p in (
        "/tag/banjir/", "/author/rina/", "/redaksi", "/feed/", "/wp-content/uploads/foto.jpg", "/sitemap.xml"))


def test_on_site():
    sites = {"kabarpantura.id"}
    assert urlrules.on_site("http://www.kabarpantura.id/x", sites)
    assert not urlrules.on_site("https://tegal.kabarpantura.id/x", sites)
    assert urlrules.on_site("https://tegal.kabarpantura.id/x", sites, include_subdomains=True)
    assert not urlrules.on_site("https://kabarpantura.id.evil.com/x", sites, include_subdomains=True)
    assert urlrules.on_site("http://127.0.0.1:8080/x", {"127.0.0.1:8080"})
    assert not urlrules.on_site("http://127.0.0.1:9090/x", {"127.0.0.1:8080"})


def test_subdomain_origins_from_links():
    links = [
        "https://matapublik.co.id/category/berita/",
        "https://www.matapublik.co.id/redaksi/",
        "https://kotaprobolinggo.matapublik.co.id/",
        "https://kotaprobolinggo.matapublik.co.id/2024/10/18/judul/",
        "http://www.lumajang.matapublik.co.id/",
        "https://cdn.matapublik.co.id/wp-content/uploads/2024/10/foto.jpg",
        "https://www.facebook.com/sharer/sharer.php?u=https://matapublik.co.id/",
        "https://notmatapublik.co.id/",
        "mailto:redaksi@matapublik.co.id",
    ]
    assert urlrules.subdomain_origins(links, "matapublik.co.id") == [
        "https://kotaprobolinggo.matapublik.co.id", "http://lumajang.matapublik.co.id"]


# -- sitemaps -----------------------------------------------------------------------

ROBOTS = b"""User-agent: *
Disallow: /wp-admin/
Allow: /wp-admin/admin-ajax.php

Sitemap: https://kabarpantura.id/sitemap_index.xml
sitemap: /news-sitemap.xml
Sitemap: https://kabarpantura.id/sitemap_index.xml
"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?><?xml-stylesheet type="text/xsl" href="//kabarpantura.id/main-sitemap.xsl"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://kabarpantura.id/post-sitemap.xml</loc><lastmod>2024-10-18T07:45:12+00:00</lastmod></sitemap>
  <sitemap><loc>https://kabarpantura.id/post-sitemap2.xml.gz</loc><lastmod>2024-08-02T01:00:00+00:00</lastmod></sitemap>
  <sitemap><loc>https://kabarpantura.id/page-sitemap.xml</loc></sitemap>
  <sitemap><loc>https://kabarpantura.id/category-sitemap.xml</loc></sitemap>
</sitemapindex>
"""

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
<url>
  <loc>https://kabarpantura.id/2024/10/18/banjir-rob-di-pesisir-brebes/</loc>
  <lastmod>2024-10-18T02:10:00+00:00</lastmod>
  <image:image><image:loc>https://kabarpantura.id/wp-content/uploads/2024/10/rob.jpg</image:loc></image:image>
  <news:news>
    <news:publication><news:name>Kabar Pantura</news:name><news:language>id</news:language></news:publication>
    <news:publication_date>2024-10-18T08:32:00+07:00</news:publication_date>
    <news:title>Banjir Rob di Pesisir Brebes</news:title>
  </news:news>
</url>
<url><loc>https://kabarpantura.id/2024/10/17/harga-cabai/</loc><lastmod>2024-10-17</lastmod></url>
</urlset>
"""


def test_robots_and_candidate_sitemaps():
    assert sitemaps.robots_sitemaps(ROBOTS, "https://kabarpantura.id/robots.txt") == [
        "https://kabarpantura.id/sitemap_index.xml", "https://kabarpantura.id/news-sitemap.xml"]
    assert sitemaps.robots_sitemaps(b"User-agent: *\nDisallow:\n", "https://kabarpantura.id/robots.txt") == []
    assert sitemaps.candidate_sitemaps(SITE) == [SITE + p for p in (
        "/sitemap_index.xml", "/wp-sitemap.xml", "/sitemap.xml", "/news-sitemap.xml", "/post-sitemap.xml")]


@pytest.mark.parametrize("name, posts", [
    ("post-sitemap.xml", True), ("post-sitemap12.xml.gz", True), ("news-sitemap.xml", True),
    ("wp-sitemap-posts-post-1.xml", True), ("sitemap-posts-2024-10.xml", True),
    ("page-sitemap.xml", False), ("category-sitemap.xml", False), ("post_tag-sitemap.xml", False),
    ("author-sitemap.xml", False), ("wp-sitemap-taxonomies-category-1.xml", False),
    ("wp-sitemap-users-1.xml", False), ("wp-sitemap-posts-page-1.xml", False),
])
def test_lists_posts(name, posts):
    assert sitemaps.lists_posts(f"{SITE}/{name}") is posts


def test_sitemap_index():
    parsed = sitemaps.parse_sitemap(INDEX)
    assert parsed.is_index
    assert [e.url for e in parsed.entries][:2] == [f"{SITE}/post-sitemap.xml", f"{SITE}/post-sitemap2.xml.gz"]
    assert parsed.entries[0].hint == DateHint(modified=datetime(2024, 10, 18, 7, 45, 12, tzinfo=UTC))
    assert parsed.entries[2].hint == DateHint()


def test_news_sitemap_gives_publication_dates():
    parsed = sitemaps.parse_sitemap(NEWS)
    assert not parsed.is_index and len(parsed.entries) == 2
    first, second = parsed.entries
    assert first.url == f"{SITE}/2024/10/18/banjir-rob-di-pesisir-brebes/"
    assert first.hint.published == datetime(2024, 10, 18, 8, 32, tzinfo=WIB)
    assert first.hint.modified == datetime(2024, 10, 18, 2, 10, tzinfo=UTC)
    assert second.hint == DateHint(modified=datetime(2024, 10, 17, 23, 59, 59, 999999, tzinfo=WIB))


def test_gzip_sitemaps_and_non_sitemaps():
    packed = gzip.compress(NEWS, mtime=0)
    assert sitemaps.sitemap_body(packed) == NEWS
    assert sitemaps.sitemap_body(NEWS) == NEWS
    assert sitemaps.sitemap_body(packed[:20]) is None
    assert sitemaps.sitemap_body(packed, max_size=100) is None
    assert sitemaps.parse_sitemap(b"<!DOCTYPE html><html><body><h1>404</h1></body></html>") is None
    assert sitemaps.parse_sitemap(b"") is None


# -- feeds ----------------------------------------------------------------------------

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>Kabar Pantura</title><link>https://kabarpantura.id</link>
<atom:link href="https://kabarpantura.id/feed/" rel="self" type="application/rss+xml" />
<lastBuildDate>Fri, 18 Oct 2024 08:00:00 +0000</lastBuildDate>
<item>
  <title>Banjir Rob di Pesisir Brebes</title>
  <link>https://kabarpantura.id/2024/10/18/banjir-rob-di-pesisir-brebes/</link>
  <dc:creator><![CDATA[Rina Kartika]]></dc:creator>
  <pubDate>Fri, 18 Oct 2024 01:32:00 +0000</pubDate>
  <category><![CDATA[Peristiwa]]></category>
  <guid isPermaLink="false">https://kabarpantura.id/?p=4321</guid>
  <description><![CDATA[BREBES - Banjir rob kembali merendam...]]></description>
</item>
<item>
  <title>Tanpa link</title>
  <guid isPermaLink="true">https://kabarpantura.id/2024/10/17/tanpa-link/</guid>
  <dc:date>2024-10-17T20:00:00+07:00</dc:date>
</item>
<item><title>Rusak</title></item>
</channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Kabar Pantura</title>
  <entry>
    <title>Harga Cabai Naik</title>
    <link rel="replies" type="text/html" href="https://kabarpantura.id/2024/10/17/harga-cabai/#comments"/>
    <link rel="alternate" type="text/html" href="https://kabarpantura.id/2024/10/17/harga-cabai/"/>
    <id>tag:kabarpantura.id,2024:post-4320</id>
    <published>2024-10-17T09:15:00+07:00</published>
    <updated>2024-10-17T11:00:00+07:00</updated>
  </entry>
  <entry>
    <link href="https://kabarpantura.id/2024/10/16/festival/"/>
    <updated>2024-10-16T10:00:00Z</updated>
  </entry>
</feed>
"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://kabarpantura.id/"><title>Kabar Pantura</title></channel>
  <item rdf:about="https://kabarpantura.id/read/12/banjir">
    <link>https://kabarpantura.id/read/12/banjir</link><dc:date>2024-10-18T08:32:00+07:00</dc:date>
  </item>
</rdf:RDF>
"""


def test_rss_items():
    items = feeds.parse_feed(RSS)
    assert [i.url for i in items] == [f"{SITE}/2024/10/18/banjir-rob-di-pesisir-brebes/", f"{SITE}/2024/10/17/tanpa-link/"]
    assert items[0].hint == DateHint(published=datetime(2024, 10, 18, 8, 32, tzinfo=WIB))
    assert items[1].hint.published == datetime(2024, 10, 17, 20, tzinfo=WIB)


def test_atom_and_rdf_items():
    first, second = feeds.parse_feed(ATOM)
    assert first.url == f"{SITE}/2024/10/17/harga-cabai/"
    assert first.hint.published == datetime(2024, 10, 17, 9, 15, tzinfo=WIB)
    assert first.hint.modified == datetime(2024, 10, 17, 11, tzinfo=WIB)
    assert second.url == f"{SITE}/2024/10/16/festival/" and second.hint.published is None
    assert second.hint.modified == datetime(2024, 10, 16, 10, tzinfo=UTC)
    (rdf,) = feeds.parse_feed(RDF)
    assert rdf.url == f"{SITE}/read/12/banjir" and rdf.hint.published == datetime(2024, 10, 18, 8, 32, tzinfo=WIB)


def test_not_a_feed():
    assert feeds.parse_feed(b"<!DOCTYPE html><html><body>404</body></html>") == []
    assert feeds.parse_feed(b"") == []


def test_feed_links_and_candidates():
    page = html.fromstring(b"""<html><head>
    <link rel="alternate" type="application/rss+xml" title="Kabar Pantura &raquo; Feed" href="https://kabarpantura.id/feed/">
    <link rel="alternate" type="application/atom+xml" href="/category/ekonomi/feed/atom/">
    <link rel="alternate" type="application/rss+xml" href="https://kabarpantura.id/feed/">
    <link rel="alternate" hreflang="en" href="https://en.kabarpantura.id/">
    <link rel="stylesheet" type="text/css" href="/style.css">
    </head><body></body></html>""")
    assert feeds.feed_links(page, f"{SITE}/category/ekonomi/") == [f"{SITE}/feed/", f"{SITE}/category/ekonomi/feed/atom/"]
    assert feeds.candidate_feeds(SITE) == [f"{SITE}/feed/", f"{SITE}/rss"]


# -- WordPress REST API ---------------------------------------------------------------

def test_wpapi_url_and_posts():
    assert wpapi.posts_url(SITE, 2) == f"{SITE}/wp-json/wp/v2/posts?per_page=100&page=2&_fields=link%2Cdate_gmt%2Cmodified_gmt"
    since = datetime(2024, 10, 11, 8, 0, tzinfo=WIB)
    assert wpapi.posts_url(SITE, 1, since).endswith("&after=2024-10-11T01%3A00%3A00")
    body = (b'[{"link":"https://kabarpantura.id/2024/10/18/banjir-rob/","date_gmt":"2024-10-18T01:32:00",'
            b'"modified_gmt":"2024-10-18T03:00:00"},{"link":"https://kabarpantura.id/2024/10/17/cabai/",'
            b'"date_gmt":"2024-10-17T02:15:00","modified_gmt":"2024-10-17T02:15:00"},{"date_gmt":"2024-10-16T00:00:00"}]')
    first, second = wpapi.parse_posts(body)
    assert first.url == f"{SITE}/2024/10/18/banjir-rob/"
    assert first.hint == DateHint(published=datetime(2024, 10, 18, 1, 32, tzinfo=UTC),
                                  modified=datetime(2024, 10, 18, 3, tzinfo=UTC))
    assert second.hint.published == datetime(2024, 10, 17, 9, 15, tzinfo=WIB)


def test_wpapi_errors_and_total_pages():
    assert wpapi.parse_posts(b'{"code":"rest_post_invalid_page_number","data":{"status":400}}') == []
    assert wpapi.parse_posts(b"<!DOCTYPE html><html></html>") == []
    assert wpapi.total_pages(b"3") == 3 and wpapi.total_pages("12") == 12
    assert wpapi.total_pages(None) == 1 and wpapi.total_pages(b"x") == 1


# -- listings -------------------------------------------------------------------------

def wp_block(n: int, day: int, hm: str, utm: bool = False) -> str:
    url = f"{SITE}/2024/10/{day:02d}/berita-nomor-{n}-dari-kabar-pantura/" + ("?utm_source=terpopuler" if utm else "")
    return (f'<article class="jeg_post"><div class="jeg_thumb"><a href="{url}"><img src="/x.jpg"></a>'
            f'<div class="jeg_post_category"><a href="{SITE}/category/peristiwa/">Peristiwa</a></div></div>'
            f'<div class="jeg_postblock_content"><h3 class="jeg_post_title"><a href="{url}">Berita nomor {n} (Kamis 17/10)</a></h3>'
            f'<div class="jeg_meta_date"><a href="{url}">{day} Oktober 2024 - {hm}</a></div>'
            f'<div class="jeg_post_excerpt"><p>BREBES - Warga Kamis (17/10) malam berkumpul.</p></div></div></article>')


def wp_listing(page: int, last: int, blocks: str) -> str:
    base = f"{SITE}/category/peristiwa/"
    url = lambda n: base if n == 1 else f"{base}page/{n}/"  # noqa: E731
    nums = "".join(f'<span class="page_number active">{n}</span>' if n == page else f'<a class="page_number" href="{url(n)}">{n}</a>'
                   for n in range(max(1, page - 2), min(last, page + 2) + 1))
    return (f'<html><head><link rel="next" href="{url(page + 1)}"></head><body>'
            f'<ul class="menu"><li><a href="{SITE}/">Beranda</a></li><li><a href="{SITE}/category/ekonomi/">Ekonomi</a></li></ul>'
            f'<div class="jeg_posts">{blocks}</div>'
            f'<div class="navigation_wrapper">{nums}<a class="page_nav next" href="{url(page + 1)}">Selanjutnya &rsaquo;</a></div>'
            f'<div class="jeg_sidebar"><div class="jeg_posts">{wp_block(99, 18, "14:05", utm=True)}</div>'
            f'<a href="{SITE}/2024/10/?cal=2024-10-18">18</a></div></body></html>')


def resolver(href: str) -> str | None:
    url = urlrules.canonicalize(href, SITE)
    return url if not urlrules.trap_kind(url) and urlrules.looks_like_article(url, DEFAULT) else None


def read(page_html: str, url: str) -> listings.Listing:
    return listings.read_listing(html.fromstring(page_html), url, article_url=resolver)


def test_wp_listing_teasers_dates_and_next_page():
    blocks = "".join(wp_block(n, 17, f"{n:02d}:30") for n in (9, 8, 7))
    got = read(wp_listing(2, 5, blocks), f"{SITE}/category/peristiwa/page/2/")
    listed = [f"{SITE}/2024/10/17/berita-nomor-{n}-dari-kabar-pantura/" for n in (9, 8, 7)]
    popular = f"{SITE}/2024/10/18/berita-nomor-99-dari-kabar-pantura/"  # linked with ?utm_source=
    assert [t.url for t in got.teasers] == [*listed, popular]
    assert [t.hint.published for t in got.teasers] == [
        datetime(2024, 10, 17, 9, 30, tzinfo=WIB), datetime(2024, 10, 17, 8, 30, tzinfo=WIB),
        datetime(2024, 10, 17, 7, 30, tzinfo=WIB), datetime(2024, 10, 18, 14, 5, tzinfo=WIB)]
    assert got.next_url == f"{SITE}/category/peristiwa/page/3/"
    assert f"{SITE}/category/ekonomi/" in got.links and f"{SITE}/2024/10/?cal=2024-10-18" in got.links
    assert not any("berita-nomor" in link for link in got.links)


def test_wp_listing_last_page_keeps_a_next_link_but_has_no_next_page():
    blocks = wp_block(1, 1, "07:00")
    assert read(wp_listing(5, 5, blocks), f"{SITE}/category/peristiwa/page/5/").next_url is None
    assert read(wp_listing(1, 1, blocks), f"{SITE}/category/peristiwa/").next_url is None


PORTAL = """<html><body><div class="indeks-list">
<div class="media-item"><a class="thumb" href="/read/300/banjir-rob-brebes"><img src="/a.jpg"></a>
 <div class="media-body"><span class="kanal"><a href="/kanal/peristiwa">Peristiwa</a></span>
 <h2 class="media-title"><a href="/read/300/banjir-rob-brebes">Banjir Rob Brebes</a></h2><span class="date">18/10/2024, 08:32 WIB</span></div></div>
<div class="media-item"><a class="thumb" href="/read/299/harga-cabai-naik"><img src="/b.jpg"></a>
 <div class="media-body"><h2 class="media-title"><a href="/read/299/harga-cabai-naik">Harga Cabai Naik</a></h2></div></div>
</div>
<ol class="popular"><li><a href="/read/280/festival-tegal?utm_source=terpopuler&amp;utm_medium=widget">Festival</a><span class="date">Senin, 14 Oktober 2024</span></li></ol>
<ul class="pagination"><li><a rel="prev" href="/indeks?page=1">Sebelumnya</a></li><li><a href="/indeks?page=1">1</a></li>
<li class="active"><span>2</span></li><li><a href="/indeks?page=3">3</a></li><li><a rel="next" href="/indeks?page=3">Selanjutnya</a></li></ul>
</body></html>"""


def test_portal_listing():
    got = read(PORTAL, f"{SITE}/indeks?page=2")
    assert [(t.url, t.hint) for t in got.teasers] == [
        (f"{SITE}/read/300/banjir-rob-brebes", DateHint(published=datetime(2024, 10, 18, 8, 32, tzinfo=WIB))),
        (f"{SITE}/read/299/harga-cabai-naik", DateHint()),
        (f"{SITE}/read/280/festival-tegal", DateHint(day=date(2024, 10, 14)))]
    assert got.next_url == f"{SITE}/indeks?page=3"
    assert read(PORTAL.replace('<li><a href="/indeks?page=3">3</a></li>', ""), f"{SITE}/indeks?page=2").next_url is None


def test_next_page_by_text_or_rel_when_urls_are_not_numbered():
    page = """<html><body><a href="/read/1/satu-dua-tiga-empat-lima">x</a>
    <div class="nav"><a href="/indeks?before=1729200000">Berita Selanjutnya &raquo;</a></div></body></html>"""
    assert read(page, f"{SITE}/indeks").next_url is None  # "Berita Selanjutnya" names an article, not a page
    page = page.replace("Berita Selanjutnya &raquo;", "Selanjutnya &raquo;")
    assert read(page, f"{SITE}/indeks").next_url == f"{SITE}/indeks?before=1729200000"
    head = f'<html><head><link rel="next" href="{SITE}/page/2/"></head><body></body></html>'
    assert read(head, f"{SITE}/").next_url == f"{SITE}/page/2/"


def test_page_of():
    assert listings.page_of(f"{SITE}/category/x/page/3/") == (f"{SITE}/category/x/", 3)
    assert listings.page_of(f"{SITE}/indeks?page=4&sort=new") == (f"{SITE}/indeks?sort=new", 4)
    assert listings.page_of(f"{SITE}/?paged=2") == (f"{SITE}/", 2)
    assert listings.page_of(f"{SITE}/kanal/ekonomi") == (f"{SITE}/kanal/ekonomi", 1)
