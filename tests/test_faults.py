"""Crawls against a fault-injecting server (tests/faultserver.py): the crawl finishes, captures every
recoverable article, reports every unrecoverable URL in the run summary, writes no garbage text,
stays in bounded memory, and never connects to an internal address a redirect points at.

One ``scrapy crawl article`` subprocess fetches every fault path (module fixture, ~15 s): small
``DOWNLOAD_TIMEOUT``/``DOWNLOAD_MAXSIZE`` and a short backoff keep it fast. The server doubles as a
*trap proxy* (``http_proxy`` points at it, ``no_proxy=127.0.0.1,127.0.0.2``), so a request to any other
host -- 169.254.169.254, 10.0.0.1, localhost -- lands in ``srv.proxied`` instead of leaving the machine.
The 429 paths live on a second server (127.0.0.2): a 429 rightly slows its whole host down.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT
from faultserver import FAULTS, FaultServer

import crawler.settings as project_settings

SSRF_MW = "crawler.middlewares.ssrf.SsrfGuardMiddleware"
SLOW_HOST_FAULTS = ("busy", "alwaysbusy")
MAX_RSS_MIB = 300
MOJIBAKE = ("Ã", "â€", "Â", "\ufffd", "\x00")

FAST = {
    "DOWNLOAD_TIMEOUT": "1", "RETRY_TIMES": "2", "RETRY_BACKOFF_BASE": "0.1", "RETRY_BACKOFF_MAX": "1",
    "DOWNLOAD_MAXSIZE": str(2 * 1024 * 1024), "DOWNLOAD_WARNSIZE": str(1024 * 1024), "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False", "CONCURRENT_REQUESTS_PER_DOMAIN": "16", "LOG_LEVEL": "INFO",
}


def middlewares_with_ssrf() -> str:
    """The project's downloader middlewares plus the SSRF guard (whether or not settings.py has it yet)."""
    mws = dict(project_settings.DOWNLOADER_MIDDLEWARES)
    mws.setdefault(SSRF_MW, 60)
    return json.dumps(mws)


@dataclass
class Run:
    returncode: int
    maxrss_mib: float
    seconds: float
    records: list[dict]
    summary: dict
    log: str


def run_crawl(urls: list[str], out: Path, *, proxy: str | None, settings: dict | None = None,
              timeout: float = 150) -> Run:
    """``scrapy crawl article`` on ``urls`` writing ``out``; its peak RSS measured with ``os.wait4``."""
    urls_file = out.with_suffix(".urls.txt")
    urls_file.write_text("\n".join(urls) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "scrapy", "crawl", "article", "-a", f"urls_file={urls_file}",
               "-s", f"JSONL_OUTPUT={out}", "-s", f"DOWNLOADER_MIDDLEWARES={middlewares_with_ssrf()}"]
    for name, value in {**FAST, **(settings or {})}.items():
        command += ["-s", f"{name}={value}"]
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "https_proxy", "no_proxy",
                                                                     "all_proxy")}
    if proxy:
        env.update(http_proxy=proxy, https_proxy=proxy, no_proxy="127.0.0.1,127.0.0.2")
    log_path = out.with_suffix(".log")
    started = time.monotonic()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                pytest.fail(f"crawl did not finish within {timeout} s:\n" + log_path.read_text()[-3000:])
            time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
    summary_file = Path(f"{out}.summary.json")
    summary = json.loads(summary_file.read_text(encoding="utf-8")) if summary_file.exists() else {}
    return Run(proc.returncode, usage.ru_maxrss / 1024, time.monotonic() - started, records, summary,
               log_path.read_text(encoding="utf-8", errors="replace"))


@pytest.fixture(scope="module")
def fault_crawl(tmp_path_factory):
    main, slow = FaultServer().start(), FaultServer(host="127.0.0.2").start()
    try:
        urls = main.healthy_urls(3) + [(slow if n in SLOW_HOST_FAULTS else main).url_for(n) for n in FAULTS]
        run = run_crawl(urls, tmp_path_factory.mktemp("faults") / "out.jsonl", proxy=main.url)
        yield run, main, slow
    finally:
        main.stop()
        slow.stop()


def _slug(record: dict) -> str:
    return record["title"].rsplit("(", 1)[-1].rstrip(")")


def test_crawl_finishes_in_bounded_time_and_memory(fault_crawl):
    run, _, _ = fault_crawl
    assert run.returncode == 0, run.log[-3000:]
    assert "Traceback" not in run.log, run.log[-5000:]
    assert run.summary.get("finish_reason") == "finished"
    assert run.maxrss_mib < MAX_RSS_MIB, f"peak RSS {run.maxrss_mib:.0f} MiB (huge page / gzip bomb not bounded?)"
    assert run.seconds < 90


def test_every_recoverable_article_is_captured(fault_crawl):
    run, main, slow = fault_crawl
    got = {_slug(r) for r in run.records}
    expected = {"ok-1", "ok-2", "ok-3"} | {name for name, (_, recoverable) in FAULTS.items() if recoverable}
    assert expected <= got, f"lost: {sorted(expected - got)}"
    # retried only as often as needed: 2 failures + the success
    for name in ("flaky500", "flaky502", "flaky503"):
        assert main.hits[f"/{name}/"] == 3
    assert slow.hits["/busy/"] == 2
    assert len({r["url"] for r in run.records}) == len(run.records), "duplicate records"


