"""HTML rendering of the fake site's pages, in two styles.

:class:`WpTheme` imitates a WordPress news theme (JNews markup, Yoast SEO head
and JSON-LD); :class:`PortalTheme` a regional news portal (no JSON-LD, dates only
as visible text). Pages are rendered on demand with plain f-strings. Each page
carries the realistic noise a crawler must cope with: menus, a "Terpopuler"
sidebar with other articles' titles and dates, related posts, ads, a
``Baca Juga:`` insert and captions inside the body, comments with
``?replytocom=`` links, share/intent links and links to every trap.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta, timezone
from functools import lru_cache
from html import escape

from .content import Article, ArticleStore, slugify, stable_hash
from .phrases import COMMENTS, DAYS, FIRST, LAST, MONTHS, SECTIONS
from .urls import WpUrls, add_query

#: Percent-encoding of the few characters our (ASCII) URLs and titles contain; cheaper than ``quote``.
_PCT = str.maketrans({c: f"%{ord(c):02X}" for c in ' "#%&\'+,/:;<=>?@'})

#: ``html.escape``, memoised: the same titles and names are escaped over and over.
h = lru_cache(maxsize=1 << 16)(escape)

TRENDING = ("banjir", "harga cabai", "dana desa", "operasi zebra", "festival")

STATIC_PAGES = {
    "redaksi": "Redaksi",
    "pedoman-media-siber": "Pedoman Pemberitaan Media Siber",
    "kontak": "Kontak Kami",
}


def d_day(dt) -> str:
    return f"{dt.day} {MONTHS[dt.month - 1]} {dt.year}"


def d_long(dt) -> str:
    return f"{DAYS[dt.weekday()]}, {d_day(dt)}"


def utc_iso(dt) -> str:
    return dt.astimezone(timezone.utc).isoformat()


class Theme:
    """Style-independent page parts; subclasses supply the markup."""

    def __init__(self, store: ArticleStore, urls: WpUrls, site_name: str):
        self.store, self.u, self.name = store, urls, site_name
        self._popular: tuple[int, list[Article]] = (-1, [])
        self._side: tuple[int, str] = (-1, "")

    # -- picking other articles -----------------------------------------
    def popular(self) -> list[Article]:
        """Five site-wide 'most read' articles among the latest 60."""
        total, arts = self._popular
        if total != self.store.total:
            ids = sorted(self.store.latest(60), key=lambda i: stable_hash(self.store.seed, i, 5))[:5]
            arts = [self.store.get(i) for i in ids]
            self._popular = (self.store.total, arts)
        return arts

    def others(self, a: Article, n: int, salt: int) -> list[Article]:
        """``n`` distinct visible articles other than ``a`` (mostly older)."""
        out, k = [], 0
        while len(out) < n and k < 40:
            j = a.id - 1 - (stable_hash(self.store.seed, a.id, salt, k) % 25)
            if not self.store.visible(j):
                j = a.id + 1 + k
            if self.store.visible(j) and j != a.id and j not in out:
                out.append(j)
            k += 1
        return [self.store.get(j) for j in out]

    def sidebar(self) -> str:
        """The sidebar only changes when articles are published: render it once per state."""
        total, html = self._side
        if total != self.store.total:
            html = self._sidebar()
            self._side = (self.store.total, html)
        return html

    # -- shared snippets --------------------------------------------------
    def ad(self, slot: int, label: bool = False) -> str:
        text = '<div class="ads-text">ADVERTISEMENT</div><div class="ads-scroll">SCROLL TO CONTINUE WITH CONTENT</div>' if label else ""
        return (f'<div class="ads-wrapper ads-slot-{slot}"><ins class="adsbygoogle" style="display:block" '
                f'data-ad-client="ca-pub-4736200000000000" data-ad-slot="{1000 + slot}" data-ad-format="auto"></ins>'
                f'<script>(adsbygoogle = window.adsbygoogle || []).push({{}});</script>{text}</div>\n')

    def share(self, a: Article) -> str:
        url = self.u.article(a)
        q, text = url.translate(_PCT), a.title.translate(_PCT)
        return (f'<div class="share-buttons">'
                f'<a class="share-facebook" href="https://www.facebook.com/sharer/sharer.php?u={q}" target="_blank">Facebook</a>'
                f'<a class="share-twitter" href="https://twitter.com/intent/tweet?text={text}&amp;url={q}" target="_blank">Twitter</a>'
                f'<a class="share-whatsapp" href="whatsapp://send?text={text}%20{q}">WhatsApp</a>'
                f'<a class="share-telegram" href="https://t.me/share/url?url={q}">Telegram</a>'
                f'<a class="share-copy" href="{h(add_query(url, "utm_source=copy&utm_medium=share"))}">Salin Tautan</a></div>\n')

    def comments(self, a: Article) -> str:
        n = 1 + stable_hash(self.store.seed, a.id, 6) % 3
        url = self.u.article(a)
        items = []
        for k in range(n):
            cid = a.id * 10 + k + 1
            r = stable_hash(self.store.seed, cid, 7)
            when = a.published + timedelta(minutes=30 + r % 2000)
            who = f"{FIRST[r % len(FIRST)]} {LAST[(r >> 8) % len(LAST)]}"
            items.append(
                f'<li class="comment" id="comment-{cid}"><div class="comment-author vcard"><cite class="fn">{h(who)}</cite></div>'
                f'<div class="comment-metadata"><a href="{h(url)}#comment-{cid}"><time>{d_day(when)} pukul {when:%H.%M}</time></a></div>'
                f'<div class="comment-content"><p>{COMMENTS[r % len(COMMENTS)]}</p></div>'
                f'<div class="reply"><a rel="nofollow" class="comment-reply-link" href="{h(url)}?replytocom={cid}#respond">Balas</a></div></li>')
        return (f'<div id="comments" class="comments-area"><h3 class="comments-title">{n} Komentar</h3>'
                f'<ol class="commentlist">{"".join(items)}</ol>'
                f'<div id="respond" class="comment-respond"><h3 class="comment-reply-title">Tinggalkan Balasan</h3>'
                f'<form action="{self.u.base}/wp-comments-post.php" method="post" id="commentform">'
                f'<textarea name="comment"></textarea><input name="author"><input name="email">'
                f'<input type="hidden" name="comment_post_ID" value="{a.id}"><button type="submit">Kirim Komentar</button></form></div>'
                f'<p class="comment-feed"><a href="{h(self.u.comment_feed(a))}">RSS Komentar</a></p></div>\n')

    def paragraphs(self, a: Article, paras: tuple[str, ...], first: bool) -> str:
        """Body paragraphs with the in-body noise (ads, Baca Juga, figure)."""
        region_link = f'<a href="{self.u.listing("tag", slugify(a.facts["regs"]))}">{h(a.region)}</a>'
        out = []
        for k, p in enumerate(paras):
            if k == 0 and first:
                line, rest = p.split(" - ", 1)
                out.append(f"<p><strong>{h(line)}</strong> - {h(rest, False)}</p>\n")
            else:
                out.append(f"<p>{h(p, False).replace(h(a.region), region_link, 1)}</p>\n")
            if k == 0:
                out.append(self.ad(1))
            elif k == 1:
                other = self.others(a, 1, 8)
                if other:
                    link = self.u.article(other[0])
                    if a.id % 2:
                        link = add_query(link, f"fbclid=IwAR0{a.id:06d}xYz")
                    out.append(self.baca_juga(link, other[0].title))
            elif k == 2 and first and a.figure:
                out.append(f'<figure class="wp-block-image size-large"><img src="{self.u.image(a, 2)}" alt="{h(a.title)}">'
                           f'<figcaption>{h(a.caption)} (Foto: {h(a.authors[0])}/{h(self.name)})</figcaption></figure>\n')
            elif k == 4:
                out.append(self.ad(2, label=True))
        return "".join(out)

    def trending(self) -> str:
        """'Topik Populer' widget: links to search result pages (a trap)."""
        links = "".join(f'<a href="{h(self.u.search(t))}">#{h(t)}</a> ' for t in TRENDING)
        return f'<div class="widget widget_trending"><h3 class="widget-title">Topik Populer</h3><div class="tagcloud">{links}</div></div>'

    def baca_juga(self, url: str, title: str) -> str:
        return f'<p><strong>Baca Juga:</strong> <a href="{h(url)}">{h(title)}</a></p>\n'

    def related(self, a: Article) -> list[Article]:
        return self.others(a, 3, 9)


class WpTheme(Theme):
    """JNews-like WordPress theme with Yoast SEO head and JSON-LD ``@graph``."""

    def page(self, title: str, main: str, *, head: str = "", body_class: str = "home",
             canonical: str | None = None, sidebar: bool = True) -> str:
        u, name = self.u, h(self.name)
        menu = "".join(f'<li class="menu-item"><a href="{u.listing("section", s)}">{h(n)}</a></li>'
                       for n, s in SECTIONS)
        canon = f'<link rel="canonical" href="{h(canonical)}">\n' if canonical else ""
        side = self.sidebar() if sidebar else ""
        return f"""<!DOCTYPE html>
