"""body: article text without inserts, ads, captions, calls to action and trailers.

Full small documents go through ``extract_article``; the text rules are also
tested directly (``is_junk_paragraph``, ``clean_blocks``, ``extract_body``).
"""

from __future__ import annotations

import re

import pytest

from crawler.extraction import extract_article
from crawler.extraction import body as B
from crawler.extraction.document import Document, parse_html

WP_URL = "https://wartaprobolinggo.co.id/2024/10/18/nelayan-paiton-keluhkan-solar-langka/"

P_DATELINE = ("PROBOLINGGO – Puluhan nelayan di Kecamatan Paiton, Kabupaten Probolinggo, mengeluhkan sulitnya "
              "mendapatkan solar bersubsidi dalam sepekan terakhir. Akibatnya, sebagian besar perahu tidak bisa melaut.")
P_AD = ("Ketua kelompok nelayan Sumber Rejeki, Abdul Karim, mengatakan antrean di stasiun pengisian bahan bakar "
        "khusus nelayan sudah terjadi sejak subuh. Namun pasokan sering habis sebelum siang.")
P_QUOTE = ("\"Kami sudah tiga hari tidak melaut. Kalau begini terus, dapur tidak bisa mengepul,\" ujar Abdul Karim, "
           "Jumat (18/10/2024).")
H_SUB = "Pertamina Tambah Kuota"
P_PERTAMINA = ("Sales Branch Manager Pertamina wilayah Probolinggo, Rizky Maulana, menyatakan pihaknya akan menambah "
               "kuota solar untuk SPBN Paiton mulai pekan depan. Ia meminta nelayan membawa surat rekomendasi dari "
               "dinas perikanan.")
P_LIST_INTRO = "Syarat pembelian solar bersubsidi bagi nelayan antara lain:"
LI = ["Surat rekomendasi dari Dinas Perikanan;", "Kartu pelaku usaha kelautan dan perikanan (Kusuka);",
      "Dokumen kapal yang masih berlaku."]
P_LAST = ("Dinas Perikanan Kabupaten Probolinggo juga akan membuka layanan rekomendasi keliling di tiga kecamatan "
          "pesisir. (ada/ted)")

WP_PAGE = f"""<!DOCTYPE html>
<html lang="id-ID"><head><meta charset="UTF-8">
<title>Nelayan Paiton Keluhkan Solar Langka - Warta Probolinggo</title>
<meta property="og:type" content="article">
<meta property="og:site_name" content="Warta Probolinggo">
<meta property="og:title" content="Nelayan Paiton Keluhkan Solar Langka">
<meta property="article:published_time" content="2024-10-18T08:32:00+07:00">
<link rel="canonical" href="{WP_URL}">
</head><body class="single single-post">
<header><nav class="main-menu"><a href="/">Beranda</a> <a href="/category/ekonomi/">Ekonomi</a></nav></header>
<main><article class="post">
<h1 class="entry-title">Nelayan Paiton Keluhkan Solar Langka</h1>
<div class="entry-meta"><span class="author vcard">Penulis: Hasan Basri | Editor: Lilik Suryani</span>
<time class="entry-date">18 Oktober 2024 08:32 WIB</time></div>
<div class="entry-content">
<figure class="wp-caption"><img src="/wp-content/uploads/2024/10/nelayan.jpg" alt="">
<figcaption class="wp-caption-text">Perahu nelayan bersandar di Pelabuhan Paiton karena solar langka.</figcaption></figure>
<p><strong>PROBOLINGGO</strong> – Puluhan nelayan di Kecamatan Paiton, Kabupaten Probolinggo, mengeluhkan sulitnya
mendapatkan solar bersubsidi dalam sepekan terakhir. Akibatnya, sebagian besar perahu tidak bisa melaut.</p>
<p>Baca Juga: <a href="/2024/10/17/harga-ikan-naik/">Harga Ikan Tongkol di Pasar Paiton Naik</a></p>
<p>Ketua kelompok nelayan Sumber Rejeki, Abdul Karim, mengatakan antrean di stasiun pengisian bahan bakar khusus
nelayan sudah terjadi sejak subuh. <ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-1234"></ins>Namun
pasokan sering habis sebelum siang.</p>
<div class="baca-juga"><strong>Baca Juga</strong><ul><li><a href="/a/">Kapal Tenggelam di Perairan Gili Ketapang</a></li></ul></div>
<p>"Kami sudah tiga hari tidak melaut. Kalau begini terus, dapur tidak bisa mengepul," ujar Abdul Karim, Jumat (18/10/2024).</p>
<div id="div-gpt-ad-1700000000000-0"><p>ADVERTISEMENT</p></div>
<p>SCROLL TO CONTINUE WITH CONTENT</p>
<h2>Pertamina Tambah Kuota</h2>
<p>Sales Branch Manager Pertamina wilayah Probolinggo, Rizky Maulana, menyatakan pihaknya akan menambah kuota solar
untuk SPBN Paiton mulai pekan depan. Ia meminta nelayan membawa surat rekomendasi dari dinas perikanan.</p>
<p>Syarat pembelian solar bersubsidi bagi nelayan antara lain:</p>
<ul><li>Surat rekomendasi dari Dinas Perikanan;</li><li>Kartu pelaku usaha kelautan dan perikanan (Kusuka);</li>
<li>Dokumen kapal yang masih berlaku.</li></ul>
<p>&nbsp;</p>
<p>Dinas Perikanan Kabupaten Probolinggo juga akan membuka layanan rekomendasi keliling di tiga kecamatan pesisir. (ada/ted)</p>
<p>Simak berita terbaru lainnya di Google News Warta Probolinggo, klik di sini.</p>
<p>Ikuti saluran WhatsApp Warta Probolinggo untuk update berita terkini.</p>
<p>Editor: Lilik Suryani</p>
</div>
<div class="post-tags"><a href="/tag/nelayan/" rel="tag">nelayan</a></div>
</article>
<aside class="sidebar"><h3>Terpopuler</h3><ul><li><a href="/x/">Harga Bawang Merah di Probolinggo Turun Drastis</a></li></ul></aside>
</main><footer>© 2024 Warta Probolinggo</footer></body></html>"""

