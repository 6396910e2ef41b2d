"""Per-site politeness from the profile's [crawl] table (crawler/extensions/politeness.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from crawler.extensions.politeness import CrawlWindow, politeness_settings
from crawler.extraction.profiles import SiteProfile
from crawler.fakesite import FakeSite
from test_monitors import NewsSite, crawl, summary_of

WIB = ZoneInfo("Asia/Jakarta")


def test_window_wraps_midnight_in_the_site_zone():
    w = CrawlWindow.parse("22:00-05:00", "Asia/Jakarta")
    at = lambda h, m=0: datetime(2026, 1, 1, h, m, tzinfo=WIB)  # noqa: E731
    assert w.contains(at(22)) and w.contains(at(3)) and not w.contains(at(5)) and not w.contains(at(12))
    assert w.contains(datetime(2026, 1, 1, 16, 0, tzinfo=timezone.utc))  # 23:00 WIB
    assert CrawlWindow.parse("08:00-17:30").contains(at(17, 29))
    with pytest.raises(ValueError):
        CrawlWindow.parse("22-05")


def test_profile_keys_become_settings_and_bad_values_are_refused():
    p = SiteProfile("x", ("x.co.id",), crawl={"download_delay": 2, "concurrency": 1, "autothrottle_target": 0.5})
    assert politeness_settings(p) == {"DOWNLOAD_DELAY": 2.0, "AUTOTHROTTLE_START_DELAY": 2.0,
                                      "CONCURRENT_REQUESTS_PER_DOMAIN": 1, "AUTOTHROTTLE_TARGET_CONCURRENCY": 0.5}
    for bad in ({"concurrency": 0}, {"download_delay": "2s"}, {"concurrency": 1.5}):
        with pytest.raises(ValueError):
            politeness_settings(SiteProfile("x", ("x.co.id",), crawl=bad))


def _profile(tmp_path, crawl_table: str):
    (tmp_path / "local.toml").write_text(
        f'[site]\nname = "Lokal"\ndomains = ["127.0.0.1"]\ntimezone = "Asia/Jakarta"\n[crawl]\n{crawl_table}\n')
    return tmp_path


def _closed_window_now() -> str:
    now = datetime.now(WIB)
    start, end = now + timedelta(hours=2), now + timedelta(hours=3)
    return f'hours = "{start:%H:00}-{end:%H:00}"'


def test_outside_the_window_exits_0_and_fetches_nothing(tmp_path):
    profiles = _profile(tmp_path, _closed_window_now())
    with FakeSite(style="wp", n_articles=5) as site:
        run = crawl(site.url + "/", tmp_path / "out.jsonl", profiles)
        assert run.returncode == 0, run.stderr[-3000:]
        assert "outside the crawl window" in run.stderr and "nothing to do" in run.stderr
        assert site.requests == []
        forced = crawl(site.url + "/", tmp_path / "forced.jsonl", profiles, env={"CRAWLER_FORCE_WINDOW": "1"})
        assert forced.returncode == 0, forced.stderr[-3000:]
        assert "crawling anyway (forced)" in forced.stderr
        assert summary_of(tmp_path / "forced.jsonl")["counts"]["articles_written"] == 5
    assert summary_of(tmp_path / "out.jsonl")["finish_reason"] == "outside_crawl_window"


def test_download_delay_from_the_profile_spaces_requests(tmp_path):
    profiles = _profile(tmp_path, "download_delay = 0.8\nconcurrency = 1\nautothrottle_target = 1.0")
    with NewsSite(n=5) as site:
        run = crawl(site.url + "/", tmp_path / "out.jsonl", profiles)
        times = [t for t, path in site.log if path.startswith("/read/")]
    assert run.returncode == 0, run.stderr[-3000:]
    assert "politeness: DOWNLOAD_DELAY=0.8" in run.stderr
    assert "'politeness/download_delay': 0.8" in run.stderr  # the stats dump
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(gaps) == 4
    # Scrapy randomises each delay to 0.5-1.5 x DOWNLOAD_DELAY; the default (0.25 s) would be far below this
    assert min(gaps) >= 0.35 and sum(gaps) / len(gaps) >= 0.6, gaps
