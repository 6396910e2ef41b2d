"""URL routing of the fake site: request path -> :class:`Response` with a *kind*.

The kind classifies every request for the test assertions (``article``,
``listing``, ``sitemap``... or one of :data:`TRAP_KINDS`). One router per style:
:class:`WpRouter` and :class:`PortalRouter`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import parse_qs, urlsplit

from . import feeds
from .content import ArticleStore
from .templates import STATIC_PAGES, PortalTheme, WpTheme
from .urls import PortalUrls, WpUrls

HTML = "text/html; charset=UTF-8"
XML = "application/xml; charset=UTF-8"
TEXT = "text/plain; charset=UTF-8"

#: Request kinds that a well-behaved crawler should (almost) never produce.
TRAP_KINDS = frozenset({"calendar", "beyond_last", "search", "admin", "comment_feed", "replytocom",
                        "attachment", "tracking", "amp", "disallowed", "shortlink"})

GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"


@dataclass
class Response:
    status: int
    kind: str
    body: bytes = b""
    ctype: str = HTML
    last_modified: datetime | None = None
    headers: dict = field(default_factory=dict)
    article_id: int | None = None


def not_found(kind: str = "not_found") -> Response:
    return Response(404, kind, b"<!DOCTYPE html><html><head><title>404</title></head><body><h1>Halaman tidak ditemukan</h1></body></html>")


def redirect(url: str, kind: str, status: int = 301) -> Response:
    return Response(status, kind, b"", headers={"Location": url})


def _int(q: dict, key: str, default: int = 1) -> int:
    try:
        return int(q[key][0])
    except (KeyError, ValueError):
        return default


def _day(text: str) -> date | None:
    """A calendar day (not the first or last representable one: those have no neighbours)."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if date.min < day < date.max else None


