"""structured.collect: JSON-LD (plain, @graph, lists, broken), microdata, listing types."""

from __future__ import annotations

from crawler.extraction.document import Document, parse_html
from crawler.extraction.structured import collect

URL = "https://wartalumajang.com/2024/10/18/bupati-resmikan-pasar-rakyat-kedungjajang/"


def _collect(head: str = "", body: str = ""):
    return collect(Document(parse_html(f"<html><head>{head}</head><body>{body}</body></html>"), URL))


def _ld(text: str) -> str:
    return f'<script type="application/ld+json">{text}</script>'


def test_plain_newsarticle():
    sd = _collect(_ld("""{"@context":"https://schema.org","@type":"NewsArticle",
      "headline":"Bupati Banjar Resmikan Jembatan Gantung Sungai Tabuk",
      "datePublished":"2024-10-18T08:32:00+08:00","dateModified":"2024-10-18T10:00:00+08:00",
      "author":[{"@type":"Person","name":"Rahmat Hidayat"},{"@type":"Person","name":"Nur Aini"}],
      "publisher":{"@type":"Organization","name":"Kalsel Terkini"},
      "articleSection":"Pemerintahan","keywords":"jembatan, Banjar,  infrastruktur ,",
      "image":{"@type":"ImageObject","url":"https://kalselterkini.com/img/jembatan.jpg"},
      "inLanguage":"id-ID","description":"Jembatan gantung sepanjang 120 meter itu menghubungkan dua desa.",
      "mainEntityOfPage":{"@type":"WebPage","@id":"https://kalselterkini.com/2024/10/18/jembatan/"},
      "articleBody":"MARTAPURA - Bupati Banjar meresmikan jembatan gantung."}"""))
    assert sd.has_article_node is True
    assert sd.types == {"newsarticle"}
    assert sd.headline == "Bupati Banjar Resmikan Jembatan Gantung Sungai Tabuk"
    assert sd.published == "2024-10-18T08:32:00+08:00"
    assert sd.modified == "2024-10-18T10:00:00+08:00"
    assert sd.authors == ["Rahmat Hidayat", "Nur Aini"]
    assert sd.publisher == "Kalsel Terkini"
    assert sd.section == "Pemerintahan"
    assert sd.keywords == ["jembatan", "Banjar", "infrastruktur"]
    assert sd.image == "https://kalselterkini.com/img/jembatan.jpg"
    assert sd.language == "id-ID"
    assert sd.description == "Jembatan gantung sepanjang 120 meter itu menghubungkan dua desa."
    assert sd.url == "https://kalselterkini.com/2024/10/18/jembatan/"
    assert sd.body == "MARTAPURA - Bupati Banjar meresmikan jembatan gantung."


def test_yoast_graph_author_and_publisher_by_id():
    sd = _collect(_ld("""{"@context":"https://schema.org","@graph":[
      {"@type":"WebPage","@id":"https://wartalumajang.com/2024/10/18/bupati/#webpage","name":"Bupati Resmikan Pasar"},
      {"@type":"NewsArticle","@id":"https://wartalumajang.com/2024/10/18/bupati/#article",
       "headline":"Bupati Resmikan Pasar Rakyat Kedungjajang, 312 Pedagang Tempati Los Baru",
       "author":{"@id":"https://wartalumajang.com/#/schema/person/5f2a8c1e"},
       "publisher":{"@id":"https://wartalumajang.com/#organization"},
       "datePublished":"2024-10-18T01:32:10+00:00","keywords":["Pasar Rakyat","UMKM"],
       "articleSection":["Pemerintahan","Ekonomi"]},
      {"@type":"Person","@id":"https://wartalumajang.com/#/schema/person/5f2a8c1e","name":"Fajar Nugroho",
       "url":"https://wartalumajang.com/author/fajar/"},
      {"@type":"Organization","@id":"https://wartalumajang.com/#organization","name":"Warta Lumajang"}]}"""))
    assert sd.has_article_node is True
    assert sd.headline == "Bupati Resmikan Pasar Rakyat Kedungjajang, 312 Pedagang Tempati Los Baru"
    assert sd.authors == ["Fajar Nugroho"]
    assert sd.publisher == "Warta Lumajang"
    assert sd.published == "2024-10-18T01:32:10+00:00"
    assert sd.keywords == ["Pasar Rakyat", "UMKM"]
    assert sd.section == "Pemerintahan"
    assert sd.types == {"webpage", "newsarticle", "person", "organization"}


def test_list_of_blocks_in_one_script():
    sd = _collect(_ld("""[{"@context":"https://schema.org","@type":"BreadcrumbList",
      "itemListElement":[{"@type":"ListItem","position":1,"name":"Beranda"}]},
      {"@context":"https://schema.org","@type":"NewsArticle","headline":"Harga Cabai Rawit Naik",
       "author":{"@type":"Person","name":"Dewi Lestari"}}]"""))
    assert sd.headline == "Harga Cabai Rawit Naik"
    assert sd.authors == ["Dewi Lestari"]
    assert {"breadcrumblist", "listitem", "newsarticle"} <= sd.types


def test_several_scripts_article_in_the_second():
    sd = _collect(_ld('{"@context":"https://schema.org","@type":"WebSite","name":"Radar Bromo"}')
                  + _ld('{"@type":"BlogPosting","headline":"Warga Gotong Royong","author":"Hasan Basri"}'))
    assert sd.headline == "Warga Gotong Royong"
    assert sd.authors == ["Hasan Basri"]
    assert sd.publisher is None


