"""urls: clean_url, canonical_url, registered_domain, same_site on Indonesian news URLs."""

from __future__ import annotations

import pytest

from crawler.extraction.urls import canonical_url, clean_url, registered_domain, same_site

ARTICLE = "https://kotaprobolinggo.matapublik.co.id/2024/10/18/polres-probolinggo-kota-terjunkan-polisi-rw/"


# ------------------------------------------------------------------ clean_url

@pytest.mark.parametrize(
    "dirty, clean",
    [
        (ARTICLE + "?utm_source=facebook&utm_medium=social&utm_campaign=share", ARTICLE),
        (ARTICLE + "?fbclid=IwAR0Zk3xq1Yv8mNpL2aBcD", ARTICLE),
        (ARTICLE + "?gclid=Cj0KCQjw&utm_term=polisi", ARTICLE),
        (ARTICLE + "#comments", ARTICLE),
        (ARTICLE + "?utm_source=whatsapp#respond", ARTICLE),
        (ARTICLE + "amp/", ARTICLE),
        (ARTICLE + "?amp=1", ARTICLE),
        (ARTICLE + "?amp", ARTICLE),
        (ARTICLE + "?print=1", ARTICLE),
        (ARTICLE + "?replytocom=4512#respond", ARTICLE),
        ("https://suaratapalkuda.blogspot.com/2024/10/warga-sumberanyar.html?m=1",
         "https://suaratapalkuda.blogspot.com/2024/10/warga-sumberanyar.html"),
    ],
)
def test_clean_url_removes_tracking_fragments_and_variants(dirty, clean):
    assert clean_url(dirty) == clean


def test_clean_url_amp_suffix_without_trailing_slash():
    assert clean_url("https://www.beritajatim.com/2024/10/18/harga-cabai-naik/amp") == \
        "https://www.beritajatim.com/2024/10/18/harga-cabai-naik/"


def test_clean_url_amp_path_prefix():
    assert clean_url("https://www.suarajatim.id/amp/news/2024/10/18/banjir-rob-pasuruan") == \
        "https://www.suarajatim.id/news/2024/10/18/banjir-rob-pasuruan"


def test_clean_url_does_not_touch_words_starting_with_amp():
    url = "https://www.beritajatim.com/2024/10/18/amplop-serangan-fajar-pilkada/"
    assert clean_url(url) == url


def test_clean_url_lowercases_scheme_and_host_not_path():
    assert clean_url("HTTPS://WWW.BeritaJatim.COM/Politik/2024/Calon-Bupati") == \
        "https://www.beritajatim.com/Politik/2024/Calon-Bupati"


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.beritajatim.com:443/2024/10/18/x/", "https://www.beritajatim.com/2024/10/18/x/"),
        ("http://www.beritajatim.com:80/2024/10/18/x/", "http://www.beritajatim.com/2024/10/18/x/"),
        ("http://192.168.1.20:8080/berita/x", "http://192.168.1.20:8080/berita/x"),
    ],
)
def test_clean_url_default_ports(url, expected):
    assert clean_url(url) == expected


def test_clean_url_keeps_query_order_and_real_parameters():
    url = "https://www.radarbromo.id/index.php?id=4521&page=2&utm_source=x&kanal=ekonomi"
    assert clean_url(url) == "https://www.radarbromo.id/index.php?id=4521&page=2&kanal=ekonomi"


def test_clean_url_does_not_sort_parameters():
    url = "https://www.radarbromo.id/berita?z=9&a=1"
    assert clean_url(url) == url


def test_clean_url_removes_session_id():
    assert clean_url("https://portal.go.id/berita/detail;jsessionid=9F2A1C?id=77") == \
        "https://portal.go.id/berita/detail?id=77"


def test_clean_url_is_idempotent():
    once = clean_url(ARTICLE + "?utm_source=fb&id=3#top")
    assert clean_url(once) == once == ARTICLE + "?id=3"


def test_clean_url_amp_host_only_on_request():
    url = "https://m.beritajatim.com/2024/10/18/x/"
    assert clean_url(url) == url
    assert clean_url(url, strip_amp_host=True) == "https://beritajatim.com/2024/10/18/x/"


# -------------------------------------------------------------- canonical_url

def test_canonical_trusted_on_same_site():
    assert canonical_url(ARTICLE + "?utm_source=wa", ARTICLE, None) == ARTICLE


def test_canonical_relative_href_resolved():
    assert canonical_url(ARTICLE + "?utm_source=wa", "/2024/10/18/polres-probolinggo-kota-terjunkan-polisi-rw/",
                         None) == ARTICLE


