"""foreign_dates: dates in other scripts and calendars, and how parse_date/find_date fall back to them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from crawler.extraction import foreign_dates
from crawler.extraction.dates import find_date, parse_date
from crawler.extraction.foreign_dates import jalali_to_gregorian, scan_foreign

UTC = timezone.utc
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def iso(found) -> str | None:
    return None if found is None else found.value.isoformat(timespec="seconds")


# --------------------------------------------------------------------------
# scan_foreign: one table, language by language
# --------------------------------------------------------------------------

CASES = [
    # Arabic: Egyptian/Gulf names, Arabic comma, "م" = p.m. after a time
    ("الأربعاء، 07 أكتوبر 2020 - 12:09 م", "2020-10-07T12:09:00+00:00"),
    ("نشر في 3 مارس 2021 الساعة 08:15 ص", "2021-03-03T08:15:00+00:00"),
    # Levantine name doubled with the Egyptian one, Arabic-Indic digits, "مساءً"
    ("تم النشر السبت ١٤ نيسان / أبريل ٢٠١٨ ٠٩:٢٢ مساءً", "2018-04-14T21:22:00+00:00"),
    ("الخميس 2 كانون الثاني 2020", "2020-01-02T00:00:00+00:00"),
    ("12 تشرين الأول 2019 10:30", "2019-10-12T10:30:00+00:00"),
    # Maghreb and Moroccan names; "م" after the year is the era (AD), not p.m.
    ("الجزائر في 5 جويلية 2019", "2019-07-05T00:00:00+00:00"),
    ("الرباط - 20 غشت 2020 م", "2020-08-20T00:00:00+00:00"),
    # Persian: Jalali months with Persian digits and Persian yeh, Arabic yeh, p.m. "ب.ظ"
    ("دوشنبه ۱۲ اسفند ۱۳۹۸", "2020-03-02T00:00:00+00:00"),
    ("2 تير 1399 - 12:09:08 ب.ظ", "2020-06-22T12:09:08+00:00"),
    ("۱۳۹۹/۰۴/۰۲ - ۰۹:۳۰", "2020-06-22T09:30:00+00:00"),
    ("تاریخ انتشار: ۲۸ اردیبهشت ۱۴۰۲ ساعت ۱۸:۴۵", "2023-05-18T18:45:00+00:00"),
    ("۲ تیر ۱۳۹۹ ه.ش ساعت ۱۰:۳۰", "2020-06-22T10:30:00+00:00"),   # era word "solar hijri" after the year
    # Persian names of Gregorian months
    ("۱۵ ژوئن ۲۰۲۱", "2021-06-15T00:00:00+00:00"),
    # Cyrillic: Russian with "г.", Ukrainian, Bulgarian, Serbian
    ("МОСКВА, 29 июня 2020 г., 14:30", "2020-06-29T14:30:00+00:00"),
    ("Опубліковано 3 березня 2021, 09:05", "2021-03-03T09:05:00+00:00"),
    ("15 септември 2022 г.", "2022-09-15T00:00:00+00:00"),
    ("Београд, 8. децембар 2021. у 10:00", "2021-12-08T10:00:00+00:00"),
    # Greek: genitive month, capitals without accents, "μμ" = p.m.
    ("19 Αυγούστου 2020 9:02 μμ", "2020-08-19T21:02:00+00:00"),
    ("ΠΕΜΠΤΗ 5 ΜΑΡΤΙΟΥ 2020", "2020-03-05T00:00:00+00:00"),
    # Hindi (Devanagari digits), Bengali (Bengali digits)
    ("१६ फ़रवरी २०२० 16:20 IST", "2020-02-16T16:20:00+00:00"),
    ("প্রকাশিত: ১৬ ফেব্রুয়ারি ২০২০", "2020-02-16T00:00:00+00:00"),
    # Thai: Buddhist era, "เวลา ... น."
    ("5 มีนาคม 2563 เวลา 14:30 น.", "2020-03-05T14:30:00+00:00"),
    ("12 ธ.ค. 2564", "2021-12-12T00:00:00+00:00"),
    # Japanese, Chinese, Korean
    ("2020年3月5日 15時30分", "2020-03-05T15:30:00+00:00"),
    ("公開日：2021年11月2日 午後3:15", "2021-11-02T15:15:00+00:00"),
    ("令和2年3月5日", "2020-03-05T00:00:00+00:00"),
    ("令和元年5月1日", "2019-05-01T00:00:00+00:00"),
    ("民國109年3月5日 下午 2:30", "2020-03-05T14:30:00+00:00"),
    ("２０２０年３月５日", "2020-03-05T00:00:00+00:00"),
    ("기사입력 2020년 3월 4일 오후 4:52", "2020-03-04T16:52:00+00:00"),
    ("입력 2020. 3. 5. 14:30", "2020-03-05T14:30:00+00:00"),
    # a stated offset after the time is kept
    ("24 أبريل 2020 09:22 GMT+3", "2020-04-24T09:22:00+03:00"),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_scan_foreign_table(text, expected):
    assert iso(scan_foreign(text, UTC)) == expected


@pytest.mark.parametrize("text", [
    "",
    "Oleh: Redaksi — Editor: Budi",                   # Latin script: nothing for this module
    "Kamis, 17 Oktober 2024 10:15 WIB",                # the Latin fast path's job, not this one's
    "31 فبراير 2020",                                  # no 31 February
    "30 اسفند 1400",                                   # 1400 is not a Jalali leap year
    "12 اسفند 2020",                                   # a Jalali month with a Gregorian year
    "3 نيسان / أيار 2020",                              # two different months: a range, not a date
    "۲۴ نيسان",                                        # no year
    "سعر الدولار 1399 ريال",                            # a number, not a date
    "Тираж 2020 экземпляров, 15 страниц",              # no month name
])
def test_scan_foreign_rejects(text):
    assert scan_foreign(text, UTC) is None


def test_scan_foreign_reads_wall_time_in_the_given_zone():
    zone = timezone(timedelta(hours=3, minutes=30))
    found = scan_foreign("۲ تیر ۱۳۹۹ ساعت ۱۲:۰۹", zone)
    assert found.value == datetime(2020, 6, 22, 12, 9, tzinfo=zone)
    assert found.has_time and not found.explicit_zone


def test_scan_foreign_first_date_wins():
    text = "ثبت: ۱ فروردین ۱۴۰۰ — بروزرسانی: ۵ فروردین ۱۴۰۰"
    assert iso(scan_foreign(text, UTC)) == "2021-03-21T00:00:00+00:00"


def test_scan_foreign_looks_only_at_the_start_of_long_texts():
    text = "كلام " * 200 + "24 أبريل 2020"
    assert scan_foreign(text, UTC) is None


# --------------------------------------------------------------------------
# Jalali -> Gregorian
# --------------------------------------------------------------------------

@pytest.mark.parametrize(("jalali", "gregorian"), [
    ((1399, 1, 1), (2020, 3, 20)),     # Nowruz 1399
    ((1399, 4, 2), (2020, 6, 22)),
    ((1399, 10, 1), (2020, 12, 21)),   # 1 Dey: the day after the winter solstice
    ((1399, 12, 30), (2021, 3, 20)),   # 1399 is a leap year
    ((1400, 1, 1), (2021, 3, 21)),
    ((1403, 1, 1), (2024, 3, 20)),
    ((1403, 12, 30), (2025, 3, 20)),   # 1403 is a leap year
    ((1404, 1, 1), (2025, 3, 21)),
    ((1357, 11, 22), (1979, 2, 11)),
])
def test_jalali_to_gregorian(jalali, gregorian):
    assert jalali_to_gregorian(*jalali) == gregorian


def test_jalali_to_gregorian_is_continuous_over_a_cycle():
    """Every Jalali day from 1380 to 1420 maps to the next Gregorian day."""
    previous = None
    for year in range(1380, 1420):
        for month in range(1, 13):
            for day in range(1, (31 if month <= 6 else 30) + 1):
                if month == 12 and day == 30 and not foreign_dates._jalali_valid(year, 12, 30):
                    continue
                current = datetime(*jalali_to_gregorian(year, month, day))
                if previous is not None:
                    assert current - previous == timedelta(days=1), (year, month, day)
                previous = current


def test_jalali_to_gregorian_rejects_impossible_dates():
    with pytest.raises(ValueError):
        jalali_to_gregorian(1399, 7, 31)   # the second half-year has 30-day months
    with pytest.raises(ValueError):
        jalali_to_gregorian(1399, 13, 1)


# --------------------------------------------------------------------------
# The fallback inside parse_date / find_date
# --------------------------------------------------------------------------

def test_parse_date_falls_back_to_other_scripts():
    pd = parse_date("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", tz="UTC", now=NOW)
    assert pd.isoformat() == "2020-04-24T21:22:00+00:00"
    assert pd.has_time and not pd.explicit_zone and not pd.approximate


def test_find_date_falls_back_to_other_scripts():
    pd = find_date("이용민 기자 | 2020년 3월 4일 16:52", tz="Asia/Seoul", now=NOW)
    assert pd.isoformat() == "2020-03-04T16:52:00+09:00"


def test_latin_fast_path_still_answers_first():
    # the fast path reads the ISO date; the Korean words around it change nothing
    assert find_date("입력 2020.03.05 14:30 수정 2020.03.06", now=NOW).isoformat() == "2020-03-05T14:30:00+07:00"


def test_foreign_dates_in_the_future_are_rejected():
    assert parse_date("5 มีนาคม 2570", tz="UTC", now=NOW) is None   # 2027
    assert find_date("۱ فروردین ۱۴۱۰", tz="UTC", now=NOW) is None   # 2031


def test_ascii_text_never_reaches_the_foreign_scan(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("scan_foreign called on ASCII text")

    monkeypatch.setattr("crawler.extraction.foreign_dates.scan_foreign", boom)  # imported lazily by dates
    assert parse_date("Redaksi", now=NOW, fallback=False) is None
    assert find_date("Penulis: Andi | Editor: Budi", now=NOW) is None
    assert parse_date("Kamis, 17 Oktober 2024 10:15 WIB", now=NOW).isoformat() == "2024-10-17T10:15:00+07:00"
