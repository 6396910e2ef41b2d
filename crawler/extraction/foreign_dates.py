"""Dates written in other scripts and calendars: the fallback of the Latin fast path in :mod:`.dates`.

Job: read a full date (day, month and year; a time when one follows) from a short visible
text that :func:`.dates.parse_date` / :func:`.dates.find_date` could not read because it is
written in another script or calendar:

* month names in Arabic (the Egyptian/Gulf ``أبريل``, the Levantine ``نيسان`` and the
  Maghreb ``أفريل``/``غشت`` forms, also doubled as ``نيسان / أبريل``), Persian, Russian,
  Ukrainian, Bulgarian, Serbian, Greek, Hindi, Bengali and Thai;
* the Persian solar (Jalali) calendar: ``۲ تیر ۱۳۹۹`` and ``۱۳۹۹/۰۴/۰۲`` are 22 June 2020;
* the Thai Buddhist era (``5 มีนาคม 2563`` is 5 March 2020);
* the East Asian year-month-day forms: ``2020年3月5日``, ``令和2年3月5日``, ``民國109年3月5日``,
  ``2020년 3월 5일``, ``2020. 3. 5.``;
* digits of other scripts (Arabic-Indic, Persian, Devanagari, Bengali, Thai, full width);
* the time that follows, with the AM/PM words of those languages (``09:22 مساءً``,
  ``12:09:08 ب.ظ``, ``오후 2:30``, ``午後3時15分``).

Only :func:`scan_foreign` is public; :mod:`.dates` calls it only for a text that is not pure
ASCII and in which its fast path saw no date at all, so Indonesian and English dates never
pay for it. No dependency: the Jalali conversion is the usual arithmetic of the 33-year
cycle (:func:`jalali_to_gregorian`). Never raises.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import NamedTuple

__all__ = ["ForeignDate", "jalali_to_gregorian", "scan_foreign"]

#: Longest text looked at (a date line, a byline; not a whole article).
MAX_TEXT = 400

# --------------------------------------------------------------------------
# Normalisation: digits, Arabic letter variants, marks
# --------------------------------------------------------------------------

_DIGIT_BLOCKS = ("٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "०१२३४५६७८९", "০১২৩৪৫৬৭৮৯", "๐๑๒๓๔๕๖๗๘๙", "０１２３４５６７８９")
_TRANSLATE: dict[int, str | None] = {}
for _block in _DIGIT_BLOCKS:
    _TRANSLATE.update({ord(c): str(i) for i, c in enumerate(_block)})
# Arabic-script spelling variants: alef forms, yeh/alef maqsura, Persian kaf, teh marbuta, Arabic comma.
_TRANSLATE.update({ord(c): "ا" for c in "أإآٱ"})
_TRANSLATE.update({ord("ى"): "ي", ord("ی"): "ي", ord("ک"): "ك", ord("ة"): "ه", ord("ۀ"): "ه", ord("،"): ","})
_TRANSLATE.update({ord("："): ":", ord("／"): "/", ord("．"): "."})
# Dropped: tatweel, Arabic diacritics, bidi and zero-width marks.
_TRANSLATE.update(dict.fromkeys(range(0x064B, 0x0653)))
_TRANSLATE.update(dict.fromkeys(map(ord, "\u0640\u0670\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e")))


def _normalize(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(_TRANSLATE).casefold()


# --------------------------------------------------------------------------
# Month names: (month, calendar); "g" Gregorian, "j" Jalali, "t" Thai (Buddhist-era years)
# --------------------------------------------------------------------------

_NAMES: dict[str, tuple[int, str]] = {}


def _add(calendar: str, *months: str) -> None:
    """``months``: twelve space-free groups, one per month, spellings separated by ``|``."""
    for number, group in enumerate(months, start=1):
        for name in group.split("|"):
            _NAMES[_normalize(name.replace("_", " "))] = (number, calendar)


# Arabic: Egyptian/Gulf (transliterated), Levantine/Iraqi (Syriac), Maghreb (French-derived), Moroccan.
_add("g", "يناير|كانون_الثاني|جانفي", "فبراير|شباط|فيفري", "مارس|آذار", "أبريل|ابريل|إبريل|نيسان|أفريل",
     "مايو|أيار|ماي", "يونيو|يونيه|حزيران|جوان", "يوليو|يوليه|تموز|جويلية|جويلة|يوليوز",
     "أغسطس|اغسطس|آب|أوت|غشت", "سبتمبر|أيلول|شتنبر", "أكتوبر|تشرين_الأول|تشرين_الاول",
     "نوفمبر|تشرين_الثاني|نونبر", "ديسمبر|كانون_الأول|كانون_الاول|دجنبر")
# Persian names of the Gregorian months.
_add("g", "ژانویه", "فوریه", "مارس", "آوریل", "مه|می", "ژوئن", "ژوئیه|ژوییه", "اوت|آگوست", "سپتامبر",
     "اکتبر", "نوامبر", "دسامبر")
# Russian (genitive, short), Ukrainian (genitive), Bulgarian, Serbian Cyrillic.
_add("g", "января|янв|січня|януари|јануар", "февраля|фев|февр|лютого|февруари|фебруар",
     "марта|мар|березня|март", "апреля|апр|квітня|април", "мая|травня|май|мај", "июня|июн|червня|юни|јун",
     "июля|июл|липня|юли|јул", "августа|авг|серпня|август", "сентября|сен|сент|вересня|септември|септембар",
     "октября|окт|жовтня|октомври|октобар", "ноября|ноя|нояб|листопада|ноември|новембар",
     "декабря|дек|грудня|декември|децембар")
# Greek (genitive, as in dates).
_add("g", "Ιανουαρίου", "Φεβρουαρίου", "Μαρτίου", "Απριλίου", "Μαΐου", "Ιουνίου", "Ιουλίου", "Αυγούστου",
     "Σεπτεμβρίου", "Οκτωβρίου", "Νοεμβρίου", "Δεκεμβρίου")
# Hindi, Bengali.
_add("g", "जनवरी|জানুয়ারি|জানুয়ারী", "फ़रवरी|फरवरी|ফেব্রুয়ারি|ফেব্রুয়ারী", "मार्च|মার্চ", "अप्रैल|এপ্রিল",
     "मई|মে", "जून|জুন", "जुलाई|জুলাই", "अगस्त|আগস্ট|অগাস্ট", "सितंबर|सितम्बर|সেপ্টেম্বর",
     "अक्टूबर|অক্টোবর", "नवंबर|नवम्बर|নভেম্বর", "दिसंबर|दिसम्बर|ডিসেম্বর")
# Persian solar (Jalali) months.
_add("j", "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد|امرداد", "شهریور", "مهر", "آبان", "آذر", "دی",
     "بهمن", "اسفند")
# Thai, full and abbreviated.
_add("t", "มกราคม|ม.ค.", "กุมภาพันธ์|ก.พ.", "มีนาคม|มี.ค.", "เมษายน|เม.ย.", "พฤษภาคม|พ.ค.", "มิถุนายน|มิ.ย.",
     "กรกฎาคม|ก.ค.", "สิงหาคม|ส.ค.", "กันยายน|ก.ย.", "ตุลาคม|ต.ค.", "พฤศจิกายน|พ.ย.", "ธันวาคม|ธ.ค.")
# Greek without accents (capitals are written without them).
for _name, _value in list(_NAMES.items()):
    if any("\u0370" <= c <= "\u03ff" for c in _name):
        _bare = "".join(c for c in unicodedata.normalize("NFD", _name) if not unicodedata.combining(c))
        _NAMES.setdefault(unicodedata.normalize("NFC", _bare), _value)

# Characters that may touch a number or month name (a word boundary that also works for scripts
# whose vowel signs are not word characters).
_EDGE = r"\s\d,.:;/()\[\]\-\u2013\u2014|"
_MONTH_ALT = "|".join(re.escape(n) for n in sorted(_NAMES, key=len, reverse=True))
#: An era word after the year: Arabic "م" (AD), Persian "ه.ش" (solar hijri), Russian "г."/"года",
#: Ukrainian "р.", Kazakh "ж.".
_YEAR_TAG = r"(?:\s*(?:م|ه\.?\s*ش\.?|г\.|года|год|р\.|ж\.)(?![^\s\d,.:;/()\-|]))?"

#: Day, month name (optionally a second name: ``نيسان / أبريل``), year; weekday words may precede.
_DMY_RE = re.compile(
    rf"""
    (?<![\d])(?P<d>\d{{1,2}})(?:-?(?:го|ого|е))?\s*[\-/.]?\s*
    (?<![^{_EDGE}])(?P<m>{_MONTH_ALT})(?![^{_EDGE}])
    (?:\s*[/(]\s*(?P<m2>{_MONTH_ALT})(?![^{_EDGE}])\s*\)?)?
    \s*[,.\-/]?\s*(?:ปี\s*|พ\.ศ\.\s*|ค\.ศ\.\s*)?(?P<y>\d{{4}})(?!\d){_YEAR_TAG}
    """,
    re.VERBOSE,
)

#: Year-month-day with East Asian markers or a Jalali year: ``2020年3月5日``, ``令和2年3月5日``,
#: ``2020년 3월 5일``, ``2020. 3. 5.``, ``1399/04/02``.
_YMD_RE = re.compile(
    r"""
    (?<!\d)
    (?:
        (?P<era>令和|平成|民國|民国)\s*(?P<ey>\d{1,3}|元)\s*年\s*(?P<em>\d{1,2})\s*月\s*(?P<ed>\d{1,2})\s*日?
      | (?P<cy>\d{4})\s*[年년]\s*(?P<cm>\d{1,2})\s*[月월]\s*(?P<cd>\d{1,2})(?!\d)\s*[日일]?
      | (?P<ky>(?:19|20)\d\d)\.\s+(?P<km>\d{1,2})\.\s*(?P<kd>\d{1,2})(?!\d)\.?
      | (?P<jy>1[34]\d\d)(?P<js>[/\-.])(?P<jm>\d{1,2})(?P=js)(?P<jd>\d{1,2})(?!\d)
    )
    """,
    re.VERBOSE,
)

_ERA_BASE = {"令和": 2018, "平成": 1988, "民國": 1911, "民国": 1911}

_PM = r"(?:مساء\s*ا?|مساءا|م|ب\.\s*ظ\.?|بعدازظهر|بعد\s*از\s*ظهر|pm|p\.m\.|μμ|μ\.μ\.)"
_AM = r"(?:صباحا|صباح|ص|ق\.\s*ظ\.?|قبل\s*ازظهر|قبل\s*از\s*ظهر|am|a\.m\.|πμ|π\.μ\.)"
_PRE_PM = r"(?:오후|午後|下午|晚上|pm)"
_PRE_AM = r"(?:오전|午前|上午|早上|am)"

#: A time right after the date: only separators, ``at``-words, a weekday-free gap.
_TIME_RE = re.compile(
    rf"""
    [\s,.|\-\u2013\u2014:/@•·]*
    (?:(?:الساعة|الساعه|ساعت|в|о|у|at|เวลา|um)\s*)?
    (?:(?P<prepm>{_PRE_PM})|(?P<pream>{_PRE_AM}))?\s*
    (?P<h>[01]?\d|2[0-3])\s*(?::|時|时|시|点|點)\s*(?P<mi>[0-5]\d)
    (?:\s*(?::\s*(?P<s>[0-5]\d))|\s*(?:分|분))?(?!\d)
    (?:\s*(?:(?P<pm>{_PM})|(?P<am>{_AM}))(?![^\s\d,.:;/()\-|]))?
    (?:\s*(?:น\.|uhr))?
    (?:\s*\(?\s*(?:gmt|utc)\s*(?P<z>[+-]\d{{1,2}}(?::?\d\d)?)\)?)?
    """,
    re.VERBOSE,
)


class ForeignDate(NamedTuple):
    """What was read: an aware datetime, whether a time was stated, whether an offset was."""

    value: datetime
    has_time: bool
    explicit_zone: bool


# --------------------------------------------------------------------------
# Calendars
# --------------------------------------------------------------------------


def _gregorian_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def jalali_to_gregorian(jy: int, jm: int, jd: int) -> tuple[int, int, int]:
    """The Gregorian (year, month, day) of a Persian solar (Jalali) date.

    The arithmetic 33-year leap cycle, exact for the years 1178-1633 (1799-2254 CE), the
    range where it agrees with the astronomical calendar. ``ValueError`` for an impossible date.
    """
    if not (1 <= jm <= 12 and 1 <= jd <= (31 if jm <= 6 else 30)):
        raise ValueError(f"no Jalali date {jy}-{jm}-{jd}")
    jy += 1595
    days = (-355668 + 365 * jy + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + jd
            + ((jm - 1) * 31 if jm < 7 else (jm - 7) * 30 + 186))
    gy = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gy += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gy += (days - 1) // 365
        days = (days - 1) % 365
    gd = days + 1
    lengths = (31, 29 if _gregorian_leap(gy) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    gm = 1
    for length in lengths:
        if gd <= length:
            break
        gd -= length
        gm += 1
    return gy, gm, gd


def _jalali_valid(jy: int, jm: int, jd: int) -> bool:
    """Esfand has 30 days only in a leap year: the day after must be 1 Farvardin."""
    if jm != 12 or jd != 30:
        return True
    y, m, d = jalali_to_gregorian(jy, 12, 29)
    nxt = jalali_to_gregorian(jy + 1, 1, 1)
    return (datetime(*nxt) - datetime(y, m, d)).days == 2


def _to_gregorian(year: int, month: int, day: int, calendar: str) -> tuple[int, int, int] | None:
    if calendar == "j":
        if not 1300 <= year <= 1499 or not _jalali_valid(year, month, day):
            return None
        return jalali_to_gregorian(year, month, day)
    if calendar == "t":
        year = year - 543 if year >= 2400 else year  # Buddhist era, else already Common Era
    return year, month, day


# --------------------------------------------------------------------------
# Scan
# --------------------------------------------------------------------------


def _time_after(norm: str, end: int) -> tuple[int, int, int, tzinfo | None] | None:
    m = _TIME_RE.match(norm, end)
    if not m:
        return None
    hour, minute, second = int(m.group("h")), int(m.group("mi")), int(m.group("s") or 0)
    pm = m.group("pm") or m.group("prepm")
    am = m.group("am") or m.group("pream")
    if (pm or am) and hour <= 12:
        if hour == 12:
            hour = 12 if pm else 0
        elif pm:
            hour += 12
    zone = None
    if m.group("z"):
        sign = -1 if m.group("z")[0] == "-" else 1
        digits = m.group("z")[1:].replace(":", "")
        hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
        if hours > 14 or minutes >= 60:
            return None
        zone = timezone(sign * timedelta(hours=hours, minutes=minutes))
    return hour, minute, second, zone


def _dmy(m: re.Match[str]) -> tuple[int, int, int] | None:
    month, calendar = _NAMES[m.group("m")]
    if m.group("m2") and _NAMES[m.group("m2")][0] != month:
        return None  # "نيسان / أبريل" names one month twice; two different months are a range
    return _to_gregorian(int(m.group("y")), month, int(m.group("d")), calendar)


def _ymd(m: re.Match[str]) -> tuple[int, int, int] | None:
    g = m.group
    if g("era"):
        year = 1 if g("ey") == "元" else int(g("ey"))
        return _ERA_BASE[g("era")] + year, int(g("em")), int(g("ed"))
    if g("cy"):
        return int(g("cy")), int(g("cm")), int(g("cd"))
    if g("ky"):
        return int(g("ky")), int(g("km")), int(g("kd"))
    return _to_gregorian(int(g("jy")), int(g("jm")), int(g("jd")), "j")


#: Any character of the scripts above (Greek, Cyrillic, Arabic, Devanagari, Bengali, Thai, CJK,
#: Hangul, full-width digits): without one there is nothing to read here.
_SCRIPTS_RE = re.compile("[\u0370-\u04ff\u0600-\u06ff\u0900-\u09ff\u0e00-\u0e7f\u3000-\u9fff"
                         "\uac00-\ud7af\uff10-\uff19]")


@lru_cache(maxsize=1024)
def _scan_cached(text: str) -> tuple[tuple[int, int, int], tuple[int, int, int, tzinfo | None] | None] | None:
    text = text[:MAX_TEXT]
    if _SCRIPTS_RE.search(text) is None:
        return None
    norm = _normalize(text)
    matches = sorted([*(( m, _dmy) for m in _DMY_RE.finditer(norm)), *((m, _ymd) for m in _YMD_RE.finditer(norm))],
                     key=lambda pair: pair[0].start())
    for m, reader in matches:
        try:
            parts = reader(m)
            if parts is None:
                continue
            datetime(*parts)  # impossible day: ValueError
        except (ValueError, KeyError):
            continue
        return parts, _time_after(norm, m.end())
    return None


def scan_foreign(text: str, zone: tzinfo) -> ForeignDate | None:
    """The first full date in ``text`` in one of the scripts and calendars above, or None.

    A time right after it is kept (with its AM/PM word and a stated ``GMT+3``); without a stated
    offset the value is wall time in ``zone``. Plausibility (not in the future, not before 1990)
    is the caller's check."""
    try:
        found = _scan_cached(text)
        if found is None:
            return None
        (year, month, day), clock = found
        if clock is None:
            return ForeignDate(datetime(year, month, day, tzinfo=zone), False, False)
        hour, minute, second, stated = clock
        return ForeignDate(datetime(year, month, day, hour, minute, second, tzinfo=stated or zone), True,
                           stated is not None)
    except Exception:  # noqa: BLE001 - parsing never raises
        return None
