"""Tests for crawler.extraction.dates: the real-world table, machine formats, find_date, flags and zones."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.extraction.dates import (  # noqa: E402
    JAKARTA,
    MONTHS,
    ParsedDate,
    find_date,
    parse_date,
    parse_machine_date,
    to_zone,
    zone_for,
)
from tests.date_cases import ALL_CASES, CASES, FALLBACK_CASES, NOTES_STRINGS, NOW  # noqa: E402


def iso(pd: ParsedDate | None) -> str | None:
    return None if pd is None else pd.isoformat()


# --------------------------------------------------------------------------
# parse_date: the shared table
# --------------------------------------------------------------------------


def test_table_is_large_enough():
    assert len(ALL_CASES) >= 70


@pytest.mark.parametrize(("text", "expected"), ALL_CASES, ids=[repr(t) for t, _ in ALL_CASES])
def test_parse_date_table(text, expected):
    assert iso(parse_date(text, now=NOW)) == expected


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[repr(t) for t, _ in CASES])
def test_fast_path_alone_handles_the_table(text, expected):
    assert iso(parse_date(text, now=NOW, fallback=False)) == expected


@pytest.mark.parametrize(("text", "expected"), NOTES_STRINGS, ids=[repr(t) for t, _ in NOTES_STRINGS])
def test_fast_path_alone_handles_every_notes_format(text, expected):
    assert iso(parse_date(text, now=NOW, fallback=False)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [c for c in FALLBACK_CASES if c[1] is not None],
    ids=[repr(t) for t, e in FALLBACK_CASES if e is not None],
)
def test_fallback_cases_need_dateparser(text, expected):
    assert parse_date(text, now=NOW, fallback=False) is None
    assert iso(parse_date(text, now=NOW)) == expected


# --------------------------------------------------------------------------
# parse_date: flags, zones, defaults, robustness
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "has_time", "explicit_zone", "approximate"),
    [
        ("Kamis, 19 Jun 2025 16:50 WIB", True, True, False),
        ("20/1/2026 18:30", True, False, False),
        ("18 Oktober 2024", False, False, False),
        ("18 Oktober 2024 WIB", False, False, False),  # a zone without a time says nothing
        ("3 jam yang lalu", True, False, True),
        ("2 hari yang lalu", False, False, True),
        ("Kemarin, 10:15 WIB", True, True, True),
        ("2024 Okt 18 10:00", True, False, False),  # fallback
    ],
)
def test_flags(text, has_time, explicit_zone, approximate):
    pd = parse_date(text, now=NOW)
    assert pd is not None
    assert (pd.has_time, pd.explicit_zone, pd.approximate) == (has_time, explicit_zone, approximate)
    assert pd.value.tzinfo is not None
    if not has_time:
        assert pd.value.timetz().replace(tzinfo=None).isoformat() == "00:00:00"


def test_isoformat_has_seconds_and_no_microseconds():
    pd = ParsedDate(datetime(2024, 10, 18, 8, 32, 0, 123456, tzinfo=JAKARTA), True, False)
    assert pd.isoformat() == "2024-10-18T08:32:00+07:00"


def test_site_zone_applies_without_an_explicit_zone():
    assert iso(parse_date("18 Oktober 2024 10:15", tz="Asia/Makassar", now=NOW)) == "2024-10-18T10:15:00+08:00"
    assert iso(parse_date("18 Oktober 2024", tz="Asia/Jayapura", now=NOW)) == "2024-10-18T00:00:00+09:00"
    # an explicit zone beats the site zone
    assert iso(parse_date("18 Oktober 2024 10:15 WIB", tz="Asia/Makassar", now=NOW)) == "2024-10-18T10:15:00+07:00"


def test_relative_date_with_naive_now_is_read_in_the_site_zone():
    assert iso(parse_date("3 jam yang lalu", now=datetime(2026, 6, 30, 12, 0))) == "2026-06-30T09:00:00+07:00"


def test_relative_date_with_utc_now():
    now = datetime(2026, 6, 30, 5, 0, tzinfo=timezone.utc)  # 12:00 WIB
    assert iso(parse_date("5 menit lalu", now=now)) == "2026-06-30T11:55:00+07:00"


def test_default_now_rejects_far_future_and_accepts_past():
    assert parse_date("1 Januari 2099") is None
    assert iso(parse_date("18 Oktober 2024")) == "2024-10-18T00:00:00+07:00"
    pd = parse_date("baru saja")
    assert pd is not None and abs(pd.value - datetime.now(timezone.utc)) < timedelta(minutes=1)


@pytest.mark.parametrize("bad", [None, 123, b"18 Oktober 2024", [], "   ", "\x00" * 10])
def test_parse_date_never_raises(bad):
    assert parse_date(bad, now=NOW) is None  # type: ignore[arg-type]


def test_bad_zone_gives_none_not_an_exception():
    assert parse_date("18 Oktober 2024", tz="Not/AZone", now=NOW) is None


# --------------------------------------------------------------------------
# parse_machine_date
# --------------------------------------------------------------------------

MACHINE_CASES: list[tuple[str, str | None, bool | None]] = [
    # (value, expected isoformat, explicit_zone)
    ("2024-10-18T01:32:00+00:00", "2024-10-18T01:32:00+00:00", True),  # UTC kept, not converted
    ("2024-10-18T08:32:00+0700", "2024-10-18T08:32:00+07:00", True),
    ("2024-10-18T08:32:00+07:00", "2024-10-18T08:32:00+07:00", True),
    ("2024-10-18T08:32", "2024-10-18T08:32:00+07:00", False),
    ("2024-10-18", "2024-10-18T00:00:00+07:00", False),
    ("2024-10-18T01:32:00Z", "2024-10-18T01:32:00+00:00", True),
    ("2024-10-18T01:32:00.000Z", "2024-10-18T01:32:00+00:00", True),
    ("2024-10-18T01:32:00.123456+00:00", "2024-10-18T01:32:00+00:00", True),
    ("2024-10-18T08:32:00 WIB", "2024-10-18T08:32:00+07:00", True),
    ("  2024-10-18T08:32:00+07:00\n", "2024-10-18T08:32:00+07:00", True),
    ("2026-03-26 12:14:10", "2026-03-26T12:14:10+07:00", False),  # Kompas content_PublishedDate
    ("2026/06/05 20:30:23", "2026-06-05T20:30:23+07:00", False),  # detik dtk:publishdate
    ("2026-05-13WIB18:45:00+07:00", "2026-05-13T18:45:00+07:00", True),  # malformed template
    ("2026-05-13WIB18:45:00", "2026-05-13T18:45:00+07:00", True),
    ("1729215120", "2024-10-18T01:32:00+00:00", True),  # unix seconds
    ("1729215120000", "2024-10-18T01:32:00+00:00", True),  # unix milliseconds
    ("Fri, 18 Oct 2024 01:32:00 +0000", "2024-10-18T01:32:00+00:00", True),
    ("Fri, 18 Oct 2024 01:32:00 GMT", "2024-10-18T01:32:00+00:00", True),
    ("Fri, 18 Oct 2024 08:32:00 +0700", "2024-10-18T08:32:00+07:00", True),
    ("Jum, 18 Okt 2024 08:32:00 +0700", "2024-10-18T08:32:00+07:00", True),
    ("18 Oct 2024 08:32 WIB", "2024-10-18T08:32:00+07:00", True),
    ("18 Oktober 2024 08:32", "2024-10-18T08:32:00+07:00", False),  # human text in a machine slot
    ("", None, None),
    ("garbage", None, None),
    ("0000-00-00 00:00:00", None, None),
    ("1970-01-01T00:00:00Z", None, None),  # epoch placeholder
    ("2024-13-45", None, None),
    ("12345", None, None),
    ("Fri, 18 Foo 2024 01:32:00 GMT", None, None),
]


def test_machine_table_is_large_enough():
    assert len(MACHINE_CASES) >= 15


@pytest.mark.parametrize(("value", "expected", "explicit"), MACHINE_CASES, ids=[repr(c[0]) for c in MACHINE_CASES])
def test_parse_machine_date(value, expected, explicit):
    pd = parse_machine_date(value)
    assert iso(pd) == expected
    if pd is not None:
        assert pd.explicit_zone is explicit
        assert not pd.approximate


def test_machine_date_site_zone_and_date_only_flag():
    assert iso(parse_machine_date("2026-03-26 12:14:10", tz="Asia/Makassar")) == "2026-03-26T12:14:10+08:00"
    pd = parse_machine_date("2024-10-18")
    assert pd is not None and pd.has_time is False


@pytest.mark.parametrize("bad", [None, 1729215120, object()])
def test_parse_machine_date_never_raises(bad):
    result = parse_machine_date(bad)  # type: ignore[arg-type]
    assert result is None or isinstance(result, ParsedDate)


# --------------------------------------------------------------------------
# find_date
# --------------------------------------------------------------------------

FIND_CASES: list[tuple[str, str | None]] = [
    ("Achmad Sarjono - KOTAPROBOLINGGO.MATAPUBLIK.CO.ID Oct 18, 2024 - 08:32", "2024-10-18T08:32:00+07:00"),
    ("Reporter : Budi | Kamis, 17 Oktober 2024 | 10:15 WIB", "2024-10-17T10:15:00+07:00"),
    ("Penulis: Siti Aminah | Editor: Joko | Senin, 21 Oktober 2024 07:05 WIB", "2024-10-21T07:05:00+07:00"),
    ("Budi Santoso - detikJatim Jumat, 18 Okt 2024 08:32 WIB", "2024-10-18T08:32:00+07:00"),
    ("Tim Redaksi Jumat, 18 Oktober 2024", "2024-10-18T00:00:00+07:00"),
    ("Oleh Admin 17/10/2024 10:15 | Dibaca 1.234 kali", "2024-10-17T10:15:00+07:00"),
    ("Posted by Admin on October 18, 2024 at 8:32 pm in Berita", "2024-10-18T20:32:00+07:00"),
    ("Oleh : Redaksi | 3 jam yang lalu", "2026-06-30T09:00:00+07:00"),
    ("Bupati meresmikan jembatan pada Kamis (17/10). Acara berlangsung meriah.", None),
    ("Warga berkumpul di alun-alun pada Jumat (23/1/2026) pukul 09.00 WIB.", None),
    (
        "Rapat digelar Kamis (17/10/2024) di pendopo. Diperbarui 18 Oktober 2024, 08:32 WIB",
        "2024-10-18T08:32:00+07:00",
    ),
    ("Redaksi | Dibaca 1.234 kali", None),
    ("Rapat digelar kemarin di kantor bupati", None),  # bare words are not taken from long text
    ("Jadwal 20 Desember 2030 | Posted 18 Oktober 2024", "2024-10-18T00:00:00+07:00"),  # future skipped
    ("", None),
]


def test_find_table_is_large_enough():
    assert len(FIND_CASES) >= 10


@pytest.mark.parametrize(("text", "expected"), FIND_CASES, ids=[repr(t) for t, _ in FIND_CASES])
def test_find_date(text, expected):
    assert iso(find_date(text, now=NOW)) == expected


def test_find_date_does_not_use_dateparser(monkeypatch):
    import crawler.extraction.dates as dates

    def boom(*_a, **_k):
        raise AssertionError("dateparser reached")

    monkeypatch.setattr(dates, "_dateparser", boom)
    assert find_date("18th of October 2024", now=NOW) is None


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def test_zone_for():
    assert zone_for(None) is JAKARTA
    assert zone_for("Asia/Jakarta") is JAKARTA
    assert datetime(2024, 1, 1, tzinfo=zone_for("WITA")).utcoffset() == timedelta(hours=8)
    fixed = timezone(timedelta(hours=9))
    assert zone_for(fixed) is fixed
    with pytest.raises(ValueError):
        zone_for("Not/AZone")


def test_to_zone():
    utc = datetime(2024, 10, 18, 1, 32, tzinfo=timezone.utc)
    assert to_zone(utc, "Asia/Jakarta").isoformat() == "2024-10-18T08:32:00+07:00"
    assert to_zone(datetime(2024, 10, 18, 8, 32), None).isoformat() == "2024-10-18T08:32:00+07:00"


def test_months_mapping():
    assert MONTHS["agt"] == MONTHS["agu"] == MONTHS["ags"] == 8
    assert MONTHS["nopember"] == 11 and MONTHS["pebruari"] == 2 and MONTHS["mei"] == 5
    assert sorted(set(MONTHS.values())) == list(range(1, 13))


# ------------------------------------------------------ international pages
@pytest.mark.parametrize(
    "text, expected",
    [
        ("/ jueves 2 de abril de 2020", "2020-04-02T00:00:00+00:00"),
        ("martes 17 de marzo de 2020", "2020-03-17T00:00:00+00:00"),
        ("15 mars 2020", "2020-03-15T00:00:00+00:00"),
        ("3. März 2021", "2021-03-03T00:00:00+00:00"),
        ("2020年07月03日 | 徒歩", "2020-07-03T00:00:00+00:00"),
        ("13 Jan 2020, 22:11 GMT+10", "2020-01-13T22:11:00+10:00"),
    ],
)
def test_international_forms_on_the_fast_path(text, expected):
    parsed = parse_date(text, tz="UTC", fallback=False)
    assert parsed is not None and parsed.isoformat() == expected


def test_foreign_language_last_resort():
    from crawler.extraction.dates import parse_foreign_date

    arabic = parse_foreign_date("الأربعاء، 07 أكتوبر 2020 - 12:09 م", tz="UTC", now=NOW)
    assert arabic is not None and arabic.isoformat() == "2020-10-07T12:09:00+00:00"
    assert parse_foreign_date("tanpa tanggal sama sekali", tz="UTC", now=NOW) is None
    assert parse_foreign_date("2 de abril", tz="UTC", now=NOW) is None  # no year stated: never invented
    assert parse_foreign_date("x" * 200 + " 2020", tz="UTC", now=NOW) is None  # long texts are not tried
