"""Dates: turn the date strings of Indonesian news pages into timezone-aware datetimes.

Three entry points, one per kind of input:

* :func:`parse_date` -- a human-visible date string (a date line, a byline tail,
  the text of a ``<time>``), noise tolerated (``Diperbarui``, weekday names,
  ``|`` separators, ``WIB``...). Relative dates (``3 jam yang lalu``) resolve
  against ``now``.
* :func:`parse_machine_date` -- a metadata value (ISO 8601, ``2026/06/05
  20:30:23``, unix timestamps, RFC 822 as in RSS). The stated offset is kept.
* :func:`find_date` -- the first full date (with year) inside a longer line,
  e.g. a whole byline; in-body mentions such as ``Kamis (17/10)`` or ``Jumat
  (23/1/2026)`` are never taken.

A fast path of precompiled regexes handles the common forms in a few
microseconds. A text that is not pure ASCII and holds no date the fast path
can see goes to :mod:`.foreign_dates` (Arabic, Persian with the Jalali
calendar, Cyrillic, Greek, Hindi, Bengali, Thai, Chinese, Japanese, Korean).
Only :func:`parse_date` may fall back to ``dateparser`` (imported
lazily, one parser per zone), and only for short strings that plausibly hold a
date. Numeric dates are always day-first. Zones: ``WIB`` = +07:00, ``WITA`` =
+08:00, ``WIT`` = +09:00, the upper-case abbreviations of :data:`NAMED_ZONES`
(``EST``, ``CET``, ``IST``...); explicit offsets are kept; a string without a
zone is read in the site zone ``tz`` (default ``Asia/Jakarta``).

Contract of :class:`ParsedDate`: ``value`` is always aware; when ``has_time`` is
False the value is midnight in the zone. Parsing never raises: failures give
``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

__all__ = [
    "JAKARTA",
    "MONTHS",
    "ParsedDate",
    "WEEKDAY_NAMES",
    "WEEKDAY_RE",
    "WEEKDAYS",
    "find_date",
    "parse_date",
    "parse_machine_date",
    "to_zone",
    "zone_for",
]

# --------------------------------------------------------------------------
# Data: month and weekday names, zones, limits
# --------------------------------------------------------------------------

#: Month names (lower case) in Indonesian and English, full, short and variant spellings.
MONTHS: dict[str, int] = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "february": 2, "feb": 2, "peb": 2, "pebr": 2,
    "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agus": 8, "agst": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}

#: Month names of the European languages met on international pages (full forms only, so no
#: short form collides with an Indonesian or English word). Used by the same fast path.
FOREIGN_MONTHS: dict[str, int] = {
    # Spanish, Portuguese
    "enero": 1, "janeiro": 1, "febrero": 2, "fevereiro": 2, "marzo": 3, "março": 3, "abril": 4, "mayo": 5,
    "maio": 5, "junio": 6, "junho": 6, "julio": 7, "julho": 7, "agosto": 8, "septiembre": 9, "setiembre": 9,
    "setembro": 9, "octubre": 10, "outubro": 10, "noviembre": 11, "novembro": 11, "diciembre": 12, "dezembro": 12,
    # French, Italian
    "janvier": 1, "gennaio": 1, "février": 2, "fevrier": 2, "febbraio": 2, "mars": 3, "avril": 4, "aprile": 4,
    "maggio": 5, "juin": 6, "giugno": 6, "juillet": 7, "luglio": 7, "août": 8, "aout": 8, "septembre": 9,
    "settembre": 9, "octobre": 10, "ottobre": 10, "novembre": 11, "décembre": 12, "decembre": 12, "dicembre": 12,
    # German, Dutch
    "januar": 1, "januari": 1, "februar": 2, "märz": 3, "maerz": 3, "maart": 3, "mai": 5, "dezember": 12,
}
MONTHS.update({k: v for k, v in FOREIGN_MONTHS.items() if k not in MONTHS})

WEEKDAY_NAMES: tuple[str, ...] = (
    "senin", "selasa", "rabu", "kamis", "jum['\u2019`]?at", "sabtu", "minggu", "ahad",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)
#: Also abbreviated: only where a date must follow (an abbreviation alone is a word like ``Sun``).
WEEKDAYS: tuple[str, ...] = (
    *WEEKDAY_NAMES, "mon", "tues", "tue", "wed", "thurs", "thur", "thu", "fri", "sat", "sun",
)
#: Weekday names as one regex group, for the byline and author layers (whole words).
WEEKDAY_RE = r"(?:" + "|".join(WEEKDAY_NAMES) + r")"

#: Zone words and their UTC offsets in hours.
ZONE_WORDS: dict[str, float] = {"WIB": 7, "WITA": 8, "WIT": 9, "UTC": 0, "GMT": 0, "UT": 0, "Z": 0}

#: Zone abbreviations printed after a visible time on foreign news pages (upper case only; each read
#: in its news-page sense: ``CST`` is US Central, ``IST`` India). Also accepted in metadata.
NAMED_ZONES: dict[str, float] = {
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "IST": 5.5, "SGT": 8, "HKT": 8,
    "JST": 9, "KST": 9, "AWST": 8, "ACST": 9.5, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
}
ZONE_WORDS.update(NAMED_ZONES)

#: Site-zone aliases accepted by :func:`zone_for`.
ZONE_ALIASES: dict[str, str] = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}

MIN_YEAR = 1990
FUTURE_TOLERANCE = timedelta(minutes=10)
FALLBACK_MAX_LEN = 80

#: Relative units in seconds; units of a day or more resolve to a day (has_time False).
UNIT_SECONDS: dict[str, int] = {
    "detik": 1, "menit": 60, "jam": 3600, "hari": 86400, "minggu": 604800, "pekan": 604800,
    "bulan": 2592000, "tahun": 31536000,
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "day": 86400, "days": 86400, "week": 604800, "weeks": 604800,
    "month": 2592000, "months": 2592000, "year": 31536000, "years": 31536000,
}

# --------------------------------------------------------------------------
# Data: precompiled patterns
# --------------------------------------------------------------------------

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_YEAR4 = r"(?:19|20)\d\d"
_ZONE = (
    r"(?:WITA|WIB|WIT|(?:UTC|GMT)(?:\s?[+-]\d{1,2}(?::?\d\d)?)?"
    r"|[+-](?:0\d|1[0-4]):?[0-5]\d|(?-i:Z|" + "|".join(sorted(NAMED_ZONES, key=len, reverse=True)) + r"))(?![A-Za-z])"
)
_AMPM = r"[ap]\.?m\b\.?"
_TIME = rf"""
    (?:
        (?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)
        (?:[:.](?P<s>[0-5]\d)(?:[.,]\d{{1,6}})?)?(?!\d)
        (?:\s?(?P<ap>{_AMPM}))?
      | (?P<h12>1[0-2]|0?\d)\s?(?P<ap12>{_AMPM})
    )
    (?:\s*\(?(?P<z>{_ZONE})\)?)?
