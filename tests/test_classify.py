"""classify: page kind from the URL and from structured data; teaser counting."""

from __future__ import annotations

import pytest

from crawler.extraction.classify import has_article_markup, kind_from_structured, kind_from_url, teaser_count
from crawler.extraction.document import parse_html
from crawler.extraction.structured import StructuredData

MP = "https://kotaprobolinggo.matapublik.co.id"


@pytest.mark.parametrize(
    "url, kind",
    [
        (MP + "/", "home"),
        (MP, "home"),
        ("https://radarbromo.id/index.php", "home"),
        ("https://radarbromo.id/beranda", "home"),
        ("https://radarbromo.id/search?q=banjir+rob", "search"),
        ("https://radarbromo.id/cari/banjir", "search"),
        ("https://suaratapalkuda.blogspot.com/search/label/Situbondo", "search"),
        (MP + "/category/hukum/", "category"),
        (MP + "/kategori/politik/page/3/", "category"),
        ("https://radarbromo.id/kanal/ekonomi", "category"),
        ("https://radarbromo.id/indeks", "category"),
        ("https://radarbromo.id/arsip/2024/10", "category"),
        (MP + "/page/2/", "category"),
        (MP + "/hukum/page/4/", "category"),
        (MP + "/tag/pilkada-2024/", "tag"),
        ("https://radarbromo.id/topik/banjir-rob", "tag"),
        (MP + "/author/achmad-sarjono/", "author"),
        ("https://radarbromo.id/penulis/hasan-basri", "author"),
        (MP + "/redaksi/", "static"),
        (MP + "/susunan-redaksi/", "static"),
        (MP + "/pedoman-media-siber/", "static"),
        ("https://radarbromo.id/pedoman-pemberitaan-media-siber", "static"),
        ("https://radarbromo.id/tentang-kami", "static"),
        ("https://radarbromo.id/kebijakan-privasi/", "static"),
        ("https://radarbromo.id/kontak", "static"),
    ],
)
def test_kind_from_url_non_articles(url, kind):
    assert kind_from_url(url) == kind


def test_wordpress_search_query_is_search():
    assert kind_from_url(MP + "/?s=banjir+rob") == "search"


@pytest.mark.parametrize(
    "url",
    [
        MP + "/2024/10/18/polres-probolinggo-kota-terjunkan-polisi-rw/",
        "https://regional.kompas.com/read/2024/10/17/140500178/polisi-tangkap-pengedar-sabu",
        "https://www.detik.com/jatim/berita/d-7590000/nelayan-paiton-keluhkan-solar",
        "https://suaratapalkuda.blogspot.com/2024/10/warga-sumberanyar-perbaiki-jembatan.html",
        "https://radarbromo.id/?p=4521",
        "https://radarbromo.id/berita/redaksi-radar-bromo-raih-penghargaan-pwi",
        "https://radarbromo.id/2024/10/18/index-harga-saham-naik/",
        "https://radarbromo.id/2024/10/18/tag-line-baru-pemkot/",
    ],
)
def test_kind_from_url_articles_are_not_classified(url):
    assert kind_from_url(url) is None


@pytest.mark.parametrize(
    "types, kind",
    [
        ({"collectionpage"}, "category"),
        ({"collectionpage", "breadcrumblist"}, "category"),
        ({"itemlist"}, "category"),
        ({"searchresultspage"}, "search"),
        ({"profilepage"}, "author"),
        ({"aboutpage"}, "static"),
        ({"contactpage"}, "static"),
        ({"website", "webpage"}, None),
        (set(), None),
    ],
)
def test_kind_from_structured(types, kind):
    assert kind_from_structured(StructuredData(types=set(types))) == kind


def test_article_node_overrides_listing_types():
    sd = StructuredData(types={"collectionpage", "newsarticle"}, has_article_node=True)
    assert kind_from_structured(sd) is None


def _el(html: str):
    root = parse_html(f"<html><body>{html}</body></html>")
    return root.find("body")[0]


def test_teaser_count_cards():
    html = "<div>" + "".join(
        f'<article class="post"><h2><a href="/2024/10/1{i}/x/">Judul {i}</a></h2><p>Ringkasan {i}</p></article>'
        for i in range(5)) + "</div>"
    assert teaser_count(_el(html)) == 5


def test_teaser_count_linked_headings_without_cards():
    html = "<div>" + "".join(f'<h3><a href="/b{i}/">Berita {i}</a></h3>' for i in range(4)) + "</div>"
    assert teaser_count(_el(html)) == 4


def test_teaser_count_article_body_subheadings_without_links():
    html = "<div><h2>Pertamina Tambah Kuota</h2><p>Isi.</p><h3>Syarat</h3><p>Isi.</p><h2>Harapan Nelayan</h2></div>"
    assert teaser_count(_el(html)) == 0


def test_teaser_count_none():
    assert teaser_count(None) == 0


def test_has_article_markup():
    empty = StructuredData()
    assert has_article_markup(StructuredData(has_article_node=True), None, "https://x.id/a") is True
    assert has_article_markup(empty, "article", "https://x.id/a") is True
    assert has_article_markup(empty, "website", "https://radarbromo.id/2024/10/18/banjir-rob/") is True
    assert has_article_markup(empty, "website", "https://www.detik.com/jatim/berita/d-7590000/x") is True
    assert has_article_markup(empty, "website", "https://radarbromo.id/tentang-radar-bromo") is False