<html lang="id-ID">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{h(title)}</title>
{canon}{head}<link rel="alternate" type="application/rss+xml" title="{name} &raquo; Feed" href="{u.base}/feed/">
<link rel="https://api.w.org/" href="{u.base}/wp-json/">
<link rel="stylesheet" id="jnews-frontend-css" href="{u.base}/wp-content/themes/jnews/assets/dist/frontend.min.css?ver=11.6.1" type="text/css" media="all">
<script src="{u.base}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1"></script>
<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-4736200000000000" crossorigin="anonymous"></script>
</head>
<body class="{body_class} jeg_toggle_light jnews jsc_normal">
<div class="jeg_viewport">
<div class="jeg_header_wrapper"><div class="jeg_header normal">
<div class="jeg_topbar"><div class="jeg_top_date">{d_long(self.store.clock)}</div></div>
<div class="jeg_midbar"><div class="jeg_logo"><a href="{u.home()}" title="{name}"><img src="{u.base}/wp-content/uploads/logo.png" alt="{name}"></a></div>{self.ad(9)}</div>
<div class="jeg_bottombar"><div class="jeg_nav_item jeg_main_menu_wrapper"><ul class="jeg_menu jeg_main_menu"><li class="menu-item"><a href="{u.home()}">Beranda</a></li>{menu}</ul></div>
<div class="jeg_nav_item jeg_nav_search"><form action="{u.home()}" method="get" class="jeg_search_form"><input name="s" class="jeg_search_input" placeholder="Cari berita..." type="text"><button type="submit">Cari</button></form></div></div>
</div></div>
<div class="jeg_main"><div class="jeg_container"><div class="jeg_content"><div class="container"><div class="row">
<div class="jeg_main_content col-md-8">
{main}</div>
{side}</div></div></div></div></div>
{self.footer()}</div>
<script type="text/javascript" src="{u.base}/wp-content/themes/jnews/assets/dist/frontend.min.js?ver=11.6.1"></script>
</body>
</html>
"""

    def footer(self) -> str:
        u = self.u
        links = "".join(f'<li><a href="{u.static(s)}">{h(t)}</a></li>' for s, t in STATIC_PAGES.items())
        return (f'<div class="jeg_footer"><div class="footer_widget"><ul class="jeg_menu_footer">{links}'
                f'<li><a href="{u.admin()}">Masuk</a></li></ul></div>'
                f'<div class="jeg_footer_bottom"><p class="copyright">&copy; {self.store.clock.year} {h(self.name)}. Hak cipta dilindungi undang-undang.</p></div></div>\n')

    def post_block(self, a: Article, url: str | None = None, excerpt: bool = False) -> str:
        url = h(url or self.u.article(a))
        ex = f'<div class="jeg_post_excerpt"><p>{h(a.description)}</p></div>' if excerpt else ""
        return (f'<article class="jeg_post jeg_pl_md_2 format-standard"><div class="jeg_thumb"><a href="{url}">'
                f'<div class="thumbnail-container"><img src="{self.u.image(a)}" alt="{h(a.title)}" loading="lazy"></div></a>'
                f'<div class="jeg_post_category"><span><a href="{self.u.listing("section", a.section_slug)}">{h(a.section)}</a></span></div></div>'
                f'<div class="jeg_postblock_content"><h3 class="jeg_post_title"><a href="{url}">{h(a.title)}</a></h3>'
                f'<div class="jeg_post_meta"><div class="jeg_meta_date"><a href="{url}"><i class="fa fa-clock-o"></i> {d_day(a.published)} - {a.published:%H:%M}</a></div></div>'
                f'{ex}</div></article>\n')

    def _sidebar(self) -> str:
        pop = "".join(self.post_block(a, add_query(self.u.article(a), "utm_source=terpopuler&utm_medium=sidebar"))
                      for a in self.popular())
        today = self.store.clock.date()
        prev_month = today.replace(day=1) - timedelta(days=1)
        return (f'<div class="jeg_sidebar col-md-4">'
                f'<div class="widget widget_jnews_module_block_21"><div class="jeg_block_heading"><h3 class="jeg_block_title"><span>Terpopuler</span></h3></div>'
                f'<div class="jeg_posts">{pop}</div></div>'
                f'<div class="widget widget_calendar"><h3 class="jeg_block_title"><span>Arsip</span></h3>'
                f'<table id="wp-calendar"><caption>{MONTHS[today.month - 1]} {today.year}</caption><tbody><tr>'
                f'<td><a href="{h(self.u.calendar(today))}" aria-label="Pos diterbitkan pada {d_day(today)}">{today.day}</a></td></tr></tbody></table>'
                f'<nav class="wp-calendar-nav"><span class="wp-calendar-nav-prev"><a href="{h(self.u.calendar(prev_month))}">&laquo; {MONTHS[prev_month.month - 1][:3]}</a></span></nav></div>'
                f'{self.trending()}{self.ad(5)}</div>\n')

    # -- pages --------------------------------------------------------------
    def home(self) -> str:
        latest = "".join(self.post_block(self.store.get(i), excerpt=True) for i in self.store.latest(15))
        secret = self.store.get(0)
        main = (f'<div class="jeg_block_heading"><h3 class="jeg_block_title"><span>Berita Terkini</span></h3></div>'
                f'<div class="jeg_posts jeg_load_more_flag">{latest}</div>'
                f'<div class="jeg_block_heading"><h3 class="jeg_block_title"><span>Eksklusif</span></h3></div>'
                f'<ul class="exclusive"><li><a href="{self.u.secret(secret)}">{h(secret.title)}</a></li></ul>\n')
        head = f'<meta name="description" content="Berita terkini dari {h(self.name)}">\n'
        return self.page(f"{self.name} - Berita Tapal Kuda Terkini", main, head=head, canonical=self.u.home())

    def yoast_graph(self, a: Article, url: str) -> str:
        base, u = self.u.base, self.u
        people = [{"@type": "Person", "@id": f"{base}/#/schema/person/{hashlib.md5(n.encode()).hexdigest()}",
                   "name": n, "url": u.listing("author", slugify(n))} for n in a.authors]
        refs = [{"@id": p["@id"]} for p in people]
        art = {"@type": "NewsArticle", "@id": f"{url}#article", "isPartOf": {"@id": url},
               "author": refs[0] if len(refs) == 1 else refs, "headline": a.title,
               "datePublished": utc_iso(a.published), "dateModified": utc_iso(a.updated),
               "mainEntityOfPage": {"@id": url}, "wordCount": len(a.body.split()),
               "publisher": {"@id": f"{base}/#organization"}, "image": {"@id": f"{url}#primaryimage"},
               "thumbnailUrl": u.image(a), "keywords": list(a.tags), "articleSection": [a.section],
               "inLanguage": "id"}
        graph = [art,
                 {"@type": "WebPage", "@id": url, "url": url, "name": f"{a.title} - {self.name}",
                  "isPartOf": {"@id": f"{base}/#website"}, "datePublished": utc_iso(a.published),
                  "dateModified": utc_iso(a.updated), "breadcrumb": {"@id": f"{url}#breadcrumb"},
                  "inLanguage": "id"},
                 {"@type": "ImageObject", "@id": f"{url}#primaryimage", "url": u.image(a), "width": 1200, "height": 800},
                 {"@type": "BreadcrumbList", "@id": f"{url}#breadcrumb", "itemListElement": [
                     {"@type": "ListItem", "position": 1, "name": "Beranda", "item": u.home()},
                     {"@type": "ListItem", "position": 2, "name": a.section, "item": u.listing("section", a.section_slug)},
                     {"@type": "ListItem", "position": 3, "name": a.title}]},
                 {"@type": "WebSite", "@id": f"{base}/#website", "url": u.home(), "name": self.name, "inLanguage": "id"},
                 {"@type": "Organization", "@id": f"{base}/#organization", "name": self.name, "url": u.home()},
                 *people]
        return json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False).replace("</", "<\\/")

    def article_head(self, a: Article, url: str) -> str:
        mod = f'<meta property="article:modified_time" content="{utc_iso(a.modified)}">\n' if a.modified else ""
        tags = "".join(f'<meta property="article:tag" content="{h(t)}">\n' for t in a.tags)
        return (f'<meta name="description" content="{h(a.description)}">\n'
                f'<meta name="robots" content="index, follow, max-image-preview:large, max-snippet:-1">\n'
                f'<meta property="og:locale" content="id_ID">\n<meta property="og:type" content="article">\n'
                f'<meta property="og:title" content="{h(a.title)}">\n<meta property="og:description" content="{h(a.description)}">\n'
                f'<meta property="og:url" content="{h(url)}">\n<meta property="og:site_name" content="{h(self.name)}">\n'
                f'<meta property="article:section" content="{h(a.section)}">\n{tags}'
                f'<meta property="article:published_time" content="{utc_iso(a.published)}">\n{mod}'
                f'<meta property="og:image" content="{self.u.image(a)}">\n<meta property="og:image:width" content="1200">\n'
                f'<meta name="author" content="{h(a.author)}">\n<meta name="twitter:card" content="summary_large_image">\n'
                f'<meta name="twitter:label1" content="Ditulis oleh"><meta name="twitter:data1" content="{h(a.author)}">\n'
                f'<script type="application/ld+json" class="yoast-schema-graph">{self.yoast_graph(a, url)}</script>\n'
                f'<link rel="alternate" type="application/rss+xml" title="{h(self.name)} &raquo; {h(a.title)} Umpan Komentar" href="{self.u.comment_feed(a)}">\n'
                f'<link rel="shortlink" href="{self.u.base}/?p={a.id}">\n<link rel="amphtml" href="{self.u.amp(a)}">\n')

    def article(self, a: Article, page: int = 1, url: str | None = None) -> str:
        u = self.u
        canon = url or u.article(a, page)
        names = " dan ".join(f'<a href="{u.listing("author", slugify(n))}">{h(n)}</a>' for n in a.authors)
        pages = ""
        if a.n_pages > 1:
            links = "".join(f'<span class="post-page-numbers current" aria-current="page">{n}</span>' if n == page else
                            f'<a href="{u.article(a, n)}" class="post-page-numbers">{n}</a>'
                            for n in range(1, a.n_pages + 1))
            pages = f'<div class="page-links"><span class="page-links-title">Halaman:</span> {links}</div>\n'
        tags = "".join(f'<a href="{u.listing("tag", slugify(t))}" rel="tag">{h(t)}</a>' for t in a.tags)
        related = "".join(self.post_block(r) for r in self.related(a))
        share = self.share(a)
        main = f"""<div class="jeg_breadcrumbs jeg_breadcrumb_container"><div id="breadcrumbs"><span><a href="{u.home()}">Beranda</a></span><i class="fa fa-angle-right"></i><span><a href="{u.listing("section", a.section_slug)}">{h(a.section)}</a></span></div></div>
