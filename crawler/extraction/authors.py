"""Bylines: turn raw byline text into clean person names, an editor, or an institution.

Handles the Indonesian forms: ``Penulis: X | Editor: Y``, ``Pewarta:``, ``Oleh :``,
``Reporter : X | date``, ``Name - detikJatim``, ``Name - KOTAPROBOLINGGO.MATAPUBLIK.CO.ID``
(split on the last dash, drop the host/site token), name lists joined by
commas or ``dan``, and institutional bylines (``Redaksi``, the outlet).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .dates import WEEKDAY_RE
from .document import normalize_space
from .patterns import AUTHOR_LABELS, EDITOR_LABELS, SOURCE_LABELS

_LABEL = re.compile(rf"^\s*{AUTHOR_LABELS}\s*[:\-–—]?\s*", re.I)
_EDITOR = re.compile(rf"\b{EDITOR_LABELS}\s*[:\-–—]\s*(?P<name>[^|\n]+)", re.I)
_SEGMENT = re.compile(r"\s*(?:\||\u2022|·|/{2}|\n)\s*")
_SITE_TOKEN = re.compile(r"(?:\.(?:com|co\.id|id|net|org|news|info|tv)\b|^detik\w*$|^(?:antara|kompas|tribun|okezone|liputan6|suara|tempo|viva|merdeka|republika|jawapos|radar)\w*)", re.I)
_DATEISH = re.compile(
    r"\d{1,2}[:.]\d{2}|\d{4}|\b\d{1,2}\s+(?:jan|feb|peb|mar|apr|mei|may|jun|jul|agu|agt|ags|aug|sep|okt|oct|nov|nop|des|dec)[a-z]*\b|"
    rf"\b(?:{WEEKDAY_RE}|wib|wita|wit)\b", re.I)
_JUNK = re.compile(r"developer|webmaster|wordpress|https?:|www\.|@|\.php|\buser\b|\bguest\b|\bunknown\b|\bnull\b", re.I)
_INSTITUTION = re.compile(
    r"^(?:tim\s+)?(?:redaksi|redaktur|admin(?:istrator)?|editorial|desk|newsroom|humas|staff|tim|kontributor|"
    r"tim\s+\w+|\w+\s*(?:news|media|online|\.com|\.co\.id|\.id))$", re.I)
_SOURCE = re.compile(rf"^\s*{SOURCE_LABELS}\s*:\s*", re.I)
_ROLE_PREFIX = re.compile(r"^(?:kontributor|koresponden|wartawan|jurnalis|fotografer)\s+[^,:]{1,40},\s*", re.I)
_INSTITUTION_WORDS = re.compile(
    r"\b(?:media|news|cyber|group|grup|digital|network|pt|tbk|redaksi|newsroom|online|tv|radio|antara|biro|desk|"
    r"humas|pemkot|pemkab|pemprov|diskominfo|kominfo|polres|polda|polresta|kodim|korem|dinas|sekretariat|setda)\b", re.I)
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|&|/|\bdan\b|\band\b)\s*", re.I)
#: Academic and religious titles written after a name (``Ahmad Fauzi, M.Pd.I``), never a person.
_DEGREE = re.compile(r"^(?:[SMD]\.?\s?[A-Za-z]{0,4}(?:\.[A-Za-z]{1,4})*\.?|Dr\.?|Ir\.?|H\.?|Hj\.?|Prof\.?|Lc\.?|MA|PhD|"
                     r"SH|MH|SE|MM|MT|ST|SP|SIP|SIK|MBA)$")
_EDITOR_NO_COLON = re.compile(rf"^(?i:{EDITOR_LABELS})\s+(?P<name>[A-Z][\w.'’ ]{{2,50}})$")
_PARENTHETICAL = re.compile(r"\s*\([^)]{1,60}\)\s*$")
_NAME_CHARS = re.compile(r"^[^\W\d_][\w.'’`\- ]*$", re.U)
_SITE_SUFFIX = re.compile(r"^(?P<name>.+?)\s*[-–—|,/]\s*(?P<tail>[^-–—|,/]+)$")
_SUFFIX_SEPARATOR = re.compile(r"[-–—|,/]")
_NON_ALNUM = re.compile(r"[^a-z0-9]")
_LAPORAN_WARTAWAN = re.compile(r"^laporan wartawan\s+\S+\s*,?\s*", re.I)
_TRAILING_WEEKDAY = re.compile(r"\b(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu)\s*$", re.I)
_LEADING_BY = re.compile(r"^(?:oleh|by)\s+", re.I)


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    institutions: list[str] = field(default_factory=list)
    editor: str | None = None


def is_junk_name(name: str) -> bool:
    return bool(_JUNK.search(name)) or len(name) < 2 or len(name) > 60


def is_institution(name: str, site_names: tuple[str, ...] = ()) -> bool:
    low = name.lower().strip()
    if _INSTITUTION.match(low) or _INSTITUTION_WORDS.search(low):
        return True
    if _SITE_TOKEN.search(low.replace(" ", "")) and (" " not in low or "." in low):
        return True
    return _same_name(low, site_names)


def looks_like_person(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 6 or not _NAME_CHARS.match(name):
        return False
    if _DATEISH.search(name):
        return False
    return any(w[:1].isupper() for w in words)


def _strip_site_suffix(text: str, site_names: tuple[str, ...] = ()) -> str:
    """``Name - SITE`` / ``Name, SITE`` -> ``Name`` when the tail is a site token or the outlet's name."""
    # (most names hold no separator: one scan for it spares the pattern's backtracking over them)
    m = _SITE_SUFFIX.match(text) if _SUFFIX_SEPARATOR.search(text) else None
    if m:
        tail = m.group("tail").strip()
        if (_SITE_TOKEN.search(tail.replace(" ", "")) or (tail.isupper() and "." in tail) or _DATEISH.search(tail)
                or _same_name(tail, site_names)):
            return m.group("name").strip()
    return text