class WpRouter:
    """Routes of the WordPress-style site."""

    theme_cls, urls_cls = WpTheme, WpUrls
    PER_PAGE = 10
    ARTICLE = re.compile(r"^/(\d{4})/(\d{2})/(\d{2})/([a-z0-9-]+)/(?:(\d+)/|(amp)/|(feed)/|attachment/foto-(\d+)/)?$")
    LISTING = re.compile(r"^/(category|tag|author)/([a-z0-9-]+)/(?:page/(\d+)/)?$")
    MONTH = re.compile(r"^/(\d{4})/(\d{2})/$")

    def __init__(self, store: ArticleStore, base: str, site_name: str, sitemap_size: int = 1000):
        self.store, self.name = store, site_name
        self.u = self.urls_cls(base)
        self.t = self.theme_cls(store, self.u, site_name)
        self.sitemaps = feeds.Sitemaps(store, self.u, sitemap_size)

    def html(self, text: str, kind: str, when: datetime | None = None, article: int | None = None) -> Response:
        return Response(200, kind, text.encode(), HTML, when or self.store.clock, article_id=article)

    def dispatch(self, raw: str) -> Response:
        parts = urlsplit(raw)
        q = parse_qs(parts.query, keep_blank_values=True)
        return self.route(parts.path or "/", q)

    def article_kind(self, q: dict) -> str:
        if "replytocom" in q:
            return "replytocom"
        if any(k.startswith("utm_") or k in ("fbclid", "gclid") for k in q):
            return "tracking"
        return "article"

    def paged(self, heading: str, kind: str, slug: str, ids: list[int], page: int) -> Response:
        """A newest-first listing page; past the end it serves the last page again (200)."""
        last = max(1, math.ceil(len(ids) / self.PER_PAGE))
        shown = min(max(page, 1), last)
        start = len(ids) - (shown - 1) * self.PER_PAGE
        chunk = ids[max(start - self.PER_PAGE, 0):start][::-1]
        text = self.t.listing(heading, kind, slug, chunk, max(page, 1), last)
        return self.html(text, "beyond_last" if page > last else "listing")

    def common(self, path: str, q: dict) -> Response | None:
        """Routes both styles share."""
        st, t = self.store, self.t
        if path == "/":
            if "p" in q and "s" not in q and self.u.style == "wp":
                i = _int(q, "p", 0)
                return redirect(self.u.article(st.get(i)), "shortlink") if st.visible(i) else not_found("shortlink")
            if "s" in q:
                page = max(1, _int(q, "paged" if self.u.style == "wp" else "page"))
                term = q["s"][0].lower()
                hits = [i for i in st.latest(200) if term in st.get(i).title.lower()]
                tags = sorted({tag for i in st.latest(5) for tag in st.get(i).tags})[:5]
                chunk = hits[(page - 1) * self.PER_PAGE:page * self.PER_PAGE]
                return self.html(t.search(q["s"][0], page, chunk, tags), "search")
            return self.html(t.home(), "home")
        if path == "/robots.txt":
            return Response(200, "robots", feeds.robots(self.u, self.u.style == "wp").encode(), TEXT, st.now)
        if path.startswith("/wp-admin"):
            return redirect(f"{self.u.base}/wp-login.php?redirect_to={self.u.base}%2Fwp-admin%2F&reauth=1", "admin", 302)
        if path == "/wp-login.php":
            return self.html(t.login(), "admin")
        if path.startswith(("/wp-content/", "/wp-includes/", "/assets/")):
            if path.endswith((".jpg", ".png")):
                return Response(200, "asset", GIF, "image/gif", st.now)
            ctype = "text/css" if ".css" in path else "application/javascript"
            return Response(200, "asset", b"/* fakesite */\n", ctype + "; charset=UTF-8", st.now)
        if path.strip("/") in STATIC_PAGES and path.endswith("/") == (self.u.style == "wp"):
            return self.html(t.static(path.strip("/")), "static", st.published(1))
        if path.startswith("/rahasia/"):
            secret = st.get(0)
            if path == self.u.secret(secret)[len(self.u.base):]:
                return self.html(t.article(secret), "disallowed", secret.published, 0)
            return not_found("disallowed")
        return None

    def route(self, path: str, q: dict) -> Response:
        res = self.common(path, q)
        if res is not None:
            return res
        st, t, u = self.store, self.t, self.u
        if m := self.ARTICLE.match(path):
            y, mo, d, slug, page, amp, feed, att = m.groups()
            try:
                a = st.find(date(int(y), int(mo), int(d)), slug)
            except ValueError:
                a = None
            if a is None:
                return not_found()
            if amp:
                return self.html(t.amp(a), "amp", a.updated, a.id)
            if feed:
                return Response(200, "comment_feed", feeds.comment_feed(a, u, self.name).encode(),
                                "application/rss+xml; charset=UTF-8", a.updated, article_id=a.id)
            if att:
                return self.html(t.attachment(a, int(att)), "attachment", a.updated, a.id)
            n = int(page or 1)
            if not 1 <= n <= a.n_pages or page == "1":
                return not_found()
            return self.html(t.article(a, n), self.article_kind(q), a.updated, a.id)
        if m := self.LISTING.match(path):
            kind, slug, page = m.groups()
            kind = {"category": "section"}.get(kind, kind)
            ids = st.listing(kind, slug)
            if ids is None:
                return not_found()
            return self.paged(st.name_of(kind, slug), kind, slug, ids, int(page or 1))
        if m := self.MONTH.match(path):
            day = _day(q.get("cal", [""])[0]) or _day(f"{m[1]}-{m[2]}-01")
            return self.html(t.calendar(day, st.ids_on(day)), "calendar") if day else not_found()
        return self.feeds(path, q)

    def feeds(self, path: str, q: dict) -> Response:
        st, u, sm = self.store, self.u, self.sitemaps
        if path == "/sitemap_index.xml":
            return Response(200, "sitemap", sm.index().encode(), XML, st.clock)
        if path == "/news-sitemap.xml":
            return Response(200, "sitemap", sm.news(self.name).encode(), XML, st.clock)
        if path == "/page-sitemap.xml":
            return Response(200, "sitemap", sm.pages().encode(), XML, st.published(1))
        if m := re.match(r"^/post-sitemap(\d+)\.xml(\.gz)?$", path):
            k = int(m[1])
            if sm.chunk_name(k) != path[1:] or (doc := sm.chunk(k)) is None:
                return not_found()
            if isinstance(doc, bytes):
                return Response(200, "sitemap", doc, "application/x-gzip", st.clock)
            return Response(200, "sitemap", doc.encode(), XML, st.clock)
        if path == "/feed/":
            return Response(200, "feed", feeds.rss(st, u, self.name).encode(), "application/rss+xml; charset=UTF-8", st.clock)
        if path in ("/wp-json/", "/wp-json"):
            return Response(200, "api", feeds.wp_json_root(u, self.name).encode(), "application/json; charset=UTF-8", st.clock)
        if path == "/wp-json/wp/v2/posts":
            status, text, headers = feeds.wp_json_posts(st, u, _int(q, "page"), _int(q, "per_page", 10))
            return Response(status, "api", text.encode(), "application/json; charset=UTF-8", st.clock, headers)
        return not_found()