<div class="entry-header">
<h1 class="jeg_post_title">{h(a.title)}</h1>
<div class="jeg_meta_container"><div class="jeg_post_meta jeg_post_meta_1"><div class="meta_left">
<div class="jeg_meta_author"><span class="meta_text">Penulis:</span> {names}</div>
<div class="jeg_meta_date"><a href="{canon}">{d_long(a.published)} - {a.published:%H:%M} WIB</a></div>
<div class="jeg_meta_category"><span><span class="meta_text">di</span> <a href="{u.listing("section", a.section_slug)}" rel="category tag">{h(a.section)}</a></span></div>
</div><div class="meta_right"><div class="jeg_meta_comment"><a href="{canon}#respond"><i class="fa fa-comment-o"></i> Komentar</a></div></div></div></div>
</div>
<div class="jeg_share_top_container">{share}</div>
<div class="jeg_featured featured_image"><a href="{u.attachment(a, 1)}"><div class="thumbnail-container"><img src="{u.image(a)}" alt="{h(a.title)}"></div></a>
<p class="wp-caption-text">{h(a.caption)}</p></div>
<div class="entry-content no-share">
<div class="content-inner">
{self.paragraphs(a, a.pages[page - 1], page == 1)}{pages}</div>
<div class="jeg_post_tags"><span>Tags:</span> {tags}</div>
<div class="jeg_meta_editor">Editor: <span>{h(a.editor)}</span></div>
</div>
<div class="jeg_share_bottom_container">{share}<a class="amp-link" href="{u.amp(a)}">Versi AMP</a></div>
<div class="jnews_related_post_container"><div class="jeg_postblock"><div class="jeg_block_heading"><h3 class="jeg_block_title"><span>Berita Terkait</span></h3></div>
<div class="jeg_posts">{related}</div></div></div>
<div class="jnews_comment_container">{self.comments(a)}</div>
"""
        suffix = f" - Halaman {page} dari {a.n_pages}" if page > 1 else ""
        return self.page(f"{a.title}{suffix} - {self.name}", main, head=self.article_head(a, canon),
                         body_class=f"post-template-default single single-post postid-{a.id}", canonical=canon)

    def listing(self, heading: str, kind: str, slug: str, ids: list[int], page: int, last: int) -> str:
        u = self.u
        posts = "".join(self.post_block(self.store.get(i), excerpt=True) for i in ids)
        nums = "".join(f'<span class="page_number active">{n}</span>' if n == page else
                       f'<a class="page_number" href="{u.listing(kind, slug, n)}">{n}</a>'
                       for n in range(max(1, page - 2), min(last, page + 2) + 1))
        prev = f'<a class="page_nav prev" href="{u.listing(kind, slug, page - 1)}">&lsaquo; Sebelumnya</a>' if page > 1 else ""
        # Theme bug kept on purpose: "next" is shown on the last page too.
        nxt = f'<a class="page_nav next" href="{u.listing(kind, slug, page + 1)}">Selanjutnya &rsaquo;</a>'
        main = (f'<div class="jeg_cat_header"><h1 class="jeg_cat_title">{h(heading)}</h1></div>'
                f'<div class="jeg_posts jeg_block_container">{posts}</div>'
                f'<div class="jeg_navigation jeg_pagination jeg_pagenav_1"><div class="navigation_wrapper">{prev}{nums}{nxt}</div></div>\n')
        head = f'<link rel="next" href="{u.listing(kind, slug, page + 1)}">\n'
        return self.page(f"{heading} - Halaman {page} - {self.name}" if page > 1 else f"{heading} - {self.name}",
                         main, head=head, body_class=f"archive {kind}", canonical=u.listing(kind, slug, page))

    def simple(self, title: str, content: str, body_class: str = "page", date_line: str = "") -> str:
        """A post-like page that is not an article (static page, attachment...)."""
        meta = f'<div class="jeg_post_meta"><div class="jeg_meta_date">{date_line}</div></div>' if date_line else ""
        main = (f'<div class="entry-header"><h1 class="jeg_post_title">{h(title)}</h1>{meta}</div>'
                f'<div class="entry-content"><div class="content-inner">{content}</div></div>\n')
        return self.page(f"{title} - {self.name}", main, body_class=body_class)

    def teaser_list(self, ids: list[int]) -> str:
        return "".join(self.post_block(self.store.get(i)) for i in ids) or "<p>Tidak ada berita.</p>"

    def calendar(self, day: date, ids: list[int]) -> str:
        prev, nxt = day - timedelta(days=1), day + timedelta(days=1)
        content = (f'{self.teaser_list(ids)}<nav class="calendar-nav"><a class="prev" href="{h(self.u.calendar(prev))}">&laquo; {d_day(prev)}</a> '
                   f'<a class="next" href="{h(self.u.calendar(nxt))}">{d_day(nxt)} &raquo;</a></nav>')
        return self.simple(f"Arsip Harian: {d_day(day)}", content, "archive date")

    def search(self, q: str, page: int, ids: list[int], related: list[str]) -> str:
        rel = "".join(f'<li><a href="{h(self.u.search(t))}">{h(t)}</a></li>' for t in related)
        content = (f'{self.teaser_list(ids)}<div class="search-nav"><a class="next" href="{h(self.u.search(q, page + 1))}">Hasil berikutnya</a></div>'
                   f'<h3>Pencarian terkait</h3><ul class="related-search">{rel}</ul>')
        return self.simple(f"Hasil pencarian: {q}", content, "search search-results")

    def attachment(self, a: Article, k: int) -> str:
        content = (f'<p class="attachment"><a href="{self.u.image(a, k)}"><img src="{self.u.image(a, k)}" alt="foto-{k}"></a></p>'
                   f'<p><a href="{self.u.article(a)}" rel="gallery">Kembali ke artikel</a></p>')
        return self.simple(f"foto-{k}", content, f"attachment attachmentid-{a.id * 10 + k}",
                           f"{d_day(a.published)} - {a.published:%H:%M} WIB")

    def static(self, slug: str) -> str:
        st = self.store
        if slug == "redaksi":
            content = ("<p>Pemimpin Redaksi: " + h(st.editors[0]) + "</p><p>Redaktur: " + h(", ".join(st.editors[1:])) +
                       "</p><p>Reporter: " + h(", ".join(st.reporters)) + "</p>")
        elif slug == "kontak":
            content = "<p>Alamat redaksi: Jl. Panglima Sudirman No. 17, Probolinggo, Jawa Timur.</p><p>Surel: redaksi@example.id</p>"
        else:
            content = ("<p>Kemerdekaan berpendapat, kemerdekaan berekspresi, dan kemerdekaan pers adalah hak asasi manusia "
                       "yang dilindungi Pancasila, Undang-Undang Dasar 1945, dan Deklarasi Universal HAM PBB.</p>"
                       "<p>Keberadaan media siber di Indonesia juga merupakan bagian dari kemerdekaan berpendapat, berekspresi, dan pers.</p>")
        return self.simple(STATIC_PAGES[slug], content)

    def login(self) -> str:
        return (f'<!DOCTYPE html><html lang="id-ID"><head><meta charset="UTF-8"><title>Masuk &lsaquo; {h(self.name)} &#8212; WordPress</title>'
                f'<meta name="robots" content="noindex, nofollow"></head><body class="login"><div id="login"><h1><a href="{self.u.home()}">{h(self.name)}</a></h1>'
                f'<form name="loginform" id="loginform" action="{self.u.base}/wp-login.php" method="post"><input name="log"><input name="pwd" type="password">'
                f'<input type="submit" value="Masuk"></form><p id="nav"><a href="{self.u.base}/wp-login.php?action=lostpassword">Lupa kata sandi?</a></p></div></body></html>\n')

    def amp(self, a: Article) -> str:
        body = "".join(f"<p>{h(p, False)}</p>\n" for p in a.paragraphs)
        return (f'<!doctype html>\n<html amp lang="id-ID"><head><meta charset="utf-8"><title>{h(a.title)} - {h(self.name)}</title>'
                f'<link rel="canonical" href="{self.u.article(a)}"><meta name="viewport" content="width=device-width">'
                f'<script async src="https://cdn.ampproject.org/v0.js"></script><style amp-custom>body{{font-family:sans-serif}}</style></head>'
                f'<body><header class="amp-wp-header"><a href="{self.u.home()}">{h(self.name)}</a></header>'
                f'<article class="amp-wp-article"><header class="amp-wp-article-header"><h1 class="amp-wp-title">{h(a.title)}</h1>'
                f'<div class="amp-wp-meta amp-wp-byline">{h(a.author)}</div><div class="amp-wp-meta amp-wp-posted-on"><time datetime="{a.published.isoformat()}">{d_day(a.published)}</time></div></header>'
                f'<div class="amp-wp-article-content">{body}</div></article></body></html>\n')


class PortalTheme(WpTheme):
    """Regional portal (disway/times-like): ``/read/<id>/<slug>``, visible dates only."""

    def page(self, title: str, main: str, *, head: str = "", body_class: str = "home",
             canonical: str | None = None, sidebar: bool = True) -> str:
        u, name = self.u, h(self.name)
        menu = "".join(f'<li><a href="{u.listing("section", s)}">{h(n)}</a></li>' for n, s in SECTIONS)
        canon = f'<link rel="canonical" href="{h(canonical)}">\n' if canonical else ""
        side = self.sidebar() if sidebar else ""
        return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{h(title)}</title>
{canon}{head}<link rel="stylesheet" href="{u.base}/assets/css/style.css?v=2.3">
<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-4736200000000000" crossorigin="anonymous"></script>
</head>
<body class="{body_class}">
<header class="site-header">
<div class="topbar"><span class="today">{d_long(self.store.clock)}</span></div>
<div class="brand"><a class="logo" href="{u.home()}"><img src="{u.base}/assets/img/logo.png" alt="{name}"></a>{self.ad(9)}</div>
<nav class="main-nav"><ul><li><a href="{u.home()}">Home</a></li><li><a href="{u.listing("indeks")}">Indeks</a></li>{menu}</ul>
<form class="search" action="{u.home()}" method="get"><input type="text" name="s" placeholder="Cari..."></form></nav>
</header>
<main class="container"><div class="row">
<div class="col-main">
{main}</div>
{side}</div></main>
{self.footer()}<script src="{u.base}/assets/js/app.js?v=2.3"></script>
</body>
</html>
"""

    def footer(self) -> str:
        u = self.u
        links = "".join(f'<a href="{u.static(s)}">{h(t)}</a>' for s, t in STATIC_PAGES.items())
        return (f'<footer class="site-footer"><div class="footer-links">{links}<a href="{u.admin()}">Login</a></div>'
                f'<p class="copyright">Copyright &copy; {self.store.clock.year} {h(self.name)}. All Rights Reserved.</p></footer>\n')

    @staticmethod
    def stamp(a: Article) -> str:
        return f"{a.published:%d/%m/%Y}, {a.published:%H:%M} WIB"

    def post_block(self, a: Article, url: str | None = None, excerpt: bool = False) -> str:
        url = h(url or self.u.article(a))
        ex = f'<p class="summary">{h(a.description)}</p>' if excerpt else ""
        return (f'<div class="media-item"><a class="thumb" href="{url}"><img src="{self.u.image(a)}" alt="{h(a.title)}"></a>'
                f'<div class="media-body"><span class="kanal"><a href="{self.u.listing("section", a.section_slug)}">{h(a.section)}</a></span>'
                f'<h2 class="media-title"><a href="{url}">{h(a.title)}</a></h2><span class="date">{self.stamp(a)}</span>{ex}</div></div>\n')

    def _sidebar(self) -> str:
        pop = "".join(f'<li><a href="{h(add_query(self.u.article(a), "utm_source=terpopuler&utm_medium=widget"))}">{h(a.title)}</a>'
                      f'<span class="date">{d_long(a.published)}</span></li>' for a in self.popular())
        today = self.store.clock.date()
        return (f'<aside class="col-side"><div class="widget popular"><h3 class="widget-title">Terpopuler</h3><ol>{pop}</ol></div>'
                f'<div class="widget arsip"><h3 class="widget-title">Arsip Berita</h3><a href="{h(self.u.calendar(today))}">Lihat arsip {d_day(today)}</a></div>'
                f'{self.trending()}{self.ad(5)}</aside>\n')

    def baca_juga(self, url: str, title: str) -> str:
        return f'<p><strong>Baca Juga: <a href="{h(url)}">{h(title)}</a></strong></p>\n'

    def home(self) -> str:
        latest = "".join(self.post_block(self.store.get(i), excerpt=True) for i in self.store.latest(15))
        secret = self.store.get(0)
        main = (f'<section class="latest"><h2 class="section-title">Berita Terbaru</h2>{latest}'
                f'<a class="more" href="{self.u.listing("indeks")}">Indeks Berita</a></section>'
                f'<section class="exclusive"><h2 class="section-title">Eksklusif</h2><a href="{self.u.secret(secret)}">{h(secret.title)}</a></section>\n')
        return self.page(f"{self.name} - Berita Terkini Hari Ini", main, canonical=self.u.home(),
                         head=f'<meta name="description" content="Portal berita {h(self.name)}">\n')

    def article(self, a: Article, page: int | str = 1, url: str | None = None) -> str:
        u = self.u
        canon = url or u.article(a)      # page 2.. canonicalise to page 1, as many portals do
        paras = a.paragraphs if page == "all" else a.pages[page - 1]
        nav = ""
        if a.n_pages > 1 and page != "all":
            links = "".join(f'<span class="active">Halaman {n}</span>' if n == page else
                            f'<a href="{u.article(a, n)}">Halaman {n}</a>' for n in range(1, a.n_pages + 1))
            if page < a.n_pages:
                links += f'<a class="next" href="{u.article(a, page + 1)}">Selanjutnya</a>'
            if a.id % 2 == 0:
                links += f'<a class="all" href="{u.article(a, "all")}">Tampilkan Semua</a>'
            nav = f'<div class="article-pagination">{links}</div>\n'
        tags = "".join(f'<a href="{u.listing("tag", slugify(t))}">{h(t)}</a>' for t in a.tags)
        related = "".join(f'<li><a href="{u.article(r)}">{h(r.title)}</a><span class="date">{self.stamp(r)}</span></li>'
                          for r in self.related(a))
        main = f"""<ol class="breadcrumb"><li><a href="{u.home()}">Home</a></li><li><a href="{u.listing("section", a.section_slug)}">{h(a.section)}</a></li></ol>
<article class="article">
<h1 class="article-title">{h(a.title)}</h1>
<div class="article-meta"><div class="article-author">{h(a.author)} - {h(self.name.upper())}</div>
<div class="article-date">{d_long(a.published)} | {a.published:%H:%M} WIB</div></div>
{self.share(a)}<figure class="article-image"><a href="{u.attachment(a, 1)}"><img src="{u.image(a)}" alt="{h(a.title)}"></a><figcaption>{h(a.caption)}</figcaption></figure>
<div class="article-body">
{self.paragraphs(a, paras, page in (1, "all"))}</div>
{nav}<div class="article-editor">Editor: {h(a.editor)}</div>
<div class="article-tags"><span>Tag:</span> {tags}</div>
</article>
<div class="related"><h3>Berita Terkait</h3><ul>{related}</ul></div>
<a class="amp-link" href="{u.amp(a)}">Versi AMP</a>
{self.comments(a)}"""
        head = (f'<meta name="description" content="{h(a.description)}">\n<meta name="keywords" content="{h(", ".join(a.tags))}">\n'
                f'<meta property="og:type" content="article">\n<meta property="og:title" content="{h(a.title)}">\n'
                f'<meta property="og:url" content="{canon}">\n<meta property="og:image" content="{u.image(a)}">\n'
                f'<meta property="og:site_name" content="{h(self.name)}">\n'
                f'<meta property="og:description" content="{h(a.description)}">\n<link rel="amphtml" href="{u.amp(a)}">\n')
        return self.page(f"{a.title} - {self.name}", main, head=head, body_class="read", canonical=canon)

    def listing(self, heading: str, kind: str, slug: str, ids: list[int], page: int, last: int) -> str:
        u = self.u
        items = "".join(self.post_block(self.store.get(i)) for i in ids)
        nums = "".join(f'<li class="active"><span>{n}</span></li>' if n == page else
                       f'<li><a href="{u.listing(kind, slug, n)}">{n}</a></li>'
                       for n in range(max(1, page - 2), min(last, page + 2) + 1))
        prev = f'<li><a rel="prev" href="{u.listing(kind, slug, page - 1)}">Sebelumnya</a></li>' if page > 1 else ""
        nxt = f'<li><a rel="next" href="{u.listing(kind, slug, page + 1)}">Selanjutnya</a></li>'  # shown on the last page too
        main = (f'<h1 class="page-title">{h(heading)}</h1><div class="indeks-list">{items}</div>'
                f'<ul class="pagination">{prev}{nums}{nxt}</ul>\n')
        return self.page(f"{heading} - {self.name}", main, body_class=f"listing {kind}",
                         canonical=u.listing(kind, slug, page))

    def simple(self, title: str, content: str, body_class: str = "page", date_line: str = "") -> str:
        meta = f'<div class="article-date">{date_line}</div>' if date_line else ""
        main = f'<h1 class="page-title">{h(title)}</h1>{meta}<div class="page-content">{content}</div>\n'
        return self.page(f"{title} - {self.name}", main, body_class=body_class)

    def attachment(self, a: Article, k: int) -> str:
        content = (f'<p><img src="{self.u.image(a, k)}" alt="foto-{k}"></p>'
                   f'<p><a href="{self.u.article(a)}">Kembali ke artikel</a></p>')
        return self.simple(f"foto-{k}", content, "attachment", f"{d_long(a.published)} | {a.published:%H:%M} WIB")

