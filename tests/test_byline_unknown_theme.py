"""Bylines on a theme the CMS selectors do not know (crawler/extraction/byline.py).

The page below uses class names of no known theme, like a small regional site's
own template. The byline is still found from what needs no class name: a link
to the author's archive page near the headline, schema.org microdata, a
``Name - site`` line under the headline, or Yoast's ``twitter:label1`` /
``twitter:data1`` pair; the sidebar's links to other writers' archives are
not taken for the byline.
"""

from __future__ import annotations

import pytest

from crawler.extraction import extract_article

URL = "https://kabarlembah.id/2025/02/11/petani-kopi-lembah-baliem-panen-raya/"

PARAGRAPHS = (
    "WAMENA - Ratusan petani kopi di Lembah Baliem memulai panen raya pekan ini setelah musim hujan yang "
    "lebih panjang dari biasanya membuat buah kopi matang serentak di kebun-kebun warga.",
    "Ketua kelompok tani Kurima, Yonas Wenda, mengatakan hasil panen tahun ini diperkirakan naik hampir "
    "dua kali lipat dibandingkan tahun lalu karena tanaman yang diremajakan mulai berbuah.",
    "Dinas Pertanian setempat menyiapkan tiga unit mesin pengupas dan satu rumah jemur bersama agar biji "
    "kopi bisa diproses di kampung tanpa harus dibawa ke kota.",
    "Para petani berharap harga jual di tingkat pengepul tetap stabil hingga akhir musim panen. (*)",
)


def page(byline: str = "", head: str = "", sidebar_writer: str = "Markus Tabuni") -> bytes:
    """A full article page of an unknown theme: menu, headline block with ``byline``, body, a sidebar
    whose recent posts link to another writer's archive, footer."""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>Petani Kopi Lembah Baliem Mulai Panen Raya - Kabar Lembah</title>
<meta property="og:title" content="Petani Kopi Lembah Baliem Mulai Panen Raya">
<meta property="og:site_name" content="Kabar Lembah">
<meta property="article:published_time" content="2025-02-11T01:15:00+00:00">
{head}
</head><body>
<div class="kl-top"><ul class="kl-nav"><li><a href="/">Beranda</a></li><li><a href="/kategori/ekonomi/">Ekonomi</a></li>
<li><a href="/kategori/daerah/">Daerah</a></li></ul></div>
<div class="kl-wrap"><div class="kl-main"><div class="kl-story">
<div class="kl-story-head"><div class="kl-crumb"><a href="/kategori/ekonomi/">Ekonomi</a></div>
<h1 class="kl-h">Petani Kopi Lembah Baliem Mulai Panen Raya</h1>
<div class="kl-info">{byline}<span class="kl-when">Selasa, 11 Februari 2025 10:15 WIT</span></div></div>
<div class="kl-text">{body}</div>
<div class="kl-tags"><a href="/tag/kopi/">kopi</a> <a href="/tag/wamena/">wamena</a></div>
</div></div>
<div class="kl-aside"><h3>Terbaru</h3><ul>
<li><a href="/2025/02/10/jalan-trans-papua-diperbaiki/">Jalan Trans Papua Ruas Wamena Diperbaiki</a>
<span>oleh <a href="/author/markus/">{sidebar_writer}</a></span></li>
<li><a href="/2025/02/09/festival-budaya-digelar/">Festival Budaya Lembah Baliem Digelar Agustus</a>
<span>oleh <a href="/author/markus/">{sidebar_writer}</a></span></li></ul></div></div>
<div class="kl-bottom"><p>&copy; 2025 Kabar Lembah. Hak cipta dilindungi.</p></div>
</body></html>""".encode()


def author_of(html: bytes) -> tuple[str | None, list[str], str]:
    result = extract_article(html, URL)
    assert result.record is not None, result.reason
    record = result.record
    return record["author"], record["authors"], record["body"]


@pytest.mark.parametrize("byline", [
    '<span class="kl-by">oleh <a href="https://kabarlembah.id/author/elsa-kogoya/">Elsa Kogoya</a></span>',
    '<a class="kl-pic" href="/penulis/elsa-kogoya"><img src="/a.jpg" alt=""></a><a href="/penulis/elsa-kogoya">Elsa Kogoya</a>',
])
def test_a_link_to_the_authors_archive_near_the_headline(byline):
    author, authors, body = author_of(page(byline))
    assert (author, authors) == ("Elsa Kogoya", ["Elsa Kogoya"])
    assert body.startswith("WAMENA - ") and body.endswith("(*)")


def test_archive_links_elsewhere_are_no_byline():
    author, authors, _ = author_of(page(""))
    assert author is None and authors == []  # the sidebar's writer is not this article's


def test_schema_org_microdata_author_is_the_visible_byline():
    byline = ('<span class="kl-by" itemprop="author" itemscope itemtype="https://schema.org/Person">'
              '<span itemprop="name">Elsa Kogoya</span></span>')
    # the JSON-LD names someone else (an uploader, the desk): the visible byline wins
    head = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
            '"headline": "Petani Kopi Lembah Baliem Mulai Panen Raya", "author": {"@type": "Person", '
            '"name": "Yulius Lopo"}}</script>')
    assert author_of(page(byline, head))[:2] == ("Elsa Kogoya", ["Elsa Kogoya"])


def test_name_dash_site_under_the_headline():
    author, _, body = author_of(page('<div class="kl-by"><strong>Elsa Kogoya</strong> - kabarlembah</div>'))
    assert author == "Elsa Kogoya"
    assert "kabarlembah" not in body  # the byline line is not body text


def test_yoast_written_by_pair_when_nothing_is_visible():
    head = '<meta name="twitter:label1" content="Ditulis oleh"><meta name="twitter:data1" content="Elsa Kogoya">'
    assert author_of(page("", head))[:2] == ("Elsa Kogoya", ["Elsa Kogoya"])
    other = '<meta name="twitter:label1" content="Estimasi waktu membaca"><meta name="twitter:data1" content="2 menit">'
    assert author_of(page("", other))[0] is None  # another Yoast pair (reading time) names no one
