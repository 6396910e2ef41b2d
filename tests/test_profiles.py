"""profiles: the built-in Mata Publik profile, host matching, loading TOML files."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.extraction.profiles import DEFAULT, SiteProfile, load_profile, profile_for


@pytest.mark.parametrize(
    "host",
    [
        "kotaprobolinggo.matapublik.co.id",
        "matapublik.co.id",
        "malang.matapublik.co.id",
        "https://kotaprobolinggo.matapublik.co.id/2024/10/18/polres-probolinggo-kota-terjunkan-polisi-rw/",
    ],
)
def test_mata_publik_profile(host):
    p = profile_for(host)
    assert p.name == "Mata Publik"
    assert p.domains == ("matapublik.co.id",)
    assert p.timezone == "Asia/Jakarta"
    assert "Mata Publik" in p.site_names
    assert p.source.endswith("matapublik.co.id.toml")
    assert ".post-views" in p.remove


@pytest.mark.parametrize("host", ["www.detik.com", "fakematapublik.co.id", "matapublik.co.id.example.com",
                                  "https://radarbromo.id/2024/10/18/x/", ""])
def test_unknown_host_gets_default(host):
    p = profile_for(host)
    assert p is DEFAULT
    assert p.name == "default"
    assert p.timezone is None  # inferred per page (metadata.site_zone): Asia/Jakarta for Indonesian pages
    assert p.body == () and p.site_names == ()


def test_profile_for_host_is_case_insensitive():
    assert profile_for("KotaProbolinggo.MataPublik.co.id").name == "Mata Publik"


def test_mata_publik_url_patterns():
    p = profile_for("kotaprobolinggo.matapublik.co.id")
    assert p.is_article_url(
        "https://kotaprobolinggo.matapublik.co.id/2024/10/18/polres-probolinggo-kota-terjunkan-polisi-rw/") is True
    assert p.is_article_url("https://kotaprobolinggo.matapublik.co.id/category/hukum/") is False
    assert p.is_article_url("https://kotaprobolinggo.matapublik.co.id/?s=pilkada") is False
    assert p.is_article_url("https://kotaprobolinggo.matapublik.co.id/redaksi/") is None


def test_covers():
    p = SiteProfile(name="Kabar Makassar", domains=("kabarmakassar.co.id",))
    assert p.covers("kabarmakassar.co.id") is True
    assert p.covers("Gowa.KabarMakassar.co.id.") is True
    assert p.covers("notkabarmakassar.co.id") is False


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_profile_full(tmp_path):
    path = _write(tmp_path, "kabarmakassar.toml", """
[site]
name = "Kabar Makassar"
domains = ["KabarMakassar.co.id", ".gowa-news.id"]
timezone = "Asia/Makassar"
site_names = "Kabar Makassar"

[extract]
title = ["h1.judul"]
body = [".isi-berita"]
remove = [".iklan-tengah"]

[urls]
article = ['/berita/\\d+/']
not_article = ['/indeks/']

[crawl]
start_urls = ["https://kabarmakassar.co.id/"]
""")
    p = load_profile(path)
    assert p == SiteProfile(name="Kabar Makassar", domains=("kabarmakassar.co.id", "gowa-news.id"),
                            timezone="Asia/Makassar", site_names=("Kabar Makassar",), title=("h1.judul",),
                            body=(".isi-berita",), remove=(".iklan-tengah",), article_url=("/berita/\\d+/",),
                            not_article_url=("/indeks/",), source=str(path))
    assert p.crawl == {"start_urls": ["https://kabarmakassar.co.id/"]}
    assert p.is_article_url("https://kabarmakassar.co.id/berita/123/pasar") is True


def test_load_profile_name_defaults_to_file_stem(tmp_path):
    p = load_profile(_write(tmp_path, "radarbromo.toml", '[site]\ndomains = ["radarbromo.id"]\n'))
    assert p.name == "radarbromo"
    assert p.timezone == "Asia/Jakarta"


def test_load_profile_malformed_toml_names_the_file(tmp_path):
    path = _write(tmp_path, "rusak.toml", '[site]\nname = "Rusak"\ndomains = ["rusak.co.id"\n')
    with pytest.raises(ValueError, match=r"rusak\.toml"):
        load_profile(path)


def test_load_profile_without_domains_names_the_file(tmp_path):
    path = _write(tmp_path, "tanpa-domain.toml", '[site]\nname = "Tanpa Domain"\n')
    with pytest.raises(ValueError, match=r"tanpa-domain\.toml.*domains"):
        load_profile(path)


def test_load_profile_missing_file(tmp_path):
    with pytest.raises(ValueError, match=r"tidak-ada\.toml"):
        load_profile(tmp_path / "tidak-ada.toml")


def test_load_profile_bad_regex_names_the_file(tmp_path):
    path = _write(tmp_path, "regex-rusak.toml", '[site]\ndomains = ["x.co.id"]\n[urls]\narticle = ["/berita/(\\\\d+"]\n')
    with pytest.raises(ValueError, match=r"regex-rusak\.toml"):
        load_profile(path)


def test_load_profile_not_utf8_names_the_file(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes('[site]\nname = "Kabar Déli"\ndomains = ["x.co.id"]\n'.encode("latin-1"))
    with pytest.raises(ValueError, match=r"latin1\.toml"):
        load_profile(path)


def test_load_profile_site_not_a_table_names_the_file(tmp_path):
    path = _write(tmp_path, "bukan-tabel.toml", 'site = "matapublik.co.id"\n')
    with pytest.raises(ValueError, match=r"bukan-tabel\.toml"):
        load_profile(path)


def test_extra_dir_profile_wins_on_equal_domain_and_longest_domain_wins(tmp_path):
    _write(tmp_path, "a.toml", '[site]\nname = "Mata Publik Lokal"\ndomains = ["matapublik.co.id"]\n')
    _write(tmp_path, "b.toml", '[site]\nname = "Probolinggo Khusus"\ndomains = ["kotaprobolinggo.matapublik.co.id"]\n')
    assert profile_for("malang.matapublik.co.id", extra_dir=str(tmp_path)).name == "Mata Publik Lokal"
    assert profile_for("kotaprobolinggo.matapublik.co.id", extra_dir=str(tmp_path)).name == "Probolinggo Khusus"
    assert profile_for("kotaprobolinggo.matapublik.co.id").name == "Mata Publik"