"""
_FLAGS = re.IGNORECASE | re.VERBOSE

#: A full date with year, four shapes; the leftmost match is the first date.
DATE_RE = re.compile(
    rf"""
    (?<![0-9A-Za-z])
    (?:
        (?P<iy>{_YEAR4})(?P<isep>[-/.])(?P<im>\d{{1,2}})(?P=isep)(?P<id>\d{{1,2}})(?!\d)      # 2024-10-18
      | (?P<nd>\d{{1,2}})(?P<nsep>[-/.])(?P<nm>\d{{1,2}})(?P=nsep)(?P<ny>{_YEAR4}|\d\d)(?!\d)  # 18/10/2024
      | (?P<td>\d{{1,2}})(?:st|nd|rd|th|º|er)?[\s\-/.]*(?:de\s+)?(?P<tm>{_MONTH})(?![a-z])\.?
        [\s\-/.,]*(?:del?\s+)?(?P<ty>{_YEAR4})(?!\d)                                        # 18 Okt 2024, 2 de abril de 2020
      | (?P<em>{_MONTH})(?![a-z])\.?\s*(?P<ed>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)
        \s*,?\s*(?P<ey>{_YEAR4})(?!\d)                                                      # Oct 18, 2024
      | (?P<jy>{_YEAR4})\s*年\s*(?P<jm>\d{{1,2}})\s*月\s*(?P<jd>\d{{1,2}})\s*日                 # 2020年07月03日
    )
    """,
    _FLAGS,
)

#: A time closely following a date: only separators or ``pukul``/``jam``/``at`` between.
TIME_AFTER_RE = re.compile(
    rf"[\s,|\u2022\u00b7\-\u2013\u2014:/@]*(?:(?:pukul|pkl\.?|jam|at|T(?=\d)|(?:WITA|WIB|WIT)(?=\d))\s*)?{_TIME}",
    _FLAGS,
)

#: A time closely preceding a date (``10:15 WIB | Kamis, 17 Oktober 2024``).
TIME_BEFORE_RE = re.compile(
    rf"(?<![0-9A-Za-z:.]){_TIME}[\s,|\u2022\u00b7\-\u2013\u2014]*(?:(?:{_WEEKDAY})\b[\s,]*)?$",
    _FLAGS,
)

#: The in-body mention form: a weekday then an opening parenthesis, right before the date.
INBODY_PREFIX_RE = re.compile(rf"(?<![A-Za-z])(?:{_WEEKDAY})\s*\(\s*$", re.IGNORECASE)

#: An in-body mention anywhere, with or without a year: ``Kamis (17/10)``, ``Jumat (23/1/2026)``.
INBODY_RE = re.compile(
    rf"(?<![A-Za-z])(?:{_WEEKDAY})\s*\(\s*\d{{1,2}}[/.-]\d{{1,2}}(?:[/.-]\d{{2,4}})?\s*\)", re.IGNORECASE
)

#: Relative dates with a count: ``3 jam yang lalu``, ``sejam lalu``, ``5 minutes ago``.
RELATIVE_NUM_RE = re.compile(
    r"""
    (?<![0-9A-Za-z])
    (?:
        (?:(?P<n>\d{1,3})\s*|(?P<se>se))
        (?P<u>detik|menit|jam|hari|minggu|pekan|bulan|tahun)\s+(?:(?:yang|yg)\s+)?(?:lalu|silam)
      | (?P<en>\d{1,3}|an?|one)\s*
        (?P<eu>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|[smh])\s+ago
    )
    (?![A-Za-z])
    """,
    _FLAGS,
)

#: Relative dates as words (only in :func:`parse_date`, where the whole string is a date).
RELATIVE_WORD_RE = re.compile(
    r"(?<![A-Za-z])(?P<w>kemarin|yesterday|baru\s+saja|barusan|just\s+now|hari\s+ini|today)(?![A-Za-z])",
    re.IGNORECASE,
)
_RELATIVE_WORD_DAYS = {"kemarin": 1, "yesterday": 1, "hari ini": 0, "today": 0}

#: Guards for the dateparser fallback.
MONTH_WORD_RE = re.compile(rf"(?<![A-Za-z])(?:{_MONTH})(?![a-z])", re.IGNORECASE)
NUMERIC_SEP_RE = re.compile(r"\d\s?[-/.]\s?\d")
TIME_ANY_RE = re.compile(r"\d[:.][0-5]\d(?!\d)|\d\s?[ap]\.?m\b", re.IGNORECASE)
ZONE_ANY_RE = re.compile(r"(?<![A-Za-z])(?:WITA|WIB|WIT|UTC|GMT)(?![A-Za-z])|[:.]\d\d\s?[+-]\d\d:?\d\d(?!\d)")
RELATIVE_MARK_RE = re.compile(r"(?<![A-Za-z])(?:lalu|silam|ago|kemarin|yesterday)(?![A-Za-z])", re.I)

#: A numeric offset once the ``UTC``/``GMT`` prefix is gone: ``+7``, ``+0700``, ``-03:30``.
OFFSET_RE = re.compile(r"([+-])(\d{1,2})(?::?(\d\d))?")

#: Machine formats.
_MZONE = r"(?:Z|[+-]\d\d(?::?\d\d)?|(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d\d)?)?|WITA|WIB|WIT|UT)"
MACHINE_ISO_RE = re.compile(
    rf"""
    ^(?P<y>\d{{4}})(?P<sep>[-/.])(?P<mo>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})
    (?:
        (?:T|\s+|(?P<zw>[A-Za-z]{{2,4}}))
        (?P<h>\d{{1,2}}):(?P<mi>\d\d)(?::(?P<s>\d\d?)(?:[.,]\d+)?)?  # templates print "23:15:0Z"
    )?
    \s*(?P<z>{_MZONE})?$
    """,
    _FLAGS,
)
MACHINE_TS_RE = re.compile(r"^(?P<ts>\d{10}|\d{13})(?:\.\d+)?$")
RFC822_RE = re.compile(
    r"""
    ^(?:[A-Za-z]{2,9}\.?,?\s*)?
    (?P<d>\d{1,2})\s+(?P<mo>[A-Za-z]{3,9})\.?\s+(?P<y>\d{4}|\d\d)
    \s+(?P<h>\d{1,2}):(?P<mi>\d\d)(?::(?P<s>\d\d))?
    \s*(?P<z>[+-]\d{4}|[+-]\d\d:\d\d|[A-Za-z]{1,5})?$
    """,
    _FLAGS,
)

# --------------------------------------------------------------------------
# Result type and zone helpers
# --------------------------------------------------------------------------


_WORD = re.compile(r"[^\W\d_]{2,}")
_ZONE_WORD = re.compile(r"^(?:wib|wita|wit|utc|gmt|pukul|jam)$", re.I)


def only_a_date(text: str, *, zone_words: bool = False) -> bool:
    """At most one word besides the date and time (the weekday): not a sentence that holds a date.
    With ``zone_words``, zone names and ``pukul`` do not count as words (``Sabtu, 17 Februari 2024 -
    20:05 WIB``)."""
    m = DATE_RE.search(text)
    if m is None:
        return False
    words = _WORD.findall(text[:m.start()] + " " + text[m.end():])
    if zone_words:
        words = [w for w in words if not _ZONE_WORD.match(w)]
    return len(words) <= 1


@dataclass(frozen=True)
class ParsedDate:
    """A parsed date: an aware datetime plus how much the text actually said."""

    value: datetime  # always timezone-aware
    has_time: bool  # the text carried a time of day (else value is 00:00 in the zone)
    explicit_zone: bool  # the text named a zone (WIB/WITA/WIT/UTC/GMT/+07:00/Z...)
    approximate: bool = False  # relative date resolved against `now`

    def isoformat(self) -> str:
        """``YYYY-MM-DDTHH:MM:SS+07:00``: seconds always present, no microseconds."""
        return self.value.isoformat(timespec="seconds")


@lru_cache(maxsize=64)
def zone_for(name: str | tzinfo | None) -> tzinfo:
    """The tzinfo for a zone name (``Asia/Jakarta``, ``WITA``...), a tzinfo, or None (Jakarta).

    Raises ``ValueError`` for an unknown name.
    """
    if name is None:
        return ZoneInfo("Asia/Jakarta")
    if isinstance(name, tzinfo):
        return name
    key = ZONE_ALIASES.get(name.strip().upper(), name.strip())
    try:
        return ZoneInfo(key)
    except Exception as exc:  # ZoneInfoNotFoundError, bad key
        raise ValueError(f"unknown time zone: {name!r}") from exc


JAKARTA: tzinfo = zone_for("Asia/Jakarta")


def to_zone(dt: datetime, tz: str | tzinfo | None) -> datetime:
    """``dt`` expressed in zone ``tz``; a naive ``dt`` is taken as wall time in ``tz``."""
    zone = zone_for(tz)
    if dt.tzinfo is None:
        return dt.replace(tzinfo=zone)
    return dt.astimezone(zone)


@lru_cache(maxsize=256)
def _offset_zone(token: str) -> tzinfo | None:
    """The fixed-offset tzinfo for a zone token (``WIB``, ``UTC+7``, ``+07:00``, ``Z``...)."""
    tok = token.replace(" ", "").upper()
    if tok in ZONE_WORDS:
        hours = ZONE_WORDS[tok]
        name = tok if tok in ("WIB", "WITA", "WIT") else None
        return timezone(timedelta(hours=hours), name) if name else timezone(timedelta(hours=hours))
    for prefix in ("UTC", "GMT"):
        if tok.startswith(prefix):
            tok = tok[len(prefix):]
    m = OFFSET_RE.fullmatch(tok)
    if not m:
        return None
    minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
    if minutes >= 24 * 60 or int(m.group(3) or 0) >= 60:
        return None
    return timezone(timedelta(minutes=-minutes if m.group(1) == "-" else minutes))


def _reference(now: datetime | None, zone: tzinfo) -> datetime:
    """The moment relative dates resolve against, in ``zone``."""
    if now is None:
        return datetime.now(zone)
    return to_zone(now, zone)


def _plausible_value(pd: ParsedDate, ref: datetime) -> bool:
    """Not before 1990 and not more than ten minutes after ``ref``."""
    return pd.value.year >= MIN_YEAR and pd.value <= ref + FUTURE_TOLERANCE


# --------------------------------------------------------------------------
# Fast path: absolute dates
# --------------------------------------------------------------------------


def _date_parts(m: re.Match[str]) -> tuple[int, int, int] | None:
    """(year, month, day) from a :data:`DATE_RE` match, or None for a rejected shape."""
    g = m.group
    if g("iy"):
        return int(g("iy")), int(g("im")), int(g("id"))
    if g("nd"):
        year = g("ny")
        if len(year) == 2:
            if g("nsep") == ".":  # 08.05.10 is a time, not 8 May 2010
                return None
            return 2000 + int(year), int(g("nm")), int(g("nd"))
        return int(year), int(g("nm")), int(g("nd"))
    if g("td"):
        return int(g("ty")), MONTHS[g("tm").lower()], int(g("td"))
    if g("jy"):
        return int(g("jy")), int(g("jm")), int(g("jd"))
    return int(g("ey")), MONTHS[g("em").lower()], int(g("ed"))


def _clock(m: re.Match[str]) -> tuple[int, int, int, tzinfo | None] | None:
    """(hour, minute, second, zone) from a time match, or None if the time is impossible."""
    g = m.group
    if g("h12") is not None:
        hour, minute, second, ampm = int(g("h12")), 0, 0, g("ap12")
    else:
        hour, minute, second, ampm = int(g("h")), int(g("mi")), int(g("s") or 0), g("ap")
    if ampm and hour <= 12:
        pm = ampm[0] in "pP"
        if hour == 12:
            hour = 12 if pm else 0
        elif pm:
            hour += 12
    zone = _offset_zone(g("z")) if g("z") else None
    if g("z") and zone is None:
        return None
    return hour, minute, second, zone


def _time_near(text: str, start: int, end: int) -> re.Match[str] | None:
    """The time right after the date, else right before it."""
    m = TIME_AFTER_RE.match(text, end)
    if m:
        return m
    if start and any(c.isdigit() for c in text[max(0, start - 40):start]):
        return TIME_BEFORE_RE.search(text[max(0, start - 40):start])
    return None


def _build(text: str, m: re.Match[str], zone: tzinfo) -> ParsedDate | None:
    """A ParsedDate from a date match plus the time next to it; None if impossible."""
    parts = _date_parts(m)
    if parts is None:
        return None
    year, month, day = parts
    tm = _time_near(text, m.start(), m.end())
    clock = _clock(tm) if tm else None
    if clock is None:
        return ParsedDate(datetime(year, month, day, tzinfo=zone), False, False)
    hour, minute, second, tz = clock
    value = datetime(year, month, day, hour, minute, second, tzinfo=tz or zone)
    return ParsedDate(value, True, tz is not None)


def _scan(text: str, zone: tzinfo, ref: datetime) -> tuple[ParsedDate | None, bool]:
    """The first acceptable full date in ``text``; also whether any date-like match was seen."""
    seen = False
    for m in DATE_RE.finditer(text):
        seen = True
        start = m.start()
        if "(" in text[max(0, start - 3) : start] and INBODY_PREFIX_RE.search(
            text, max(0, start - 16), start
        ):
            continue  # ``Kamis (17/10/2024)``: an in-body mention
        try:
            pd = _build(text, m, zone)
        except ValueError:  # 31 February, hour 24...
            continue
        if pd is not None and _plausible_value(pd, ref):
            return pd, seen
    return None, seen


def _foreign(text: str, zone: tzinfo, ref: datetime) -> ParsedDate | None:
    """A date in another script or calendar (:mod:`.foreign_dates`); pure ASCII text is never
    looked at again, so the Indonesian/English path pays one ``isascii`` check."""
    if text.isascii():
        return None
    from .foreign_dates import scan_foreign  # noqa: PLC0415 (10 ms of regexes, needed only for such text)

    found = scan_foreign(text, zone)
    if found is None:
        return None
    pd = ParsedDate(found.value, found.has_time, found.explicit_zone)
    return pd if _plausible_value(pd, ref) else None


# --------------------------------------------------------------------------
# Fast path: relative dates
# --------------------------------------------------------------------------


def _midnight(dt: datetime) -> datetime:
    """The start of ``dt``'s day, same zone."""
    return dt.replace(hour=0, minute=0, second=0, microsecond=0)