WP_EXPECTED = [P_DATELINE, P_AD, P_QUOTE, H_SUB, P_PERTAMINA, P_LIST_INTRO, *LI, P_LAST]


@pytest.fixture(scope="module")
def wp_record():
    result = extract_article(WP_PAGE, WP_URL + "?utm_source=facebook")
    assert result.reason is None
    return result.record


def test_wordpress_body_paragraphs_exactly(wp_record):
    assert wp_record["body"].split("\n\n") == WP_EXPECTED


def test_paragraphs_joined_by_exactly_one_blank_line(wp_record):
    body = wp_record["body"]
    assert body == "\n\n".join(WP_EXPECTED)
    assert "\n\n\n" not in body
    assert body == body.strip()
    assert not re.search(r"[ \t]\n|\n[ \t]", body)


@pytest.mark.parametrize(
    "fragment",
    ["Baca Juga", "Harga Ikan Tongkol", "Gili Ketapang", "ADVERTISEMENT", "SCROLL", "Perahu nelayan bersandar",
     "Google News", "WhatsApp", "Editor:", "Lilik Suryani", "Terpopuler", "nelayan\n\nnelayan", "Beranda", "©"],
)
def test_wordpress_boilerplate_absent(wp_record, fragment):
    assert fragment not in wp_record["body"]


def test_wordpress_dateline_and_initials_kept(wp_record):
    assert wp_record["body"].startswith("PROBOLINGGO – Puluhan nelayan")
    assert wp_record["body"].endswith("(ada/ted)")


def test_ad_inside_paragraph_does_not_split_it(wp_record):
    assert "sejak subuh. Namun pasokan sering habis sebelum siang." in wp_record["body"]


# ------------------------------------------------------------- Blogger <br> body

