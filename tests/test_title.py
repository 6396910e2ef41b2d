"""title: strip_site_suffix and extract_title on Indonesian news markup."""

from __future__ import annotations

import pytest

from crawler.extraction import extract_article
from crawler.extraction.document import Document, parse_html
from crawler.extraction.structured import collect
from crawler.extraction.title import agreement, extract_title, strip_site_suffix

MP_HOST = "kotaprobolinggo.matapublik.co.id"
HEADLINE = "Polres Probolinggo Kota Terjunkan Polisi RW Jaga Kamtibmas Pilkada 2024"


# ------------------------------------------------------------ strip_site_suffix

@pytest.mark.parametrize(
    "raw, site_names, host, expected",
    [
        (f"{HEADLINE} - Mata Publik", ("Mata Publik",), MP_HOST, HEADLINE),
        (f"{HEADLINE} | Mata Publik", ("Mata Publik",), "", HEADLINE),
        (f"{HEADLINE} | Mata Publik", (), MP_HOST, HEADLINE),           # from the host alone
        (f"Mata Publik - {HEADLINE}", ("Mata Publik",), "", HEADLINE),  # site prefix
        ("Banjir Rendam Astambul | kalselterkini.com", (), "", "Banjir Rendam Astambul"),
        ("Banjir Rendam Astambul - Kalsel Terkini", (), "kalselterkini.com", "Banjir Rendam Astambul"),
        ("Kadishub DKI Tegaskan Uber Ilegal - Tribunnews.com", (), "www.tribunnews.com",
         "Kadishub DKI Tegaskan Uber Ilegal"),
        ("Tribunnews.com - Kadishub DKI Tegaskan Uber Ilegal", (), "www.tribunnews.com",
         "Kadishub DKI Tegaskan Uber Ilegal"),
        ("Bupati Resmikan Pasar - Harapan Baru bagi Pedagang - Warta Lumajang", ("Warta Lumajang",), "",
         "Bupati Resmikan Pasar - Harapan Baru bagi Pedagang"),
        ("Wawancara: Bupati Banjar - Kami Siap | Radar Banjar", ("Radar Banjar",), "radarbanjar.com",
         "Wawancara: Bupati Banjar - Kami Siap"),
    ],
)
def test_strip_site_suffix(raw, site_names, host, expected):
    assert strip_site_suffix(raw, site_names, host) == expected


@pytest.mark.parametrize(
    "title",
    [
        "Bupati Resmikan Pasar - Harapan Baru bagi Pedagang",   # a dash inside the headline
        "Timnas U-23 Menang 2-1 atas Vietnam",
        "Harga Beras Naik, Warga Mengeluh",
    ],
)
def test_strip_site_suffix_keeps_headline_dashes(title):
    assert strip_site_suffix(title, ("Mata Publik",), MP_HOST) == title


def test_strip_site_suffix_normalises_space():
    assert strip_site_suffix("  Harga Cabai\u00a0Rawit   Naik  ") == "Harga Cabai Rawit Naik"


def test_agreement():
    assert agreement("Harga Cabai Naik", "harga cabai naik") == 1.0
    assert agreement("Harga Cabai Naik", "Hukum") == 0.0
    assert agreement("", "Hukum") == 0.0


# ----------------------------------------------------------------- extract_title

def _title(html: str, host: str = MP_HOST, site_names=("Mata Publik",), extra=()):
    doc = Document(parse_html(html), f"https://{host}/2024/10/18/x/")
    text, el = extract_title(doc, collect(doc), extra, site_names, host)
    return text, (None if el is None else (el.tag, el.get("class")))


def test_h1_section_name_loses_to_og_title_headline_in_h2():
    html = f"""<html><head><title>Polisi RW - Mata Publik</title>
    <meta property="og:title" content="{HEADLINE}"></head><body>
    <h1 class="page-title">Hukum &amp; Kriminal</h1>
    <div class="content"><h2 class="post-title">{HEADLINE}</h2><p>Isi berita.</p></div></body></html>"""
    assert _title(html) == (HEADLINE, ("h2", "post-title"))


def test_h1_section_name_and_no_matching_element_uses_og_title_stripped():
    html = f"""<html><head><meta property="og:title" content="{HEADLINE} - Mata Publik"></head>
    <body><h1>Hukum</h1><p>Isi berita.</p></body></html>"""
    assert _title(html) == (HEADLINE, None)


def test_plain_h2_headline_accepted_when_it_matches_title_tag():
    html = """<html><head><title>Harga Cabai Rawit di Pasar Baru Naik Dua Kali Lipat - Mata Publik</title></head>
    <body><div class="logo"><h1>Mata Publik</h1></div>
    <h2>Harga Cabai Rawit di Pasar Baru Naik Dua Kali Lipat</h2><p>Isi berita.</p></body></html>"""
    assert _title(html) == ("Harga Cabai Rawit di Pasar Baru Naik Dua Kali Lipat", ("h2", None))


def test_title_tag_with_site_suffix_and_no_og_title():
    html = """<html><head><title>Harga Cabai Rawit di Pasar Baru Naik Dua Kali Lipat - Mata Publik</title></head>
    <body><div class="logo"><a href="/">Mata Publik</a></div><p>Isi berita.</p></body></html>"""
    assert _title(html) == ("Harga Cabai Rawit di Pasar Baru Naik Dua Kali Lipat", None)