def _relative_num(text: str, ref: datetime) -> ParsedDate | None:
    """``3 jam yang lalu`` / ``5 minutes ago`` -> ref minus that."""
    m = RELATIVE_NUM_RE.search(text)
    if not m:
        return None
    if m.group("u"):
        count = 1 if m.group("se") else int(m.group("n"))
        unit = m.group("u").lower()
    else:
        raw = m.group("en").lower()
        count = int(raw) if raw.isdigit() else 1
        unit = m.group("eu").lower()
    seconds = UNIT_SECONDS[unit] * count
    value = ref.replace(microsecond=0) - timedelta(seconds=seconds)
    if UNIT_SECONDS[unit] >= 86400:
        return ParsedDate(_midnight(value), False, False, True)
    return ParsedDate(value, True, False, True)


def _relative_word(text: str, ref: datetime, zone: tzinfo) -> ParsedDate | None:
    """``kemarin``, ``hari ini`` (with an optional time), ``baru saja``."""
    m = RELATIVE_WORD_RE.search(text)
    if not m:
        return None
    word = " ".join(m.group("w").lower().split())
    if word not in _RELATIVE_WORD_DAYS:  # baru saja, barusan, just now
        return ParsedDate(ref.replace(microsecond=0), True, False, True)
    day = _midnight(ref - timedelta(days=_RELATIVE_WORD_DAYS[word]))
    tm = TIME_AFTER_RE.match(text, m.end())
    clock = _clock(tm) if tm else None
    if clock is None:
        return ParsedDate(day, False, False, True)
    hour, minute, second, tz = clock
    value = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz or zone)
    return ParsedDate(value, True, tz is not None, True)


