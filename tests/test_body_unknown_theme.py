"""The body of a page whose theme no selector knows (crawler/extraction/body.py, patterns.py).

Without class names to mark them, the page chrome around a story is read as
text: a breadcrumb, the byline and date lines, a view counter, "Halaman 1/2",
and after the story the headings of related lists and comments. Those lines
are dropped, and nothing after a heading such as ``Berita Lainnya:`` is taken
for the story; story text that merely looks similar is kept.
"""

from __future__ import annotations

from crawler.extraction import extract_article

URL = "https://warta-batanghari.id/2024/02/17/festival-kopi-liberika-jambi/"

STORY = [
    "JAMBI - Ratusan pengunjung memadati Festival Kopi Liberika di halaman kantor gubernur, Sabtu (17/2) sore, "
    "untuk mencicipi kopi dari kebun-kebun petani di Tanjung Jabung Barat.",
    "Panitia menyiapkan empat puluh stan yang diisi kelompok tani, pemilik kedai, dan pelaku usaha olahan kopi "
    "dari sebelas kabupaten dan kota di Provinsi Jambi.",
    "Kepala Dinas Perkebunan, Hendra Saputra, mengatakan festival ini digelar agar kopi liberika dikenal lebih "
    "luas dan harganya di tingkat petani ikut naik.",
    "Festival berlangsung dua hari dan ditutup dengan lomba menyeduh kopi tingkat pelajar. (syb)",
]


def page(story: list[str] = STORY, after: str = "") -> bytes:
    paragraphs = "".join(f"<p>{text}</p>" for text in story)
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>Festival Kopi Liberika Ramaikan Jambi</title>
<meta property="og:title" content="Festival Kopi Liberika Ramaikan Jambi"></head>
<body><div class="wb-bar"><a href="/">Warta Batanghari</a><ul><li><a href="/daerah/">Daerah</a></li>
<li><a href="/ekonomi/">Ekonomi</a></li></ul></div>
<div class="wb-page"><div class="wb-col">
<div class="wb-box"><p class="wb-crumb">Beranda » Ekonomi » Festival Kopi Liberika Ramaikan Jambi</p>
<h1 class="wb-h">Festival Kopi Liberika Ramaikan Jambi</h1>
<p class="wb-d">Sabtu, 17 Februari 2024 - 20:05 WIB</p><p class="wb-o">Oleh: Syamsul Bahri</p>
<p class="wb-v">1.035 kali dilihat</p>
<div class="wb-txt">{paragraphs}<p>Halaman 1/2</p></div>
<p class="wb-k">Kategori: Ekonomi</p>
{after}
</div></div></div>
<div class="wb-foot"><p>Warta Batanghari - Jambi</p></div></body></html>""".encode()


RELATED = ("<p>Berita Lainnya:</p><ul><li><a href='/2024/02/16/a/'>Debit Sungai Batanghari Naik, Warga Tepian "
           "Diminta Waspada Banjir Kiriman dari Hulu</a></li><li><a href='/2024/02/15/b/'>Harga Pinang Kering "
           "Turun, Petani di Tungkal Ulu Menunda Panen Bulan Ini</a></li></ul>"
           "<p>2 komentar:</p><p>Semoga kopi liberika Jambi makin dikenal sampai ke luar negeri, bangga sekali.</p>"
           "<p>Kapan festival berikutnya digelar? Saya ingin datang bersama keluarga dari Muara Bulian.</p>")


def body_of(html: bytes) -> str:
    result = extract_article(html, URL)
    assert result.record is not None, result.reason
    return result.record["body"]


def test_header_chrome_and_what_follows_the_story_are_dropped():
    assert body_of(page(after=RELATED)) == "\n\n".join(STORY)


def test_story_lines_that_look_like_chrome_are_kept():
    story = [*STORY[:2],
             "Pameran dibuka 29 Januari 2024 | 17 Februari 2024",  # a date range is content
             "Share this information, please? Panitia meminta pengunjung menyebarkan kabar festival ini.",
             *STORY[2:]]
    assert body_of(page(story, RELATED)) == "\n\n".join(story)