def test_canonical_on_parent_domain_is_same_site():
    parent = "https://matapublik.co.id/2024/10/18/polres-probolinggo-kota-terjunkan-polisi-rw/"
    assert canonical_url(ARTICLE, parent, None) == parent


def test_og_url_used_when_no_canonical():
    assert canonical_url(ARTICLE + "?fbclid=abc", None, ARTICLE) == ARTICLE


@pytest.mark.parametrize("home", ["https://kotaprobolinggo.matapublik.co.id/", "https://kotaprobolinggo.matapublik.co.id"])
def test_canonical_pointing_to_home_page_ignored(home):
    assert canonical_url(ARTICLE + "?utm_source=wa", home, None) == ARTICLE


def test_canonical_on_another_site_ignored():
    assert canonical_url(ARTICLE, "https://www.antaranews.com/berita/4412345/polisi-rw-probolinggo", None) == ARTICLE


def test_foreign_canonical_skipped_then_og_url_used():
    og = "https://kotaprobolinggo.matapublik.co.id/2024/10/18/polisi-rw/"
    assert canonical_url(ARTICLE, "https://www.antaranews.com/berita/1/x", og) == og


def test_canonical_amp_variant_cleaned():
    assert canonical_url(ARTICLE, ARTICLE + "amp/", None) == ARTICLE


@pytest.mark.parametrize("bad", ["", "   ", "javascript:void(0)", "mailto:redaksi@matapublik.co.id"])
def test_unusable_canonical_falls_back_to_page(bad):
    assert canonical_url(ARTICLE + "?utm_source=wa", bad, None) == ARTICLE


def test_file_page_trusts_its_canonical():
    assert canonical_url("file:///home/arsip/polisi-rw.html", ARTICLE, None) == ARTICLE


def test_stdin_page_trusts_its_canonical():
    assert canonical_url("stdin:", ARTICLE, None) == ARTICLE


def test_file_page_canonical_to_home_not_trusted():
    assert canonical_url("file:///home/arsip/polisi-rw.html", "https://kotaprobolinggo.matapublik.co.id/", None) == \
        "file:///home/arsip/polisi-rw.html"


def test_file_page_without_canonical_keeps_file_url():
    assert canonical_url("file:///home/arsip/polisi-rw.html", None, None) == "file:///home/arsip/polisi-rw.html"


# ---------------------------------------------------------- registered_domain

@pytest.mark.parametrize(
    "host, domain",
    [
        ("kotaprobolinggo.matapublik.co.id", "matapublik.co.id"),
        ("matapublik.co.id", "matapublik.co.id"),
        ("www.probolinggokab.go.id", "probolinggokab.go.id"),
        ("ppid.unej.ac.id", "unej.ac.id"),
        ("sumberanyar.desa.id", "sumberanyar.desa.id"),
        ("kabarwarga.my.id", "kabarwarga.my.id"),
        ("www.sman1probolinggo.sch.id", "sman1probolinggo.sch.id"),
        ("news.detik.com", "detik.com"),
        ("jatim.antaranews.com", "antaranews.com"),
        ("WWW.Detik.COM", "detik.com"),
        ("radarbromo.id", "radarbromo.id"),
    ],
)
def test_registered_domain(host, domain):
    assert registered_domain(host) == domain


# ------------------------------------------------------------------ same_site

def test_same_site():
    assert same_site(ARTICLE, "https://malang.matapublik.co.id/2024/10/18/x/") is True
    assert same_site(ARTICLE, "https://matapublik.co.id/") is True
    assert same_site("https://news.detik.com/x", "https://www.detik.com/jatim/x") is True
    assert same_site("https://wartaprobolinggo.co.id/x", "https://beritaprobolinggo.co.id/x") is False
    assert same_site("https://probolinggokab.go.id/x", "https://lumajangkab.go.id/x") is False
    assert same_site("not a url", "also not a url") is False


def test_two_blogger_blogs_are_different_sites():
    assert registered_domain("suaratapalkuda.blogspot.com") == "suaratapalkuda.blogspot.com"
    assert same_site("https://suaratapalkuda.blogspot.com/2024/10/a.html",
                     "https://kabarsitubondo.blogspot.com/2024/10/a.html") is False


def test_canonical_that_only_adds_a_parameter_keeps_page_url():
    page = "https://nasional.tempo.co/read/1932101/alasan-warga-malas-bergerak"
    assert canonical_url(page, page + "?i=1", None) == page
