"""End-to-end: ``scrapy crawl site`` / ``scrapy crawl matapublik`` against the bundled fake news site.

Each crawl is a ``scrapy crawl`` subprocess against a :class:`~crawler.fakesite.FakeSite`
started here (300 articles; the ``wp`` style with sitemaps, feed and WP API, the
``portal`` style with ``/read/ID/slug`` URLs and listings only, both full of traps
and with a robots.txt-disallowed article). The site's ground truth and request log
decide: recall of the articles in the window, nothing else written, no duplicates,
no disallowed fetch, (almost) no trap fetch, multi-page articles as one record, and
article pages outside a ``since`` window never downloaded.
"""

from __future__ import annotations

import json
import re
from collections import Counter
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse

from conftest import ROOT
from crawler.extraction import ExtractionResult
from crawler.fakesite import TRAP_KINDS, FakeSite

SETTINGS = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0", "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
            "LOG_LEVEL": "INFO"}
N_ARTICLES = 300
#: A well-behaved crawl may stumble into a trap at most this often per kind (in practice: never).
TRAP_BOUND = 2
#: Downloads per article of a full crawl (articles + parts + discovery documents + listing pages).
MAX_REQUESTS_PER_ARTICLE = 1.35


@dataclass
class Crawl:
    records: list[dict]
    stats: dict[str, int]
    log: str
    requests: list[tuple]   # the site's request log during the crawl

    @property
    def urls(self) -> list[str]:
        return [r["url"] for r in self.records]


def crawl(site: FakeSite, tmp_path: Path, *args: str, spider: str = "site", **settings: str) -> Crawl:
    """Run ``scrapy crawl`` on the fake site (start URL: its home) and read what it wrote."""
    site.clear_requests()
    out = tmp_path / f"{spider}-{len(list(tmp_path.iterdir()))}.jsonl"
    command = [sys.executable, "-m", "scrapy", "crawl", spider, "-a", f"url={site.url}/", "-O", str(out)]
    for arg in args:
        command += ["-a", arg]
    for name, value in {**SETTINGS, **settings}.items():
        command += ["-s", f"{name}={value}"]
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    dump = proc.stderr.split("Dumping Scrapy stats:", 1)[-1]
    stats = {key: int(value) for key, value in re.findall(r"'([^']+)': (\d+)[,}]", dump)}
    return Crawl(records, stats, proc.stderr, site.request_log)


def article_ids(requests: list[tuple]) -> set[int]:
    return {e[4] for e in requests if e[2] == "article" and e[0] == "GET" and e[3] == 200}


@pytest.fixture(scope="module")
def sites():
    with FakeSite("wp", N_ARTICLES) as wp, FakeSite("portal", N_ARTICLES) as portal:
        yield {"wp": wp, "portal": portal}


@pytest.fixture(scope="module", params=["wp", "portal"])
def full(request, sites, tmp_path_factory):
    """(site, crawl): a whole-site crawl without limits."""
    site = sites[request.param]
    return site, crawl(site, tmp_path_factory.mktemp(request.param))


# -- whole-site crawls ------------------------------------------------------------------

def test_finds_every_article_once_and_nothing_else(full):
    site, result = full
    expected = [r["url"] for r in site.expected_articles()]
    assert len(result.urls) == len(set(result.urls)), "duplicate records"
    assert sorted(result.urls) == sorted(expected)
    assert result.stats["item_scraped_count"] == N_ARTICLES


@pytest.mark.parametrize("field", ["title", "author", "published", "body", "tags"])
def test_records_match_the_ground_truth(full, field):
    site, result = full
    expected = {r["url"]: r for r in site.expected_articles()}
    wrong = [(r["url"], r[field], expected[r["url"]][field]) for r in result.records if r[field] != expected[r["url"]][field]]
    assert not wrong, f"{len(wrong)} records with a wrong {field}, e.g. {wrong[:2]}"


def test_politeness_and_traps(full):
    site, result = full
    kinds = Counter(entry[2] for entry in result.requests)
    traps = {kind: n for kind, n in kinds.items() if kind in TRAP_KINDS}
    assert "disallowed" not in traps, "fetched a robots.txt-disallowed page"
    assert all(n <= TRAP_BOUND for n in traps.values()), traps
    assert result.stats["robotstxt/forbidden"] >= 1  # it was linked, and refused
    assert len(result.requests) <= MAX_REQUESTS_PER_ARTICLE * N_ARTICLES, kinds
    assert not site.errors and "errors/" not in result.log


def test_multipage_articles_become_one_record(full):
    site, result = full
    multi = [i for i in site.expected_ids() if site.article(i).n_pages > 1]
    by_url = {r["url"]: r for r in result.records}
    parts = {site.article_url(i, n) for i in multi for n in range(2, site.article(i).n_pages + 1)}
    assert multi and not parts & set(by_url)
    for i in multi:
        pages = site.article(i).pages
        body = by_url[site.article_url(i)]["body"]
        assert body.startswith("\n\n".join(pages[0])) and pages[1][0] in body
    assert result.stats["extract/multipage_assembled"] == len(multi)


# -- date windows and limits --------------------------------------------------------------

@pytest.mark.parametrize("style", ["wp", "portal"])
def test_since_window_downloads_only_newer_articles(sites, tmp_path, style):
    site = sites[style]
    since = site.article(280).published
    result = crawl(site, tmp_path, f"since={since.isoformat()}")
    expected = site.expected_ids(since=since)
    assert sorted(result.urls) == sorted(site.article_url(i) for i in expected)
    assert article_ids(result.requests) == set(expected), "an article page outside the window was downloaded"
    assert len(result.requests) < 80