BLOGGER_URL = "https://suaratapalkuda.blogspot.com/2024/10/warga-sumberanyar-perbaiki-jembatan.html"
BLOGGER_PAGE = """<!DOCTYPE html>
<html><head><meta charset="UTF-8">
<title>Warga Desa Sumberanyar Gotong Royong Perbaiki Jembatan | Suara Tapal Kuda</title>
<meta property="og:title" content="Warga Desa Sumberanyar Gotong Royong Perbaiki Jembatan">
<meta property="og:type" content="article">
</head><body>
<div class="header"><h1 class="title"><a href="/">Suara Tapal Kuda</a></h1></div>
<div class="main"><div class="post hentry">
<h3 class="post-title entry-title">Warga Desa Sumberanyar Gotong Royong Perbaiki Jembatan</h3>
<div class="post-header"><span class="post-timestamp">Sabtu, 19 Oktober 2024</span></div>
<div class="post-body entry-content" id="post-body-8812">
<b>SITUBONDO</b> - Ratusan warga Desa Sumberanyar, Kecamatan Banyuputih, bergotong royong memperbaiki jembatan bambu yang rusak diterjang banjir pekan lalu.<br><br>
Kepala Desa Sumberanyar, Slamet Riyadi, mengatakan jembatan tersebut merupakan satu-satunya akses warga menuju sekolah dan pasar.<br>
<br>
"Anak-anak sekolah harus memutar sejauh tiga kilometer kalau jembatan ini putus," kata Slamet.<br><br>
<a class="inner-link-baca-juga" href="/2024/10/banjir.html">Baca juga: Banjir Bandang Terjang Banyuputih</a><br><br>
Pemerintah desa menyiapkan anggaran dari dana desa untuk membangun jembatan permanen tahun depan. Sementara itu, warga memakai bambu dan kayu dari kebun sendiri.<br><br>
Scroll untuk lanjut membaca<br><br>
Camat Banyuputih, Eko Prasetyo, mengapresiasi semangat warga dan berjanji mengusulkan pembangunan jembatan permanen ke pemerintah kabupaten. (*)
</div>
<div class="post-footer"><span class="post-labels">Label: <a href="/search/label/Situbondo" rel="tag">Situbondo</a></span></div>
</div></div></body></html>"""


def test_blogger_br_separated_body():
    result = extract_article(BLOGGER_PAGE, BLOGGER_URL)
    assert result.reason is None
    assert result.record["body"].split("\n\n") == [
        "SITUBONDO - Ratusan warga Desa Sumberanyar, Kecamatan Banyuputih, bergotong royong memperbaiki jembatan "
        "bambu yang rusak diterjang banjir pekan lalu.",
        "Kepala Desa Sumberanyar, Slamet Riyadi, mengatakan jembatan tersebut merupakan satu-satunya akses warga "
        "menuju sekolah dan pasar.",
        "\"Anak-anak sekolah harus memutar sejauh tiga kilometer kalau jembatan ini putus,\" kata Slamet.",
        "Pemerintah desa menyiapkan anggaran dari dana desa untuk membangun jembatan permanen tahun depan. "
        "Sementara itu, warga memakai bambu dan kayu dari kebun sendiri.",
        "Camat Banyuputih, Eko Prasetyo, mengapresiasi semangat warga dan berjanji mengusulkan pembangunan "
        "jembatan permanen ke pemerintah kabupaten. (*)",
    ]


# ------------------------------------------------------ Kompas-style read__content

