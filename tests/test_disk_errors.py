"""Unwritable output and a full disk (issue 7, data safety): the crawl stops with a clear error and a
non-zero exit, marks nothing it did not write as seen, and a later run with space writes the rest.

Tests run as root, where permission bits do not stop writes, so the faults are made without them:

* unwritable directory -- a regular file where a directory of the output path is expected;
* disk full, output only -- the JSONL file is a symlink to ``/dev/full`` (every write: ENOSPC);
* disk full, whole process -- ``RLIMIT_FSIZE`` in the crawl's process with ``SIGXFSZ`` ignored, so
  every write past the limit (the JSONL file's and the SQLite seen-store's) fails with EFBIG.

Crawls are subprocesses against a local ``FakeSite``: ``scrapy crawl site`` with the fast settings of
the other crawl tests, and the CLI ``python -m crawler crawl`` (whose exit status cron sees) with the
same settings through a settings module that extends ``crawler.settings``.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_incremental import FAST

from crawler.fakesite import FakeSite

N_ARTICLES = 40
FAST_SETTINGS = """from crawler.settings import *  # noqa
AUTOTHROTTLE_ENABLED = False
DOWNLOAD_DELAY = 0
CONCURRENT_REQUESTS_PER_DOMAIN = 8
"""


@pytest.fixture(scope="module")
def site():
    with FakeSite(style="wp", n_articles=N_ARTICLES) as s:
        yield s


@pytest.fixture(scope="module")
def expected(site):
    return {a["url"] for a in site.expected_articles()}


def limit_file_size(limit: int):
    """``preexec_fn``: writes past ``limit`` bytes fail with EFBIG instead of killing the process."""
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def scrapy_crawl(site, output, *extra, preexec_fn=None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"url={site.url}", "-s", f"JSONL_OUTPUT={output}",
           *FAST, "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", *extra]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False, timeout=120, preexec_fn=preexec_fn)


def cli_crawl(site, output, tmp_path, *extra, preexec_fn=None) -> subprocess.CompletedProcess:
    settings_dir = tmp_path / "settings_module"
    settings_dir.mkdir(exist_ok=True)
    (settings_dir / "fast_test_settings.py").write_text(FAST_SETTINGS, encoding="utf-8")
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "fast_test_settings",
           "PYTHONPATH": os.pathsep.join([str(settings_dir), str(ROOT), os.environ.get("PYTHONPATH", "")])}
    cmd = [sys.executable, "-m", "crawler", "crawl", site.url, "-o", str(output), *extra]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False, timeout=120, env=env,
                          preexec_fn=preexec_fn)


def seen_urls(store: Path) -> set[str]:
    if not store.exists():
        return set()
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        return {row[0] for row in db.execute("SELECT url FROM seen")}
    except sqlite3.OperationalError:  # no table: never marked anything
        return set()
    finally:
        db.close()


def output_urls(*files: Path) -> list[str]:
    urls = []
    for f in files:
        if f.is_file():
            data = f.read_bytes()
            assert not data or data.endswith(b"\n"), f"{f}: incomplete last line"
            urls += [json.loads(line)["url"] for line in data.splitlines()]
    return urls


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "] ERROR:" in line]


# -- unwritable output directory -------------------------------------------------------------------
def test_output_under_a_regular_file_fails_at_start_and_fetches_nothing(site, tmp_path):
    (tmp_path / "afile").write_text("not a directory")
    site.clear_requests()
    proc = scrapy_crawl(site, tmp_path / "afile" / "sub" / "out.jsonl")
    assert proc.returncode != 0
    assert "Not a directory" in proc.stderr and str(tmp_path / "afile" / "sub") in proc.stderr
    assert site.fetched_article_ids() == set()


def test_unwritable_output_dir_with_a_writable_state_dir_marks_nothing(site, tmp_path):
    (tmp_path / "afile").write_text("not a directory")
    site.clear_requests()
    proc = scrapy_crawl(site, tmp_path / "afile" / "sub" / "out.jsonl", "-s", f"STATE_DIR={tmp_path / 'state'}")
    assert proc.returncode != 0
    assert "Not a directory" in proc.stderr
    assert seen_urls(tmp_path / "state" / "seen.sqlite3") == set()
    assert site.fetched_article_ids() == set()


def test_cli_unwritable_output_exits_1_with_a_one_line_error(site, tmp_path):
    (tmp_path / "afile").write_text("not a directory")
    proc = cli_crawl(site, tmp_path / "afile" / "sub" / "out.jsonl", tmp_path)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert any(str(tmp_path / "afile") in line and "Not a directory" in line for line in proc.stderr.splitlines())


def test_unwritable_site_directory_writes_and_marks_nothing(site, tmp_path):
    """Template output: the journal and the store are fine, but ``data/127.0.0.1`` is a regular file."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "127.0.0.1").write_text("not a directory")
    proc = scrapy_crawl(site, f"{data}/")
    assert error_lines(proc.stderr), proc.stderr[-2000:]
    assert str(data / "127.0.0.1") in proc.stderr
    assert seen_urls(data / ".state" / "seen.sqlite3") == set()
    assert list(data.rglob("*.jsonl")) == []