class PortalRouter(WpRouter):
    """Routes of the regional-portal site (no sitemap, feed or API)."""

    theme_cls, urls_cls = PortalTheme, PortalUrls
    INDEKS_PER_PAGE = 20
    ARTICLE = re.compile(r"^/(amp/)?read/(\d+)/([a-z0-9-]+)(?:/(feed)|/attachment/foto-(\d+)/)?$")
    LISTING = re.compile(r"^/(kanal|tag)/([a-z0-9-]+)$")

    def route(self, path: str, q: dict) -> Response:
        res = self.common(path, q)
        if res is not None:
            return res
        st, t, u = self.store, self.t, self.u
        if m := self.ARTICLE.match(path):
            amp, i, slug, feed, att = m.groups()
            i = int(i)
            if not st.visible(i) or st.get(i).slug != slug:
                return not_found()
            a = st.get(i)
            if amp:
                return self.html(t.amp(a), "amp", a.updated, a.id)
            if feed:
                return Response(200, "comment_feed", feeds.comment_feed(a, u, self.name).encode(),
                                "application/rss+xml; charset=UTF-8", a.updated, article_id=a.id)
            if att:
                return self.html(t.attachment(a, int(att)), "attachment", a.updated, a.id)
            raw = q.get("page", ["1"])[0]
            if raw == "all" and a.n_pages > 1:
                return self.html(t.article(a, "all"), self.article_kind(q), a.updated, a.id)
            page = _int(q, "page")
            if not 1 <= page <= a.n_pages:
                return not_found()
            return self.html(t.article(a, page), self.article_kind(q), a.updated, a.id)
        if path == "/indeks":
            return self.indeks(_int(q, "page"))
        if m := self.LISTING.match(path):
            kind = {"kanal": "section"}.get(m[1], m[1])
            ids = st.listing(kind, m[2])
            if ids is None:
                return not_found()
            return self.paged(st.name_of(kind, m[2]), kind, m[2], ids, _int(q, "page"))
        if path == "/arsip":
            day = _day(q.get("tgl", [""])[0])
            return self.html(t.calendar(day, st.ids_on(day)), "calendar") if day else not_found()
        return not_found()

    def indeks(self, page: int) -> Response:
        st, per = self.store, self.INDEKS_PER_PAGE
        last = max(1, math.ceil(st.total / per))
        shown = min(max(page, 1), last)
        text = self.t.listing("Indeks Berita", "indeks", "", st.latest(per, (shown - 1) * per), max(page, 1), last)
        return self.html(text, "beyond_last" if page > last else "listing")


def make_router(style: str, store: ArticleStore, base: str, site_name: str, sitemap_size: int = 1000) -> WpRouter:
    routers = {"wp": WpRouter, "portal": PortalRouter}
    if style not in routers:
        raise ValueError(f"unknown style {style!r}; expected one of {sorted(routers)}")
    return routers[style](store, base, site_name, sitemap_size)


__all__ = ["Response", "TRAP_KINDS", "make_router"]