def test_first_article_node_wins():
    sd = _collect(_ld('{"@type":"NewsArticle","headline":"Berita Utama Hari Ini"}')
                  + _ld('{"@type":"NewsArticle","headline":"Berita Terkait di Sidebar"}'))
    assert sd.headline == "Berita Utama Hari Ini"


def test_broken_json_trailing_commas_and_raw_newline():
    sd = _collect(_ld("""{
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      "headline": "Harga Cabai Naik Jelang Akhir Tahun",
      "description": "Harga cabai rawit
naik tajam di Pasar Baru",
      "author": {"@type": "Person", "name": "Dewi Lestari",},
      "keywords": ["cabai", "inflasi",],
      "datePublished": "2024-10-17T09:00:00+07:00",
    }"""))
    assert sd.has_article_node is True
    assert sd.headline == "Harga Cabai Naik Jelang Akhir Tahun"
    assert sd.description == "Harga cabai rawit naik tajam di Pasar Baru"
    assert sd.authors == ["Dewi Lestari"]
    assert sd.keywords == ["cabai", "inflasi"]
    assert sd.published == "2024-10-17T09:00:00+07:00"


def test_json_wrapped_in_html_comment_and_semicolon():
    sd = _collect(_ld('<!-- {"@type":"NewsArticle","headline":"Pasar Murah di Ambon"}; -->'))
    assert sd.headline == "Pasar Murah di Ambon"


def test_unparseable_json_is_ignored_and_other_blocks_still_read():
    sd = _collect(_ld('{"@type":"NewsArticle","headline":"Rusak" "author"}')
                  + _ld('{"@type":"NewsArticle","headline":"Masih Terbaca"}'))
    assert sd.headline == "Masih Terbaca"


def test_two_json_documents_in_one_script():
    # some CMS plugins print their blocks into one script, one after the other
    sd = _collect(_ld('{"@context":"https://schema.org","@type":"WebSite","name":"Kabar Ambon"}\n'
                      '{"@type":"NewsArticle","headline":"Nelayan Ambon Panen Cakalang",'
                      '"datePublished":"2024-10-18T09:15:00+09:00"}'))
    assert sd.headline == "Nelayan Ambon Panen Cakalang"
    assert sd.published == "2024-10-18T09:15:00+09:00"


def test_type_list_and_author_string_list():
    sd = _collect(_ld('{"@type":["NewsArticle","Article"],"headline":"Dua Jenis",'
                      '"author":["Andi Saputra","  Budi Hartono  "],"creator":"Tidak Dipakai"}'))
    assert sd.types == {"newsarticle", "article"}
    assert sd.authors == ["Andi Saputra", "Budi Hartono"]


def test_creator_used_when_no_author():
    sd = _collect(_ld('{"@type":"NewsArticle","headline":"X Y Z","creator":{"@type":"Person","name":"Rina Ayu"}}'))
    assert sd.authors == ["Rina Ayu"]


def test_microdata_article():
    sd = _collect(body="""<article itemscope itemtype="https://schema.org/NewsArticle">
      <h1 itemprop="headline">Festival Nelayan Bitung Digelar Meriah</h1>
      <time itemprop="datePublished" datetime="2024-10-18T08:00:00+08:00">18 Oktober 2024</time>
      <meta itemprop="dateModified" content="2024-10-18T09:15:00+08:00">
      <span itemprop="author" itemscope itemtype="https://schema.org/Person">
        <span itemprop="name">Marvel Tumbelaka</span></span>
      <div itemprop="articleBody"><p>BITUNG - Ribuan warga memadati pelabuhan.</p></div></article>""")
    assert sd.has_article_node is True
    assert sd.headline == "Festival Nelayan Bitung Digelar Meriah"
    assert sd.published == "2024-10-18T08:00:00+08:00"
    assert sd.modified == "2024-10-18T09:15:00+08:00"
    assert sd.authors == ["Marvel Tumbelaka"]
    assert {"newsarticle", "person"} <= sd.types


def test_microdata_author_content_attribute():
    sd = _collect(body='<div itemscope itemtype="http://schema.org/BlogPosting">'
                       '<meta itemprop="author" content="Slamet Riyadi"><h2 itemprop="headline">Jembatan Bambu</h2></div>')
    assert sd.authors == ["Slamet Riyadi"]
    assert sd.headline == "Jembatan Bambu"


def test_jsonld_beats_microdata():
    sd = _collect(_ld('{"@type":"NewsArticle","headline":"Dari JSON-LD","author":{"name":"Andi Saputra"}}'),
                  '<h1 itemprop="headline">Dari Microdata</h1><span itemprop="author">Budi Hartono</span>')
    assert sd.headline == "Dari JSON-LD"
    assert sd.authors == ["Andi Saputra"]


def test_collection_page():
    sd = _collect(_ld('{"@context":"https://schema.org","@graph":[{"@type":"CollectionPage",'
                      '"@id":"https://wartalumajang.com/category/ekonomi/","name":"Ekonomi Arsip"},'
                      '{"@type":"BreadcrumbList","itemListElement":[]}]}'))
    assert sd.has_article_node is False
    assert "collectionpage" in sd.types
    assert sd.headline is None
    assert sd.authors == []


def test_page_without_structured_data():
    sd = _collect("<title>Harga Cabai</title>", "<p>Isi berita.</p>")
    assert sd.types == set()
    assert sd.has_article_node is False
    assert sd.headline is None
    assert sd.authors == []
