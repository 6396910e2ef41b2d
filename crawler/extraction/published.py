"""Publication and modification dates: collect candidates from every layer, cross-check, pick one.

Machine dates (JSON-LD, ``article:*`` meta, CMS meta) are exact but often in
UTC or hard-coded by a template; the visible date line shows the local time and
zone (WIB/WITA/WIT). The visible date wins when the two disagree by more than a
timezone slip; otherwise the machine instant is shown in the page's own zone.
Dates are looked for only in the article's header region, never in sidebars,
related-post lists or the body text.

Rules beyond that (each with its reason):

* A visible time without a zone that is the metadata's instant at a real UTC
  offset (``13:44`` shown, ``11:44Z`` stated) gives the page's own offset; a
  metadata offset (``+04:00``) is kept when the visible line names none.
* A relative line (``1 minute ago``) yields to an exact date near the headline.
* Header lines keep ``<br>`` and block boundaries as spaces (``News24<br>13 Jan``).
* When nothing else answers, the first short lines after the headline are read
  in reading order, inside long blocks too, until the story has begun; linked
  teaser lines are skipped.
* Three or more generic date elements, each a different day, are a list of other
  stories; a generic date found anywhere on a page without a headline yields to
  the metadata.
* Last resorts, in order: a foreign-language date near the headline (dateparser),
  a page without a headline dated by its own date line (``Miércoles, 15 de Abril
  de 2020``), the day in the lead image's dated path (``/2020/10/26/``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from .dates import DATE_RE, ParsedDate, find_date, only_a_date, parse_date, parse_foreign_date, parse_machine_date, zone_for
from .document import Document, normalize_space, text_of
from .patterns import DATE_SELECTORS, GENERIC_DATE_SELECTORS
from .regions import comment_region, in_noise_region
from .structured import MODIFIED_META, PUBLISHED_META, StructuredData

_URL_DATE = re.compile(r"/(20\d{2}|19\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|$|-)")
# "entry-date updated" is WordPress's hAtom pair on the *published* date: only explicit names count.
_UPDATE_CLASS = re.compile(r"\b(?:modified|date-modified|last-updated|update-date|updated-date|dateModified)\b", re.I)
_UPDATED = re.compile(r"\b(?:diperbarui|update[d]?|diubah|terakhir diperbarui|modified|edited)\b", re.I)


@dataclass
class Dates:
    published: ParsedDate | None = None
    modified: ParsedDate | None = None
    source: str = ""


def _title_scope(title_el, levels: int = 4):
    scope = title_el
    for _ in range(levels):
        parent = scope.getparent() if scope is not None else None
        if parent is None or parent.tag in ("body", "html"):
            break
        scope = parent
    return scope


def _visible_candidates(doc: Document, selectors: tuple[str, ...], title_el, now, tz):
    """Dates read from date elements in the article region: (parsed, from_attribute, is_update),
    and whether they are weak (a generic date class found anywhere on a page without a headline).

    Order: named date elements (profile, CMS), then the lines right after the
    headline, then generic date classes inside the headline's neighbourhood, then
    the first short lines after the headline in reading order. A relative date
    ("1 minute ago") is kept only when none of these has an exact one."""
    out = _read_date_elements(doc, selectors, None, now, tz)
    if not out and title_el is not None:
        out = _first_dated(_header_texts(title_el), tz, now)
    weak = False
    if not out or _only_relative(out):
        scope = _title_scope(title_el) if title_el is not None else doc.root
        exact = _read_date_elements(doc, GENERIC_DATE_SELECTORS, scope, now, tz, skip_lists=True)
        weak = title_el is None and bool(exact)
        out = exact + out if exact and not _only_relative(exact) else out or exact
    if (not out or _only_relative(out)) and title_el is not None:
        out = _first_dated(_lines_after(title_el), tz, now) or out
    return out, weak


def _first_dated(texts, tz, now):
    """The first date found in the texts, as a one-candidate list (empty when none holds a date). In a
    line that holds both, ``3 Februari 2025 11:05 WITA Diperbarui: 3 Februari 2025 13:30 WITA``, the
    date before the update label is the publication date; a line with other different dates and no
    such label lists other stories."""
    for text in texts:
        updated = _UPDATED.search(text)
        if not updated and len({normalize_space(m.group(0)).lower() for m in DATE_RE.finditer(text)}) > 1:
            continue  # several dates and no update label: a list of stories (a sidebar), not a dateline
        if updated and updated.start() > 0:
            parsed = find_date(text[: updated.start()], tz=tz, now=now)
            if parsed:
                return [(parsed, False, False)]
        parsed = find_date(text, tz=tz, now=now)
        if parsed:
            return [(parsed, False, bool(updated))]
    return []


def _only_relative(candidates) -> bool:
    return all(parsed.approximate for parsed, _, _ in candidates)


def _read_date_elements(doc: Document, selectors, scope, now, tz, skip_lists: bool = False):
    out = []
    for sel in selectors:
        found = doc.select(sel)
        if scope is not None and scope is not doc.root:
            found = [el for el in found if scope in el.iterancestors()]
        if skip_lists and _teaser_list(found, tz, now):
            continue
        for el in found[:4]:
            if in_noise_region(el):
                continue
            text = text_of(el)
            attr = el.get("datetime") or el.get("content") or el.get("title") or el.get("data-time")
            is_update = bool(_UPDATED.search(text)) or bool(_UPDATE_CLASS.search(el.get("class") or ""))
            parsed = parse_date(text, tz=tz, now=now) if 4 <= len(text) <= 160 else find_date(text, tz=tz, now=now) if text else None
            if parsed:
                out.append((parsed, False, is_update))
            if attr:
                machine = parse_machine_date(attr, tz=tz) or parse_date(attr, tz=tz, now=now, fallback=False)
                if machine:
                    out.append((machine, True, is_update))
        if out:
            break
    return out


def _teaser_list(found, tz, now) -> bool:
    """Three or more elements of one generic date class, each dated a different day: the dates of a
    list of other stories (related posts, latest news), not this page's."""
    days = []
    for el in found[:6]:
        text = text_of(el)
        parsed = parse_date(text, tz=tz, now=now, fallback=False) if 4 <= len(text) <= 160 else None
        if parsed is not None and not parsed.approximate:
            days.append(parsed.value.date())
    return len(days) >= 3 and len(set(days)) == len(days)


