"""Extraction on our own fixture pages: every CMS family, its traps, and non-article pages.

Each ``tests/fixtures/pages/<name>.html`` has a hand-written ``<name>.json``
(see the README in that folder): the record a reader would write, or
``{"article": false, "kind": ...}``. ``_fetch_url`` is the URL the page was
fetched from (tracking parameters, AMP or ``?page=all`` variants included).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES
from crawler.extraction import extract_article
from extraction_cases import mismatches

PAGES = sorted((FIXTURES / "pages").glob("*.json"))


def _load(path: Path):
    expected = json.loads(path.read_text(encoding="utf-8"))
    html = path.with_suffix(".html").read_bytes()
    return expected, extract_article(html, expected["_fetch_url"])


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_fixture_page(path: Path):
    expected, result = _load(path)
    assert mismatches(expected, result) == []
    if expected.get("article") is False:
        assert result.reason.startswith("not_article:")


@pytest.mark.parametrize("path", [p for p in PAGES if "_next_pages" in p.read_text(encoding="utf-8")],
                         ids=lambda p: p.stem)
def test_multipage_links(path: Path):
    expected, result = _load(path)
    assert result.next_pages == expected["_next_pages"]
    assert result.all_pages_url == expected.get("_all_pages_url")


def test_fixture_set_is_broad():
    records = [json.loads(p.read_text(encoding="utf-8")) for p in PAGES]
    articles = [r for r in records if r.get("article") is not False]
    assert len(articles) >= 25 and len(records) - len(articles) >= 8