def test_jnews_post_title_beats_breadcrumb_h1():
    html = """<html><head><title>Banjir Rendam Tiga Desa di Astambul | Kalsel Terkini</title>
    <meta property="og:title" content="Banjir Rendam Tiga Desa di Astambul"></head><body>
    <div class="jeg_breadcrumbs"><h1>Berita</h1></div>
    <div class="jeg_inner_content"><h1 class="jeg_post_title">Banjir Rendam Tiga Desa di Astambul, Ratusan Warga Mengungsi</h1>
    <h2 class="jeg_post_subtitle">BPBD mendirikan tenda darurat di halaman kantor kecamatan</h2></div></body></html>"""
    assert _title(html, "kalselterkini.com", ("Kalsel Terkini",)) == (
        "Banjir Rendam Tiga Desa di Astambul, Ratusan Warga Mengungsi", ("h1", "jeg_post_title"))


def test_tagdiv_title_text():
    html = """<html><head><title>Festival Nelayan Bitung Digelar - Sulut News</title>
    <meta property="og:title" content="Festival Nelayan Bitung Digelar Meriah"></head><body>
    <div class="td-header-wrap"><h1 class="td-logo">Sulut News</h1></div>
    <h1 class="tdb-title-text">Festival Nelayan Bitung Digelar Meriah</h1></body></html>"""
    assert _title(html, "sulutnews.com", ("Sulut News",)) == (
        "Festival Nelayan Bitung Digelar Meriah", ("h1", "tdb-title-text"))


def test_single_h1_without_metadata():
    html = "<html><body><h1>Bupati Resmikan Pasar Rakyat Martapura</h1><p>Isi.</p></body></html>"
    assert _title(html) == ("Bupati Resmikan Pasar Rakyat Martapura", ("h1", None))


def test_profile_selector_wins():
    html = f"""<html><head><meta property="og:title" content="Judul Lain Sama Sekali"></head><body>
    <h1>Hukum</h1><div class="judul-berita">{HEADLINE}</div></body></html>"""
    assert _title(html, extra=(".judul-berita",)) == (HEADLINE, ("div", "judul-berita"))


def test_no_title_anywhere():
    assert _title("<html><body><p>Isi tanpa judul.</p></body></html>") == (None, None)


def test_short_entry_title_beats_title_tag_with_long_suffix():
    html = """<html><head><title>Sumur Warga Kering | Kabar Tapal Kuda Hari Ini</title></head>
    <body><h1 class="entry-title">Sumur Warga Kering</h1><div class="entry-content"><p>Isi.</p></div></body></html>"""
    assert _title(html, "kabartapalkuda.com", ())[0] == "Sumur Warga Kering"


def test_record_title_short_headline_without_og_site_name():
    paras = ("<p>Warga Desa Sumberkare, Kecamatan Wonomerto, mulai kesulitan air bersih karena sumur-sumur mereka "
             "mengering sejak awal bulan. Mereka kini bergantung pada kiriman air dari BPBD.</p>"
             "<p>Kepala Desa Sumberkare, Suhartono, mengatakan sedikitnya 300 keluarga terdampak kekeringan tahun ini "
             "dan meminta tambahan tangki air bersih.</p>")
    html = f"""<html><head><title>Sumur Warga Kering | Kabar Tapal Kuda Hari Ini</title>
    <meta property="og:type" content="article"><meta property="article:published_time" content="2024-10-18T08:32:00+07:00">
    </head><body><h1 class="entry-title">Sumur Warga Kering</h1><div class="entry-content">{paras}</div></body></html>"""
    result = extract_article(html, "https://kabartapalkuda.com/2024/10/18/sumur-warga-kering/")
    assert result.reason is None
    assert result.record["title"] == "Sumur Warga Kering"


def test_profile_selector_with_child_combinator():
    html = f"""<html><head><meta property="og:title" content="Judul Lain Sama Sekali"></head><body>
    <h1>Hukum</h1><header class="kepala"><h1>{HEADLINE}</h1></header></body></html>"""
    assert _title(html, extra=("header.kepala > h1",)) == (HEADLINE, ("h1", None))


def test_title_tag_is_the_first_title_element_in_document_order():
    # an inline <svg><title> in the body comes after the head's; a page without <head> has its title in the body
    html = """<html><head><title>Harga Cabai Rawit di Pasar Baru Naik Dua Kali Lipat - Mata Publik</title></head>
    <body><svg><title>Ikon Cari</title></svg><p>Isi berita.</p></body></html>"""
    assert _title(html) == ("Harga Cabai Rawit di Pasar Baru Naik Dua Kali Lipat", None)
    html = """<html><body><p>Isi berita.</p><title>Banjir Rendam Astambul | kalselterkini.com</title>
    <title>Judul Kedua</title></body></html>"""
    assert _title(html, "", ())[0] == "Banjir Rendam Astambul"


def test_weak_heading_compared_with_every_metadata_title_without_its_site_name():
    headings = "".join(f"<h2>Berita Lain Nomor {i}</h2>" for i in range(10))
    html = f"""<html><head><title>Beranda - Mata Publik</title>
    <meta property="og:title" content="Mata Publik | {HEADLINE}"></head><body><h1>Hukum</h1>{headings}
    <h3 class="judul">{HEADLINE}</h3><p>Isi berita.</p></body></html>"""
    assert _title(html) == (HEADLINE, ("h3", "judul"))