# --------------------------------------------------------------------------
# Fallback: dateparser (lazy)
# --------------------------------------------------------------------------

_DATEPARSERS: dict[tuple[str, bool], Any] = {}


def _zone_name(zone: tzinfo) -> str:
    """A zone name dateparser understands: the IANA key, else ``+HHMM``."""
    key = getattr(zone, "key", None)
    if key:
        return key
    offset = datetime(2000, 1, 1, tzinfo=zone).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def _dateparser(zone_name: str, any_language: bool = False) -> Any:
    """The DateDataParser for a zone, created (and dateparser imported) on first use.

    Indonesian and English only, unless ``any_language`` (dateparser then detects the
    language itself: slower, used only as the last resort of :func:`parse_foreign_date`)."""
    key = (zone_name, any_language)
    parser = _DATEPARSERS.get(key)
    if parser is None:
        from dateparser.date import DateDataParser

        parser = DateDataParser(
            languages=None if any_language else ["id", "en"],
            settings={
                "DATE_ORDER": "DMY",
                "TIMEZONE": zone_name,
                "RETURN_AS_TIMEZONE_AWARE": True,
                "PREFER_DATES_FROM": "past",
            },
        )
        _DATEPARSERS[key] = parser
    return parser


def _worth_fallback(text: str) -> bool:
    """Short, has a digit, a month word or digits with separators, and is not relative."""
    return (
        len(text) < FALLBACK_MAX_LEN
        and any(c.isdigit() for c in text)
        and (MONTH_WORD_RE.search(text) is not None or NUMERIC_SEP_RE.search(text) is not None)
        and RELATIVE_MARK_RE.search(text) is None
    )


