"""Validation and de-duplication pipelines, called directly on records (no crawl)."""

from __future__ import annotations

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from crawler.extraction.record import FIELDS
from crawler.items import ArticleItem
from crawler.state import CrawlState, SqliteSeenStore
from pipelines.dedupe import DedupePipeline
from pipelines.normalize import clean_body, clean_line
from pipelines.validate import ValidateArticlePipeline

BODY = ("PROBOLINGGO - Pemerintah Kota Probolinggo meresmikan taman baca di Kelurahan Jrebeng Lor pada Senin pagi. "
        "Warga menyambut baik fasilitas yang dibangun dari dana kelurahan itu.\n\n"
        "Wali kota berharap taman baca menjadi tempat belajar anak-anak sepulang sekolah dan ruang berkumpul "
        "warga. (ras)")


def record(**changes) -> dict:
    rec = {"url": "https://kotaprobolinggo.matapublik.co.id/2024/10/18/taman-baca-jrebeng/",
           "title": "Taman Baca Jrebeng Lor Diresmikan", "author": "Achmad Sarjono", "authors": ["Achmad Sarjono"],
           "published": "2024-10-18T08:32:00+07:00", "body": BODY, "tags": ["Probolinggo"],
           "site": "kotaprobolinggo.matapublik.co.id"}
    rec.update(changes)
    return rec


@pytest.fixture
def crawler():
    crawler = get_crawler(settings_dict={"MIN_BODY_CHARS": 100})
    return crawler


def validate(crawler, item):
    return ValidateArticlePipeline.from_crawler(crawler).process_item(item)


# -- validation -------------------------------------------------------------------------------
@pytest.mark.parametrize("changes, reason", [
    ({"url": None}, "missing_url"),
    ({"url": "/2024/10/18/relative/"}, "invalid_url"),
    ({"title": "  \u200b "}, "missing_title"),
    ({"title": 42}, "invalid_title"),
    ({"published": None}, "missing_published"),
    ({"published": "18 Oktober 2024"}, "invalid_published"),
    ({"published": "2024-10-18T08:32:00"}, "invalid_published"),  # no offset
    ({"body": ""}, "missing_body"),
    ({"body": "Terlalu pendek."}, "short_body"),
])
def test_invalid_records_are_dropped_with_the_reason_counted(crawler, changes, reason):
    with pytest.raises(DropItem, match=reason):
        validate(crawler, record(**changes))
    assert crawler.stats.get_value(f"dropped/{reason}") == 1
    assert [k for k in crawler.stats.get_stats() if k.startswith("dropped/")] == [f"dropped/{reason}"]


def test_valid_record_leaves_complete_ordered_and_normalised(crawler):
    item = ArticleItem.from_record(record(
        title="Taman  Baca\u00a0Jrebeng &amp; Perpustakaan\u200b",
        author="Achmad Sarjono ", editor="", description="Cafe\u0301 &quot;baca&quot;\nbaru",
        authors=["Achmad Sarjono", " ", "Achmad Sarjono"], tags=["Probolinggo", "", "Literasi"],
        image="https://cdn.example.co.id/a.jpg?w=1&amp;h=2", modified="kemarin", site=None,
        body="  " + BODY.replace("\n\n", "\n\n\n\n").replace("Senin", "Senin\u200b\t ")))
    out = validate(crawler, item)
    assert isinstance(out, dict) and list(out) == list(FIELDS)
    assert out["title"] == "Taman Baca Jrebeng & Perpustakaan"
    assert out["author"] == "Achmad Sarjono"
    assert out["editor"] is None
    assert out["description"] == 'Café "baca" baru'
    assert out["authors"] == ["Achmad Sarjono"]
    assert out["tags"] == ["Probolinggo", "Literasi"]
    assert out["image"] == "https://cdn.example.co.id/a.jpg?w=1&h=2"
    assert out["modified"] is None and crawler.stats.get_value("validate/nulled/modified") == 1
    assert out["site"] == "kotaprobolinggo.matapublik.co.id"  # from the URL
    assert out["body"] == BODY
    assert out["published_approximate"] is None and out["section"] is None


def test_normalisers_keep_text_that_only_looks_like_markup():
    assert clean_line("R&D dan PT A&B") == "R&D dan PT A&B"
    assert clean_line("&lt;b&gt; &#8211; &#x2014;") == "<b> \u2013 \u2014"
    assert clean_line("\ufeff \u00ad") is None
    assert clean_body("Satu\r\nbaris\r\n\r\n\r\nDua") == "Satu\nbaris\n\nDua"


# -- de-duplication -----------------------------------------------------------------------------
def dedupe(crawler, store=None):
    return DedupePipeline(CrawlState(store, incremental=True), crawler.stats)


def test_repeated_url_in_a_run_is_dropped(crawler):
    pipe = dedupe(crawler)
    pipe.process_item(record())
    with pytest.raises(DropItem, match="duplicate_url"):
        pipe.process_item(record(title="Judul Lain"))
    assert crawler.stats.get_value("dropped/duplicate_url") == 1


def test_syndicated_copy_is_written_with_duplicate_of(crawler):
    pipe = dedupe(crawler)
    first = pipe.process_item(record())
    copy = pipe.process_item(record(url="https://radar.example.co.id/2024/10/18/taman-baca/",
                                    body=BODY.replace(". ", ".  ") + "\n\nArtikel ini telah tayang di Mata Publik."))
    assert "duplicate_of" not in first
    assert copy["duplicate_of"] == first["url"]
    assert crawler.stats.get_value("dedupe/syndicated") == 1


def test_syndication_note_points_at_its_link_when_nothing_written_matches(crawler):
    pipe = dedupe(crawler)
    note = ('Artikel ini telah tayang di TribunJatim.com dengan judul "Taman Baca", '
            "https://jatim.tribunnews.com/2024/10/18/taman-baca?utm_source=x.")
    out = pipe.process_item(record(url="https://other.example.co.id/a/", body=BODY + "\n\n" + note))
    assert out["duplicate_of"] == "https://jatim.tribunnews.com/2024/10/18/taman-baca"
    other_body = BODY.replace("Senin", "Selasa") + "\n\nBerita ini sudah tayang di Kompas.com"
    unknown = pipe.process_item(record(url="https://third.example.co.id/b/", body=other_body))
    assert "duplicate_of" not in unknown
    assert crawler.stats.get_value("dedupe/syndication_source_unknown") == 1


def test_across_runs_unchanged_is_dropped_and_changed_is_an_update(crawler, tmp_path):
    store = SqliteSeenStore(tmp_path / "seen.sqlite3")
    CrawlState(store, True).mark(record())  # written by an earlier run

    with pytest.raises(DropItem, match="unchanged"):
        dedupe(crawler, store).process_item(record())
    assert crawler.stats.get_value("incremental/unchanged") == 1

    changed = dedupe(crawler, store).process_item(record(body=BODY + " Koreksi: dana kelurahan 2024."))
    assert changed["update"] is True
    retitled = dedupe(crawler, store).process_item(record(title="Judul Diperbarui",
                                                          modified="2024-10-19T10:00:00+07:00"))
    assert retitled["update"] is True
    assert crawler.stats.get_value("incremental/updates") == 2
    # a syndicated copy of an article written by an earlier run
    copy = dedupe(crawler, store).process_item(record(url="https://radar.example.co.id/copy/"))
    assert copy["duplicate_of"] == record()["url"]
    store.close()
