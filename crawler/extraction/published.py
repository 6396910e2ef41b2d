"""Publication and modification dates: collect candidates from every layer, cross-check, pick one.

Machine dates (JSON-LD, ``article:*`` meta, CMS meta) are exact but often in
UTC or hard-coded by a template; the visible date line shows the local time and
zone (WIB/WITA/WIT). The visible date wins when the two disagree by more than a
timezone slip; otherwise the machine instant is shown in the page's own zone.
Dates are looked for only in the article's header region, never in sidebars,
related-post lists or the body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .dates import ParsedDate, find_date, parse_date, parse_foreign_date, parse_machine_date, zone_for
from .document import Document, text_of
from .patterns import DATE_SELECTORS, GENERIC_DATE_SELECTORS
from .regions import in_noise_region
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
    """Dates read from date elements in the article region: (parsed, from_attribute, is_update).

    Order: named date elements (profile, CMS), then the lines right after the
    headline, then generic date classes inside the headline's neighbourhood."""
    out = _read_date_elements(doc, selectors, None, now, tz)
    if not out and title_el is not None:
        for text in _header_texts(title_el):
            parsed = find_date(text, tz=tz, now=now)
            if parsed:
                out.append((parsed, False, bool(_UPDATED.search(text))))
                break
    if not out:
        scope = _title_scope(title_el) if title_el is not None else doc.root
        out = _read_date_elements(doc, GENERIC_DATE_SELECTORS, scope, now, tz)
    return out


def _read_date_elements(doc: Document, selectors, scope, now, tz):
    out = []
    for sel in selectors:
        found = doc.select(sel)
        if scope is not None and scope is not doc.root:
            found = [el for el in found if scope in el.iterancestors()]
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


#: Byline and date lines are short; a longer text after the headline is the story (whose dates never count).
_HEADER_LINE_MAX = 160


def _header_texts(title_el, limit: int = 6):
    """Short texts right after the headline (the usual byline/date line), then the one right before it."""
    yield from _texts_after(title_el, limit)
    node = title_el
    for _ in range(2):
        prev = node.getprevious()
        if prev is not None:
            text = text_of(prev)
            if text and len(text) <= _HEADER_LINE_MAX:
                yield text
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
                yield text
                count += 1
            sib = sib.getnext()
        node = node.getparent()
        if node is None or node.tag in ("body", "html"):
            break


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
        texts.extend(text_of(el) for sel in GENERIC_DATE_SELECTORS for el in doc.select(sel)[:2]
                     if _title_scope(title_el) in el.iterancestors())
    for text in texts[:8]:
        parsed = parse_foreign_date(text, tz=tz, now=now)
        if parsed is not None:
            return parsed
    return None


def resolve_dates(doc: Document, sd: StructuredData, *, title_el=None, extra_selectors: tuple[str, ...] = (),
                  tz: str = "Asia/Jakarta", now: datetime | None = None, url: str = "") -> Dates:
    zone = zone_for(tz)
    machine = _meta_dates(doc, sd, PUBLISHED_META, sd.published, tz)
    machine_mod = _meta_dates(doc, sd, MODIFIED_META, sd.modified, tz)
    visible = _visible_candidates(doc, (*extra_selectors, *DATE_SELECTORS), title_el, now, tz)
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
        if _same_instant(meta.value, shown.value) or (not shown.has_time and local.value.date() == shown.value.date()):
            published, source = ParsedDate(meta.value.astimezone(shown_zone), True, True), f"{src_meta}+visible"
        elif url_day is not None and (local.value.date() == url_day) != (shown.value.date() == url_day):
            # the dated permalink settles a disagreement
            published, source = (local, src_meta) if local.value.date() == url_day else (shown, "visible")
        elif shown.has_time or _placeholder(meta):
            published, source = shown, "visible"  # a visible date and time beat a template's metadata
        else:
            published, source = local, src_meta  # a bare visible day is often another date (update, sidebar)
    elif meta is not None:
        published, source = _local(meta, shown_zone), src_meta
    elif shown is not None:
        published, source = shown, "visible"
    elif url_day is not None:
        published, source = ParsedDate(datetime(url_day.year, url_day.month, url_day.day, tzinfo=zone), False, False), "url"
    elif tz != "Asia/Jakarta":
        published = _foreign_language_date(doc, title_el, tz, now)
        source = "foreign" if published is not None else ""

    modified = None
    if machine_mod:
        modified = _local(machine_mod[0][1], published.value.tzinfo if published else zone)
    elif vis_upd:
        modified = vis_upd[0]
    if modified is not None and published is not None and modified.value < published.value:
        modified = None
    return Dates(published, modified, source)