KOMPAS_PAGE = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>Polisi Tangkap Pengedar Sabu di Lhokseumawe - Kompas.com</title>
<meta property="og:title" content="Polisi Tangkap Pengedar Sabu di Lhokseumawe">
<meta property="og:type" content="article">
<meta name="content_PublishedDate" content="2024-10-17 14:05:00">
</head><body>
<div class="read__header"><h1 class="read__title">Polisi Tangkap Pengedar Sabu di Lhokseumawe</h1>
<div class="read__time">Kompas.com - 17/10/2024, 14:05 WIB</div></div>
<div class="read__content"><div class="clearfix">
<p><strong>LHOKSEUMAWE, KOMPAS.com</strong> - Personel Satuan Reserse Narkoba Polres Lhokseumawe menangkap seorang pria berinisial RA (34) yang diduga mengedarkan sabu di Kecamatan Banda Sakti, Rabu (16/10/2024) malam.</p>
<p>Kepala Satuan Reserse Narkoba Polres Lhokseumawe, AKP Ibrahim, mengatakan penangkapan berawal dari laporan warga yang resah dengan aktivitas mencurigakan di sebuah rumah kos.</p>
<p><strong>Baca juga: </strong><a href="https://regional.kompas.com/read/2024/10/10/x" class="inner-link-baca-juga">Gudang Sabu di Aceh Utara Digerebek</a></p>
<p>"Dari tangan tersangka kami sita 25 paket sabu siap edar dengan berat total 12 gram," kata Ibrahim, Kamis (17/10/2024).</p>
<div class="ads-on-body"><div id="div-gpt-ad-inarticle"></div></div>
<p>Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com. Mari bergabung di Grup Telegram "Kompas.com News Update", caranya klik link https://t.me/kompascomupdate, kemudian join.</p>
</div></div></body></html>"""


def test_kompas_inner_link_baca_juga_and_telegram_cta_removed():
    result = extract_article(KOMPAS_PAGE, "https://regional.kompas.com/read/2024/10/17/140500178/polisi-tangkap-pengedar-sabu")
    assert result.reason is None
    assert result.record["body"].split("\n\n") == [
        "LHOKSEUMAWE, KOMPAS.com - Personel Satuan Reserse Narkoba Polres Lhokseumawe menangkap seorang pria "
        "berinisial RA (34) yang diduga mengedarkan sabu di Kecamatan Banda Sakti, Rabu (16/10/2024) malam.",
        "Kepala Satuan Reserse Narkoba Polres Lhokseumawe, AKP Ibrahim, mengatakan penangkapan berawal dari laporan "
        "warga yang resah dengan aktivitas mencurigakan di sebuah rumah kos.",
        "\"Dari tangan tersangka kami sita 25 paket sabu siap edar dengan berat total 12 gram,\" kata Ibrahim, "
        "Kamis (17/10/2024).",
    ]


# --------------------------------------------------------- extract_body directly

S1 = ("SURABAYA (beritajatim.com) – Dinas Kesehatan Kota Surabaya mencatat kasus demam berdarah meningkat dalam dua "
      "bulan terakhir seiring datangnya musim hujan.")
S2 = ("Kepala Dinas Kesehatan Surabaya, Nanik Sukristina, meminta warga menggalakkan gerakan 3M Plus di lingkungan "
      "masing-masing.")
S3 = "Pihaknya juga menyiapkan fogging di kelurahan dengan kasus terbanyak mulai pekan depan. (E-2)"


def _body(inner: str, cls: str = "entry-content", title: str | None = None) -> list[str]:
    doc = Document(parse_html(f'<html><body><article><div class="{cls}">{inner}</div></article></body></html>'),
                   "https://beritajatim.com/2024/10/18/dbd-surabaya/")
    B.drop_invisible(doc.root)
    text, _method, _containers = B.extract_body(doc, title=title)
    return text.split("\n\n") if text else []


@pytest.mark.parametrize(
    "insert",
    [
        '<p class="related-news">Baca juga: Kasus DBD di Sidoarjo Naik</p>',
        '<p><strong class="read__others">Baca Juga: <a href="/x">Kasus DBD di Sidoarjo Naik</a></strong></p>',
        '<table class="linksisip"><tr><td><div class="linksisip-title">Baca juga:</div><ul><li>'
        '<a href="/x">Kasus DBD di Sidoarjo Naik</a></li></ul></td></tr></table>',
        '<p>BACA JUGA : <a href="/x">Kasus DBD di Sidoarjo Naik</a></p>',
        '<p><strong>Baca Juga:</strong></p><ul><li><a href="/x">Kasus DBD di Sidoarjo Naik Dua Kali Lipat dalam '
        'Sebulan</a></li></ul>',
        '<div class="jnews_inline_related_post_wrapper"><div class="jeg_block_heading"><h3>Baca Juga</h3></div>'
        '<div class="jeg_post"><h3 class="jeg_post_title"><a href="/y">Wali Kota Tinjau Puskesmas</a></h3></div></div>',
        '<p>[Gambas:Video 20detik]</p>',
        '<p><strong>Simak juga Video: Fogging Massal di Surabaya</strong></p>',
        '<div class="gmr-banner"><p>Scroll untuk lanjut membaca</p></div>',
        '<div class="jeg_ad jeg_ad_article"><div class="ads-wrapper"><span>ADVERTISEMENT</span></div></div>',
        '<div class="stream-item stream-item-in-post"><a href="/promo"><img src="/b.jpg"></a></div>',
        '<div class="ai-viewports"><div class="code-block"><p>Iklan</p></div></div>',
        '<p><span>Advertisement</span></p>',
        '<figure><img src="/dbd.jpg"><figcaption>Petugas melakukan fogging di Kelurahan Tambaksari.</figcaption></figure>',
        '<p class="para_caption">Petugas melakukan fogging di Kelurahan Tambaksari. (Foto: Dok. Dinkes)</p>',
        '<p>(Foto: Dok. Dinkes Surabaya)</p>',
        '<p>&nbsp;</p>',
    ],
)
def test_inserts_between_paragraphs_removed(insert):
    assert _body(f"<p>{S1}</p><p>{S2}</p>{insert}<p>{S3}</p>") == [S1, S2, S3]


@pytest.mark.parametrize(
    "trailer",
    [
        "<p>Editor: Lilik Suryani</p>",
        "<p><strong>Editor : Lilik Suryani</strong></p>",
        "<p>Reporter: Hasan Basri | Editor: Lilik Suryani</p>",
        '<p>Artikel ini telah tayang di TribunJatim.com dengan judul "DBD Naik", klik untuk baca: '
        "https://jatim.tribunnews.com/x</p>",
        '<p>Cek berita dan artikel yang lain di <a href="https://news.google.com/x">Google News</a></p>',
        "<p><strong>Dapatkan update informasi terkini dan pilihan setiap hari dengan bergabung di saluran "
        "WhatsApp Beritajatim.com</strong></p>",
        "<p>Tags: DBD, Surabaya, fogging</p>",
    ],
)
def test_trailers_and_calls_to_action_removed(trailer):
    assert _body(f"<p>{S1}</p><p>{S2}</p><p>{S3}</p>{trailer}") == [S1, S2, S3]


def test_closing_initials_as_own_paragraph_kept():
    assert _body(f"<p>{S1}</p><p>{S2}</p><p>(*)</p>") == [S1, S2, "(*)"]
    assert _body(f"<p>{S1}</p><p>{S2}</p><p>(ada/ted)</p>") == [S1, S2, "(ada/ted)"]


def test_subheadings_list_items_and_quotes_are_separate_paragraphs():
    inner = (f"<p>{S1}</p><h3>Gerakan 3M Plus</h3><p>Langkah yang dianjurkan:</p>"
             "<ol><li>Menguras tempat penampungan air;</li><li>Menutup rapat wadah air;</li></ol>"
             f"<blockquote><p>Jangan tunggu ada korban dulu baru bergerak.</p></blockquote><p>{S3}</p>")
    assert _body(inner) == [S1, "Gerakan 3M Plus", "Langkah yang dianjurkan:", "Menguras tempat penampungan air;",
                            "Menutup rapat wadah air;", "Jangan tunggu ada korban dulu baru bergerak.", S3]


def test_headline_repeated_in_container_dropped():
    title = "Kasus DBD di Surabaya Meningkat"
    assert _body(f"<h1>{title}</h1><p>{S1}</p><p>{S2}</p>", title=title) == [S1, S2]


def _related_box() -> str:
    return '<div class="rel-box">' + "".join(
        f'<article><h3><a href="/2024/10/1{i}/berita-{i}/">Judul berita lain nomor {i} dari Surabaya</a></h3></article>'
        for i in range(3)) + "</div>"


def test_related_post_list_inside_container_removed():
    inner = f"<p>{S1}</p><p>{S2}</p>{_related_box()}<p>{S3}</p>"
    assert _body(inner) == [S1, S2, S3]


def test_related_post_list_nested_in_paragraph_wrapper_removed_alone():
    inner = f'<div class="td-paragraphs"><p>{S1}</p><p>{S2}</p>{_related_box()}<p>{S3}</p></div>'
    assert _body(inner) == [S1, S2, S3]


PLAIN_PAGE = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>Pemkab Lumajang Salurkan Bantuan Bibit Kopi ke Petani Senduro - Lumajang Today</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-10-17T09:00:00+07:00">
</head><body>
<div id="top"><a href="/">Lumajang Today</a></div>
<div class="wrap"><div class="kolom-kiri">
<h1>Pemkab Lumajang Salurkan Bantuan Bibit Kopi ke Petani Senduro</h1>
<div class="isi-artikel">
<p>LUMAJANG – Pemerintah Kabupaten Lumajang menyalurkan 20.000 bibit kopi robusta kepada kelompok tani di Kecamatan Senduro, Kamis (17/10/2024). Bantuan itu diharapkan menambah produktivitas kebun kopi rakyat di lereng Semeru.</p>
<p>Kepala Dinas Pertanian Lumajang, Wahyu Hidayat, mengatakan bibit dibagikan kepada 14 kelompok tani yang lahannya rusak akibat erupsi tahun lalu.</p>
<div class="kotak-lain">
<article><h3><a href="/2024/10/16/a/">Petani Tembakau Lumajang Panen Raya</a></h3></article>
<article><h3><a href="/2024/10/15/b/">Harga Pisang Agung Anjlok di Pasar Senduro</a></h3></article>
<article><h3><a href="/2024/10/14/c/">Festival Kopi Semeru Digelar Akhir Pekan</a></h3></article>
</div>
<p>"Kami ingin kopi Senduro kembali menjadi andalan. Pendampingan akan dilakukan sampai panen pertama," ujar Wahyu.</p>
<p>Salah satu petani, Suparno, mengaku senang menerima bantuan tersebut karena sebagian besar tanaman kopinya mati tertimbun abu vulkanik. (yon)</p>
</div></div>
<div class="kolom-kanan"><h3>Terpopuler</h3><ol><li><a href="/x/">Berita lain satu yang populer minggu ini</a></li></ol></div>
</div></body></html>"""