#: Byline and date lines are short; a longer text after the headline is the story (whose dates never count).
_HEADER_LINE_MAX = 160


def _line_text(el, text: str) -> str:
    """A short element's text with its parts kept apart: ``News24<br>13 Jan 2020`` reads "News24 13 Jan
    2020", not "News2413 Jan 2020", and ``<a>Redaksi</a><time>Januari 23, 2025</time>`` (themes space
    such parts with CSS, not in the markup) "Redaksi Januari 23, 2025"."""
    if len(el) == 0:
        return text
    return normalize_space(" ".join(el.itertext())) or text


def _header_texts(title_el, limit: int = 6):
    """Short texts right after the headline (the usual byline/date line), then the one right before it."""
    yield from _texts_after(title_el, limit)
    node = title_el
    for _ in range(2):
        prev = node.getprevious()
        if prev is not None:
            text = text_of(prev)
            if text and len(text) <= _HEADER_LINE_MAX:
                yield _line_text(prev, text)
                return
        node = node.getparent()
        if node is None:
            return


def _texts_after(title_el, limit: int):
    count = 0
    node = title_el
    while node is not None and count < limit:
        sib = node.getnext()
        while sib is not None and count < limit:
            text = text_of(sib)
            if text and len(text) <= _HEADER_LINE_MAX:
                yield _line_text(sib, text)
                count += 1
            sib = sib.getnext()
        node = node.getparent()
        if node is None or node.tag in ("body", "html"):
            break


