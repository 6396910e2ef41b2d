"""Bad input to the extractor: ``extract_article`` never raises, never hangs, and answers a record or a reason.

Property tests (hypothesis) over random text, bytes and tag soup, and a mutation fuzz over the
fixture pages (the mutators of ``bench/fuzz.py``: cuts, duplicated and nested subtrees,
re-encodings, entities, control characters and NUL bytes, huge attributes, 10 000-level nesting,
broken JSON-LD). Every call must finish within :data:`LIMIT_S`. A reason ``error:<Exception>`` is
the function's own catch-all hiding an internal failure: counted as a crash here.
The longer run is ``python bench/fuzz.py`` (5000 inputs).
"""

from __future__ import annotations

import logging
import random
import signal
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.fuzz import (
    JSON_LD_JUNK,
    MUTATORS,
    URL,
    deep_nesting,
    fixture_pages,
    is_crash,
    mutate,
)
from crawler.extraction import ExtractionResult, extract_article

#: Seconds one call may take, plus LIMIT_S_PER_MB per megabyte of input (the slowest fuzzed pages, multi-MB
#: attribute values, take ~1.5 s for 2.6 MB).
LIMIT_S = 2.0
LIMIT_S_PER_MB = 1.0
PAGES = fixture_pages()
#: The mutators the random tests use (all of bench/fuzz.py's; a variant that exposes an open bug is left
#: out here and tested on its own, marked xfail, so that the random tests stay deterministic passes).
SAFE_MUTATORS = list(MUTATORS)
ARTICLE_PAGE = (Path(__file__).parent / "fixtures" / "pages" / "jnews_banjir-rendam-astambul.html").read_text(
    encoding="utf-8")


class Hang(BaseException):
    """Raised by the alarm; a BaseException so that extract_article's ``except Exception`` cannot swallow it."""


@contextmanager
def time_limit(seconds: float):
    def on_alarm(signum, frame):
        raise Hang(f"extract_article took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds * 3)  # the hard stop, so a hang fails instead of hanging
    started = time.perf_counter()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    elapsed = time.perf_counter() - started
    assert elapsed < seconds, f"extract_article took {elapsed:.2f} s (limit {seconds} s)"


@pytest.fixture(autouse=True)
def _quiet_extraction_warnings():
    logging.disable(logging.WARNING)
    yield
    logging.disable(logging.NOTSET)


def check(data, url: str = URL, **kwargs) -> ExtractionResult:
    """extract_article on ``data``: within the time limit, a record xor a reason, no hidden crash."""
    with time_limit(LIMIT_S + LIMIT_S_PER_MB * len(data) / 1e6):
        result = extract_article(data, url, **kwargs)
    assert isinstance(result, ExtractionResult)
    assert (result.record is None) != (result.reason is None), result
    if result.record is not None:
        assert isinstance(result.record.get("title"), str) and result.record["title"]
        assert isinstance(result.record.get("body"), str)
    assert is_crash(result) is None, f"internal failure hidden as a reason: {result.reason}"
    return result


FAST = settings(max_examples=100, deadline=None, database=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.data_too_large])


@FAST
@given(st.binary(max_size=4000))
def test_random_bytes(data):
    check(data)


@FAST
@given(st.text(max_size=4000))
def test_random_text(text):
    check(text)


tags = st.sampled_from(["div", "p", "h1", "article", "script", "style", "time", "span", "meta", "title", "a"])
fragments = st.one_of(
    tags.map(lambda t: f"<{t}>"), tags.map(lambda t: f"</{t}>"),
    st.sampled_from(["&amp;", "&#0;", "&#xD800;", "&nbsp;", "<!--", "-->", "<![CDATA[", "\x00", "\x0c", "\ufeff",
                     '<meta property="og:type" content="article">',
                     '<meta property="article:published_time" content="2024-10-14T09:15:00+07:00">',
                     '<script type="application/ld+json">{"@type":"NewsArticle",',
                     "Senin, 14 Oktober 2024 | 09:15 WIB", "Penulis: Sari Wulandari", "Editor: "]),
    st.text(min_size=1, max_size=80),
)


@FAST
@given(st.lists(fragments, max_size=200))
def test_tag_soup(parts):
    check("".join(parts))


@FAST
@given(st.sampled_from(range(len(PAGES))), st.integers(0, 2**32 - 1), st.integers(1, 4))
def test_mutated_fixture_pages(index, seed, ops):
    check(mutate(PAGES[index], random.Random(seed), max_ops=ops, mutators=SAFE_MUTATORS))


