"""Machine-readable discovery documents: robots.txt, sitemaps, RSS and the WP REST API.

Only the ``wp`` style serves sitemaps, feeds and ``/wp-json/``; both styles
serve ``robots.txt``. Functions return ``str`` (or ``bytes`` for gzip) and
never touch HTTP.
"""

from __future__ import annotations

import gzip
import json
import math
from datetime import timedelta, timezone
from email.utils import format_datetime
from html import escape as h

from .content import Article, ArticleStore
from .templates import STATIC_PAGES, utc_iso
from .urls import WpUrls

FEED_SIZE = 20
NEWS_DAYS = 2


def rfc822(dt) -> str:
    return format_datetime(dt.astimezone(timezone.utc))


def robots(u: WpUrls, with_sitemap: bool) -> str:
    lines = ["User-agent: *"]
    if u.style == "wp":
        lines += ["Disallow: /wp-admin/", "Allow: /wp-admin/admin-ajax.php"]
    lines += ["Disallow: /rahasia/", ""]
    if with_sitemap:
        lines += [f"Sitemap: {u.base}/sitemap_index.xml", f"Sitemap: {u.base}/news-sitemap.xml", ""]
    return "\n".join(lines)


class Sitemaps:
    """Yoast-like sitemaps: post chunks oldest first; chunk 1 only as ``.xml.gz``."""

    def __init__(self, store: ArticleStore, urls: WpUrls, size: int = 1000):
        self.store, self.u, self.size = store, urls, size

    def chunks(self) -> int:
        return max(1, math.ceil(self.store.total / self.size))

    def chunk_name(self, k: int) -> str:
        return f"post-sitemap{k}.xml" + (".gz" if k == 1 else "")

    def chunk_ids(self, k: int) -> range:
        return range((k - 1) * self.size + 1, min(k * self.size, self.store.total) + 1)

    def index(self) -> str:
        st = self.store
        rows = []
        for k in range(1, self.chunks() + 1):
            ids = self.chunk_ids(k)[-7:]   # modified <= published + 5h < 7 slots later
            last = max((st.get(i).updated for i in ids), default=st.clock)
            rows.append(f"<sitemap><loc>{self.u.base}/{self.chunk_name(k)}</loc><lastmod>{utc_iso(last)}</lastmod></sitemap>")
        rows.append(f"<sitemap><loc>{self.u.base}/page-sitemap.xml</loc><lastmod>{utc_iso(st.published(1))}</lastmod></sitemap>")
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "\n".join(rows) + "\n</sitemapindex>\n")

    @staticmethod
    def _urlset(rows: list[str], extra_ns: str = "") -> str:
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"{extra_ns}>\n'
                + "\n".join(rows) + "\n</urlset>\n")

    def chunk(self, k: int) -> str | bytes | None:
        """Chunk ``k`` as xml text, or gzip bytes for the ``.gz`` one; None if out of range."""
        if not 1 <= k <= self.chunks():
            return None
        rows = []
        for i in self.chunk_ids(k):
            a = self.store.get(i)
            rows.append(f"<url><loc>{self.u.article(a)}</loc><lastmod>{utc_iso(a.updated)}</lastmod>"
                        f"<image:image><image:loc>{self.u.image(a)}</image:loc></image:image></url>")
        xml = self._urlset(rows)
        return gzip.compress(xml.encode(), mtime=0) if k == 1 else xml

    def pages(self) -> str:
        when = utc_iso(self.store.published(1))
        return self._urlset([f"<url><loc>{self.u.home()}</loc></url>"] +
                            [f"<url><loc>{self.u.static(s)}</loc><lastmod>{when}</lastmod></url>" for s in STATIC_PAGES])

    def news(self, name: str) -> str:
        st = self.store
        cutoff = st.clock - timedelta(days=NEWS_DAYS)
        rows = []
        for i in st.latest(st.total):
            a = st.get(i)
            if a.published < cutoff:
                break
            rows.append(f"<url><loc>{self.u.article(a)}</loc><news:news><news:publication><news:name>{h(name)}</news:name>"
                        f"<news:language>id</news:language></news:publication>"
                        f"<news:publication_date>{a.published.isoformat()}</news:publication_date>"
                        f"<news:title>{h(a.title)}</news:title><news:keywords>{h(', '.join(a.tags))}</news:keywords></news:news></url>")
        return self._urlset(rows, ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"')


def _rss(title: str, link: str, items: list[str], when) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
            'xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
            f"<title>{h(title)}</title>\n<link>{link}</link>\n<description>Berita terkini</description>\n"
            f"<lastBuildDate>{rfc822(when)}</lastBuildDate>\n<language>id</language>\n"
            + "".join(items) + "</channel>\n</rss>\n")