#: The reading-order walk stops once the story has begun: two paragraphs or this many characters;
#: and after this many elements whatever they hold (menus of links, empty wrappers).
_STORY_PARAGRAPHS = 2
_STORY_CHARS = 300
_WALK_ELEMENTS = 400
_SENTENCE_END = re.compile(r"[.!?\u2026\"\u201d\u00bb)]$")


def _lines_after(title_el, limit: int = 10):
    """Short text blocks after the headline in reading order, looking inside the long blocks that
    :func:`_texts_after` skips whole (an ``<article>`` holding the byline line, then the story).
    Stops once the story has begun (dates after it belong to other stories)."""
    state = {"lines": 0, "paragraphs": 0, "chars": 0, "elements": 0, "limit": limit}
    node = title_el
    while node is not None and node.tag not in ("body", "html"):
        sib = node.getnext()
        while sib is not None:
            yield from _short_blocks(sib, state)
            if _walk_done(state):
                return
            sib = sib.getnext()
        node = node.getparent()


def _walk_done(state) -> bool:
    return (state["lines"] >= state["limit"] or state["paragraphs"] >= _STORY_PARAGRAPHS
            or state["chars"] > _STORY_CHARS or state["elements"] > _WALK_ELEMENTS)


def _story(state, text: str) -> None:
    state["paragraphs"] += 1
    state["chars"] += len(text)


def _mostly_links(el, text: str) -> bool:
    linked = sum(len(text_of(a)) for a in el.iter("a"))
    return linked * 2 > len(text)


def _short_blocks(el, state):
    if not isinstance(el.tag, str) or _walk_done(state):
        return
    state["elements"] += 1
    text = text_of(el)
    if not text or in_noise_region(el):
        return
    if len(text) <= _HEADER_LINE_MAX:
        if _mostly_links(el, text):
            return  # a teaser or a menu: a linked title with its date is another story's
        state["lines"] += 1
        line = _line_text(el, text)
        yield line
        if len(line.split()) >= 6 and _SENTENCE_END.search(line):
            _story(state, line)  # a sentence of the story
        return
    own = normalize_space(" ".join(filter(None, [el.text, *(child.tail for child in el)])))
    if len(own) > _HEADER_LINE_MAX or len(el) == 0:
        _story(state, text)  # a paragraph of the story: passed over
        return
    for child in el:
        yield from _short_blocks(child, state)


def _meta_dates(doc: Document, sd: StructuredData, keys, jsonld_value, tz):
    values = []
    if jsonld_value:
        values.append(("jsonld", jsonld_value))
    for key in keys:
        for v in doc.meta.get(key, ())[:1]:
            values.append((key, v))
    out = []
    for src, value in values:
        parsed = parse_machine_date(value, tz=tz) or parse_date(value, tz=tz, fallback=False)
        if parsed:
            out.append((src, parsed))
    return out


def _same_instant(a: datetime, b: datetime, slack: timedelta = timedelta(minutes=2)) -> bool:
    return abs(a - b) <= slack


_QUARTER = timedelta(minutes=15)


_INDONESIAN_ZONES = ("Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura")
_INDONESIAN_OFFSETS = (timedelta(hours=7), timedelta(hours=8), timedelta(hours=9))


def _wall_offset(shown: ParsedDate, meta: ParsedDate, tz: str):
    """The offset at which the metadata's instant reads as the visible wall time (to the minute),
    when the visible line names no zone: ``13:44`` shown, ``11:44Z`` in the metadata is +02:00.
    Only real offsets count (whole quarter hours, -11 to +14 hours; WIB, WITA, WIT on an Indonesian
    site) and never zero (a local time labelled UTC by the template agrees with nothing); None
    otherwise."""
    if shown.explicit_zone or not shown.has_time or not meta.explicit_zone or not meta.has_time:
        return None
    wall = shown.value.replace(tzinfo=None, second=0, microsecond=0)
    instant = meta.value.astimezone(timezone.utc).replace(tzinfo=None, microsecond=0)
    # the page shows the minute truncated (15:34 for 02:34:47Z) or rounded (15:35): within a minute
    exact = wall - instant
    diff = _QUARTER * round(exact / _QUARTER)
    if not diff or abs(exact - diff) > timedelta(minutes=1) or not timedelta(hours=-11) <= diff <= timedelta(hours=14):
        return None
    if tz in _INDONESIAN_ZONES and diff not in _INDONESIAN_OFFSETS:
        return None
    return timezone(diff)


