"""Extraction on the real Indonesian pages of ../shared/samples against hand-written expected records.

The pages are read in place (never copied into the project); the expected
records in tests/expected/samples/ were written by reading each page.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, shared_or_skip
from crawler.extraction import extract_article
from extraction_cases import mismatches

EXPECTED = sorted((ROOT / "tests" / "expected" / "samples").glob("*.json"))

#: Pages whose extraction is still known to differ from the expected record, and why.
KNOWN_MISSES: dict[str, str] = {}


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda p: p.stem)
def test_sample_page(expected_path: Path, request):
    if expected_path.stem in KNOWN_MISSES:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_MISSES[expected_path.stem], strict=True))
    page = shared_or_skip("samples", expected_path.stem + ".html")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    url = expected.get("_fetch_url") or expected.get("url") or "https://example.invalid/"
    result = extract_article(page.read_bytes(), url)
    assert mismatches(expected, result) == []


def test_every_sample_has_an_expected_record():
    samples = shared_or_skip("samples")
    pages = {p.stem for p in samples.glob("*.html")}
    assert pages == {p.stem for p in EXPECTED}
