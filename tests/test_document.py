"""document: charset decoding, mojibake repair and robust parsing."""

from __future__ import annotations

import pytest

from crawler.extraction import extract_article
from crawler.extraction.document import Document, decode_html, parse_html, repair_mojibake, text_of

TEXT = "Jum’at Berkah: “Sedekah Subuh” di Masjid Agung — Kafé Kopi Pasirian"


def _mojibake(s: str) -> str:
    """UTF-8 bytes wrongly read as cp1252 (undefined bytes passed through as latin-1)."""
    return "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
                   for b in s.encode("utf-8"))


def test_utf8_page_declared_windows_1252_decodes_as_utf8():
    page = f'<html><head><meta charset="windows-1252"><title>{TEXT}</title></head><body><p>{TEXT}</p></body></html>'
    assert decode_html(page.encode("utf-8")) == page


def test_utf8_page_with_wrong_http_charset_decodes_as_utf8():
    page = f"<html><body><p>{TEXT}</p></body></html>"
    assert decode_html(page.encode("utf-8"), "text/html; charset=ISO-8859-1") == page


def test_real_cp1252_bytes_declared_in_meta():
    page = '<html><head><meta charset="windows-1252"></head><body><p>“Kami siap,” kata Bupati — café</p></body></html>'
    assert decode_html(page.encode("cp1252")) == page


def test_real_cp1252_bytes_undeclared():
    page = "<html><head></head><body><p>“Kami siap,” kata Bupati — café</p></body></html>"
    assert decode_html(page.encode("cp1252")) == page


def test_content_type_header_charset():
    page = "<html><body><p>Kecamatan Pasirian, café dan señor</p></body></html>"
    assert decode_html(page.encode("iso-8859-1"), "text/html; charset=ISO-8859-1") == page


def test_utf8_bom_stripped():
    page = f"<html><body><p>{TEXT}</p></body></html>"
    assert decode_html(b"\xef\xbb\xbf" + page.encode("utf-8")) == page


def test_utf16_bom():
    page = "<html><body><p>Jum’at</p></body></html>"
    assert decode_html(b"\xff\xfe" + page.encode("utf-16-le")) == page


def test_ascii_page():
    page = b'<html><meta charset="utf-8"><p>Harga cabai naik</p></html>'
    assert decode_html(page) == page.decode("ascii")


def test_str_input_passes_through():
    assert decode_html(f"<p>{TEXT}</p>") == f"<p>{TEXT}</p>"


@pytest.mark.parametrize(
    "original",
    [
        "“Kami siap,” kata Bupati — Jum’at",
        "Kafé Kopi — Pasirian",
        "Suhu 30°C di Probolinggo",
    ],
)
def test_mojibake_repaired(original):
    broken = _mojibake(original)
    assert broken != original
    assert repair_mojibake(broken) == original
    assert decode_html(f"<p>{broken}</p>".encode("utf-8")) == f"<p>{original}</p>"
    assert decode_html(f"<p>{broken}</p>") == f"<p>{original}</p>"


def test_mojibake_run_mixed_with_correct_text():
    text = "Bupati — “Kami” dan " + _mojibake("“siap”")
    assert repair_mojibake(text) == "Bupati — “Kami” dan “siap”"


@pytest.mark.parametrize("text", [TEXT, "São Tomé, 30°C", "Rp 6,8 miliar untuk 312 pedagang"])
def test_correct_text_untouched(text):
    assert repair_mojibake(text) == text


def test_mojibake_in_record_title():
    page = (f"<html><head><title>{_mojibake('“Sedekah Subuh” Digelar di Masjid Agung Probolinggo')}</title>"
            "</head><body><h1>x</h1></body></html>")
    root = parse_html(decode_html(page.encode("utf-8")))
    assert text_of(root.find(".//title")) == "“Sedekah Subuh” Digelar di Masjid Agung Probolinggo"


# ---------------------------------------------------------------- parse_html

@pytest.mark.parametrize("text", ["", "   \n\t", "\x00\x01\x02", "<!-- hanya komentar -->", "<?xml version='1.0'?>"])
def test_parse_html_nothing_to_parse(text):
    assert parse_html(text) is None


@pytest.mark.parametrize(
    "text, content",
    [
        ("<html><body><p>Kalimat terpotong di teng", "Kalimat terpotong di teng"),
        ("<div><p>Paragraf tanpa penutup</div>", "Paragraf tanpa penutup"),
        ("hanya teks tanpa tag", "hanya teks tanpa tag"),
        ("<<<>>>", "<<<>>>"),
        ("<?xml version='1.0' encoding='utf-8'?><html><body><p>Berita</p></body></html>", "Berita"),
        ("\ufeff<html><body><p>Berita</p></body></html>", "Berita"),
        ("<html><body><p>A\x00B\x0bC</p></body></html>", "ABC"),
    ],
)
def test_parse_html_garbage_and_truncated(text, content):
    root = parse_html(text)
    assert root is not None
    assert root.tag == "html"
    assert text_of(root) == content


