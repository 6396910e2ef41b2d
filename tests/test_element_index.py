"""element_index: selectors answered from the page's index give cssselect's answers exactly."""

from __future__ import annotations

import pytest

from crawler.extraction.document import Document, parse_html
from crawler.extraction.element_index import css, plan, selector_key

PAGE = """<html><body>
<div class="foo bar" id="main"><p class="foo">satu</p><p class="x  foo" id="a b">dua</p></div>
<div class="foo\xa0bar" id=" sp ">tiga</div><div class="foo\tbar\nbaz" id="sp">empat</div>
<span class="ads-top -ad- ad-x" id="div-gpt-ad-1">iklan</span><i class="2col">lima</i>
<a rel="author" itemprop="author" href="/a/">Hasan</a><a rel=" author" href="/b/">Budi</a><a rel="tag" href="/t/">tag</a>
<div itemprop="articleBody" itemscope itemtype="https://schema.org/NewsArticle"><span itemprop="name">Isi</span></div>
</body></html>"""

SELECTORS = [
    ".foo", ".bar", ".baz", "p.foo", "div.foo", ".foo.bar", "#sp", "#main", "#a", "[id='a b']", ".2col", "i.2col",
    "[class*=oo]", "[class^=fo]", "[class*=ad-]", "[class^=ad-]", "[class*=-ad-]", "[id^=div-gpt-ad]", "[id*=gpt]", "[id^=s]",
    "a[rel=author]", "[rel=author]", "[rel=' author']", "a[rel~=author]", "[rel]", "[itemprop]", "[itemprop=author]",
    "[itemprop=articleBody]", "[itemtype*=NewsArticle]", "[itemtype]", "[itemprop=articleBody] [itemprop=name]",
    "div p", "#main .foo", "div > p", "p, span", "a", "p", "[hidden]", ".foo[", "[itemprop=", "..foo", "#",
]


@pytest.mark.parametrize("selector", SELECTORS)
def test_select_matches_a_full_cssselect_evaluation(selector):
    root = parse_html(PAGE)
    doc = Document(root, "https://wartaprobolinggo.co.id/x/")
    try:
        expected = css(selector)(root)
    except Exception:
        expected = []  # an invalid selector selects nothing
    got = doc.select(selector)
    assert len(got) == len(expected) and all(a is b for a, b in zip(got, expected))


def test_plain_class_with_non_xml_white_space_is_checked_like_xpath():
    doc = Document(parse_html('<html><body><p class="foo\xa0bar">a</p><p class="foo">b</p></body></html>'), "u")
    assert [el.text for el in doc.select(".foo")] == ["b"]  # XPath's normalize-space keeps the nbsp inside


def test_classes_after_a_second_top_level_html_are_found():
    # libxml2 puts markup after </html> into a second top-level <html>; XPath's "//" (what class and id
    # selectors meant before the index) reaches it, so the index does too
    root = parse_html("<html><body><p class='x'>a</p></body></html><div class='x' id='late'>b</div>")
    assert [el.tag for el in root.itersiblings()] == ["html"]
    doc = Document(root, "u")
    assert [el.text for el in doc.select(".x")] == ["a", "b"]
    assert [el.text for el in doc.select("#late")] == ["b"]


def test_selector_keys():
    assert selector_key(".foo") == ("class", "foo")
    assert selector_key("h1#judul") == ("id", "judul")
    assert selector_key("a[rel=author]") == ("attr=", "rel=author")
    assert selector_key("[itemprop]") == ("attr", "itemprop")
    assert selector_key("[itemtype*=Article]") == ("attr", "itemtype")
    assert selector_key("[class*=ads-]") == ("class*", "ads-")
    assert selector_key("time[datetime]") == ("tag", "time")
    assert selector_key("[hidden]") is None
    assert plan("p, span")[0] == "css" and plan("div p")[0] == "descendants" and plan("h1")[2] is None