def _year_stated(text: str, year: int) -> bool:
    """The text states the year (``2024`` or ``'24``): dateparser invents missing years."""
    return str(year) in text or re.search(rf"['\u2019]\s?{year % 100:02d}(?!\d)", text) is not None


def _parse_fallback(text: str, zone: tzinfo, any_language: bool = False) -> ParsedDate | None:
    """dateparser's reading of ``text``, kept only for a stated day and year."""
    data = _dateparser(_zone_name(zone), any_language).get_date_data(text)
    value = data.date_obj if data else None
    if value is None or data.period not in ("day", "time") or not _year_stated(text, value.year):
        return None
    has_time = TIME_ANY_RE.search(text) is not None
    value = to_zone(value, zone).replace(microsecond=0)
    if not has_time:
        value = _midnight(value)
    return ParsedDate(value, has_time, has_time and ZONE_ANY_RE.search(text) is not None)


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


_ANY_YEAR_RE = re.compile(r"(?<!\d)(?:19[9]\d|20\d\d)(?!\d)")


def parse_foreign_date(text: str, *, tz: str | tzinfo | None = "Asia/Jakarta",
                       now: datetime | None = None) -> ParsedDate | None:
    """Last resort for a page in another language (``الأربعاء، 07 أكتوبر 2020 - 12:09 م``):
    dateparser with language detection, on a short text that states a year. Slow (first call
    per language loads it): callers use it only when every other way found no date."""
    try:
        text = (text or "").strip()
        if not text or len(text) > FALLBACK_MAX_LEN or not _ANY_YEAR_RE.search(text):
            return None
        zone = zone_for(tz)
        parsed = _parse_fallback(text, zone, any_language=True)
        return parsed if parsed is not None and _plausible_value(parsed, _reference(now, zone)) else None
    except Exception:  # noqa: BLE001 - parsing never raises
        return None