def test_parse_html_binary_garbage_does_not_raise():
    root = parse_html(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00".decode("latin-1"))
    assert root is None or root.tag == "html"


@pytest.mark.parametrize(
    "data",
    [b"", b"\x00\x00", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"<html><body><p>Terpotong",
     b"\xff\xfe\x00", "<html><body>" * 5000],
)
def test_extract_article_never_raises_on_garbage(data):
    result = extract_article(data, "https://radarbromo.id/2024/10/18/x/")
    assert result.record is None
    assert result.reason.startswith(("not_article:", "error:"))


def test_document_meta_and_link_lookups():
    root = parse_html("""<html><head>
      <meta property="og:title" content=" Harga Cabai Naik ">
      <meta name="OG:TITLE" content="Kedua">
      <meta name="description" content="">
      <link rel="alternate canonical" href=" https://radarbromo.id/2024/10/18/harga-cabai/ ">
    </head><body></body></html>""")
    doc = Document(root, "https://radarbromo.id/x")
    assert doc.meta["og:title"] == ["Harga Cabai Naik", "Kedua"]
    assert doc.meta_first("description", "og:title") == "Harga Cabai Naik"
    assert doc.link_href("canonical") == "https://radarbromo.id/2024/10/18/harga-cabai/"
    assert doc.select("p[") == []


# ------------------------------------------------------------- Document.select

SELECT_PAGE = """<html><body><div id="main" class="wrap konten">
<article class="post single"><header class="kepala"><h1 class="entry-title judul">Harga Cabai Naik</h1></header>
<div class="entry-meta"><span class="author vcard"><a href="/author/hasan/" rel="author">Hasan Basri</a></span></div>
<div class="isi-berita"><p>PROBOLINGGO – Harga cabai naik.</p><p class="para_caption">Pedagang cabai.</p>
<ul><li>Cabai rawit Rp 80.000</li></ul></div></article>
<aside class="sidebar"><h2 class="judul">Terpopuler</h2><div itemprop="author">Redaksi</div></aside>
</div></body></html>"""


def _names(els):
    return [f"{el.tag}.{el.get('class') or ''}" for el in els]


@pytest.mark.parametrize(
    "selector, expected",
    [
        ("h1.entry-title", ["h1.entry-title judul"]),
        (".judul", ["h1.entry-title judul", "h2.judul"]),
        ("#main", ["div.wrap konten"]),
        ("a[rel=author]", ["a."]),
        ("[itemprop=author]", ["div."]),
        (".author.vcard a", ["a."]),
        ("article h1", ["h1.entry-title judul"]),
        ("[class^=author]", ["span.author vcard"]),
        ("ul li", ["li."]),
    ],
)
def test_document_select_matches_css(selector, expected):
    doc = Document(parse_html(SELECT_PAGE), "https://wartaprobolinggo.co.id/x/")
    assert _names(doc.select(selector)) == expected


@pytest.mark.parametrize(
    "selector, expected",
    [
        ("h1.judul, h2.judul", ["h1.entry-title judul", "h2.judul"]),
        ("header.kepala > h1", ["h1.entry-title judul"]),
        (".isi-berita > p", ["p.", "p.para_caption"]),
        ("header + div", ["div.entry-meta"]),
    ],
)
def test_document_select_selector_lists_and_combinators(selector, expected):
    doc = Document(parse_html(SELECT_PAGE), "https://wartaprobolinggo.co.id/x/")
    assert _names(doc.select(selector)) == expected


# ------------------------------------------------------ parse_page and text_of

def _tree(root):
    from lxml import etree
    return None if root is None else etree.tostring(root, encoding="unicode")


@pytest.mark.parametrize(
    "data",
    [
        f"<html><body><p>{TEXT}</p></body></html>".encode("utf-8"),
        f"<html><head><meta charset='windows-1252'></head><body><p>{TEXT}</p></body></html>".encode("utf-8"),
        f"<p>{_mojibake(TEXT)}</p>".encode("utf-8"),
        "<p>“Kami siap,” kata Bupati — café</p>".encode("cp1252"),
        b"\xef\xbb\xbf<html><body><p>Jum\xe2\x80\x99at</p></body></html>",
        "<html><body><p>A\x00B\x0bC\ufffeD\uffffE — é</p></body></html>".encode("utf-8"),
        "\x01 <?xml version='1.0' encoding='utf-8'?><html><body><p>Berita é</p></body></html>".encode("utf-8"),
        "   \n  é".encode("utf-8"), b"", b"<p>ascii only</p>", "<p>str input é</p>",
    ],
)
def test_parse_page_is_parse_html_of_decode_html(data):
    from crawler.extraction.document import parse_page

    assert _tree(parse_page(data)) == _tree(parse_html(decode_html(data)))


def test_text_of_reads_leaves_and_subtrees_alike():
    from lxml import etree

    root = parse_html("<html><body><div>Kata <b>satu</b><script>x</script> dua\u200b <i>tiga<br/>empat</i>\xa0lima</div>"
                      "<p>hanya\n teks</p></body></html>")
    etree.strip_elements(root, "script", with_tail=False)  # leaves two adjacent text nodes, as drop_invisible does
    for el in root.iter():
        assert text_of(el) == " ".join("".join(el.itertext()).replace("\u200b", "").split())
    assert text_of(root.find(".//div")) == "Kata satu dua tigaempat lima"
