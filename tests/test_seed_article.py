"""The example article of the product brief, wrapped at test time in matapublik-style pages.

``../shared/seed-article.txt`` holds the text of a kotaprobolinggo.matapublik.co.id
story (title, byline ``Name - HOST``, date ``Oct 18, 2024 - 08:32``, body ending in
``(*)``). The pages below are our own markup around it: no JSON-LD, no
``article:published_time``, a mid-body ``Baca Juga:`` line, sidebars with other
dates and titles. Extraction must give exactly the brief's record.
"""

from __future__ import annotations

import html

import pytest

from conftest import shared_or_skip
from crawler.extraction import extract_article

URL = "https://kotaprobolinggo.matapublik.co.id/2024/10/18/polres-probolinggo-kota-terjunkan-polisi-rw/"


def _seed():
    text = shared_or_skip("seed-article.txt").read_text(encoding="utf-8")
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    title, byline, date = blocks[0], blocks[1], blocks[2]
    return title, byline, date, blocks[3:]


def _page(title, byline, date, paragraphs, *, known_classes: bool) -> str:
    esc = html.escape
    body = [f"<p>{esc(p)}</p>" for p in paragraphs]
    body.insert(3, '<p><strong>Baca Juga:</strong> <a href="/2024/10/17/kapolres-cek-gudang-logistik/">'
                   'Kapolres Cek Gudang Logistik KPU Kota Probolinggo</a></p>')
    body.insert(6, '<div class="code-block"><ins class="adsbygoogle" data-ad-slot="123"></ins>'
                   '<p style="text-align:center">ADVERTISEMENT</p></div>')
    meta_cls, author_cls, date_cls, body_cls = (
        ("entry-meta", "author vcard", "entry-date", "entry-content")
        if known_classes else ("kabar-info", "kabar-penulis", "kabar-waktu", "kabar-isi"))
    sidebar = "".join(
        f'<li><a href="/2024/10/{d:02d}/berita-{d}/">Berita lain nomor {d} dari Probolinggo</a>'
        f'<span class="tgl">Oct {d}, 2024 - 1{d % 10}:05</span></li>' for d in (12, 14, 16))
    return f"""<!DOCTYPE html>
<html lang="id-ID"><head><meta charset="UTF-8">
<title>{esc(title)} - Mata Publik</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:type" content="article">
<meta property="og:site_name" content="Mata Publik">
<link rel="canonical" href="{URL}">
<script>var ajaxurl = "/wp-admin/admin-ajax.php";</script>
</head><body class="post-template-default single single-post">
<header class="site-header"><div class="logo"><a href="/">MATA PUBLIK</a></div>
<nav class="main-menu"><ul><li><a href="/">Beranda</a></li><li><a href="/category/hukum/">Hukum</a></li>
<li><a href="/category/politik/">Politik</a></li><li><a href="/redaksi/">Redaksi</a></li></ul></nav>
<div class="breaking">Terkini: Wali Kota Resmikan Taman Kota Baru &middot; Oct 17, 2024 - 19:00</div></header>
<main id="main"><article class="post">
<div class="breadcrumbs"><a href="/">Home</a> &raquo; <a href="/category/hukum/">Hukum</a></div>
<h1 class="entry-title">{esc(title)}</h1>
<div class="{meta_cls}"><span class="{author_cls}">{esc(byline)}</span>
<span class="{date_cls}">{esc(date)}</span></div>
<figure class="wp-caption"><img src="/wp-content/uploads/2024/10/patroli.jpg" alt="">
<figcaption class="wp-caption-text">Patroli Polisi RW di Kelurahan Mayangan. (Foto: Dok. Polres)</figcaption></figure>
<div class="{body_cls}">{''.join(body)}</div>
<div class="share-box">Bagikan: <a href="https://www.facebook.com/sharer/sharer.php?u={URL}">Facebook</a>
<a href="https://wa.me/?text={URL}">WhatsApp</a></div>
<div class="post-tags">Tags: <a href="/tag/pilkada-2024/" rel="tag">Pilkada 2024</a> <a href="/tag/polres/" rel="tag">Polres</a></div>
</article>
<section class="related-posts"><h3>Berita Terkait</h3><ul>{sidebar}</ul></section>
<div id="comments"><h3>1 Komentar</h3><div class="comment"><b>Warga Mayangan</b> <span>Oct 18, 2024 - 10:11</span>
<p>Semoga pilkada aman dan damai di Kota Probolinggo, terima kasih pak polisi.</p></div></div>
</main>
<aside class="sidebar"><h3>Terpopuler</h3><ul>{sidebar}</ul></aside>
<footer><p>&copy; 2024 Mata Publik. <a href="/pedoman-media-siber/">Pedoman Media Siber</a></p></footer>
</body></html>"""


@pytest.mark.parametrize("known_classes", [True, False], ids=["wordpress-classes", "unknown-classes"])
def test_seed_article_extracts_exactly(known_classes):
    title, byline, date, paragraphs = _seed()
    page = _page(title, byline, date, paragraphs, known_classes=known_classes)
    result = extract_article(page.encode("utf-8"), URL)
    assert result.reason is None
    rec = result.record
    assert rec["url"] == URL
    assert rec["title"] == title
    assert rec["author"] == "Achmad Sarjono"
    assert rec["authors"] == ["Achmad Sarjono"]
    assert rec["published"] == "2024-10-18T08:32:00+07:00"
    assert rec["body"] == "\n\n".join(paragraphs)
    assert rec["body"].startswith("KOTA PROBOLINGGO - ") and rec["body"].endswith("(*)")
    assert rec["site"] == "kotaprobolinggo.matapublik.co.id"
    assert rec["language"] == "id"
    assert rec["tags"] == ["Pilkada 2024", "Polres"]
