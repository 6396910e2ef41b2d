"""Deterministic, lazy generation of the fake site's articles.

Everything about article ``i`` is a pure function of ``(seed, n_articles, now, i)``,
so nothing is pre-generated: :class:`ArticleStore` builds an :class:`Article` on
demand (LRU-cached) and its body only when asked. Ids run 1..``total``; a higher
id is always a newer article (publication times are strictly increasing, about
five a day, the newest shortly before ``now``). Ids above ``n_articles`` are the
"published later" ones, dated after ``now``. Id 0 is the secret article that
only lives under ``/rahasia/``.
"""

from __future__ import annotations

import math
import random
import re
import threading
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from functools import cached_property, lru_cache

from . import phrases as P

WIB = timezone(timedelta(hours=7))
#: Default fixed "now" of a site (a Friday afternoon, WIB).
DEFAULT_NOW = datetime(2024, 10, 18, 15, 0, tzinfo=WIB)

GAP = 288 * 60                   # seconds between consecutive articles (5 a day)
JIT_MIN, JIT_MAX = 3 * 60, 240 * 60  # jitter subtracted from the slot (< GAP)
MULTIPAGE_RATE = 0.05
SECTION_SLUGS = dict(P.SECTIONS)


@lru_cache(maxsize=1 << 14)
def slugify(text: str) -> str:
    """WordPress-like ``sanitize_title``: lowercase ascii words joined by ``-``."""
    text = text.lower().replace("&", " ").replace(".", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def stable_hash(*parts: int) -> int:
    """Stable 64-bit hash of small ints (splitmix64 chain)."""
    x = 0x9E3779B97F4A7C15
    for p in parts:
        x = (x ^ (p & 0xFFFFFFFFFFFFFFFF)) + 0x9E3779B97F4A7C15 & 0xFFFFFFFFFFFFFFFF
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9 & 0xFFFFFFFFFFFFFFFF
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB & 0xFFFFFFFFFFFFFFFF
        x ^= x >> 31
    return x


def thousands(n: int) -> str:
    """``12345`` -> ``12.345`` (Indonesian digit grouping)."""
    return f"{n:,}".replace(",", ".")


def _person(rng: random.Random) -> str:
    x = rng.getrandbits(24)
    return f"{P.FIRST[(x & 0xFFF) % len(P.FIRST)]} {P.LAST[(x >> 12) % len(P.LAST)]}"


@dataclass(eq=False)
class Article:
    """One generated article; ``pages`` (the body) is built on first access."""

    id: int
    title: str
    slug: str
    published: datetime          # tz-aware, WIB
    modified: datetime | None
    authors: tuple[str, ...]
    editor: str
    section: str
    tags: tuple[str, ...]
    dateline: str
    region: str
    facts: dict = field(repr=False)
    n_pages: int = 1
    n_paras: int = 6
    body_seed: int = 0
    event: str = ""
    figure: bool = False

    @property
    def author(self) -> str:
        return ", ".join(self.authors)

    @property
    def section_slug(self) -> str:
        return SECTION_SLUGS[self.section]

    @property
    def updated(self) -> datetime:
        return self.modified or self.published

    @cached_property
    def pages(self) -> tuple[tuple[str, ...], ...]:
        """Paragraph texts per page; the first carries the dateline, the last ``(*)``."""
        paras = _body(self)
        size = math.ceil(len(paras) / self.n_pages)
        return tuple(tuple(paras[k:k + size]) for k in range(0, len(paras), size))

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(p for page in self.pages for p in page)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def description(self) -> str:
        lead = self.paragraphs[0].split(" - ", 1)[1]
        return lead.split(". ")[0].rstrip(".") + "."

    @property
    def caption(self) -> str:
        return self.facts["caption"]


def _event_day(rng: random.Random, pub: datetime) -> str:
    if rng.random() < 0.5:
        day, waktu = pub.date(), ("pagi" if pub.hour >= 10 else "dini hari")
    else:
        day, waktu = pub.date() - timedelta(days=1), rng.choice(P.WAKTU)
    return f"{P.DAYS[day.weekday()]} ({day.day}/{day.month}) {waktu}"


def _facts(rng: random.Random, region: dict, pub: datetime) -> dict:
    kota = region["kota"]
    kec = rng.choice(region["kec"])
    desa, desa2 = rng.sample(P.DESA, 2)
    other = rng.choice([r for r in P.REGIONS if r["klub"] != region["klub"]])
    a, b = rng.randint(1, 4), rng.randint(0, 2)
    price = rng.randint(25, 95) * 1000
    f = dict(
        reg=region["name"], regs=region["short"], kec=kec, desa=desa, desa2=desa2,
        pemda=("Pemkot " if kota else "Pemkab ") + region["short"],
        kepala=("Wali Kota " if kota else "Bupati ") + region["short"],
        kepala_nama=_person(rng),
        polres=f"Polres {region['short']}" + (" Kota" if kota and region["short"] == "Probolinggo" else ""),
        kapolres="AKBP " + _person(rng), kapolsek=rng.choice(("AKP ", "Iptu ")) + _person(rng),
        kasat="AKP " + _person(rng), camat=_person(rng), kades=_person(rng),
        kalak=_person(rng), kadis=_person(rng), kadinkes=_person(rng), kadisdik=_person(rng),
        warga=_person(rng), warga2=_person(rng), umur=rng.randint(24, 68), umur2=rng.randint(24, 68),
        pelaku=f"{rng.choice('ABDEFHMRSY')}{rng.choice('AHKNPRSW')} ({rng.randint(19, 41)})",
        pasar=region["pasar"], klub=region["klub"], lawan=other["klub"], stadion=region["stadion"],
        festival=rng.choice(P.FESTIVALS), skor_a=max(a, b + 1), skor_b=b,
        n1=rng.randint(2, 9), n2=rng.randint(12, 95), n3=rng.randint(110, 980),
        tinggi=rng.randint(30, 150), jarak=thousands(rng.randint(2, 60) * 50),
        anggaran=f"Rp{rng.randint(1, 9)},{rng.randint(1, 9)} miliar",
        harga="Rp" + thousands(price), harga_lama="Rp" + thousands(price - rng.randint(3, 15) * 1000),
        persen=rng.randint(5, 40), tahun=pub.year + rng.randint(0, 1), ke=rng.randint(150, 700),
        when=_event_day(rng, pub),
    )
    f["caption"] = rng.choice(P.CAPTIONS).format_map(f)
    return f


def _body(a: Article) -> list[str]:
    rng = random.Random(a.body_seed)
    ev = EVENTS[a.event]
    f = a.facts
    pool = list(ev["body"]) + list(ev["quotes"]) + list(P.GENERIC_BODY) + list(P.GENERIC_QUOTES)
    middle = [t.format_map(f) for t in rng.sample(pool, a.n_paras - 2)]
    closing = rng.choice(P.GENERIC_CLOSING).format_map(f) + " (*)"
    return [f"{a.dateline} - {f['lead']}", *middle, closing]


EVENTS = {e["key"]: e for e in P.EVENTS}


class ArticleStore:
    """Lazy, thread-safe source of the site's articles and their indexes."""

    def __init__(self, seed: int = 1, n_articles: int = 300, now: datetime = DEFAULT_NOW):
        if now.tzinfo is None:
            now = now.replace(tzinfo=WIB)
        self.seed, self.n = seed, n_articles
        self.now = now.astimezone(WIB)
        self.total = n_articles
        staff = random.Random(stable_hash(seed, 99))
        names = []
        while len(names) < 13:
            name = _person(staff)
            if name not in names:
                names.append(name)
        self.reporters, self.editors = tuple(names[:10]), tuple(names[10:])
        self._lock = threading.Lock()
        self._indexed = 0
        self._index: dict[tuple[str, str], list[int]] = {}
        self._names: dict[tuple[str, str], str] = {}
        self.get = lru_cache(maxsize=4096)(self._make)
        self.published = lru_cache(maxsize=1 << 16)(self._published)

    # -- time ------------------------------------------------------------
    def _published(self, i: int) -> datetime:
        """Publication time of id ``i`` (WIB, whole minutes); strictly increasing in ``i``."""
        jitter = JIT_MIN + stable_hash(self.seed, i, 1) % (JIT_MAX - JIT_MIN)
        t = self.now - timedelta(seconds=(self.n - i) * GAP + jitter)
        return t - timedelta(seconds=t.second, microseconds=t.microsecond)

    @property
    def clock(self) -> datetime:
        """The site's current time: ``now``, or the newest article if later."""
        return max(self.now, self.published(self.total))

    def _ids_dated(self, day: date) -> list[int]:
        """All ids >= 1 (visible or not yet) published on ``day`` (WIB), by inverting the time formula."""
        d0 = datetime.combine(day, time(), WIB)
        span = (self.now - d0).total_seconds()
        lo = math.ceil(self.n - (span - JIT_MIN) / GAP)
        hi = math.floor(self.n - (span - 86400 - JIT_MAX - 60) / GAP) + 1
        return [i for i in range(max(lo, 1), hi + 1) if self.published(i).date() == day]

    def ids_on(self, day: date) -> list[int]:
        """Visible ids published on ``day`` (WIB), oldest first."""
        return [i for i in self._ids_dated(day) if i <= self.total]

    # -- articles --------------------------------------------------------
    def _make(self, i: int) -> Article:
        rng = random.Random(stable_hash(self.seed, i, 3))
        pub = self.published(i)
        region = rng.choice(P.REGIONS)
        ev = rng.choice(P.EVENTS)
        f = _facts(rng, region, pub)
        k = rng.randrange(len(ev["titles"]))
        title = ev["titles"][k].format_map(f)
        f["lead"] = ev["lead"][k % len(ev["lead"])].format_map(f)
        r = rng.random()
        if r < 0.08:
            authors = ("Redaksi",)
        elif r < 0.20:
            authors = tuple(rng.sample(self.reporters, 2))
        else:
            authors = (rng.choice(self.reporters),)
        modified = None
        if rng.random() < 0.25 and i <= self.n:
            mod = pub + timedelta(minutes=rng.randint(5, 300))
            modified = mod if mod <= self.now else None
        multi = rng.random() < MULTIPAGE_RATE
        n_pages = rng.choice((2, 3)) if multi else 1
        n_paras = rng.randint(9, 12) if multi else rng.randint(4, 12)
        tags = list(ev["tags"][: rng.randint(1, 2)]) + [region["short"]]
        if rng.random() < 0.5:
            tags.append(f"Kecamatan {f['kec']}")
        dateline = region["name"].upper() if region["kota"] else region["short"].upper()
        slug = slugify(title)
        if i > 0:  # WordPress-style "-2" suffix when an earlier same-day post has the slug
            dup = sum(1 for j in self._ids_dated(pub.date()) if j < i and slugify(self.get(j).title) == slug)
            slug = f"{slug}-{dup + 1}" if dup else slug
        return Article(
            id=i, title=title, slug=slug, published=pub, modified=modified,
            authors=authors, editor=rng.choice(self.editors), section=ev["section"],
            tags=tuple(tags), dateline=dateline, region=region["name"], facts=f,
            n_pages=n_pages, n_paras=n_paras, body_seed=stable_hash(self.seed, i, 4),
            event=ev["key"], figure=rng.random() < 0.4)

    def find(self, day: date, slug: str) -> Article | None:
        """The visible article published on ``day`` with ``slug``, if any."""
        for i in self.ids_on(day):
            if self.get(i).slug == slug:
                return self.get(i)
        return None

    def visible(self, i: int) -> bool:
        return 1 <= i <= self.total

    def latest(self, count: int, offset: int = 0) -> list[int]:
        """Visible ids, newest first."""
        top = self.total - offset
        return list(range(top, max(top - count, 0), -1))

    def publish(self, k: int) -> list[int]:
        """Make ``k`` more (newer) articles visible; returns their ids."""
        with self._lock:
            first = self.total + 1
            self.total += k
        return list(range(first, first + k))

    # -- indexes (section / tag / author), built lazily -----------------
    def listing(self, kind: str, slug: str) -> list[int] | None:
        """Ids (oldest first) of a ``section``/``tag``/``author`` slug, or None if unknown."""
        with self._lock:
            while self._indexed < self.total:
                self._indexed += 1
                a = self.get(self._indexed)
                keys = [("section", a.section_slug, a.section)]
                keys += [("tag", slugify(t), t) for t in a.tags]
                keys += [("author", slugify(n), n) for n in a.authors]
                for kind_, s, name in keys:
                    self._index.setdefault((kind_, s), []).append(a.id)
                    self._names[(kind_, s)] = name
            ids = self._index.get((kind, slug))
            if ids is None:
                return [] if kind == "section" and slug in SECTION_SLUGS.values() else None
            return list(ids)

    def name_of(self, kind: str, slug: str) -> str:
        if kind == "section":
            return {v: k for k, v in SECTION_SLUGS.items()}[slug]
        self.listing(kind, slug)
        return self._names.get((kind, slug), slug)