def test_heuristic_page_with_related_list_inside_body():
    result = extract_article(PLAIN_PAGE, "https://lumajangtoday.co.id/2024/10/17/pemkab-salurkan-bibit-kopi/")
    assert result.reason is None
    body = result.record["body"].split("\n\n")
    assert body[0].startswith("LUMAJANG – Pemerintah Kabupaten Lumajang")
    assert body[-1].endswith("abu vulkanik. (yon)")
    assert len(body) == 4
    assert "Festival Kopi Semeru" not in result.record["body"]


# ---------------------------------------------------------- is_junk_paragraph

@pytest.mark.parametrize(
    "text",
    [
        "Baca Juga: Harga Ikan Tongkol di Pasar Paiton Naik",
        "BACA JUGA : Harga Ikan Tongkol",
        "Baca juga:",
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        "Scroll untuk lanjut membaca",
        "Simak berita terbaru lainnya di Google News Warta Probolinggo, klik di sini.",
        "Ikuti berita terkini dari Warta Probolinggo di Google News, klik di sini",
        "Ikuti saluran WhatsApp Warta Probolinggo untuk update berita terkini.",
        "Editor: Lilik Suryani",
        "(Foto: Hasan Basri)",
        "Artikel ini telah tayang di TribunJatim.com dengan judul Harga Cabai Naik",
        "Halaman 2 dari 3",
        "Copyright © 2024 Warta Probolinggo",
        "Bagikan:",
    ],
)
def test_is_junk_paragraph_true(text):
    assert B.is_junk_paragraph(text) is True


