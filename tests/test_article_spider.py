"""End-to-end: ``scrapy crawl article`` against pages served on 127.0.0.1.

Checks one-off extraction of given URLs: an article becomes one JSONL record
(a multi-page article one record with all its parts in order), a page that is
not an article writes nothing and is counted, and robots.txt is obeyed.
"""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

PARAS = [
    "SUMENEP - Pemerintah Kabupaten Sumenep meresmikan dermaga penyeberangan baru di Pulau Gili Iyang pada Senin pagi, disaksikan ratusan warga pulau.",
    "Bupati menyebut dermaga itu akan memangkas waktu tunggu kapal rakyat yang selama ini harus berlabuh di tengah laut ketika air surut.",
    "Warga berharap kapal pengangkut hasil bumi bisa bersandar setiap hari sehingga harga kebutuhan pokok di pulau ikut turun.",
    "Dinas Perhubungan menyiapkan jadwal kapal tetap dua kali sehari mulai bulan depan, termasuk pada akhir pekan dan hari libur.",
    "Pembangunan dermaga menghabiskan anggaran sekitar Rp 9 miliar dari dana alokasi khusus dan dikerjakan selama delapan bulan. (fa)",
]


def _article(title, paras, links=""):
    body = "".join(f"<p>{p}</p>" for p in paras)
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{title} - Kabar Madura</title>
<meta property="og:type" content="article"></head><body>
<nav><a href="/">Beranda</a> <a href="/category/daerah/">Daerah</a></nav>
<article><h1 class="entry-title">{title}</h1>
<div class="entry-meta"><span class="author">Penulis: Rina Kartika</span> <span class="entry-date">Senin, 14 Oktober 2024 | 09:15 WIB</span></div>
<div class="entry-content">{body}{links}</div></article>
<aside class="sidebar"><h3>Terpopuler</h3><p>Harga cabai naik lagi (13 Oktober 2024)</p></aside></body></html>"""


def _crawl(tmp_path, url_arg):
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "article", "-a", f"url={url_arg}", "-O", str(out),
         "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=INFO"],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
    return [json.loads(l) for l in lines], proc.stderr


def test_article_spider_assembles_multipage_and_skips_non_articles(tmp_path, http_site):
    title = "Dermaga Baru Gili Iyang Diresmikan"
    base = "/2024/10/14/dermaga-baru-gili-iyang/"
    links = f'<div class="page-links">Halaman: <span>1</span> <a href="{base}2/">2</a></div>'
    http_site.add(base, _article(title, PARAS[:3], links))
    http_site.add(base + "2/", _article(title, PARAS[3:]))
    http_site.add("/category/daerah/", "<html><head><title>Daerah - Kabar Madura</title></head><body>"
                  + "".join(f'<article><h2><a href="/2024/10/{i:02d}/b-{i}/">Berita {i} yang cukup panjang judulnya</a></h2>'
                            f"<p>Ringkasan berita {i} tentang daerah.</p></article>" for i in range(1, 9)) + "</body></html>")
    http_site.add("/robots.txt", "User-agent: *\nDisallow: /rahasia/\n", content_type="text/plain")
    http_site.add("/rahasia/2024/10/14/x/", _article("Rahasia", PARAS))

    records, log = _crawl(tmp_path, ",".join(http_site.url + p for p in (base, "/category/daerah/", "/rahasia/2024/10/14/x/")))

    assert len(records) == 1, [(r["url"], r["title"]) for r in records]
    rec = records[0]
    assert rec["title"] == title
    assert rec["author"] == "Rina Kartika"
    assert rec["published"] == "2024-10-14T09:15:00+07:00"
    assert rec["body"] == "\n\n".join(PARAS)
    assert list(rec)[:3] == ["url", "title", "author"]
    assert "'extract/not_article/category': 1" in log
    assert "'extract/multipage_assembled': 1" in log
    assert not any(p.startswith("/rahasia/") for p in http_site.requests)
