"""pagination.find_pages: next pages of multi-page articles, never a listing's pagination."""

from __future__ import annotations

import pytest

from crawler.extraction.document import Document, parse_html
from crawler.extraction.pagination import find_pages

WP = "https://wartaprobolinggo.co.id/2024/10/18/sejarah-pelabuhan-tanjung-tembaga/"
TRIBUN = "https://jatim.tribunnews.com/2024/10/18/harga-cabai-rawit-di-probolinggo-tembus-rp-80-ribu"
DETIK = "https://www.detik.com/jatim/berita/d-7590000/sejarah-pelabuhan-tanjung-tembaga"


def _pages(body: str, url: str):
    doc = Document(parse_html(f"<html><body><article><p>Isi halaman pertama.</p>{body}</article></body></html>"), url)
    return find_pages(doc, url)


def test_wordpress_page_links():
    body = (f'<div class="page-links">Halaman: <span class="post-page-numbers current">1</span> '
            f'<a href="{WP}2/" class="post-page-numbers">2</a> <a href="{WP}3/" class="post-page-numbers">3</a></div>')
    assert _pages(body, WP) == ([WP + "2/", WP + "3/"], None)


def test_wordpress_page_links_relative_from_page_two():
    body = ('<div class="page-links"><a href="/2024/10/18/sejarah-pelabuhan-tanjung-tembaga/">1</a> '
            '<span class="current">2</span> <a href="/2024/10/18/sejarah-pelabuhan-tanjung-tembaga/3/">3</a></div>')
    assert _pages(body, WP + "2/") == ([WP + "3/"], None)


def test_wordpress_page_links_in_reverse_order_are_sorted():
    body = f'<div class="page-links"><a href="{WP}4/">4</a><a href="{WP}2/">2</a><a href="{WP}3/">3</a></div>'
    assert _pages(body, WP)[0] == [WP + "2/", WP + "3/", WP + "4/"]


def test_query_page_parameter_with_all_pages_variant():
    body = (f'<div class="paging"><a href="{TRIBUN}?page=2">2</a><a href="{TRIBUN}?page=3">3</a>'
            f'<a href="{TRIBUN}?page=2">Selanjutnya</a><a href="{TRIBUN}?page=all">Tampilkan Semua</a></div>')
    assert _pages(body, TRIBUN) == ([TRIBUN + "?page=2", TRIBUN + "?page=3"], TRIBUN + "?page=all")


def test_halaman_n_link_text_outside_known_markup():
    assert _pages(f'<p><a href="{TRIBUN}?page=2">Halaman 2</a></p>', TRIBUN) == ([TRIBUN + "?page=2"], None)


@pytest.mark.parametrize("text", ["Selanjutnya", "Selanjutnya »", "Berikutnya", "Next"])
def test_next_link_text(text):
    assert _pages(f'<p><a href="{TRIBUN}?page=2">{text}</a></p>', TRIBUN) == ([TRIBUN + "?page=2"], None)


def test_fetched_with_tracking_parameters():
    assert _pages(f'<p><a href="{TRIBUN}?page=2">Selanjutnya</a></p>', TRIBUN + "?utm_source=fb")[0] == \
        [TRIBUN + "?page=2"]


def test_fragment_dropped_from_page_link():
    assert _pages(f'<div class="pages"><a href="{TRIBUN}?page=2#comments">2</a></div>', TRIBUN)[0] == \
        [TRIBUN + "?page=2"]


def test_detik_path_pages():
    body = f'<div class="detail__long-nav"><a href="{DETIK}/2">2</a><a href="{DETIK}/3">3</a></div>'
    assert _pages(body, DETIK) == ([DETIK + "/2", DETIK + "/3"], None)


def test_last_page_has_no_next():
    body = f'<div class="paging"><a href="{TRIBUN}?page=1">1</a><a href="{TRIBUN}?page=2">2</a></div>'
    assert _pages(body, TRIBUN + "?page=2") == ([], None)


def test_category_listing_pagination_not_taken_as_article_pages():
    body = ('<nav class="pagination"><a href="/category/ekonomi/page/2/">2</a>'
            '<a href="/category/ekonomi/page/3/">3</a><a class="next" href="/category/ekonomi/page/2/">Selanjutnya</a></nav>')
    assert _pages(body, WP) == ([], None)


def test_home_listing_pagination_not_taken():
    body = '<nav class="pagination"><a href="/page/2/">2</a><a href="/page/3/">3</a><a href="/page/2/">Selanjutnya</a></nav>'
    assert _pages(body, WP) == ([], None)


def test_next_article_link_is_not_a_page():
    body = ('<div class="post-navigation"><a href="/2024/10/18/sejarah-pelabuhan-tanjung-tembaga-bagian-dua/">'
            'Selanjutnya</a></div>')
    assert _pages(body, WP) == ([], None)


def test_other_host_same_path_ignored():
    body = '<div class="page-links"><a href="https://kliping.co.id/2024/10/18/sejarah-pelabuhan-tanjung-tembaga/2/">2</a></div>'
    assert _pages(body, WP) == ([], None)


def test_no_pagination():
    assert _pages('<p><a href="/tag/pelabuhan/">pelabuhan</a></p>', WP) == ([], None)


def test_wordpress_plain_permalink_pages():
    url = "https://beritalumajang.com/?p=4521"
    body = ('<div class="page-links"><a href="https://beritalumajang.com/?p=4521&amp;page=2">2</a> '
            '<a href="https://beritalumajang.com/?p=4521&amp;page=3">3</a></div>')
    assert _pages(body, url)[0] == ["https://beritalumajang.com/?p=4521&page=2",
                                    "https://beritalumajang.com/?p=4521&page=3"]


@pytest.mark.parametrize(
    "text, found",
    [
        ("2", True), ("<b>Selanjutnya</b> »", True), ("\xa0Next\xa0", True), ("Halaman 3", True),
        ("Next" + "\xa0" * 30, False),  # short to the eye, 34 characters to XPath's normalize-space
        ("Berita lainnya", False), ("", False), ("12345", False),
        # indented markup: white space around and between the words
        ("\n\t\t2\n\t", True), ("\n    <span>Halaman</span>\n\t 3\n  ", True), ("Next\t\u00bb", True),
        ("\n\t\t1 2\n", False), ("\n\t\tBerita\n\t", False), ("\n" + " " * 40 + "2", True),
        ("2" + "\u3000" * 30, False), ("<b>2</b>" + " " * 30, True),
        ("sela\u200bnjutnya", True), ("\u200b2", True),  # zero-width characters, which normalize_space drops
    ],
)
def test_next_links_read_the_link_text_as_the_xpath_filter_did(text, found):
    from lxml import etree

    from crawler.extraction.document import text_of
    from crawler.extraction.pagination import _NEXT_TEXT, _next_links

    root = parse_html(f'<html><body><p><a href="{DETIK}?page=2">{text}</a><a>2</a></p></body></html>')
    short = etree.XPath("//a[@href][string-length(normalize-space(.)) > 0][string-length(normalize-space(.)) < 25]")
    expected = [a for a in short(root) if _NEXT_TEXT.match(text_of(a))]
    assert _next_links(root) == expected
    assert bool(expected) is found
