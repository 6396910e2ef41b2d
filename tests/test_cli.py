"""``python -m crawler extract`` in a subprocess: stdout/stderr/exit status contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.extraction.record import FIELDS

ROOT = Path(__file__).resolve().parent.parent

URL = "https://wartaprobolinggo.co.id/2024/10/18/nelayan-paiton-keluhkan-solar-langka/"

PARAGRAPHS = [
    "PROBOLINGGO – Puluhan nelayan di Kecamatan Paiton, Kabupaten Probolinggo, mengeluhkan sulitnya mendapatkan "
    "solar bersubsidi dalam sepekan terakhir. Akibatnya, sebagian besar perahu tidak bisa melaut.",
    "Ketua kelompok nelayan Sumber Rejeki, Abdul Karim, mengatakan antrean di stasiun pengisian bahan bakar "
    "khusus nelayan sudah terjadi sejak subuh. Namun pasokan sering habis sebelum siang.",
    "“Kami sudah tiga hari tidak melaut. Kalau begini terus, dapur tidak bisa mengepul,” ujar Abdul Karim, "
    "Jumat (18/10/2024). (ada/ted)",
]


def article_page(canonical: str | None = URL) -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    paras = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="id-ID"><head><meta charset="UTF-8">
<title>Nelayan Paiton Keluhkan Solar Langka - Warta Probolinggo</title>
<meta property="og:type" content="article">
<meta property="og:site_name" content="Warta Probolinggo">
<meta property="og:description" content="Nelayan Paiton kesulitan mendapatkan solar bersubsidi.">
<meta property="article:published_time" content="2024-10-18T01:32:00+00:00">
<meta property="article:section" content="Ekonomi">
{link}
</head><body>
<article class="post">
<h1 class="entry-title">Nelayan Paiton Keluhkan Solar Langka</h1>
<div class="entry-meta"><span class="author vcard">Penulis: Hasan Basri | Editor: Lilik Suryani</span>
<time class="entry-date" datetime="2024-10-18T08:32:00+07:00">18 Oktober 2024 08:32 WIB</time></div>
<div class="entry-content">{paras}<p>Baca Juga: <a href="/2024/10/17/harga-ikan/">Harga Ikan Tongkol Naik</a></p></div>
<div class="post-tags"><a href="/tag/nelayan/" rel="tag">nelayan</a><a href="/tag/solar/" rel="tag">solar</a></div>
</article></body></html>"""


CATEGORY_PAGE = """<!DOCTYPE html>
<html lang="id-ID"><head><meta charset="UTF-8"><title>Ekonomi - Warta Probolinggo</title>
<link rel="canonical" href="https://wartaprobolinggo.co.id/category/ekonomi/">
</head><body><h1 class="page-title">Ekonomi</h1>
<article><h2><a href="/2024/10/18/a/">Nelayan Paiton Keluhkan Solar Langka</a></h2><p>Puluhan nelayan...</p></article>
<article><h2><a href="/2024/10/17/b/">Harga Ikan Tongkol di Pasar Paiton Naik</a></h2><p>Harga ikan...</p></article>
<div class="pagination"><a href="/category/ekonomi/page/2/">2</a></div>
</body></html>"""


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crawler", "extract", *args], cwd=ROOT, input=stdin,
                          capture_output=True, timeout=60)


@pytest.fixture
def article_file(tmp_path):
    path = tmp_path / "nelayan-paiton.html"
    path.write_text(article_page(), encoding="utf-8")
    return path


def test_article_page_one_json_line_in_contract_order(article_file):
    proc = run(str(article_file))
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode("utf-8")
    assert out.endswith("\n")
    lines = out.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert list(record) == [f for f in FIELDS if f != "published_approximate"]
    assert record["url"] == URL
    assert record["title"] == "Nelayan Paiton Keluhkan Solar Langka"
    assert record["author"] == "Hasan Basri"
    assert record["authors"] == ["Hasan Basri"]
    assert record["editor"] == "Lilik Suryani"
    assert record["published"] == "2024-10-18T08:32:00+07:00"
    assert record["body"] == "\n\n".join(PARAGRAPHS)
    assert record["section"] == "Ekonomi"
    assert record["tags"] == ["nelayan", "solar"]
    assert record["language"] == "id"
    assert record["site"] == "wartaprobolinggo.co.id"


def test_output_is_utf8_not_ascii_escaped(article_file):
    proc = run(str(article_file))
    assert "“Kami sudah tiga hari".encode("utf-8") in proc.stdout
    assert b"\\u201c" not in proc.stdout