def _local(parsed: ParsedDate, zone) -> ParsedDate:
    """A machine date shown in the given zone when it was UTC/zone-less."""
    off = parsed.value.utcoffset()
    if off == timedelta(0) or not parsed.explicit_zone:
        return ParsedDate(parsed.value.astimezone(zone), parsed.has_time, parsed.explicit_zone, parsed.approximate)
    return parsed


def _url_day(url: str) -> date | None:
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _placeholder(parsed: ParsedDate) -> bool:
    """Template defaults: New Year's midnight, the epoch."""
    v = parsed.value
    return (v.month, v.day, v.hour, v.minute, v.second) == (1, 1, 0, 0, 0) or v.year < 2000


def _foreign_language_date(doc: Document, title_el, tz: str, now) -> ParsedDate | None:
    """A page in another language whose date nothing above could read: its metadata values and
    the lines around the headline, through dateparser's language detection (slow: last resort)."""
    texts = [v for key in PUBLISHED_META for v in doc.meta.get(key, ())[:1]]
    if title_el is not None:
        texts.extend(_header_texts(title_el))
        scope = _title_scope(title_el)
        for sel in GENERIC_DATE_SELECTORS:
            found = [el for el in doc.select(sel) if scope in el.iterancestors()]
            if not _teaser_list(found, tz, now):
                texts.extend(text_of(el) for el in found[:2])
    for text in texts[:8]:
        parsed = parse_foreign_date(text, tz=tz, now=now)
        if parsed is not None:
            return parsed
    return None


def _day(day: date, zone) -> ParsedDate:
    return ParsedDate(datetime(day.year, day.month, day.day, tzinfo=zone), False, False)


def _last_resort(doc: Document, title_el, tz: str, zone, now) -> tuple[ParsedDate | None, str]:
    """A page none of whose date layers answered: a foreign-language date near the headline
    (dateparser), the page's own date line when it has no headline (not on Indonesian sites, and
    never the crawl's day: top bars show today's date on every page), then the day in the lead
    image's dated upload path."""
    if tz != "Asia/Jakarta":
        parsed = _foreign_language_date(doc, title_el, tz, now)
        if parsed is not None:
            return parsed, "foreign"
    if title_el is None and tz not in _INDONESIAN_ZONES:
        # not on Indonesian sites, whose top bars show today's date on every page ("Minggu, 29 November
        # 2026"); and never today's date anywhere: that is the site's clock, not the article's day
        parsed = _page_date_line(doc, tz, now)
        if parsed is not None and parsed.value.date() != (now or datetime.now(zone)).astimezone(zone).date():
            return parsed, "date-line"
    image_day = _url_day(doc.meta_first("og:image", "twitter:image") or "")
    if image_day is not None and (now or datetime.now(zone)).date() >= image_day:
        return _day(image_day, zone), "image-url"
    return None, ""


_DATE_LINE_MAX = 60
_YEAR_IN = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _page_date_line(doc: Document, tz: str, now, max_nodes: int = 20000) -> ParsedDate | None:
    """The first text on the page that is only a date (a weekday, a date, a time at most):
    ``Miércoles, 15 de Abril de 2020``. Footers and comments do not count."""
    for count, el in enumerate(doc.root.iter()):
        if count > max_nodes:
            break
        if not isinstance(el.tag, str):
            continue
        for raw, owner in ((el.text, el), (el.tail, el.getparent())):
            if not raw or len(raw) > 3 * _DATE_LINE_MAX or not _YEAR_IN.search(raw):
                continue
            text = normalize_space(raw)
            if not 8 <= len(text) <= _DATE_LINE_MAX:
                continue
            parsed = parse_date(text, tz=tz, now=now, fallback=False)
            if parsed is None or parsed.approximate or not only_a_date(text):
                continue
            if owner is not None and _footer_or_comment(owner):
                continue
            return parsed
    return None