def test_unrecoverable_pages_write_nothing(fault_crawl):
    run, _, _ = fault_crawl
    got = {_slug(r) for r in run.records}
    never = {name for name, (_, recoverable) in FAULTS.items() if recoverable is False}
    assert not (got & never), f"records written for unrecoverable faults: {sorted(got & never)}"


def test_no_garbage_text_in_records(fault_crawl):
    run, _, _ = fault_crawl
    for record in run.records:
        for key in ("title", "body", "author", "description"):
            value = record.get(key) or ""
            assert not any(m in value for m in MOJIBAKE), (record["url"], key, value[:300])
        assert record["title"].startswith("Perbaikan Jembatan Gantung Dimulai")
        assert "SECRET-INTERNAL-METADATA" not in record["body"]
        assert len(record["body"]) > 500 and "filler" not in record["body"]
    [wrong] = [r for r in run.records if _slug(r) == "wrong-charset"]
    assert "\u201cnyawa desa\u201d \u2013 tanpa jembatan" in wrong["body"]
    assert "Caf\u00e9 Sumber" in wrong["body"]


def test_redirects_to_internal_addresses_are_refused_before_connecting(fault_crawl):
    run, main, _ = fault_crawl
    internal = [u for u in main.proxied if "169.254.169.254" in u or "10.0.0.1" in u or "localhost" in u]
    assert internal == [], f"the crawler connected to internal addresses: {internal}"
    assert not any(host.startswith("localhost") for _, host in main.log), "followed a redirect to localhost"
    assert "root:x:0:0" not in run.log
    assert "root:x:0:0" not in json.dumps(run.records)
    assert main.hits.get("/ok/localhost/") is None


#: fault -> what in the run summary's ``errors`` shows it (a predicate on the summary).
def _http(status):
    return lambda s: s["errors"]["http"].get(status, 0) >= 1


def _exception(*names):
    return lambda s: any(any(n.lower() in k.lower() for n in names) for k in s["errors"]["exceptions"])


def _mentions(*words):
    """Anything in the summary (errors, dropped, counts) naming the fault's kind."""
    def check(s):
        text = json.dumps({k: s.get(k) for k in ("errors", "dropped")}).lower()
        return any(w.lower() in text for w in words)
    return check


SUMMARY_EVIDENCE = {
    "broken500": _http("500"),
    "forbidden": _http("403"),
    "alwaysbusy": _http("429"),
    "reset": _exception("DownloadFailed", "ConnectionLost", "ConnectionDone", "ResponseFailed"),
    "timeout": _exception("Timeout"),
    "slowloris": _exception("Timeout"),
    "truncated": _exception("DataLoss"),
    "huge": _exception("Cancelled", "MaxSize", "size"),
    "huge-chunked": _exception("Cancelled", "MaxSize", "size"),
    "gzip-corrupt": _mentions("decompress", "gzip", "zlib", "encoding"),
    "br-corrupt": _mentions("decompress", "brotli", "encoding"),
    "bomb": _mentions("decompress", "maxsize", "max_size", "bomb", "too_large", "size"),
    "loop": _mentions("redirect"),
    "to-metadata": _mentions("refused", "ssrf", "security"),
    "to-private": _mentions("refused", "ssrf", "security"),
    "to-localhost": _mentions("refused", "ssrf", "security"),
    "to-file": _mentions("refused", "scheme", "redirect"),
}


def test_summary_evidence_covers_every_unrecoverable_fault():
    assert set(SUMMARY_EVIDENCE) == {n for n, (_, r) in FAULTS.items() if r is False} - {"empty"}


@pytest.mark.parametrize("fault", list(SUMMARY_EVIDENCE))
def test_unrecoverable_url_is_reported_in_summary(fault_crawl, fault):
    run, _, _ = fault_crawl
    assert SUMMARY_EVIDENCE[fault](run.summary), json.dumps(run.summary["errors"], indent=1)


def test_empty_page_is_counted_as_not_article(fault_crawl):
    run, _, _ = fault_crawl
    assert run.summary["counts"]["not_articles"] >= 1


def test_download_failures_are_reported_by_host(fault_crawl):
    run, _, _ = fault_crawl
    host_kinds = run.summary["errors"]["by_host"].get("127.0.0.1", {})
    assert any("timeout" in k.lower() for k in host_kinds), host_kinds
    assert any("dataloss" in k.lower().replace("_", "") for k in host_kinds), host_kinds


def test_429_host_reported(fault_crawl):
    run, _, _ = fault_crawl
    assert run.summary["errors"]["by_host"].get("127.0.0.2", {}).get("429", 0) >= 1


def test_huge_page_streamed_fully_is_cut_by_maxsize(tmp_path):
    """Without any size limit from the test: the default DOWNLOAD_MAXSIZE (16 MiB) cuts the 50 MB pages."""
    with FaultServer() as srv:
        run = run_crawl([srv.url_for("huge-chunked"), srv.url_for("bomb"), *srv.healthy_urls(1)],
                        tmp_path / "out.jsonl", proxy=None,
                        settings={"DOWNLOAD_MAXSIZE": str(project_settings.DOWNLOAD_MAXSIZE),
                                  "DOWNLOAD_WARNSIZE": str(project_settings.DOWNLOAD_WARNSIZE)})
    assert run.returncode == 0, run.log[-3000:]
    assert [_slug(r) for r in run.records] == ["ok-1"]
    assert run.maxrss_mib < MAX_RSS_MIB, f"peak RSS {run.maxrss_mib:.0f} MiB"