def parse_date(
    text: str,
    *,
    tz: str | tzinfo | None = "Asia/Jakarta",
    now: datetime | None = None,
    fallback: bool = True,
) -> ParsedDate | None:
    """Parse a human-visible date string; None when it holds no acceptable date.

    The first full date (with year) wins, with the time that closely follows (or
    precedes) it; else a relative date resolved against ``now`` (default: the
    current time). Dates before 1990 or more than ten minutes after ``now`` are
    rejected, as are in-body mentions (``Kamis (17/10)``). Relative units of a
    day or more give midnight of that day (``has_time`` False). With
    ``fallback`` and no date-like match at all, short plausible strings go to
    dateparser. Never raises.
    """
    try:
        if not text or not isinstance(text, str):
            return None
        zone = zone_for(tz)
        ref = _reference(now, zone)
        found, seen = _scan(text, zone, ref)
        if found or seen or INBODY_RE.search(text):
            return found
        found = _foreign(text, zone, ref)
        if found is not None:
            return found
        for rel in (_relative_num(text, ref), _relative_word(text, ref, zone)):
            if rel is not None:
                return rel if _plausible_value(rel, ref) else None
        if fallback and _worth_fallback(text):
            pd = _parse_fallback(text, zone)
            return pd if pd is not None and _plausible_value(pd, ref) else None
        return None
    except Exception:
        return None