@pytest.mark.parametrize(
    "text",
    [
        P_DATELINE,
        "(*)",
        "(ada/ted)",
        "Iklan rokok dilarang dipasang di sekitar sekolah, kata Wali Kota Probolinggo.",
        "Editor senior itu menyebut kebebasan pers di daerah masih rentan diintimidasi.",
        "Sumber air bersih warga kini hanya berasal dari sumur bor milik desa.",
        "Google News Initiative menggelar pelatihan cek fakta bagi 40 jurnalis di Surabaya.",
        "Warga diminta mengikuti akun WhatsApp resmi BPBD untuk peringatan dini banjir, kata Kepala BPBD.",
    ],
)
def test_is_junk_paragraph_false(text):
    assert B.is_junk_paragraph(text) is False


@pytest.mark.parametrize(
    "text",
    [
        "Jangan lupa ikuti Mata Publik di Google News untuk mendapatkan berita terbaru.",
        "Update berita terkini dari Warta Probolinggo di Google News",
        "Follow berita Mata Publik di Google News",
        'Baca artikel detikjatim, "Banjir Rob di Pasuruan" selengkapnya https://www.detik.com/jatim/berita/d-7590000/x',
        'Simak Video "Banjir Rob Rendam Pesisir Pasuruan"',
    ],
)
def test_is_junk_paragraph_missed_calls_to_action(text):
    assert B.is_junk_paragraph(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "Ikuti ſaluran WhatsApp Warta Probolinggo",  # IGNORECASE reads the long s as an s: so do the word tests
        "Pedagang cabai di Pasar Baru. (ılustrasi: Hasan)",
        "Pedagang cabai di Pasar Baru. (FOTO: Hasan)",
        "Pedagang cabai di Pasar Baru, foto/Hasan",
        "Natalie Naccache | Bloomberg | Getty Images",
        "REUTERS/Willy Kurniawan",
        "ADVERTIſEMENT",
    ],
)
def test_is_junk_paragraph_agrees_with_the_whole_regexes(text):
    """The substring tests that spare the costly regexes never change an answer."""
    from crawler.extraction import patterns as P

    low = text.lower().strip()
    full = (low in P.JUNK_EXACT or len(text) < 400 and (
        P.JUNK_PARAGRAPH.match(low) is not None or P.CAPTION_PARAGRAPH.match(text) is not None
        or (len(text) < 160 and P.PHOTO_CREDIT.match(text) is not None and P.CREDIT_SHAPE.search(text) is not None)))
    assert B.is_junk_paragraph(text) is full


