"""Real-world date strings and their expected parses: shared by tests/test_dates.py and bench/bench_dates.py.

Every case is ``(text, expected)`` where ``expected`` is the ``ParsedDate.isoformat()``
of ``parse_date(text, now=NOW)`` or ``None``. :data:`CASES` are handled by the
regex fast path alone; :data:`FALLBACK_CASES` need (or are guarded away from)
the dateparser fallback. :data:`NOTES_STRINGS` are the formats listed in
``/work/shared/NOTES.md``.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

#: The fixed "current time" every case is parsed against.
NOW = datetime(2026, 6, 30, 12, 0, tzinfo=timezone(timedelta(hours=7)))

#: The formats seen on real pages, as listed in NOTES.md (section "Dates").
NOTES_STRINGS: list[tuple[str, str]] = [
    ("Kamis, 19 Jun 2025 16:50 WIB", "2025-06-19T16:50:00+07:00"),
    ("Kompas.com - 20/06/2025, 18:13 WIB", "2025-06-20T18:13:00+07:00"),
    ("Diperbarui 20 Jun 2025, 05:50 WIB", "2025-06-20T05:50:00+07:00"),
    (", Jurnalis-Jum'at, 20 Juni 2025 |11:58 WIB", "2025-06-20T11:58:00+07:00"),
    ("Jum'at, 17 Februari 2017 - 13:30 wib", "2017-02-17T13:30:00+07:00"),
    ("20 Juni 2025 | 16.33 WIB", "2025-06-20T16:33:00+07:00"),
    ("Jumat   20 Jun 2025  18:19 WIB", "2025-06-20T18:19:00+07:00"),
    ("20/1/2026 18:30", "2026-01-20T18:30:00+07:00"),
    ("Senin, 15 Februari 2016, 16:15 WIB", "2016-02-15T16:15:00+07:00"),
    ("2026-05-13WIB18:45:00+07:00", "2026-05-13T18:45:00+07:00"),
    ("Oct 18, 2024 - 08:32", "2024-10-18T08:32:00+07:00"),
    ("3 jam yang lalu", "2026-06-30T09:00:00+07:00"),
    ("Senin, 3 Maret 2025 10:15 WIB", "2025-03-03T10:15:00+07:00"),  # dateutil fuzzy says 03-29
    ("Kamis (17/10)", None),
    ("Jumat (23/1/2026)", None),
]

_MONTH_VARIANTS: list[tuple[str, str]] = [
    ("17 Januari 2025", "2025-01-17T00:00:00+07:00"),
    ("17 Jan 2025 09:00 WIB", "2025-01-17T09:00:00+07:00"),
    ("5 Februari 2024", "2024-02-05T00:00:00+07:00"),
    ("5 Feb 2024", "2024-02-05T00:00:00+07:00"),
    ("5 Pebruari 2024", "2024-02-05T00:00:00+07:00"),
    ("5 Peb 2024", "2024-02-05T00:00:00+07:00"),
    ("12 Maret 2024", "2024-03-12T00:00:00+07:00"),
    ("12 Mar 2024", "2024-03-12T00:00:00+07:00"),
    ("March 12, 2024", "2024-03-12T00:00:00+07:00"),
    ("1 April 2024", "2024-04-01T00:00:00+07:00"),
    ("1 Apr 2024", "2024-04-01T00:00:00+07:00"),
    ("2 Mei 2024", "2024-05-02T00:00:00+07:00"),
    ("May 2, 2024", "2024-05-02T00:00:00+07:00"),
    ("9 Juni 2024", "2024-06-09T00:00:00+07:00"),
    ("June 9, 2024", "2024-06-09T00:00:00+07:00"),
    ("17 Juli 2024", "2024-07-17T00:00:00+07:00"),
    ("17 Jul 2024", "2024-07-17T00:00:00+07:00"),
    ("17 Agustus 2024", "2024-08-17T00:00:00+07:00"),
    ("17 Agu 2024", "2024-08-17T00:00:00+07:00"),
    ("17 Agt 2024", "2024-08-17T00:00:00+07:00"),
    ("17 Ags 2024", "2024-08-17T00:00:00+07:00"),
    ("Aug 17, 2024", "2024-08-17T00:00:00+07:00"),
    ("17 August 2024", "2024-08-17T00:00:00+07:00"),
    ("1 September 2024", "2024-09-01T00:00:00+07:00"),
    ("1 Sep 2024", "2024-09-01T00:00:00+07:00"),
    ("1 Sept 2024", "2024-09-01T00:00:00+07:00"),
    ("18 Oktober 2024", "2024-10-18T00:00:00+07:00"),
    ("18 Okt 2024", "2024-10-18T00:00:00+07:00"),
    ("18 Oct 2024", "2024-10-18T00:00:00+07:00"),
    ("18 OKTOBER 2024", "2024-10-18T00:00:00+07:00"),
    ("18 okt. 2024", "2024-10-18T00:00:00+07:00"),
    ("10 November 2024", "2024-11-10T00:00:00+07:00"),
    ("10 Nov 2024", "2024-11-10T00:00:00+07:00"),
    ("10 Nopember 2024", "2024-11-10T00:00:00+07:00"),
    ("10 Nop 2024", "2024-11-10T00:00:00+07:00"),
    ("25 Desember 2024", "2024-12-25T00:00:00+07:00"),
    ("25 Des 2024", "2024-12-25T00:00:00+07:00"),
    ("Dec 25, 2024", "2024-12-25T00:00:00+07:00"),
]

_ZONES_AND_CLOCKS: list[tuple[str, str]] = [
    ("18 Oktober 2024 10:15 WITA", "2024-10-18T10:15:00+08:00"),
    ("18 Oktober 2024 10:15 WIT", "2024-10-18T10:15:00+09:00"),
    ("Jumat, 18/10/2024 10:15 WITA", "2024-10-18T10:15:00+08:00"),
    ("18 Oct 2024 01:32 UTC", "2024-10-18T01:32:00+00:00"),
    ("18 Oct 2024 01:32 GMT+7", "2024-10-18T01:32:00+07:00"),
    ("2024-10-18T08:32:00+07:00", "2024-10-18T08:32:00+07:00"),
    ("2024-10-18T01:32:00Z", "2024-10-18T01:32:00+00:00"),
    ("October 18, 2024 at 8:32 pm", "2024-10-18T20:32:00+07:00"),
    ("18 October 2024 8:32 AM", "2024-10-18T08:32:00+07:00"),
    ("Oct 18, 2024 12:05 am", "2024-10-18T00:05:00+07:00"),
    ("Oct 18, 2024 12:30 PM", "2024-10-18T12:30:00+07:00"),
    ("18 Oct 2024 8 pm", "2024-10-18T20:00:00+07:00"),
    ("05/10/2024", "2024-10-05T00:00:00+07:00"),  # day-first: 5 October
    ("18.10.2024", "2024-10-18T00:00:00+07:00"),
    ("17/10/24", "2024-10-17T00:00:00+07:00"),
    ("18-10-2024 08:32", "2024-10-18T08:32:00+07:00"),
    ("2024-10-18 08:32:00", "2024-10-18T08:32:00+07:00"),
    ("2024/10/18 08:32", "2024-10-18T08:32:00+07:00"),
]

_NOISE: list[tuple[str, str]] = [
    ("Dipublikasikan: 18 Oktober 2024, 08:32 WIB", "2024-10-18T08:32:00+07:00"),
    ("Diterbitkan 18 Okt 2024 pukul 10.15 WIB", "2024-10-18T10:15:00+07:00"),
    ("Update: 18/10/2024 08:32:10", "2024-10-18T08:32:10+07:00"),
    ("Posted on October 18, 2024", "2024-10-18T00:00:00+07:00"),
    ("Kamis, 17 Oktober 2024 \u2022 10:15 WIB", "2024-10-17T10:15:00+07:00"),
    ("Selasa, 18 Okt. 2024 | 19:45", "2024-10-18T19:45:00+07:00"),
    ("10:15 WIB | Kamis, 17 Oktober 2024", "2024-10-17T10:15:00+07:00"),
    ("Sabtu,19 Oktober 2024 08.32.10 WIB", "2024-10-19T08:32:10+07:00"),
    ("Kamis, 17 Oktober 2024 - 10:15:30 WIB", "2024-10-17T10:15:30+07:00"),
    ("Jum\u2019at, 18 Oktober 2024 09:00", "2024-10-18T09:00:00+07:00"),
    ("Senin 21 Oktober 2024 \u2014 07:05 WIB", "2024-10-21T07:05:00+07:00"),
    ("18 Oktober 2024 Pukul 07.05 WITA", "2024-10-18T07:05:00+08:00"),
    ("Oktober 18th, 2024", "2024-10-18T00:00:00+07:00"),
    ("\xa018\xa0Oktober\xa02024\xa0", "2024-10-18T00:00:00+07:00"),
]

_RELATIVE: list[tuple[str, str]] = [
    ("5 menit lalu", "2026-06-30T11:55:00+07:00"),
    ("2 hari yang lalu", "2026-06-28T00:00:00+07:00"),
    ("kemarin", "2026-06-29T00:00:00+07:00"),
    ("Kemarin, 10:15 WIB", "2026-06-29T10:15:00+07:00"),
    ("baru saja", "2026-06-30T12:00:00+07:00"),
    ("1 minggu lalu", "2026-06-23T00:00:00+07:00"),
    ("3 hours ago", "2026-06-30T09:00:00+07:00"),
    ("Diperbarui 30 detik yang lalu", "2026-06-30T11:59:30+07:00"),
    ("sejam yang lalu", "2026-06-30T11:00:00+07:00"),
]

_REJECTED: list[tuple[str, None | str]] = [
    ("20 Desember 2026", None),  # future
    ("30 Juni 2026 12:09 WIB", "2026-06-30T12:09:00+07:00"),  # within the 10-minute tolerance
    ("30 Juni 2026 12:11 WIB", None),
    ("1 Juli 2026", None),
    ("17 Agustus 1985", None),  # before 1990
    ("31 Februari 2024", None),
    ("Halaman 2", None),
    ("1234", None),
    ("", None),
    ("Redaksi", None),
    ("Baca juga: Bupati resmikan jembatan", None),
    ("Rp 1.500.000", None),
    ("16:50 WIB", None),  # a time without a date
    ("Kamis (17/10) kemarin", None),  # in-body mention wins over the relative word
]

#: Handled by the regex fast path alone (fallback=False gives the same answer).
CASES: list[tuple[str, str | None]] = (
    NOTES_STRINGS + _MONTH_VARIANTS + _ZONES_AND_CLOCKS + _NOISE + _RELATIVE + _REJECTED
)

#: Left to the dateparser fallback (the fast path finds nothing in them).
FALLBACK_CASES: list[tuple[str, str | None]] = [
    ("18th of October 2024", "2024-10-18T00:00:00+07:00"),
    ("October the 18th, 2024", "2024-10-18T00:00:00+07:00"),
    ("2024 Okt 18 10:00", "2024-10-18T10:00:00+07:00"),
    ("Selasa, 18 Okt '24", "2024-10-18T00:00:00+07:00"),
    ("Oktober 2024", None),  # no day: dateparser's month period is refused
    ("Okt 18", None),  # no year: dateparser would invent one
]

ALL_CASES: list[tuple[str, str | None]] = CASES + FALLBACK_CASES