def test_unwritable_site_directory_stops_the_crawl(site, tmp_path):
    # plain `scrapy crawl` keeps Scrapy's exit status; the crawl stops, with finish reason output_error
    # (`python -m crawler crawl` turns that into a non-zero exit: test_cli_enospc_reports_the_write_error)
    data = tmp_path / "data"
    data.mkdir()
    (data / "127.0.0.1").write_text("not a directory")
    site.clear_requests()
    proc = scrapy_crawl(site, f"{data}/")
    assert "'finish_reason': 'output_error'" in proc.stderr
    assert len(error_lines(proc.stderr)) <= 3, f"{len(error_lines(proc.stderr))} ERROR lines: the crawl went on"
    assert len(site.fetched_article_ids()) < N_ARTICLES


# -- disk full: the output file ----------------------------------------------------------------------
def test_enospc_on_the_output_marks_nothing_and_a_later_run_writes_everything(site, expected, tmp_path):
    out = tmp_path / "out.jsonl"
    out.symlink_to("/dev/full")
    proc = scrapy_crawl(site, out)
    assert "No space left on device" in proc.stderr
    assert seen_urls(tmp_path / "out.jsonl.state" / "seen.sqlite3") == set()

    out.unlink()  # space again
    proc = scrapy_crawl(site, out)
    assert proc.returncode == 0, proc.stderr[-2000:]
    urls = output_urls(out)
    assert len(urls) == len(set(urls)) and set(urls) == expected
    assert seen_urls(tmp_path / "out.jsonl.state" / "seen.sqlite3") == expected


def test_enospc_on_the_output_stops_the_crawl_with_a_clear_error(site, tmp_path):
    out = tmp_path / "out.jsonl"
    out.symlink_to("/dev/full")
    proc = scrapy_crawl(site, out)
    assert "'finish_reason': 'output_error'" in proc.stderr
    errors = error_lines(proc.stderr)
    assert 1 <= len(errors) <= 3, f"{len(errors)} ERROR lines: the crawl went on after ENOSPC"
    assert "Invalid argument" not in proc.stderr  # the rollback's own failure must not hide ENOSPC


def test_cli_enospc_reports_the_write_error(site, tmp_path):
    out = tmp_path / "out.jsonl"
    out.symlink_to("/dev/full")
    proc = cli_crawl(site, out, tmp_path)
    assert proc.returncode != 0
    tail = proc.stderr[proc.stderr.find("Run summary"):]
    assert "No space left on device" in tail, tail
    assert "no article found at all" not in tail


# -- disk full: the whole process (RLIMIT_FSIZE: output and seen-store) --------------------------------
FSIZE_LIMIT = 48 * 1024  # the store's WAL and the output both pass it part-way through the crawl


def test_disk_full_never_marks_an_unwritten_article(site, tmp_path):
    out = tmp_path / "out.jsonl"
    scrapy_crawl(site, out, preexec_fn=limit_file_size(FSIZE_LIMIT))
    written = output_urls(out)
    assert 0 < len(written) < N_ARTICLES  # the limit was hit mid-crawl
    assert seen_urls(tmp_path / "out.jsonl.state" / "seen.sqlite3") <= set(written)


def test_disk_full_then_a_run_with_space_writes_each_article_once(site, expected, tmp_path):
    out = tmp_path / "out.jsonl"
    scrapy_crawl(site, out, preexec_fn=limit_file_size(FSIZE_LIMIT))
    proc = scrapy_crawl(site, out)
    assert proc.returncode == 0, proc.stderr[-2000:]
    urls = output_urls(out)
    assert len(urls) == len(set(urls)), f"{len(urls) - len(set(urls))} duplicate URLs after the run with space"
    assert set(urls) == expected


def test_cli_disk_full_exits_non_zero_with_a_clear_error(site, tmp_path):
    out = tmp_path / "out.jsonl"
    proc = cli_crawl(site, out, tmp_path, preexec_fn=limit_file_size(FSIZE_LIMIT))
    assert proc.returncode != 0
    tail = proc.stderr[proc.stderr.find("Run summary"):]
    assert "File too large" in tail or "disk" in tail.lower(), tail
