"""URL builders of the two site styles (``wp`` and ``portal``).

Each builder only *writes* absolute URLs for links; parsing incoming paths is
:mod:`crawler.fakesite.routes`' job. Both classes share one interface so the
templates can be style-agnostic where the markup is.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote_plus

from .content import Article


def add_query(url: str, query: str) -> str:
    """Append ``query`` (``a=b&c=d``) to ``url``, keeping any ``#fragment`` last."""
    url, hash_, frag = url.partition("#")
    return f"{url}{'&' if '?' in url else '?'}{query}{hash_}{frag}"


class WpUrls:
    """WordPress permalinks: ``/YYYY/MM/DD/slug/``, ``/category/x/page/N/``..."""

    style = "wp"

    def __init__(self, base: str):
        self.base = base

    def home(self) -> str:
        return self.base + "/"

    def article(self, a: Article, page: int | str = 1) -> str:
        if a.id == 0:       # the secret article has no public URL
            return self.secret(a)
        d = a.published
        url = f"{self.base}/{d.year:04d}/{d.month:02d}/{d.day:02d}/{a.slug}/"
        return url if page == 1 else f"{url}{page}/"

    def amp(self, a: Article) -> str:
        return self.article(a) + "amp/"

    def comment_feed(self, a: Article) -> str:
        return self.article(a) + "feed/"

    def attachment(self, a: Article, k: int) -> str:
        return self.article(a) + f"attachment/foto-{k}/"

    def secret(self, a: Article) -> str:
        return f"{self.base}/rahasia/{a.slug}/"

    def listing(self, kind: str, slug: str = "", page: int = 1) -> str:
        root = {"section": "category", "tag": "tag", "author": "author"}[kind]
        url = f"{self.base}/{root}/{slug}/"
        return url if page == 1 else f"{url}page/{page}/"

    def calendar(self, day: date) -> str:
        return f"{self.base}/{day.year:04d}/{day.month:02d}/?cal={day.isoformat()}"

    def search(self, q: str, page: int = 1) -> str:
        url = f"{self.base}/?s={quote_plus(q)}"
        return url if page == 1 else f"{url}&paged={page}"

    def static(self, slug: str) -> str:
        return f"{self.base}/{slug}/"

    def image(self, a: Article, k: int = 1) -> str:
        d = a.published
        return f"{self.base}/wp-content/uploads/{d.year:04d}/{d.month:02d}/{a.slug[:40]}-{k}.jpg"

    def admin(self) -> str:
        return self.base + "/wp-admin/"


class PortalUrls(WpUrls):
    """Regional-portal URLs: ``/read/<id>/<slug>``, ``/indeks?page=N``, ``/kanal/x``."""

    style = "portal"

    def article(self, a: Article, page: int | str = 1) -> str:
        if a.id == 0:
            return self.secret(a)
        url = f"{self.base}/read/{a.id}/{a.slug}"
        return url if page == 1 else f"{url}?page={page}"

    def amp(self, a: Article) -> str:
        return f"{self.secret(a)}/amp" if a.id == 0 else f"{self.base}/amp/read/{a.id}/{a.slug}"

    def comment_feed(self, a: Article) -> str:
        return self.article(a) + "/feed"

    def attachment(self, a: Article, k: int) -> str:
        return self.article(a) + f"/attachment/foto-{k}/"

    def secret(self, a: Article) -> str:
        return f"{self.base}/rahasia/{a.slug}"

    def listing(self, kind: str, slug: str = "", page: int = 1) -> str:
        url = {"indeks": f"{self.base}/indeks", "section": f"{self.base}/kanal/{slug}",
               "tag": f"{self.base}/tag/{slug}"}[kind]
        return url if page == 1 else f"{url}?page={page}"

    def calendar(self, day: date) -> str:
        return f"{self.base}/arsip?tgl={day.isoformat()}"

    def search(self, q: str, page: int = 1) -> str:
        url = f"{self.base}/?s={quote_plus(q)}"
        return url if page == 1 else f"{url}&page={page}"

    def static(self, slug: str) -> str:
        return f"{self.base}/{slug}"

    def image(self, a: Article, k: int = 1) -> str:
        d = a.published
        return f"{self.base}/assets/uploads/{d.year:04d}/{d.month:02d}/{a.id}-{k}.jpg"
