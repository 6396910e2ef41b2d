"""The JSONL writer and its output paths, on real files in a temporary directory (no crawl)."""

from __future__ import annotations

import errno
import json
from datetime import datetime, timedelta, timezone

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from crawler.extraction.record import FIELDS
from crawler.state import CrawlState, SqliteSeenStore
from pipelines.jsonl import JsonlWriterPipeline, _append, last_line, repair_partial_line
from pipelines.output import OutputTarget, safe_component

BODY = "SITUBONDO - Nelayan Pantai Pathek kembali melaut setelah gelombang tinggi mereda. " * 4


def rec(n: int, **changes) -> dict:
    r = {name: None for name in FIELDS}
    r.update(url=f"https://suara.example.co.id/2024/10/{n:02d}/berita-{n}/", title=f"Berita ke-{n} dari Situbondo",
             authors=[], tags=[], published=f"2024-10-{n:02d}T09:00:00+07:00", body=BODY + str(n),
             site="suara.example.co.id")
    r.update(changes)
    return r


def writer(settings: dict):
    crawler = get_crawler(settings_dict=settings)
    pipe = JsonlWriterPipeline.from_crawler(crawler)
    pipe.open_spider()
    return pipe, crawler


def lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# -- file repair ------------------------------------------------------------------------------
def test_truncated_last_line_is_cut_and_kept(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_bytes(b'{"url": "a"}\n{"url": "b"}\n{"url": "c", "bo')
    assert repair_partial_line(path) == b'{"url": "c", "bo'
    assert path.read_bytes() == b'{"url": "a"}\n{"url": "b"}\n'
    assert (tmp_path / "out.jsonl.partial").read_bytes() == b'{"url": "c", "bo\n'
    assert repair_partial_line(path) is None  # idempotent
    assert last_line(path) == b'{"url": "b"}'


def test_last_line_edge_cases(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes(b"")
    assert last_line(path) is None
    path.write_bytes(b"partial only")
    assert last_line(path) is None
    path.write_bytes(b'{"a": 1}\n' + b"x" * 200_000)  # partial line longer than one read chunk
    assert last_line(path) == b'{"a": 1}'
    path.write_bytes(b'{"a": 1}\n')
    assert last_line(path) == b'{"a": 1}'


def test_failed_write_is_rolled_back(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_bytes(b'{"url": "a"}\n')

    class DiskFullHalfway:
        def __init__(self, f):
            self.f, self.calls = f, 0

        def fileno(self):
            return self.f.fileno()

        def write(self, data):
            self.calls += 1
            if self.calls == 1:
                return self.f.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

    with open(path, "ab", buffering=0) as f, pytest.raises(OSError):
        _append(DiskFullHalfway(f), b'{"url": "b", "title": "long enough to be split"}\n')
    assert path.read_bytes() == b'{"url": "a"}\n'


# -- the pipeline -----------------------------------------------------------------------------
def test_no_output_setting_means_no_pipeline():
    with pytest.raises(NotConfigured):
        JsonlWriterPipeline.from_crawler(get_crawler(settings_dict={}))


def test_lines_are_ordered_utf8_and_appended_across_runs(tmp_path):
    out = tmp_path / "out.jsonl"
    pipe, crawler = writer({"JSONL_OUTPUT": str(out)})
    item = dict(reversed(list(rec(1, title="Kopi Arabika Ijen Dilirik Pembeli dari Café Eropa").items())))
    item["update"] = True
    assert pipe.process_item(item) is item  # passed on, so feed exports also receive it
    pipe.close_spider()
    raw = out.read_text(encoding="utf-8")
    assert "Café" in raw and "\\u" not in raw
    first = lines(out)[0]
    assert list(first) == [*FIELDS, "update"]
    assert not (tmp_path / ".out.jsonl.journal").exists()  # clean close

    pipe, crawler = writer({"JSONL_OUTPUT": str(out)})
    pipe.process_item(rec(2))
    pipe.close_spider()
    assert [r["url"] for r in lines(out)] == [rec(1)["url"], rec(2)["url"]]
    assert crawler.stats.get_value("jsonl/written") == 1


def test_truncated_file_is_repaired_before_appending(tmp_path, caplog):
    out = tmp_path / "out.jsonl"
    out.write_bytes((json.dumps(rec(1)) + "\n" + json.dumps(rec(2))[:57]).encode())
    pipe, crawler = writer({"JSONL_OUTPUT": str(out)})
    pipe.process_item(rec(3))
    pipe.close_spider()
    assert [r["url"] for r in lines(out)] == [rec(1)["url"], rec(3)["url"]]
    assert crawler.stats.get_value("jsonl/repaired") == 1
    assert (tmp_path / "out.jsonl.partial").read_text().startswith('{"url"')
    assert "incomplete line" in caplog.text


def test_killed_run_is_reconciled_from_the_journal(tmp_path):
    """What a crawl killed right after writing record 2 (before marking it) and while writing record 3 leaves."""
    out = tmp_path / "out.jsonl"
    target = OutputTarget.parse(str(out))
    out.write_bytes("".join(json.dumps(r) + "\n" for r in (rec(1), rec(2))).encode() + json.dumps(rec(3))[:40].encode())
    target.journal_path.write_text(f"{out}\n")
    store = SqliteSeenStore(target.state_dir / "seen.sqlite3")
    CrawlState(store, True).mark(rec(1))
    store.close()

    pipe, crawler = writer({"JSONL_OUTPUT": str(out)})
    state = CrawlState.for_crawler(crawler)
    assert crawler.stats.get_value("jsonl/repaired") == 1
    assert crawler.stats.get_value("jsonl/reconciled") == 1
    assert state.seen(rec(2)["url"]) is not None
    assert state.seen(rec(3)["url"]) is None  # never fully written: will be fetched again
    pipe.close_spider()
    state.close()
    assert [r["url"] for r in lines(out)] == [rec(1)["url"], rec(2)["url"]]
    assert not target.journal_path.exists()


def test_second_writer_on_the_same_output_is_refused(tmp_path):
    settings = {"JSONL_OUTPUT": str(tmp_path / "data") + "/"}
    first, _ = writer(settings)
    with pytest.raises(RuntimeError, match="another crawl"):
        writer(settings)
    first.close_spider()


def test_template_writes_by_published_date_under_the_root(tmp_path):
    pipe, _ = writer({"JSONL_OUTPUT": f"{tmp_path}/data/"})
    pipe.process_item(rec(1))
    pipe.process_item(rec(2))
    pipe.process_item(rec(3, site="../../../etc", url="https://evil.example/x/"))
    pipe.close_spider()
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.jsonl"))
    assert files == ["data/etc/2024-10-03.jsonl", "data/suara.example.co.id/2024-10-01.jsonl",
                     "data/suara.example.co.id/2024-10-02.jsonl"]


# -- output paths -----------------------------------------------------------------------------
@pytest.mark.parametrize("value, expected", [
    ("../../etc", "etc"), ("/etc/passwd", "etc_passwd"), ("..", "_"), ("", "_"), (".hidden", "hidden"),
    ("kabar madura/rahasia", "kabar_madura_rahasia"), ("127.0.0.1:8080", "127.0.0.1_8080"),
])
def test_path_components_are_sanitised(value, expected):
    assert safe_component(value) == expected


def test_output_target_forms(tmp_path):
    run = datetime(2024, 11, 2, 23, 30, tzinfo=timezone(timedelta(hours=7)))
    one = OutputTarget.parse("out/articles.jsonl")
    assert one.path_for(rec(5), run, "site").as_posix() == "out/articles.jsonl"
    assert one.state_dir.as_posix() == "out/articles.jsonl.state"
    assert one.summary_path.as_posix() == "out/articles.jsonl.summary.json"

    tpl = OutputTarget.parse("data/{spider}/{site}-{date:%Y%m%d}.jsonl", by="run")
    assert tpl.root.as_posix() == "data" and tpl.state_dir.as_posix() == "data/.state"
    assert tpl.path_for(rec(5), run, "site").as_posix() == "data/site/suara.example.co.id-20241102.jsonl"
    published = OutputTarget.parse(str(tmp_path))  # an existing directory: the default layout under it
    assert published.path_for(rec(5, published="2024-10-05T23:59:00+07:00"), run, "x") == \
        tmp_path / "suara.example.co.id" / "2024-10-05.jsonl"  # the article's own date, not UTC's

    with pytest.raises(ValueError, match="fields may only be"):
        OutputTarget.parse("data/{host}.jsonl")
    with pytest.raises(ValueError, match="JSONL_PATH_BY"):
        OutputTarget.parse("data/", by="modified")
