"""Security: robots.txt, allowed hosts, no internal-network probing (SSRF), safe output paths,
no remote consoles, no secrets in logs or the run summary.

Crawls run as subprocesses against loopback servers. Requests to any host other than the site go
through a *trap proxy* (tests/faultserver.py on 127.0.0.2): a request that would have left the
machine -- to 169.254.169.254, 10.0.0.1, news.example.com -- is recorded there instead.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from conftest import ROOT
from faultserver import FaultServer, article_html
from scrapy import Request
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

import crawler.settings as project_settings
from crawler.middlewares.ssrf import (
    RefusedRequest,
    SsrfGuardMiddleware,
    host_risk,
    refusal_reason,
)
from pipelines.output import OutputTarget, safe_component

SSRF_MW = "crawler.middlewares.ssrf.SsrfGuardMiddleware"
FAST = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0", "DOWNLOAD_TIMEOUT": "3", "RETRY_TIMES": "0",
        "LOG_LEVEL": "DEBUG", "CONCURRENT_REQUESTS_PER_DOMAIN": "8"}


def _middlewares() -> str:
    mws = dict(project_settings.DOWNLOADER_MIDDLEWARES)
    mws.setdefault(SSRF_MW, 60)
    return json.dumps(mws)


def scrapy_crawl(spider: str, args: dict, settings: dict, *, env: dict | None = None, timeout: float = 90):
    command = [sys.executable, "-m", "scrapy", "crawl", spider]
    for k, v in args.items():
        command += ["-a", f"{k}={v}"]
    for k, v in {**FAST, **settings}.items():
        command += ["-s", f"{k}={v}"]
    base = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "https_proxy", "no_proxy",
                                                                      "all_proxy")}
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env={**base, **(env or {})})


# --------------------------------------------------------------------------- SSRF guard (unit)

@pytest.mark.parametrize("url, reason", [
    ("http://169.254.169.254/latest/meta-data/", "link_local"),
    ("http://[fe80::1]/", "link_local"),
    ("http://10.0.0.1/admin/", "private"),
    ("http://172.16.5.4/", "private"),
    ("http://192.168.1.1/", "private"),
    ("http://100.64.0.1/", "private"),          # carrier-grade NAT: not global
    ("http://127.0.0.1:8080/", "loopback"),
    ("http://127.1/", "loopback"),              # inet_aton short form
    ("http://2130706433/", "loopback"),         # 127.0.0.1 as one decimal number
    ("http://0x7f.0.0.1/", "loopback"),
    ("http://0177.0.0.1/", "loopback"),
    ("http://[::1]/", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),
    ("http://[::ffff:169.254.169.254]/", "link_local"),
    ("http://0.0.0.0/", "reserved"),
    ("http://localhost/", "local_name"),
    ("http://LOCALHOST./", "local_name"),
    ("http://api.localhost/", "local_name"),
    ("http://printer.local/", "local_name"),
    ("http://metadata.google.internal/", "local_name"),
    ("http://intranet/", "local_name"),
    ("file:///etc/passwd", "scheme"),
    ("ftp://example.co.id/x", "scheme"),
    ("data:text/html,<h1>x</h1>", "scheme"),
    ("s3://bucket/key", "scheme"),
    ("javascript:alert(1)", "scheme"),
    ("gopher://127.0.0.1:6379/_FLUSHALL", "scheme"),
])
def test_refused_urls(url, reason):
    assert refusal_reason(url) == reason


@pytest.mark.parametrize("url", [
    "https://kotaprobolinggo.matapublik.co.id/2024/10/18/judul/",
    "http://8.8.8.8/", "http://[2606:4700:4700::1111]/", "https://detik.com/x", "http://127.0.0.1.nip.io.example/",
])
def test_public_urls_pass(url):
    assert refusal_reason(url) is None


def test_host_risk_names_are_not_resolved():
    # a public-looking name is never looked up: no DNS traffic from the check itself
    assert host_risk("this-name-does-not-exist.example") is None


def _mw(allowed=()):
    stats = MemoryStatsCollector(get_crawler(settings_dict={"STATS_DUMP": False}))
    return SsrfGuardMiddleware(stats, allowed), stats


def test_middleware_refuses_and_counts():
    mw, stats = _mw()
    assert mw.process_request(Request("https://kabarjember.example.co.id/berita/")) is None
    with pytest.raises(RefusedRequest):
        mw.process_request(Request("http://169.254.169.254/latest/meta-data/"))
    redirected = Request("http://10.0.0.1/", meta={"redirect_urls": ["https://kabarjember.example.co.id/x/"]})
    with pytest.raises(RefusedRequest) as info:
        mw.process_request(redirected)
    assert info.value.reason == "private"
    assert stats.get_value("security/refused") == 2
    assert stats.get_value("security/refused/link_local") == 1
    assert stats.get_value("security/refused/private") == 1


def test_middleware_allows_the_crawls_own_local_host_only():
    mw, _ = _mw()

    class Spider:
        start_url = "http://127.0.0.1:8123/"
        urls = ["http://127.0.0.2:9000/a/", "http://[::1]:9000/b/"]
        allowed_domains = ["127.0.0.1"]

    mw.spider_opened(Spider())
    assert mw.process_request(Request("http://127.0.0.1:8123/2024/10/14/x/")) is None
    assert mw.process_request(Request("http://127.0.0.1:9999/other-port/")) is None   # same host
    assert mw.process_request(Request("http://127.0.0.2:9000/a/")) is None
    assert mw.process_request(Request("http://[::1]:9000/b/")) is None
    for url in ("http://localhost:8123/", "http://169.254.169.254/", "http://127.0.0.3/", "file:///etc/passwd"):
        with pytest.raises(RefusedRequest):
            mw.process_request(Request(url))


def test_ssrf_allowed_hosts_setting():
    mw, _ = _mw(allowed=["intranet-news.local", "10.1.2.3"])
    assert mw.process_request(Request("http://intranet-news.local/x/")) is None
    assert mw.process_request(Request("http://10.1.2.3/x/")) is None


def test_ssrf_guard_enabled_in_project_settings():
    assert SSRF_MW in project_settings.DOWNLOADER_MIDDLEWARES


# --------------------------------------------------------------------------- site crawl: robots, hosts, SSRF

SECRET_PATHS = ("/rahasia/", "/wp-admin/")


@pytest.fixture
def hostile_site(http_site):
    """A site whose home links to a robots-disallowed article, off-host and internal URLs, odd schemes,
    and has redirects to an internal address and to another host."""
    trap = FaultServer(host="127.0.0.2").start()
    base = http_site.url
    http_site.add("/robots.txt", "User-agent: *\nDisallow: /rahasia/\nDisallow: /wp-admin/\n",
                  content_type="text/plain")
    links = [
        f"{base}/2024/10/14/jembatan-gantung-sumberwuluh/",
        f"{base}/rahasia/2024/10/14/dokumen-internal/",
        f"{base}/wp-admin/2024/10/14/panel/",
        "http://news.example.com/2024/10/14/berita-luar/",
        "https://other-site.example.org/2024/10/14/berita-lain/",
        "http://169.254.169.254/latest/meta-data/iam/",
        "http://10.0.0.1/2024/10/14/intranet/",
        "http://localhost/2024/10/14/lokal/",
        "http://[::1]/2024/10/14/lokal6/",
        "file:///etc/passwd", "ftp://127.0.0.1/2024/10/14/ftp/", "javascript:alert(document.cookie)",
        "mailto:redaksi@example.co.id", "data:text/html,<script>alert(1)</script>",
        f"{base}/2024/10/14/pindah-ke-intranet/",
        f"{base}/2024/10/14/pindah-ke-luar/",
        f"{base}/2024/10/14/pindah-ke-file/",
    ]
    home = ("<html lang='id'><head><title>Kabar Tapal Kuda - Berita Daerah</title></head><body><h1>Berita terbaru"
            "</h1><ul>" + "".join(f"<li><a href='{u}'>Berita {i}</a></li>" for i, u in enumerate(links))
            + "</ul><iframe src='http://169.254.169.254/latest/'></iframe></body></html>")
    http_site.add("/", home)
    http_site.add("/2024/10/14/jembatan-gantung-sumberwuluh/", article_html("jembatan"))
    http_site.add("/rahasia/2024/10/14/dokumen-internal/", article_html("rahasia"))
    http_site.add("/wp-admin/2024/10/14/panel/", article_html("panel"))
    http_site.add("/2024/10/14/pindah-ke-intranet/", b"", status=302,
                  headers={"Location": "http://10.0.0.1/2024/10/14/intranet/"})
    http_site.add("/2024/10/14/pindah-ke-luar/", b"", status=302,
                  headers={"Location": "http://news.example.com/2024/10/14/berita-luar/"})
    http_site.add("/2024/10/14/pindah-ke-file/", b"", status=302, headers={"Location": "file:///etc/passwd"})
    try:
        yield http_site, trap
    finally:
        trap.stop()


def test_site_crawl_fetches_nothing_forbidden(hostile_site, tmp_path):
    site, trap = hostile_site
    out = tmp_path / "out.jsonl"
    run = scrapy_crawl("site", {"url": f"{site.url}/", "sources": "listing"},
                       {"JSONL_OUTPUT": str(out), "DOWNLOADER_MIDDLEWARES": _middlewares()},
                       env={"http_proxy": trap.url, "https_proxy": trap.url, "no_proxy": "127.0.0.1"})
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    fetched = site.requests
    assert not [p for p in fetched if p.startswith(SECRET_PATHS)], f"fetched under Disallow: {fetched}"
    assert trap.proxied == [], f"left the site (off-host or internal): {trap.proxied}"
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["url"] for r in records] == [f"{site.url}/2024/10/14/jembatan-gantung-sumberwuluh/"]
    assert "root:x:0:0" not in run.stderr


def test_article_fetch_obeys_robots_and_refuses_internal(hostile_site, tmp_path):
    """Explicit URLs too: a disallowed one is not fetched, an internal one is refused before connecting."""
    site, trap = hostile_site
    out = tmp_path / "out.jsonl"
    urls = [f"{site.url}/rahasia/2024/10/14/dokumen-internal/", f"{site.url}/2024/10/14/pindah-ke-intranet/",
            f"{site.url}/2024/10/14/jembatan-gantung-sumberwuluh/"]
    run = scrapy_crawl("article", {"url": ",".join(urls)},
                       {"JSONL_OUTPUT": str(out), "DOWNLOADER_MIDDLEWARES": _middlewares()},
                       env={"http_proxy": trap.url, "no_proxy": "127.0.0.1"})
    assert run.returncode == 0, run.stderr[-3000:]
    assert not [p for p in site.requests if p.startswith("/rahasia/")]
    assert trap.proxied == []
    assert "security/refused/private" in run.stderr


# --------------------------------------------------------------------------- output paths

@pytest.mark.parametrize("site_value", [
    "../../etc", "/etc/passwd", "..", ".", "", "a/b/../../../c", "..\\..\\windows", "%2e%2e%2f%2e%2e",
    "C:\\Windows\\System32", "\x00evil", "~root", ".ssh", "-rf", "x" * 500, "кириллица.рф", " ",
])
def test_output_path_from_page_data_stays_under_root(tmp_path, site_value):
    target = OutputTarget.parse(str(tmp_path / "data") + "/")
    record = {"site": site_value, "url": "https://example.co.id/a/", "published": "2024-10-14T09:15:00+07:00"}
    path = target.path_for(record, datetime(2024, 10, 14), spider="../../spider")
    resolved = path.resolve()
    assert resolved.is_relative_to((tmp_path / "data").resolve()), path
    rel = resolved.relative_to((tmp_path / "data").resolve())
    assert len(rel.parts) == 2, rel  # {site}/{date}.jsonl: page data is exactly one component
    assert ".." not in path.parts and not rel.parts[0].startswith((".", "-", "~"))
    assert "\x00" not in str(path)


@pytest.mark.parametrize("value", ["../../etc", "/abs", "a/b", "..", "%2e%2e"])
def test_safe_component(value):
    c = safe_component(value)
    assert "/" not in c and "\\" not in c and c not in ("", ".", "..") and not c.startswith(".")


def test_output_path_from_url_host_when_site_missing(tmp_path):
    target = OutputTarget.parse(str(tmp_path / "out") + "/{site}/{spider}-{date:%Y}.jsonl")
    path = target.path_for({"site": None, "url": "http://../../etc/passwd"}, datetime(2024, 1, 1), "../x")
    assert path.resolve().is_relative_to((tmp_path / "out").resolve()), path


# --------------------------------------------------------------------------- consoles and secrets

def test_no_remote_consoles_by_default():
    assert project_settings.TELNETCONSOLE_ENABLED is False
    assert project_settings.REMOTE_CONTROL_ENABLED is False
    from scrapy.utils.project import get_project_settings

    effective = get_project_settings()
    assert effective.getbool("TELNETCONSOLE_ENABLED") is False


def test_no_page_content_is_evaluated():
    """No eval/exec/unsafe deserialisation in the product code: page data is only ever parsed."""
    pattern = re.compile(r"(?<![\w.])(eval|exec)\(|pickle\.loads?\(|yaml\.load\(|js2py|dukpy|execjs")
    # The one exception: the worker pool unpickles what its own processes pickled (calls and results
    # of our extraction code, page text only inside strings), over an anonymous socketpair no one else
    # can write to -- as multiprocessing does over its pipes.
    trusted = {("crawler/workerpool.py", "pickle.loads")}
    offenders = []
    for path in [*ROOT.joinpath("crawler").rglob("*.py"), *ROOT.joinpath("pipelines").rglob("*.py")]:
        name = path.relative_to(ROOT).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found = pattern.search(line)
            if found and not line.strip().startswith("#") and (name, found.group(0)[:-1]) not in trusted:
                offenders.append(f"{name}:{number}: {line.strip()}")
    assert offenders == []


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(64).startswith((b"+PONG", b"-NOAUTH"))
    except OSError:
        return False


def _assert_no_secret(secret: str, run, summary_path: Path):
    for where, text in (("stderr", run.stderr), ("stdout", run.stdout)):
        assert secret not in text, f"{secret!r} in {where}: " + text[text.find(secret) - 300: text.find(secret) + 100]
    if summary_path.exists():
        assert secret not in summary_path.read_text(encoding="utf-8")


def test_proxy_credentials_never_logged(http_site, tmp_path):
    """A proxy with credentials (http_proxy=http://user:pass@host): the password is never printed."""
    trap = FaultServer(host="127.0.0.2").start()
    try:
        out = tmp_path / "out.jsonl"
        run = scrapy_crawl("article", {"url": "http://news.example.com/2024/10/14/jembatan/"},
                           {"JSONL_OUTPUT": str(out), "DOWNLOADER_MIDDLEWARES": _middlewares()},
                           env={"http_proxy": f"http://crawler:pr0xyp4ss@{trap.url[7:]}", "no_proxy": "127.0.0.1"})
    finally:
        trap.stop()
    assert run.returncode == 0, run.stderr[-3000:]
    assert trap.proxied, "the proxy was not used: the test would prove nothing"
    _assert_no_secret("pr0xyp4ss", run, Path(f"{out}.summary.json"))


@pytest.mark.skipif(not _redis_answers(), reason="no Redis server answers on 127.0.0.1:6379")
def test_redis_password_never_logged(http_site, tmp_path):
    http_site.add("/robots.txt", "User-agent: *\nDisallow:\n", content_type="text/plain")
    http_site.add("/2024/10/14/jembatan/", article_html("redis"))
    out = tmp_path / "out.jsonl"
    run = scrapy_crawl("article", {"url": f"{http_site.url}/2024/10/14/jembatan/"},
                       {"JSONL_OUTPUT": str(out), "REDIS_URL": "redis://:s3cret@127.0.0.1:6379/15",
                        "MAX_IDLE_TIME_BEFORE_CLOSE": "1"},
                       timeout=120)
    # the server may have no password (AUTH then fails: the crawl may stop); either way, no secret printed
    _assert_no_secret("s3cret", run, Path(f"{out}.summary.json"))