@FAST
@given(st.sampled_from(range(len(PAGES))), st.sampled_from(["utf-8", "cp1252", "latin-1", "utf-16", "utf-16-le"]),
       st.sampled_from([None, "text/html", "text/html; charset=utf-8", "text/html; charset=windows-1252",
                        "text/html; charset=utf-16", "text/html; charset=bogus-enc", "application/octet-stream"]))
def test_reencoded_pages_with_any_declared_charset(index, encoding, content_type):
    data = PAGES[index].decode("utf-8", errors="replace").encode(encoding, errors="replace")
    check(data, content_type=content_type)


@pytest.mark.parametrize("mutator", SAFE_MUTATORS, ids=lambda m: m.__name__)
def test_each_mutator_on_every_page(mutator):
    rng = random.Random(mutator.__name__)
    for page in PAGES:
        check(mutator(page, rng))


@pytest.mark.parametrize("depth", [1_000, 10_000])
def test_deeply_nested_divs(depth):
    page = "<html><body>" + "<div>" * depth + "<p>teks</p>" + "</div>" * depth + "</body></html>"
    check(page)
    check("<div>" * depth)  # never closed


def test_nul_bytes_and_huge_attributes():
    check(ARTICLE_PAGE.replace("<p>", "<p>\x00\x00", 5).encode("utf-8"))
    check(ARTICLE_PAGE.replace("<body", "<body data-x='" + "A" * 5_000_000 + "'", 1))
    check(b"\x00" * 100_000)
    check(ARTICLE_PAGE.replace("</title>", "&#99999999999;&#xD800;&#0;</title>", 1))


def test_healthy_article_survives_control_characters():
    """Control characters injected between paragraphs must not cost the article."""
    noisy = ARTICLE_PAGE.replace("</p>", "\x0b\x1b\x7f\u200b</p>")
    result = check(noisy, "https://kabarbanjar.example.co.id/2024/10/14/banjir-rendam-astambul/")
    assert result.record is not None, result.reason


@pytest.mark.parametrize("junk", JSON_LD_JUNK, ids=[f"jsonld{i}" for i in range(len(JSON_LD_JUNK))])
def test_broken_json_ld_is_ignored(junk):
    i = ARTICLE_PAGE.find("</head>")
    page = ARTICLE_PAGE[:i] + f'<script type="application/ld+json">{junk}</script>' + ARTICLE_PAGE[i:]
    result = check(page, "https://kabarbanjar.example.co.id/2024/10/14/banjir-rendam-astambul/")
    assert result.record is not None, result.reason


def test_deep_json_ld_does_not_cost_the_article():
    i = ARTICLE_PAGE.find("</head>")
    page = (ARTICLE_PAGE[:i] + '<script type="application/ld+json">{"@type":"NewsArticle","x":'
            + "[" * 5000 + "]" * 5000 + "}</script>" + ARTICLE_PAGE[i:])
    result = check(page, "https://kabarbanjar.example.co.id/2024/10/14/banjir-rendam-astambul/")
    assert result.record is not None, result.reason


def test_article_after_300_unclosed_wrappers_is_kept():
    i = ARTICLE_PAGE.find("<p")
    page = ARTICLE_PAGE[:i] + "<div class='wrap'>" * 300 + ARTICLE_PAGE[i:]
    result = check(page, "https://kabarbanjar.example.co.id/2024/10/14/banjir-rendam-astambul/")
    assert result.record is not None, result.reason


def test_deep_nesting_mutator_is_bounded():
    rng = random.Random(1)
    for _ in range(5):
        assert len(deep_nesting("<p>x</p>", rng)) < 300_000


def test_byline_followed_by_deep_inline_nesting_keeps_the_article():
    i = ARTICLE_PAGE.find("</h1>") + 5
    page = ARTICLE_PAGE[:i] + "<p>Penulis: <a>Budi Santoso</a>" + "<b>" * 1000 + "teks" + ARTICLE_PAGE[i:]
    result = check(page, "https://kabarbanjar.example.co.id/2024/10/14/banjir-rendam-astambul/")
    assert result.record is not None, result.reason


def test_noncharacter_in_tail_of_removed_junk():
    # minimised from bench/fuzz.py seed 0
    data = ('<h1>K<a class=share>Facebook</a><\ufffd class="share-x" hrr-bersih-warga\ufffe\ufffe\ufffd\ufffd\ufffd'
            '\ufffe-kota-kupa').encode("utf-8")
    check(data)