def test_category_page_prints_reason_on_stderr(tmp_path):
    path = tmp_path / "kategori-ekonomi.html"
    path.write_text(CATEGORY_PAGE, encoding="utf-8")
    proc = run(str(path))
    assert proc.returncode == 0
    assert proc.stdout == b""
    assert proc.stderr.decode().strip() == f"{path}: not_article:category"


def test_missing_file_exit_2(tmp_path):
    missing = tmp_path / "tidak-ada.html"
    proc = run(str(missing))
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert str(missing) in proc.stderr.decode()
    assert "unreadable" in proc.stderr.decode()


def test_missing_file_does_not_stop_the_others(tmp_path, article_file):
    proc = run(str(tmp_path / "tidak-ada.html"), str(article_file))
    assert proc.returncode == 2
    assert len(proc.stdout.decode().splitlines()) == 1
    assert json.loads(proc.stdout)["url"] == URL


def test_several_files_one_line_per_article(tmp_path, article_file):
    cat = tmp_path / "kategori.html"
    cat.write_text(CATEGORY_PAGE, encoding="utf-8")
    proc = run(str(article_file), str(cat), str(article_file))
    assert proc.returncode == 0
    assert [json.loads(line)["url"] for line in proc.stdout.decode().splitlines()] == [URL, URL]
    assert "not_article:category" in proc.stderr.decode()


def test_stdin_with_url_and_no_canonical():
    proc = run("-", "--url", URL + "?utm_source=whatsapp&utm_medium=share",
               stdin=article_page(canonical=None).encode("utf-8"))
    assert proc.returncode == 0, proc.stderr.decode()
    record = json.loads(proc.stdout)
    assert record["url"] == URL
    assert record["site"] == "wartaprobolinggo.co.id"
    assert record["title"] == "Nelayan Paiton Keluhkan Solar Langka"


def test_stdin_with_canonical_and_no_url():
    proc = run("-", stdin=article_page().encode("utf-8"))
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""
    assert json.loads(proc.stdout)["url"] == URL


def test_stdin_category_page_reason_named_dash():
    proc = run("-", stdin=CATEGORY_PAGE.encode("utf-8"))
    assert proc.returncode == 0
    assert proc.stdout == b""
    assert proc.stderr.decode().strip() == "-: not_article:category"


def _multipage(tmp_path):
    page = article_page().replace(
        "</div>\n<div class=\"post-tags\">",
        f'</div><div class="page-links">Halaman: <span>1</span> <a href="{URL}2/">2</a> <a href="{URL}3/">3</a></div>'
        '\n<div class="post-tags">')
    assert 'class="page-links"' in page
    path = tmp_path / "bersambung.html"
    path.write_text(page, encoding="utf-8")
    return path


def test_pages_flag_with_url_reports_next_pages_on_stderr(tmp_path):
    path = _multipage(tmp_path)
    proc = run("--pages", "--url", URL, str(path))
    assert proc.returncode == 0, proc.stderr.decode()
    assert len(proc.stdout.decode().splitlines()) == 1
    assert proc.stderr.decode().strip() == f"{path}: next pages: {URL}2/ {URL}3/"


def test_pages_flag_on_saved_page_uses_canonical(tmp_path):
    path = _multipage(tmp_path)
    proc = run("--pages", str(path))
    assert proc.returncode == 0, proc.stderr.decode()
    assert len(proc.stdout.decode().splitlines()) == 1
    assert proc.stderr.decode().strip() == f"{path}: next pages: {URL}2/ {URL}3/"


def test_malformed_profile_option_is_a_clean_error(tmp_path, article_file):
    bad = tmp_path / "rusak.toml"
    bad.write_text('[site]\ndomains = ["wartaprobolinggo.co.id"\n', encoding="utf-8")
    proc = run("--profile", str(bad), str(article_file))
    err = proc.stderr.decode()
    assert proc.returncode != 0
    assert "Traceback" not in err
    assert "rusak.toml" in err


# ------------------------------------------------------------- crawl arguments
@pytest.mark.parametrize("target, expected", [
    ("kotaprobolinggo.matapublik.co.id", {"site": "kotaprobolinggo.matapublik.co.id", "subdomains": None}),
    ("matapublik.co.id", {"site": "matapublik.co.id", "subdomains": "true"}),  # the network root: all regions
    ("https://www.matapublik.co.id/", {"url": "https://www.matapublik.co.id/", "subdomains": "true"}),
    ("radarbromo.id", {"site": "radarbromo.id", "subdomains": None}),
])
def test_crawl_target_to_spider_arguments(target, expected):
    from crawler.cli import build_parser, crawl_spider_args

    args = build_parser().parse_args(["crawl", target, "--since", "2d"])
    got = crawl_spider_args(args)
    assert {k: got.get(k) for k in expected} == expected
    assert got["since"] == "2d"