def find_date(
    text: str,
    *,
    tz: str | tzinfo | None = "Asia/Jakarta",
    now: datetime | None = None,
) -> ParsedDate | None:
    """The first full date (with year) in a longer text, with its time if one follows closely.

    Fast path only. In-body mentions (``Kamis (17/10)``, ``Jumat (23/1/2026)``)
    are skipped; when there is no absolute date, a counted relative date
    (``3 jam yang lalu``, ``2 hours ago``) is used. Never raises.
    """
    try:
        if not text or not isinstance(text, str):
            return None
        zone = zone_for(tz)
        ref = _reference(now, zone)
        found, seen = _scan(text, zone, ref)
        if found is not None:
            return found
        if not seen:
            found = _foreign(text, zone, ref)
            if found is not None:
                return found
        rel = _relative_num(text, ref)
        return rel if rel is not None and _plausible_value(rel, ref) else None
    except Exception:
        return None


def _machine_iso(m: re.Match[str], zone: tzinfo) -> ParsedDate:
    """ISO-like values; a zone word used as the date/time separator counts as the zone."""
    g = m.group
    ztok = g("z") or (g("zw") if g("zw") and g("zw").upper() in ZONE_WORDS else None)
    stated = _offset_zone(ztok) if ztok else None
    if ztok and stated is None:
        raise ValueError(ztok)
    if g("h") is None:
        return ParsedDate(datetime(int(g("y")), int(g("mo")), int(g("d")), tzinfo=zone), False, False)
    value = datetime(
        int(g("y")), int(g("mo")), int(g("d")), int(g("h")), int(g("mi")), int(g("s") or 0),
        tzinfo=stated or zone,
    )
    return ParsedDate(value, True, stated is not None)


