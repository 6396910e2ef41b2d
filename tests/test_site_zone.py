"""Which zone a page's zone-less dates are read in when no site profile says (metadata.site_zone)."""

from __future__ import annotations

import pytest

from crawler.extraction.document import Document, parse_html
from crawler.extraction.metadata import site_zone
from crawler.extraction.structured import collect


def _zone(host: str, title: str, lang: str | None = None, description: str = "") -> str:
    attr = f' lang="{lang}"' if lang else ""
    html = (f"<html{attr}><head><title>{title}</title><meta name='description' content='{description}'></head>"
            f"<body><h1>{title}</h1></body></html>")
    doc = Document(parse_html(html), f"https://{host}/berita/1")
    return site_zone(host, doc, collect(doc), title)


@pytest.mark.parametrize("host,title,lang,zone", [
    ("kabarambon.id", "Nelayan Panen Cakalang", None, "Asia/Jakarta"),             # a .id host
    ("wartalumajang.com", "Bupati Resmikan Pasar Rakyat Kedungjajang", None, "Asia/Jakarta"),  # undeclared
    ("wartalumajang.com", "Bupati Resmikan Pasar Rakyat", "id-ID", "Asia/Jakarta"),
    ("portalkota.com", "Warga Antre Minyak Goreng di Pasar", "en-US", "Asia/Jakarta"),  # written beats declared
    ("news.example.com", "The mayor opens the new market in the city", None, "UTC"),
    ("news.example.it", "Il sindaco inaugura il mercato", "it", "UTC"),
    ("akhbar.example.com", "افتتاح السوق الجديد في المدينة اليوم", None, "UTC"),       # undeclared Arabic
    ("xinwen.example.com", "市长今天为新市场揭幕", None, "UTC"),                          # undeclared Chinese
    ("novosti.example.com", "Мэр открыл новый рынок", None, "UTC"),                   # undeclared Cyrillic
])
def test_site_zone(host, title, lang, zone):
    assert _zone(host, title, lang) == zone