@pytest.mark.parametrize("style", ["wp", "portal"])
def test_since_until_window(sites, tmp_path, style):
    site = sites[style]
    since, until = site.article(200).published, site.article(230).published
    result = crawl(site, tmp_path, f"since={since.isoformat()}", f"until={until.isoformat()}")
    expected = site.expected_ids(since=since, until=until)
    assert sorted(result.urls) == sorted(site.article_url(i) for i in expected)
    assert article_ids(result.requests) == set(expected), "an article page outside the window was downloaded"


def test_max_articles_writes_exactly_that_many(sites, tmp_path):
    site = sites["portal"]
    result = crawl(site, tmp_path, "max_articles=7")
    assert len(result.records) == 7 == len(set(result.urls))
    assert set(result.urls) <= {r["url"] for r in site.expected_articles()}
    assert result.stats["item_scraped_count"] == 7 and "closespider_itemcount" in result.log


def test_error_report_per_host(http_site, tmp_path):
    http_site.add("/robots.txt", "User-agent: *\nDisallow:\n", content_type="text/plain")
    links = "".join(f'<li><a href="/berita/{n}/kabar-dari-desa-nomor-{n}">Kabar {n}</a></li>' for n in (1, 2))
    http_site.add("/", f"<html><head><title>Kabar Desa</title></head><body><ul>{links}</ul></body></html>")
    http_site.add("/berita/2/kabar-dari-desa-nomor-2", "<html><body>sedang gangguan</body></html>", status=503)
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"url={http_site.url}/", "-a", "sources=listing",
         "-O", str(out), "-s", "RETRY_TIMES=0", *(arg for k, v in SETTINGS.items() for arg in ("-s", f"{k}={v}"))],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    host = "127.0.0.1"  # errors are reported per host name (crawler/failures.py)
    assert proc.returncode == 0 and out.read_text() == ""
    assert f"'errors/{host}/404': 1" in proc.stderr and f"'errors/{host}/503': 1" in proc.stderr
    table = proc.stderr.split("fetch errors per host:", 1)[1]
    assert re.search(rf"{re.escape(host)}\s+404\s+1", table) and re.search(rf"{re.escape(host)}\s+503\s+1", table)


# -- the matapublik spider ----------------------------------------------------------------

def local_profile(tmp_path: Path) -> Path:
    """The shipped matapublik profile, pointed at 127.0.0.1 (the fake site's host)."""
    text = (ROOT / "crawler/profiles/matapublik.co.id.toml").read_text(encoding="utf-8")
    text = text.replace('domains = ["matapublik.co.id"]', 'domains = ["127.0.0.1"]')
    text = text.replace(r"matapublik\.co\.id", r"127\.0\.0\.1:\d+")
    directory = tmp_path / "profiles"
    directory.mkdir()
    (directory / "local.toml").write_text(text, encoding="utf-8")
    return directory


def test_matapublik_crawl_is_driven_by_the_profile(sites, tmp_path):
    site = sites["wp"]
    since = site.article(250).published
    result = crawl(site, tmp_path, f"since={since.isoformat()}", spider="matapublik",
                   EXTRA_PROFILES_DIR=str(local_profile(tmp_path)))
    assert sorted(result.urls) == sorted(site.article_url(i) for i in site.expected_ids(since=since))
    assert result.stats["extract/not_article/url_pattern"] >= 1  # the profile's [urls] not_article rule
    assert article_ids(result.requests) == set(site.expected_ids(since=since))


def test_matapublik_discovers_the_regional_subdomains_it_links_to():
    from scrapy.utils.test import get_crawler

    from crawler.spiders.matapublik import MatapublikSpider

    crawler = get_crawler(MatapublikSpider)
    spider = MatapublikSpider.from_crawler(crawler)
    crawler.spider = spider
    home = b"""<html><body><nav>
      <a href="https://matapublik.co.id/category/berita/">Berita</a>
      <a href="https://kotaprobolinggo.matapublik.co.id/">Kota Probolinggo</a>
      <a href="https://lumajang.matapublik.co.id/2024/10/17/festival-durian-lumajang-ramai-pengunjung/">Durian</a>
      <a href="https://www.facebook.com/matapublik">Facebook</a></nav>
      <a href="https://kotaprobolinggo.matapublik.co.id/2024/10/18/pemkot-salurkan-bantuan-pangan/">Bantuan</a>
      </body></html>"""
    start = next(r for r in spider.discover(spider.start_url) if r.url == spider.start_url)
    response = HtmlResponse(start.url, body=home, request=start)
    requests = list(spider.not_article(response, ExtractionResult(reason="not_article:home")))
    urls = {r.url for r in requests}
    for sub in ("kotaprobolinggo", "lumajang"):
        assert f"https://{sub}.matapublik.co.id/robots.txt" in urls and f"https://{sub}.matapublik.co.id/" in urls
    assert "https://kotaprobolinggo.matapublik.co.id/2024/10/18/pemkot-salurkan-bantuan-pangan/" in urls
    assert "https://matapublik.co.id/category/berita/" in urls
    assert not any("facebook" in url for url in urls)
    again = list(spider.not_article(response, ExtractionResult(reason="not_article:home")))
    assert not any(r.url.endswith("/robots.txt") for r in again), "a subdomain is discovered once"
