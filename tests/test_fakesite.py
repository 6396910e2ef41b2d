"""The bundled fake news site: discovery documents, listings, articles, traps and ground truth."""

from __future__ import annotations

import gzip
import json
import math
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import pytest
from lxml import etree, html

from crawler.fakesite import DEFAULT_NOW, FakeSite
from crawler.fakesite.content import ArticleStore

WIB = timezone(timedelta(hours=7))
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(NoRedirect)


def fetch(url: str, method: str = "GET", headers: dict | None = None):
    """(status, headers, body bytes) without following redirects or raising on 4xx."""
    req = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with _opener.open(req, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def page(url: str):
    status, _, body = fetch(url)
    assert status == 200, url
    return html.fromstring(body)


def text(el) -> str:
    return "".join(el.itertext()).strip()


def body_paragraphs(doc, container: str) -> list[str]:
    return [t for t in (text(p) for p in doc.cssselect(f"{container} > p")) if not t.startswith("Baca Juga")]


def wp_listing_dates(doc) -> list[datetime]:
    out = []
    for el in doc.cssselect(".jeg_main_content .jeg_meta_date a"):
        d, m, y, _, hm = text(el).split()
        out.append(datetime(int(y), MONTHS.index(m) + 1, int(d), *map(int, hm.split(":")), tzinfo=WIB))
    return out


def portal_dates(doc) -> list[datetime]:
    return [datetime.strptime(text(el), "%d/%m/%Y, %H:%M WIB").replace(tzinfo=WIB)
            for el in doc.cssselect(".col-main .media-item .date")]


@pytest.fixture(scope="module")
def wp():
    with FakeSite("wp", n_articles=300, seed=7, sitemap_size=100) as site:
        yield site


@pytest.fixture(scope="module")
def portal():
    with FakeSite("portal", n_articles=300, seed=7) as site:
        yield site


def multipage_ids(site) -> list[int]:
    return [i for i in range(1, site.n_published + 1) if site.article(i).n_pages > 1]


# -- ground truth -------------------------------------------------------------------

def test_content_is_deterministic_and_well_formed():
    a, b = ArticleStore(3, 500), ArticleStore(3, 500)
    assert [a.get(i).body for i in (1, 250, 500)] == [b.get(i).body for i in (1, 250, 500)]
    times = [a.published(i) for i in range(1, 501)]
    assert times == sorted(set(times)) and times[-1] < DEFAULT_NOW
    assert DEFAULT_NOW - times[0] < timedelta(days=101)
    for i in range(1, 501):
        art = a.get(i)
        assert 4 <= len(art.paragraphs) <= 12 and art.published.utcoffset() == timedelta(hours=7)
        assert art.paragraphs[0].startswith(art.dateline + " - ") and art.paragraphs[-1].endswith("(*)")
        assert ") " in art.paragraphs[0]  # in-body day mention like "Kamis (17/10) malam"
    assert 5 <= sum(a.get(i).n_pages > 1 for i in range(1, 501)) <= 50
    assert {len(a.get(i).authors) for i in range(1, 501)} == {1, 2}
    assert any(a.get(i).authors == ("Redaksi",) for i in range(1, 501))


def test_scales_to_20000_articles_lazily():
    t = time.perf_counter()
    store = ArticleStore(1, 20000)
    newest, oldest = store.get(20000), store.get(1)
    assert newest.body and oldest.body and oldest.published < newest.published
    assert store.find(newest.published.date(), newest.slug) is newest
    assert time.perf_counter() - t < 0.5


def test_expected_records(wp, portal):
    rec = wp.expected_articles()
    assert len(rec) == 300 and rec[0]["url"] == wp.article_url(300)
    r = rec[0]
    assert set(r) == {"url", "title", "author", "authors", "editor", "published", "body",
                      "section", "tags", "language", "site"}
    assert r["published"].endswith("+07:00") and r["language"] == "id" and r["site"] == "127.0.0.1"
    assert r["author"] == wp.article(300).authors[0]
    redaksi = next(i for i in range(1, 301) if wp.article(i).authors == ("Redaksi",))
    assert wp.expected_record(redaksi)["author"] == "Redaksi" and wp.expected_record(redaksi)["authors"] == []
    assert "Baca Juga" not in r["body"] and r["body"].endswith("(*)")
    assert portal.expected_articles()[0]["url"] == f"{portal.url}/read/300/{portal.article(300).slug}"
    since = wp.article(250).published
    window = wp.expected_articles(since=since, until=since + timedelta(days=2))
    assert window[-1]["url"] == wp.article_url(250)
    assert all(since <= datetime.fromisoformat(x["published"]) <= since + timedelta(days=2) for x in window)


# -- wp style -----------------------------------------------------------------------

def test_wp_robots_and_sitemaps(wp):
    status, headers, body = fetch(wp.url + "/robots.txt")
    robots = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {wp.url}/sitemap_index.xml" in robots and "Disallow: /rahasia/" in robots
    index = etree.fromstring(fetch(wp.url + "/sitemap_index.xml")[2])
    locs = [e.text for e in index.iter(SM + "loc")]
    assert locs[:3] == [f"{wp.url}/post-sitemap1.xml.gz", f"{wp.url}/post-sitemap2.xml", f"{wp.url}/post-sitemap3.xml"]
    urls = []
    for loc in locs[:3]:
        status, headers, body = fetch(loc)
        if loc.endswith(".gz"):
            assert headers["Content-Type"] == "application/x-gzip"
            body = gzip.decompress(body)
        tree = etree.fromstring(body)
        urls += [e.text for e in tree.iter(SM + "loc") if "/wp-content/" not in e.text]
        for lastmod in tree.iter(SM + "lastmod"):
            assert datetime.fromisoformat(lastmod.text).utcoffset() == timedelta(0)
    assert len(urls) == 300 and set(urls) == {r["url"] for r in wp.expected_articles()}
    news = etree.fromstring(fetch(wp.url + "/news-sitemap.xml")[2])
    dates = [datetime.fromisoformat(e.text) for e in news.iter(NEWS + "publication_date")]
    assert dates and dates == sorted(dates, reverse=True) and min(dates) >= DEFAULT_NOW - timedelta(days=2)


def test_wp_feed_and_api(wp):
    rss = etree.fromstring(fetch(wp.url + "/feed/")[2])
    items = rss.findall("./channel/item")
    assert len(items) == 20 and items[0].findtext("link") == wp.article_url(300)
    dates = [parsedate_to_datetime(i.findtext("pubDate")) for i in items]
    assert dates == sorted(dates, reverse=True)
    status, headers, body = fetch(wp.url + "/wp-json/wp/v2/posts?page=2&per_page=100")
    posts = json.loads(body)
    assert status == 200 and headers["X-WP-TotalPages"] == "3" and len(posts) == 100
    assert posts[0]["link"] == wp.article_url(200) and {"date", "date_gmt", "modified_gmt"} <= set(posts[0])
    assert fetch(wp.url + "/wp-json/wp/v2/posts?page=4&per_page=100")[0] == 400


def test_wp_listings_newest_first(wp):
    home = page(wp.url + "/")
    assert [a.get("href") for a in home.cssselect(".jeg_main_content h3.jeg_post_title a")][:15] == \
        [wp.article_url(i) for i in range(300, 285, -1)]
    dates = []
    for n in (1, 2, 3):
        doc = page(f"{wp.url}/category/peristiwa/" + (f"page/{n}/" if n > 1 else ""))
        got = wp_listing_dates(doc)
        assert len(got) == 10
        dates += got
    assert dates == sorted(dates, reverse=True) and len(set(dates)) == 30
    tag = page(f"{wp.url}/tag/banjir/")
    assert tag.cssselect("h1.jeg_cat_title")[0].text == "Banjir"
    author_link = page(wp.article_url(300)).cssselect(".jeg_meta_author a")[0].get("href")
    assert author_link.startswith(f"{wp.url}/author/")
    assert page(author_link).cssselect(".jeg_main_content h3.jeg_post_title")
    for slug in ("redaksi", "pedoman-media-siber", "kontak"):
        assert fetch(f"{wp.url}/{slug}/")[0] == 200


def test_wp_articles_match_ground_truth(wp):
    ids = sorted(set(multipage_ids(wp)[:4] + [1, 2, 150, 299, 300]))
    for i in ids:
        exp = wp.expected_record(i)
        doc = page(exp["url"])
        assert text(doc.cssselect("h1.jeg_post_title")[0]) == exp["title"]
        byline = list(wp.article(i).authors)
        assert [text(a) for a in doc.cssselect(".jeg_meta_author a")] == byline
        graph = json.loads(doc.cssselect("script.yoast-schema-graph")[0].text)["@graph"]
        art = next(n for n in graph if n["@type"] == "NewsArticle")
        assert art["datePublished"].endswith("+00:00")
        assert datetime.fromisoformat(art["datePublished"]).astimezone(WIB).isoformat() == exp["published"]
        people = {n["@id"]: n["name"] for n in graph if n["@type"] == "Person"}
        refs = art["author"] if isinstance(art["author"], list) else [art["author"]]
        assert [people[r["@id"]] for r in refs] == byline
        paras = body_paragraphs(doc, ".content-inner")
        links = [a.get("href") for a in doc.cssselect(".page-links a")]
        assert links == [wp.article_url(i, n) for n in range(2, wp.article(i).n_pages + 1)]
        for url in links:
            paras += body_paragraphs(page(url), ".content-inner")
        assert "\n\n".join(paras) == exp["body"]


def test_wp_head_and_http_details(wp):
    url = wp.article_url(42)
    status, headers, body = fetch(url, "HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 10000
    assert headers["Content-Type"] == "text/html; charset=UTF-8"
    lm = headers["Last-Modified"]
    assert parsedate_to_datetime(lm) == wp.article(42).updated
    assert fetch(url, headers={"If-Modified-Since": lm})[0] == 304
    assert fetch(wp.url + "/2024/01/01/tidak-ada/")[0] == 404
    assert fetch(wp.url + "/nope")[0] == 404


# -- portal style ---------------------------------------------------------------------

def test_portal_discovery_and_listings(portal):
    assert "Sitemap" not in fetch(portal.url + "/robots.txt")[2].decode()
    for path in ("/sitemap_index.xml", "/feed/", "/wp-json/wp/v2/posts"):
        assert fetch(portal.url + path)[0] == 404
    dates = []
    for n in (1, 2):
        doc = page(f"{portal.url}/indeks" + (f"?page={n}" if n > 1 else ""))
        dates += portal_dates(doc)
    assert len(dates) == 40 and dates == sorted(dates, reverse=True)
    kanal = portal_dates(page(portal.url + "/kanal/ekonomi?page=2"))
    assert kanal == sorted(kanal, reverse=True) and kanal[0] < portal.article(300).published


def test_portal_articles_match_ground_truth(portal):
    multi = multipage_ids(portal)
    for i in sorted(set(multi[:4] + [1, 300])):
        exp, art = portal.expected_record(i), portal.article(i)
        doc = page(exp["url"])
        assert text(doc.cssselect("h1.article-title")[0]) == exp["title"]
        assert text(doc.cssselect(".article-author")[0]) == f"{art.author} - KABAR PANTURA"
        d = art.published
        assert text(doc.cssselect(".article-date")[0]).endswith(f"{d.day} {MONTHS[d.month - 1]} {d.year} | {d:%H:%M} WIB")
        assert not doc.cssselect('script[type="application/ld+json"]')
        paras = body_paragraphs(doc, ".article-body")
        nav = {text(a): a.get("href") for a in doc.cssselect(".article-pagination a")}
        if art.n_pages > 1:
            assert nav["Halaman 2"] == nav["Selanjutnya"] == exp["url"] + "?page=2"
            for n in range(2, art.n_pages + 1):
                paras += body_paragraphs(page(f"{exp['url']}?page={n}"), ".article-body")
            if "Tampilkan Semua" in nav:
                assert body_paragraphs(page(nav["Tampilkan Semua"]), ".article-body") == exp["body"].split("\n\n")
        assert "\n\n".join(paras) == exp["body"]


# -- traps and the request log ----------------------------------------------------------

def hrefs(doc, sel: str = "a") -> list[str]:
    return [a.get("href") for a in doc.cssselect(sel) if a.get("href")]


@pytest.mark.parametrize("style", ["wp", "portal"])
def test_traps(style):
    with FakeSite(style, n_articles=60, seed=3) as site:
        home = page(site.url + "/")
        assert site.disallowed_url in hrefs(home)
        a = site.article(60)
        doc = page(site.article_url(60))
        links = hrefs(doc) + hrefs(home)
        assert any(h.startswith("https://www.facebook.com/sharer/sharer.php?u=") for h in links)
        assert any(h.startswith("whatsapp://send?text=") for h in links)
        assert any(h.endswith("#respond") for h in links)
        for needle, kind in (("?replytocom=", "replytocom"), ("/attachment/foto-1/", "attachment"),
                             (site.urls.amp(a), "amp"), (site.urls.comment_feed(a), "comment_feed"),
                             ("/wp-admin/", "admin"), ("/?s=", "search"), ("utm_source=", "tracking"),
                             ("cal=" if style == "wp" else "/arsip?tgl=", "calendar")):
            target = next(h for h in links if needle in h)
            site.clear_requests()
            assert fetch(target)[0] in (200, 302)
            assert site.kind_counts() == {kind: 1}, (needle, site.request_log)
        assert page(site.urls.amp(a)).cssselect('link[rel="canonical"]')[0].get("href") == site.article_url(60)

        # endless calendar: keep following "previous day", there is always one more
        site.clear_requests()
        cal = next(h for h in links if "cal=" in h or "tgl=" in h)
        for _ in range(5):
            cal = page(cal).cssselect(".calendar-nav a.prev")[0].get("href")
        assert site.trap_counts() == {"calendar": 5}

        # past the last listing page: 200, the last page's items again, and still a "next" link
        wp = style == "wp"
        kind, slug, per = ("section", "peristiwa", 10) if wp else ("indeks", "", 20)
        n_items = len(site.store.listing("section", "peristiwa")) if wp else site.n_published
        last = math.ceil(n_items / per)
        sel = ".jeg_main_content h3.jeg_post_title a" if wp else ".col-main .media-title a"
        at_last = hrefs(page(site.urls.listing(kind, slug, last)), sel)
        site.clear_requests()
        beyond = page(site.urls.listing(kind, slug, last + 5))
        assert hrefs(beyond, sel) == at_last and len(at_last) == n_items - (last - 1) * per
        assert site.urls.listing(kind, slug, last + 6) in hrefs(beyond)
        assert site.trap_counts() == {"beyond_last": 1}

        site.clear_requests()
        assert fetch(site.disallowed_url)[0] == 200
        assert site.trap_fetches() == [urlsplit(site.disallowed_url).path]
        if wp:
            status, headers, _ = fetch(f"{site.url}/?p=60")
            assert status == 301 and headers["Location"] == site.article_url(60)
        assert site.fetched_article_ids() == set() and not site.errors


def test_request_log(wp):
    wp.clear_requests()
    fetch(wp.article_url(10))
    fetch(wp.article_url(10) + "?utm_source=x")
    fetch(wp.article_url(11), "HEAD")
    fetch(wp.url + "/feed/")
    assert wp.requests[0] == urlsplit(wp.article_url(10)).path and len(wp.requests) == 4
    assert wp.fetched_article_ids() == {10} and wp.article_fetch_counts() == {10: 1}
    assert wp.trap_fetches() == [urlsplit(wp.article_url(10)).path + "?utm_source=x"]
    assert not wp.errors


# -- incremental publishing ---------------------------------------------------------------

def test_publish_wp():
    with FakeSite("wp", n_articles=120, seed=5, added_later=4) as site:
        old_newest = site.article(120).published
        new = site.publish()
        assert new == [121, 122, 123, 124] and site.n_published == 124
        assert all(site.article(i).published > old_newest for i in new)
        new_urls = [site.article_url(i) for i in reversed(new)]
        home = page(site.url + "/").cssselect(".jeg_main_content h3.jeg_post_title a")
        assert [a.get("href") for a in home[:4]] == new_urls
        rss = etree.fromstring(fetch(site.url + "/feed/")[2])
        assert [i.findtext("link") for i in rss.findall("./channel/item")][:4] == new_urls
        news = etree.fromstring(fetch(site.url + "/news-sitemap.xml")[2])
        assert [e.text for e in news.iter(SM + "loc")][:4] == new_urls
        sm = etree.fromstring(gzip.decompress(fetch(site.url + "/post-sitemap1.xml.gz")[2]))
        assert {e.text for e in sm.iter(SM + "loc")} >= set(new_urls)
        section = site.article(124).section_slug
        first = page(site.urls.listing("section", section)).cssselect(".jeg_main_content h3.jeg_post_title a")[0]
        assert first.get("href") == site.article_url(124)
        assert site.expected_articles(since=old_newest + timedelta(minutes=1))[0]["url"] == new_urls[0]
        assert len(site.expected_articles(since=old_newest + timedelta(minutes=1))) == 4


def test_publish_portal():
    with FakeSite("portal", n_articles=100, seed=5) as site:
        site.publish(3)
        links = [a.get("href") for a in page(site.url + "/indeks").cssselect(".media-title a")]
        assert links[:3] == [site.article_url(i) for i in (103, 102, 101)] and len(links) == 20


# -- the server itself ------------------------------------------------------------------

def _raw(site, request: bytes) -> bytes:
    """Send raw bytes on one connection; everything the server answers until it closes."""
    import socket

    host, port = site.host.split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_server_keep_alive_and_closing(wp):
    path = urlsplit(wp.article_url(42)).path.encode()
    one = b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    # two requests on one HTTP/1.1 connection, then the client asks to close
    answer = _raw(wp, one + b"HEAD " + path + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert answer.count(b"HTTP/1.1 200 OK\r\n") == 2 and b"Server: nginx\r\n" in answer
    # HTTP/1.0 without keep-alive: one answer, then the server closes
    assert _raw(wp, b"GET / HTTP/1.0\r\n\r\n").startswith(b"HTTP/1.1 200 OK\r\n")
    assert _raw(wp, b"POST / HTTP/1.0\r\nContent-Length: 3\r\n\r\nabc").startswith(b"HTTP/1.1 501 ")
    assert _raw(wp, b"NONSENSE\r\n\r\n").startswith(b"HTTP/1.1 400 ")
    assert _raw(wp, b"GET / HTTP/1.1\r\nX-Long: " + b"a" * 70000).startswith(b"HTTP/1.1 431 ")


def test_a_route_that_fails_is_a_500_and_recorded():
    with FakeSite("wp", n_articles=20, seed=3) as site:
        site._router.dispatch = lambda target: 1 / 0
        assert fetch(site.url + "/")[0] == 500
        assert len(site.errors) == 1 and "ZeroDivisionError" in site.errors[0]


def test_cached_site_serves_the_same_pages_until_publish():
    with FakeSite("wp", n_articles=60, seed=9, added_later=2) as plain, \
            FakeSite("wp", n_articles=60, seed=9, added_later=2, cache=True) as cached:
        def same(path: str) -> bool:  # the two sites differ only in their port (also URL-encoded in share links)
            ports = [site.host.split(":")[1].encode() for site in (plain, cached)]
            expected = fetch(plain.url + path)[2]
            for sep in (b":", b"%3A"):
                expected = expected.replace(b"127.0.0.1" + sep + ports[0], b"127.0.0.1" + sep + ports[1])
            return fetch(cached.url + path)[2] == expected

        pages = cached.render_articles()
        assert pages == sum(cached.article(i).n_pages for i in range(1, 61))
        rendered = len(cached._cache)
        for i in (1, 30, 60):
            assert same(urlsplit(cached.article_url(i)).path)
        assert len(cached._cache) == rendered  # served from the cache
        assert same("/feed/")
        assert cached.kind_counts()["article"] == 3  # the request log still sees every request
        plain.publish()
        cached.publish()
        assert same("/") and same("/feed/")  # listings changed: the cache is not served any more
        assert fetch(cached.article_url(62))[0] == 200
    with FakeSite("wp", n_articles=5) as site, pytest.raises(RuntimeError):
        site.render_articles()