_FOOTER = re.compile(r"footer|copyright", re.I)


def _footer_or_comment(el) -> bool:
    for anc in (el, *el.iterancestors()):
        if anc.tag == "footer" or comment_region(anc):
            return True
        if _FOOTER.search(f"{anc.get('class') or ''} {anc.get('id') or ''}"):
            return True
    return False


def resolve_dates(doc: Document, sd: StructuredData, *, title_el=None, extra_selectors: tuple[str, ...] = (),
                  tz: str = "Asia/Jakarta", now: datetime | None = None, url: str = "") -> Dates:
    zone = zone_for(tz)
    machine = _meta_dates(doc, sd, PUBLISHED_META, sd.published, tz)
    machine_mod = _meta_dates(doc, sd, MODIFIED_META, sd.modified, tz)
    visible, weak = _visible_candidates(doc, (*extra_selectors, *DATE_SELECTORS), title_el, now, tz)
    vis_text = [p for p, from_attr, upd in visible if not from_attr and not upd]
    vis_attr = [p for p, from_attr, upd in visible if from_attr and not upd]
    vis_upd = [p for p, from_attr, upd in visible if upd]
    future_limit = (now or datetime.now(zone)) + timedelta(minutes=10)
    machine = [(s, p) for s, p in machine if p.value <= future_limit]

    shown = vis_text[0] if vis_text else None
    shown_zone = shown.value.tzinfo if shown is not None and shown.explicit_zone else zone
    published, source = None, ""
    meta = machine[0][1] if machine else None
    attr = vis_attr[0] if vis_attr else None
    if meta is None and attr is not None:
        meta, attr = attr, None
        src_meta = "time[datetime]"
    else:
        src_meta = machine[0][0] if machine else ""

    url_day = _url_day(url)
    if shown is not None and shown.approximate:
        shown = None if meta is not None else shown  # "2 jam yang lalu" only when nothing exact exists
    if shown is not None and meta is not None:
        local = _local(meta, shown_zone)
        wall = _wall_offset(shown, meta, tz)
        if _same_instant(meta.value, shown.value) or (not shown.has_time and local.value.date() == shown.value.date()):
            # shown in the visible zone when the line names one, else in the metadata's own stated offset
            keep = shown_zone if shown.explicit_zone else local.value.tzinfo
            published, source = ParsedDate(meta.value.astimezone(keep), True, True), f"{src_meta}+visible"
        elif wall is not None:
            # the visible local time of the metadata's instant: the page's own offset
            published, source = ParsedDate(meta.value.astimezone(wall), True, True), f"{src_meta}+visible"
        elif url_day is not None and (local.value.date() == url_day) != (shown.value.date() == url_day):
            # the dated permalink settles a disagreement
            published, source = (local, src_meta) if local.value.date() == url_day else (shown, "visible")
        elif weak and not _placeholder(meta):
            published, source = local, src_meta  # a date class somewhere on a page without a headline: a teaser's
        elif shown.has_time or _placeholder(meta):
            published, source = shown, "visible"  # a visible date and time beat a template's metadata
        else:
            published, source = local, src_meta  # a bare visible day is often another date (update, sidebar)
    elif meta is not None:
        published, source = _local(meta, shown_zone), src_meta
    elif shown is not None:
        published, source = shown, "visible"
    elif url_day is not None:
        published, source = _day(url_day, zone), "url"
    else:
        published, source = _last_resort(doc, title_el, tz, zone, now)

    modified = None
    if machine_mod:
        modified = _local(machine_mod[0][1], published.value.tzinfo if published else zone)
    elif vis_upd:
        modified = vis_upd[0]
    if modified is not None and published is not None and modified.value < published.value:
        modified = None
    return Dates(published, modified, source)