def _machine_rfc822(m: re.Match[str], zone: tzinfo) -> ParsedDate:
    """RFC 822/2822 as in RSS; ``-0000`` means UTC."""
    g = m.group
    month = MONTHS[g("mo").lower()]  # KeyError on garbage: caught by the caller
    year = int(g("y"))
    year = year + 2000 if year < 100 else year
    stated = None
    if g("z"):
        tok = g("z").upper()
        stated = timezone.utc if tok == "-0000" else _offset_zone(tok)
        if stated is None:
            raise ValueError(tok)
    value = datetime(year, month, int(g("d")), int(g("h")), int(g("mi")), int(g("s") or 0),
                     tzinfo=stated or zone)
    return ParsedDate(value, True, stated is not None)


def parse_machine_date(value: str, *, tz: str | tzinfo | None = "Asia/Jakarta") -> ParsedDate | None:
    """Parse a metadata date (ISO 8601, ``2026/06/05 20:30:23``, unix time, RFC 822).

    The stated offset is kept (UTC stays ``+00:00``); without one the value is
    read in ``tz``. Tolerates the malformed ``2026-05-13WIB18:45:00+07:00``.
    Other text goes through the fast path of :func:`parse_date` (no relative
    dates, no dateparser). Years before 1990 or after 2100 are garbage: None.
    """
    try:
        if value is None:
            return None
        text = str(value).strip()
        if not text or len(text) > 64:
            return None
        zone = zone_for(tz)
        pd = _parse_machine(text, zone)
        if pd is None or not MIN_YEAR <= pd.value.year <= 2100:
            return None
        return pd
    except Exception:
        return None


def _parse_machine(text: str, zone: tzinfo) -> ParsedDate | None:
    """Try ISO, unix time, RFC 822, then the absolute fast path (no future limit)."""
    m = MACHINE_ISO_RE.match(text)
    if m:
        return _machine_iso(m, zone)
    m = MACHINE_TS_RE.match(text)
    if m:
        ts = int(m.group("ts"))
        seconds = ts / 1000 if len(m.group("ts")) == 13 else ts
        return ParsedDate(datetime.fromtimestamp(int(seconds), timezone.utc), True, True)
    m = RFC822_RE.match(text)
    if m:
        return _machine_rfc822(m, zone)
    far_future = datetime(2101, 1, 1, tzinfo=timezone.utc)
    found, _ = _scan(text, zone, far_future)
    return found
