"""Spidermon monitors (crawler/monitoring): checks, the article schema, and real crawls through the CLI.

The end-to-end tests run ``python -m crawler crawl URL -o tmp/out.jsonl`` in a
subprocess against sites on 127.0.0.1 (the bundled FakeSite, or a small news
site served here whose pages may lack a date) and read the exit status, the
printed reasons and the run summary's ``monitors``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jsonschema
import pytest
from scrapy.settings import Settings

from conftest import ROOT
from crawler.fakesite import FakeSite
from crawler.health import assess
from crawler.monitoring import checks

PARAGRAPHS = [
    "KOTA PROBOLINGGO - Pemerintah Kota Probolinggo menyalurkan bantuan langsung tunai kepada ratusan keluarga "
    "penerima manfaat di kantor kelurahan setempat pada pagi hari ini.",
    "Wali Kota mengatakan penyaluran bantuan dilakukan secara bertahap agar warga tidak berdesakan dan semua "
    "penerima mendapatkan haknya sesuai data yang sudah diverifikasi petugas.",
    "Menurutnya, bantuan tersebut diharapkan dapat meringankan beban ekonomi warga yang terdampak kenaikan harga "
    "kebutuhan pokok dalam beberapa bulan terakhir.",
    "Sejumlah warga mengaku senang menerima bantuan itu dan berharap program serupa dapat terus berlanjut pada "
    "tahun mendatang. (ada/ted)",
]


def article_html(n: int, dated: bool) -> str:
    date = f'<div class="jeg_meta_date">Jumat, 18 Oktober 2024 - 08:{n:02d} WIB</div>' if dated else ""
    meta = f'<meta property="article:published_time" content="2024-10-18T01:{n:02d}:00+00:00">' if dated else ""
    body = "".join(f"<p>{p} Berita nomor {n}.</p>" for p in PARAGRAPHS)
    return (f'<html lang="id"><head><meta charset="utf-8"><title>Bantuan tunai nomor {n} disalurkan | Warta Lokal'
            f'</title><meta property="og:type" content="article">{meta}</head><body>'
            f'<article class="post"><h1 class="entry-title">Bantuan tunai nomor {n} disalurkan</h1>'
            f'<div class="jeg_meta_author">Penulis: Budi Santoso</div>{date}'
            f'<div class="entry-content">{body}</div></article></body></html>')


class NewsSite:
    """A small regional news site on 127.0.0.1: a home page linking ``n`` articles, ``undated`` of them
    without any date. Every request is logged with its monotonic time in ``log``."""

    def __init__(self, n: int = 10, undated: int = 0):
        self.paths = [f"/read/{1000 + i}/bantuan-tunai-nomor-{i}-disalurkan-kepada-warga" for i in range(n)]
        links = "".join(f'<li><a href="{p}">Bantuan tunai nomor {i}</a></li>' for i, p in enumerate(self.paths))
        self.routes = {"/": f"<html><head><title>Warta Lokal</title></head><body><ul>{links}</ul></body></html>",
                       "/robots.txt": "User-agent: *\nAllow: /\nSitemap: /sitemap.xml\n"}
        self.routes["/sitemap.xml"] = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
                                       '"http://www.sitemaps.org/schemas/sitemap/0.9">'
                                       + "".join(f"<url><loc>{{base}}{p}</loc></url>" for p in self.paths)
                                       + "</urlset>")
        for i, p in enumerate(self.paths):
            self.routes[p] = article_html(i, dated=i >= undated)
        # the discovery probes find an empty feed and an empty WordPress API, not 404s (which count as errors)
        empty_rss = '<?xml version="1.0"?><rss version="2.0"><channel><title>Warta Lokal</title></channel></rss>'
        self.routes.update({"/feed/": empty_rss, "/rss": empty_rss, "/wp-json/wp/v2/posts": "[]"})
        self.log: list[tuple[float, str]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                site.log.append((time.monotonic(), self.path))
                body = site.routes.get(self.path.split("?")[0])
                body = body.replace("{base}", site.url) if body else body
                self.send_response(200 if body is not None else 404)
                ctype = ("application/json" if "wp-json" in self.path else "application/rss+xml"
                         if body and body.startswith("<?xml") and "<rss" in body else
                         {"txt": "text/plain", "xml": "application/xml"}.get(self.path.rsplit(".", 1)[-1],
                                                                             "text/html; charset=utf-8"))
                data = (body or "<html><body>not found</body></html>").encode()
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def crawl(url: str, out, profiles=None, *extra, env=None, timeout=120):
    """``python -m crawler crawl URL -o OUT`` in a subprocess, with ``CRAWLER_PROFILES`` set to ``profiles``."""
    environ = {k: v for k, v in os.environ.items() if k not in ("CRAWLER_PROFILES", "CRAWLER_FORCE_WINDOW")}
    if profiles is not None:
        environ["CRAWLER_PROFILES"] = str(profiles)
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "crawler", "crawl", url, "-o", str(out), *extra], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout, env=environ)


def summary_of(out) -> dict:
    return json.loads(out.with_name(out.name + ".summary.json").read_text(encoding="utf-8"))


# -- checks and schema (no crawl) ---------------------------------------------------------------------------

def settings(**values) -> Settings:
    s = Settings()
    s.setmodule("crawler.settings")
    s.setdict(values)
    return s


def test_schema_accepts_a_record_and_rejects_a_missing_date():
    record = {"url": "https://x.co.id/a/", "title": "T", "author": None, "authors": [], "editor": None,
              "published": "2024-10-18T08:32:00+07:00", "published_approximate": None, "modified": None,
              "body": "teks", "description": None, "section": None, "tags": ["a"], "image": None,
              "language": "id", "site": "x.co.id"}
    jsonschema.validate(record, checks.ARTICLE_SCHEMA)
    for bad in ({"published": None}, {"published": "18 Oktober 2024"}, {"tags": "a"}, {"author": 3}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**record, **bad}, checks.ARTICLE_SCHEMA)
    assert set(checks.ARTICLE_SCHEMA["required"]) == {"url", "title", "published", "body"}


def test_checks_thresholds_and_skips():
    ok = {"item_scraped_count": 10, "downloader/request_count": 20,
          "downloader/exception_type_count/scrapy.exceptions.IgnoreRequest": 15}
    assert all(c.passed for c in checks.run_checks(ok, settings()))  # IgnoreRequest is a skip, not an error
    failing = {"item_scraped_count": 3, "dropped/missing_published": 7, "downloader/request_count": 10,
               "downloader/response_status_count/500": 5,
               "spidermon/validation/items": 10, "spidermon/validation/items/errors": 7,
               "spidermon/validation/fields/errors/none_is_not_of_type_string/published": 7}
    result = checks.result_of(checks.run_checks(failing, settings(HEALTH_MIN_NEW_ARTICLES=5)))
    assert not result["passed"]
    assert {f["name"] for f in result["failed"]} == {"item_count", "error_rate", "field_coverage", "item_schema"}
    # health reads a recorded monitors result rather than computing its own
    health = assess({"finish_reason": "finished", "monitors/result": {"passed": False, "failed": [
        {"name": "item_schema", "message": "boom"}]}, **ok}, settings())
    assert not health.ok and health.reasons == ["boom (monitor item_schema)"]
    assert assess({"finish_reason": "outside_crawl_window"}, settings()).ok


# -- real crawls ---------------------------------------------------------------------------------------------

def test_healthy_crawl_passes_every_monitor(tmp_path):
    with FakeSite(style="wp", n_articles=15) as site:
        run = crawl(site.url + "/", tmp_path / "out.jsonl", tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    monitors = summary_of(tmp_path / "out.jsonl")["monitors"]
    assert monitors["passed"] is True and monitors["failed"] == []
    by_name = {m["name"]: m for m in monitors["monitors"]}
    assert list(by_name) == ["item_count", "error_rate", "field_coverage", "item_schema"]
    assert all(m["passed"] for m in by_name.values())
    assert by_name["item_count"]["details"]["written"] == 15
    assert by_name["field_coverage"]["details"]["published"] == 1.0
    assert by_name["field_coverage"]["details"]["author"] == 1.0 and by_name["field_coverage"]["details"]["body"] == 1.0
    assert by_name["item_schema"]["details"] == {**by_name["item_schema"]["details"], "items": 15, "invalid": 0}
    assert "Monitors (all passed)" in run.stderr


def test_crawl_without_dates_fails_coverage_and_exits_3(tmp_path):
    with NewsSite(n=10, undated=5) as site:
        run = crawl(site.url + "/", tmp_path / "out.jsonl", tmp_path)
    assert run.returncode == 3, run.stderr[-3000:]
    assert "UNHEALTHY: only 50% of extracted articles have a publication date" in run.stderr
    assert "(monitor field_coverage)" in run.stderr
    monitors = summary_of(tmp_path / "out.jsonl")["monitors"]
    assert monitors["passed"] is False
    failed = {f["name"]: f["message"] for f in monitors["failed"]}
    assert "field_coverage" in failed and "item_schema" in failed
    schema = next(m for m in monitors["monitors"] if m["name"] == "item_schema")["details"]
    assert schema["items"] == 10 and schema["invalid"] == 5
    assert any(k.startswith("published:") and v == 5 for k, v in schema["errors"].items()), schema