def _same_name(a: str, names: tuple[str, ...]) -> bool:
    key = _NON_ALNUM.sub("", a.lower())
    return bool(key) and key in _name_keys(names)


@lru_cache(maxsize=256)
def _name_keys(names: tuple[str, ...]) -> frozenset[str]:
    """The outlet's names as :func:`_same_name` compares them: made once, not for each name
    compared (the names are a page's site names, the same on every page of a site)."""
    return frozenset(_NON_ALNUM.sub("", n.lower()) for n in names if n)


def _split_people(text: str) -> list[str]:
    parts = [p.strip(" .:-") for p in _SPLIT_NAMES.split(text)]
    names: list[str] = []
    for part in parts:
        if not part:
            continue
        if _DEGREE.match(part) and names:
            continue  # an academic title after a comma belongs to the previous name
        names.append(part)
    return names


def parse_byline(raw: str, site_names: tuple[str, ...] = ()) -> Byline:
    """Parse one byline string (visible text or metadata) into persons, institutions and editor."""
    authors, institutions, editor = _parse_byline(raw or "", tuple(site_names))
    return Byline(list(authors), list(institutions), editor)


# A site's pages repeat the same few credit lines (``Editor: X``, its reporters' names): parsed once.
@lru_cache(maxsize=1024)
def _parse_byline(raw: str, site_names: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    """:func:`parse_byline`'s result as (authors, institutions, editor), immutable for the cache."""
    result = Byline()
    text = "\n".join(filter(None, (normalize_space(line) for line in raw.splitlines())))
    if not text or "://" in text or text.lower().startswith("www."):
        return (), (), None  # an author URL, not a byline
    m = _EDITOR.search(text)
    if m:
        editor = _clean_name(_strip_site_suffix(_cut_at_date(m.group("name")), site_names))
        if editor and looks_like_person(editor) and not is_junk_name(editor):
            result.editor = editor
        text = text[: m.start()] + " | " + text[m.end():]
    for segment in _SEGMENT.split(text):
        segment = segment.strip(" |,-–—:")
        if not segment:
            continue
        m_editor = _EDITOR_NO_COLON.match(segment)
        if m_editor and looks_like_person(m_editor.group("name")):
            result.editor = result.editor or _clean_name(m_editor.group("name"))
            continue
        segment = _ROLE_PREFIX.sub("", segment)  # "Kontributor Lhokseumawe, Masriadi"
        source_credit = bool(_SOURCE.match(segment))
        if source_credit:
            segment = _SOURCE.sub("", segment, count=1)
        segment = _LABEL.sub("", segment, count=1)  # "Penulis:", "Oleh", "By"
        segment = _LAPORAN_WARTAWAN.sub("", segment)
        segment = _ROLE_PREFIX.sub("", segment)
        segment = _strip_site_suffix(_cut_at_date(_strip_site_suffix(segment, site_names)), site_names)
        segment = _PARENTHETICAL.sub("", segment)  # "Andi Saputra (Antara)", "Hasan Basri (HB)"
        for name in _split_people(segment):
            name = _clean_name(name)
            if not name or is_junk_name(name):
                continue
            if source_credit or is_institution(name, site_names):
                result.institutions.append(name)
            elif looks_like_person(name):
                if name not in result.authors:
                    result.authors.append(name)
    return tuple(result.authors), tuple(result.institutions), result.editor


def _cut_at_date(text: str) -> str:
    """A date glued to a name (``Budi Santoso Selasa 14-01-2025``): keep what comes before it."""
    d = _DATEISH.search(text)
    if not d:
        return text
    text = text[: d.start()].strip(" ,-–—|")
    return _TRAILING_WEEKDAY.sub("", text).strip(" ,-–—")


def _clean_name(name: str) -> str:
    name = normalize_space(name).strip(" .,:;-–—|()[]")
    name = _LEADING_BY.sub("", name)
    if name.isupper() and len(name) > 3:
        name = name.title()
    return name