def test_inline_junk_is_removed_whatever_its_case():
    assert B.clean_blocks([("Harga cabai naik ADVERTISEMENT di pasar Paiton, kata pedagang.", 0.0)]) == [
        "Harga cabai naik di pasar Paiton, kata pedagang."]
    assert B.clean_blocks([("Harga cabai naik Scroll untuk lanjutkan membaca di pasar.", 0.0)]) == [
        "Harga cabai naik di pasar."]


# ---------------------------------------------------------------- clean_blocks

def test_clean_blocks_inline_markers_repeats_links_title_trailer():
    title = "Nelayan Paiton Keluhkan Solar Langka"
    blocks = [
        (title, 0.0),
        ("PROBOLINGGO – Puluhan nelayan di Kecamatan Paiton mengeluhkan solar langka. ADVERTISEMENT Namun "
         "pasokan di SPBN sering habis sebelum siang.", 0.0),
        ("PROBOLINGGO – Puluhan nelayan di Kecamatan Paiton mengeluhkan solar langka. ADVERTISEMENT Namun "
         "pasokan di SPBN sering habis sebelum siang.", 0.0),  # a duplicated block
        ("Harga Ikan Naik Kapal Tenggelam Jembatan Putus", 0.9),
        ("Dinas Perikanan membuka layanan rekomendasi keliling. (ada/ted)", 0.0),
        ("Editor: Lilik Suryani", 0.0),
    ]
    assert B.clean_blocks(blocks, title) == [
        "PROBOLINGGO – Puluhan nelayan di Kecamatan Paiton mengeluhkan solar langka. Namun pasokan di SPBN sering "
        "habis sebelum siang.",
        "Dinas Perikanan membuka layanan rekomendasi keliling. (ada/ted)",
    ]


def test_clean_blocks_keeps_long_linked_paragraph():
    text = ("Menurut data " + "Badan Pusat Statistik Kabupaten Probolinggo " * 8).strip()
    assert B.clean_blocks([(text, 0.9)]) == [text]


@pytest.mark.parametrize(
    "last",
    [
        "Sumber air bersih warga kini hanya berasal dari sumur bor milik desa.",
        "Foto-foto kerusakan jembatan itu kemudian viral di media sosial.",
        "Editor senior itu menyebut kebebasan pers di daerah masih rentan diintimidasi.",
    ],
)
def test_clean_blocks_keeps_last_paragraph_starting_with_ordinary_word(last):
    first = "PROBOLINGGO – Puluhan warga Desa Sumberkare mengeluhkan kekeringan yang melanda sejak awal bulan."
    assert B.clean_blocks([(first, 0.0), (last, 0.0)]) == [first, last]


def test_is_trailer():
    assert B.is_trailer("Editor: Lilik Suryani") is True
    assert B.is_trailer("Penulis: Hasan Basri") is True
    assert B.is_trailer(P_DATELINE) is False
