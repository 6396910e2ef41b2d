"""Date windows: parse ``since``/``until`` and decide what a source's date says about an article.

``since`` and ``until`` accept a date (``2024-10-01``), a date and time
(``2024-10-01T08:00``, ``2024-10-01T08:00+07:00``) or a duration back from now
(``12h``, ``7d``, ``2w``). Values without an offset are read in the site's zone
(default ``Asia/Jakarta``). A date-only ``until`` includes that whole day.

Sources state dates with different strength, captured by :class:`DateHint`: a
publication time (feeds, the WP API, news sitemaps, listing teasers), only a
publication day (dated URLs, teasers without a time), or only a modification
time (sitemap ``lastmod``), which bounds the publication from above.
:meth:`Window.verdict` says whether that proves the article is inside, proves
it is outside, or cannot tell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo

from crawler.extraction.dates import JAKARTA, ParsedDate, zone_for

_DURATION = re.compile(r"^(\d+)\s*([hdw])$", re.I)
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_UNITS = {"h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1)}
_DAY = timedelta(days=1)
_INSTANT = timedelta(microseconds=1)


def parse_bound(value: str, *, end: bool = False, tz: str | tzinfo | None = JAKARTA,
                now: datetime | None = None) -> datetime:
    """An aware datetime for a ``since`` (``end=False``) or ``until`` (``end=True``) value.

    Raises ``ValueError`` with the accepted forms when ``value`` is none of them.
    """
    zone = zone_for(tz)
    text = value.strip()
    if m := _DURATION.match(text):
        now = now.astimezone(zone) if now else datetime.now(zone)
        return now - int(m[1]) * _UNITS[m[2].lower()]
    try:
        if _DATE_ONLY.match(text):
            day = date.fromisoformat(text)
            start = datetime.combine(day, time(), zone)
            return start + _DAY - _INSTANT if end else start
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"bad date {value!r}: use 2024-10-01, 2024-10-01T08:00+07:00, 12h, 7d or 2w") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def in_window(dt: datetime, since: datetime | None, until: datetime | None) -> bool:
    """``since <= dt <= until``; a missing bound is open."""
    return (since is None or dt >= since) and (until is None or dt <= until)


def day_in_window(day: date, since: datetime | None, until: datetime | None,
                  tz: str | tzinfo | None = JAKARTA) -> bool | None:
    """For a source that gives only the day: True when the whole day (in ``tz``) lies in the
    window, False when none of it does, None when the window boundary cuts through it."""
    start = datetime.combine(day, time(), zone_for(tz))
    last = start + _DAY - _INSTANT
    if (since is not None and last < since) or (until is not None and start > until):
        return False
    if in_window(start, since, until) and in_window(last, since, until):
        return True
    return None


@dataclass(frozen=True)
class DateHint:
    """What a discovery source says about when an article was published."""

    published: datetime | None = None  # the publication time
    day: date | None = None            # only the publication day (in the site's zone)
    modified: datetime | None = None   # the last modification: published is not later

    @classmethod
    def from_published(cls, parsed: ParsedDate | None) -> DateHint:
        """A parsed publication date: a time when it has one, else its day."""
        if parsed is None:
            return cls()
        return cls(published=parsed.value) if parsed.has_time else cls(day=parsed.value.date())

    @classmethod
    def from_modified(cls, parsed: ParsedDate | None) -> DateHint:
        """A parsed modification date; a date without a time bounds by the end of that day."""
        if parsed is None:
            return cls()
        return cls(modified=parsed.value if parsed.has_time else parsed.value + _DAY - _INSTANT)

    def merge(self, other: DateHint) -> DateHint:
        """Both hints' knowledge; this hint's values win where both have one."""
        return replace(self, published=self.published or other.published, day=self.day or other.day,
                       modified=self.modified or other.modified)

    def isoformat(self) -> str | None:
        """The strongest date as ISO 8601 (for request meta and logs), or None."""
        if self.published:
            return self.published.isoformat()
        if self.day:
            return self.day.isoformat()
        return self.modified.isoformat() if self.modified else None


@dataclass(frozen=True)
class Window:
    """The ``since``/``until`` window of a crawl; falsy when both bounds are open."""

    since: datetime | None = None
    until: datetime | None = None
    tz: tzinfo = JAKARTA

    @classmethod
    def parse(cls, since: str | None = None, until: str | None = None, *,
              tz: str | tzinfo | None = JAKARTA, now: datetime | None = None) -> Window:
        zone = zone_for(tz)
        window = cls(parse_bound(since, tz=zone, now=now) if since else None,
                     parse_bound(until, end=True, tz=zone, now=now) if until else None, zone)
        if window.since and window.until and window.since > window.until:
            raise ValueError(f"empty date window: since {window.since.isoformat()} "
                             f"is after until {window.until.isoformat()}")
        return window

    def __bool__(self) -> bool:
        return self.since is not None or self.until is not None

    def verdict(self, hint: DateHint) -> bool | None:
        """True: the article is in the window (or there is none); False: the hint proves it is
        outside; None: the hint cannot tell (download and check the extracted date)."""
        if not self:
            return True
        if hint.published is not None:
            return in_window(hint.published, self.since, self.until)
        if hint.day is not None:
            inside = day_in_window(hint.day, self.since, self.until, self.tz)
            if inside is not None:
                return inside
        if hint.modified is not None and self.since is not None and hint.modified < self.since:
            return False
        return None

    def older(self, hint: DateHint) -> bool:
        """True when the hint proves the article was published before ``since``."""
        if self.since is None:
            return False
        if hint.published is not None:
            return hint.published < self.since
        if hint.day is not None and day_in_window(hint.day, self.since, None, self.tz) is False:
            return True
        return hint.modified is not None and hint.modified < self.since
