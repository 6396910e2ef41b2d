"""Retries back off: a 429 with Retry-After and a flaky 503 are retried after waiting, then captured;
a page that keeps failing is given up and reported."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from conftest import ROOT
from crawler.middlewares.retry import retry_after_seconds

ARTICLE = ("<html lang='id'><head><title>{t} - Kabar Lumajang</title><meta property='og:type' content='article'>"
           "</head><body><h1 class='entry-title'>{t}</h1><div class='entry-meta'><span class='author'>Penulis: Sari "
           "Wulandari</span> <span class='entry-date'>Senin, 14 Oktober 2024 | 09:15 WIB</span></div>"
           "<div class='entry-content'>" + "".join(
               f"<p>LUMAJANG - Paragraf {i} berita tentang perbaikan jembatan gantung di Desa Sumberwuluh yang "
               f"dikerjakan warga bersama relawan selama dua pekan terakhir.</p>" for i in range(5)) +
           "</div></body></html>")


class FlakyServer:
    """/busy answers 429 (Retry-After: 1) once, /flaky 503 twice, /broken always 500; then 200."""

    def __init__(self):
        self.hits: dict[str, list[float]] = {}
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                hits = owner.hits.setdefault(self.path, [])
                hits.append(time.monotonic())
                status, headers = 200, {}
                if self.path == "/busy/" and len(hits) == 1:
                    status, headers = 429, {"Retry-After": "1"}
                elif self.path == "/flaky/" and len(hits) <= 2:
                    status = 503
                elif self.path == "/broken/":
                    status = 500
                elif self.path == "/robots.txt":
                    status = 404
                body = ARTICLE.format(t=f"Jembatan Gantung Sumberwuluh {self.path.strip('/')}").encode()
                self.send_response(status)
                for k, v in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def test_retry_after_header_forms():
    assert retry_after_seconds(b"120") == 120
    assert retry_after_seconds("Fri, 18 Oct 2024 08:32:00 GMT") == 0.0  # in the past: no wait
    assert retry_after_seconds(b"soon") is None and retry_after_seconds(None) is None


def test_backoff_then_capture_and_report(tmp_path):
    srv = FlakyServer()
    out = tmp_path / "out.jsonl"
    urls = ",".join(f"{srv.url}/{p}/" for p in ("busy", "flaky", "broken"))
    run = subprocess.run(
        [sys.executable, "-m", "crawler", "fetch", urls, "-o", str(out)], cwd=ROOT, capture_output=True, text=True,
        timeout=120, env={**__import__("os").environ, "SCRAPY_SETTINGS_MODULE": "crawler.settings"})
    srv.server.shutdown()
    records = [json.loads(l) for l in out.read_text().splitlines()]
    assert sorted(r["url"].rsplit("/", 2)[-2] for r in records) == ["busy", "flaky"]
    busy = srv.hits["/busy/"]
    assert busy[1] - busy[0] >= 0.9  # waited for Retry-After: 1
    flaky = srv.hits["/flaky/"]
    assert len(flaky) == 3 and flaky[2] - flaky[1] >= 1.5  # 1 s, then 2 s of backoff
    assert len(srv.hits["/broken/"]) == 4  # the first try and RETRY_TIMES=3 retries, then given up
    summary = json.loads((tmp_path / "out.jsonl.summary.json").read_text())
    assert summary["errors"]["http"].get("500") == 4  # every attempt is counted
    assert summary["errors"]["retry_max_reached"] == 1  # and the give-up once
    assert run.returncode in (0, 3)