def rss(store: ArticleStore, u: WpUrls, name: str) -> str:
    items = []
    for i in store.latest(FEED_SIZE):
        a = store.get(i)
        url = u.article(a)
        cats = "".join(f"<category><![CDATA[{c}]]></category>" for c in (a.section, *a.tags))
        items.append(f"<item>\n<title>{h(a.title)}</title>\n<link>{url}</link>\n<comments>{url}#respond</comments>\n"
                     f"<dc:creator><![CDATA[{a.author}]]></dc:creator>\n<pubDate>{rfc822(a.published)}</pubDate>\n{cats}\n"
                     f'<guid isPermaLink="false">{u.base}/?p={a.id}</guid>\n<description><![CDATA[{a.description}]]></description>\n'
                     f"<wfw:commentRss>{u.comment_feed(a)}</wfw:commentRss>\n</item>\n")
    return _rss(name, u.home(), items, store.clock)


def comment_feed(a: Article, u: WpUrls, name: str) -> str:
    return _rss(f"Komentar pada: {a.title}", u.article(a), [], a.updated)


def wp_json_root(u: WpUrls, name: str) -> str:
    return json.dumps({"name": name, "url": u.home(), "namespaces": ["wp/v2"],
                       "routes": {"/wp/v2/posts": {"methods": ["GET"]}}})


def wp_json_posts(store: ArticleStore, u: WpUrls, page: int, per_page: int) -> tuple[int, str, dict]:
    """``/wp-json/wp/v2/posts``: (status, json text, extra headers)."""
    if not 1 <= per_page <= 100:
        return 400, json.dumps({"code": "rest_invalid_param", "message": "Parameter tidak valid: per_page",
                                "data": {"status": 400}}), {}
    total = store.total
    pages = max(1, math.ceil(total / per_page))
    if page < 1 or page > pages:
        return 400, json.dumps({"code": "rest_post_invalid_page_number",
                                "message": "Jumlah halaman yang diminta lebih besar dari jumlah halaman yang tersedia.",
                                "data": {"status": 400}}), {}
    out = []
    for i in store.latest(per_page, (page - 1) * per_page):
        a = store.get(i)
        fmt = "%Y-%m-%dT%H:%M:%S"
        gmt = a.published.astimezone(timezone.utc)
        mod = a.updated
        out.append({"id": a.id, "date": a.published.strftime(fmt), "date_gmt": gmt.strftime(fmt),
                    "modified": mod.strftime(fmt), "modified_gmt": mod.astimezone(timezone.utc).strftime(fmt),
                    "slug": a.slug, "status": "publish", "type": "post", "link": u.article(a),
                    "title": {"rendered": h(a.title, False)}, "excerpt": {"rendered": f"<p>{h(a.description, False)}</p>\n"}})
    headers = {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)}
    if page < pages:
        headers["Link"] = f'<{u.base}/wp-json/wp/v2/posts?page={page + 1}&per_page={per_page}>; rel="next"'
    return 200, json.dumps(out, ensure_ascii=False), headers
