"""Scoring for the extraction benchmarks: body shingle matching and field checks.

Body text is scored with the method of scrapinghub's article-extraction-benchmark
(described in ``shared/bench/article-extraction-benchmark/SOURCE.md``):

* tokens are the maximal runs of ``\\w`` characters, case kept;
* shingles are the overlapping 4-token windows, counted as a multiset; a text of
  1-3 tokens is one shorter shingle and an empty text has none;
* per page, TP = size of the multiset intersection, FP = predicted surplus,
  FN = missing truth, all three divided by TP+FP+FN so every page weighs the same;
* precision = mean over pages with a non-empty prediction, recall = mean over pages
  with a non-empty truth, F1 = 2PR/(P+R) from those two means (not a mean of F1s);
* a missing prediction is an empty prediction.

Field helpers score a title or an author by exact match after whitespace
normalisation, a publication time exactly to the minute *with* its UTC offset, a
publication day, and the rejection of non-article pages.

Run ``python bench/scoring.py`` to execute the built-in self-check.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from datetime import date, datetime
from typing import Iterable, Mapping, Sequence

__all__ = [
    "tokenize",
    "shingles",
    "page_counts",
    "body_metrics",
    "norm_ws",
    "text_equal",
    "parse_iso",
    "published_exact_minute",
    "published_day",
    "same_day",
    "is_rejected",
]

NGRAM = 4
_TOKEN_RE = re.compile(r"\w+")


# ---------------------------------------------------------------------------
# Body: shingle matching
# ---------------------------------------------------------------------------

def tokenize(text: str | None) -> list[str]:
    """Maximal runs of Unicode word characters, case kept."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = NGRAM) -> Counter:
    """Multiset of overlapping ``n``-token windows (one shorter shingle for short texts)."""
    toks = tokenize(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def page_counts(true: str | None, pred: str | None, n: int = NGRAM) -> tuple[float, float, float]:
    """Normalised (TP, FP, FN) of one page; (0, 0, 0) when both texts are empty."""
    t = shingles(true, n)
    p = shingles(pred, n)
    tp = float(sum((t & p).values()))
    fp = float(sum(p.values())) - tp
    fn = float(sum(t.values())) - tp
    s = tp + fp + fn
    if s > 0:
        return tp / s, fp / s, fn / s
    return 0.0, 0.0, 0.0


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp > 0 else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn > 0 else 0.0


def body_metrics(counts: Sequence[tuple[float, float, float]]) -> dict:
    """Precision, recall and F1 of a list of per-page (TP, FP, FN).

    Precision is averaged over pages with a non-empty prediction (TP+FP > 0),
    recall over pages with a non-empty truth (TP+FN > 0). A mean over no page is
    ``None``; F1 is ``None`` when either mean is.
    """
    ps = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    rs = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.mean(ps) if ps else None
    r = statistics.mean(rs) if rs else None
    if p is None or r is None:
        f1 = None
    elif p + r == 0:
        f1 = 0.0
    else:
        f1 = 2 * p * r / (p + r)
    return {"precision": p, "recall": r, "f1": f1,
            "pages": len(counts), "pages_pred": len(ps), "pages_true": len(rs)}


def page_f1(true: str | None, pred: str | None) -> float:
    """One page's F1 (for ranking worst pages; not the benchmark's aggregate)."""
    c = page_counts(true, pred)
    if c == (0.0, 0.0, 0.0):
        return 1.0
    p, r = _precision(*c), _recall(*c)
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


# ---------------------------------------------------------------------------
# Fields
# ---------------------------------------------------------------------------

def norm_ws(value) -> str | None:
    """Collapse whitespace runs (incl. NBSP) to one space and strip; '' -> None."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value if v)
    s = " ".join(str(value).split())
    return s or None


def text_equal(expected, predicted) -> bool:
    """Exact match after whitespace normalisation (None and '' are equal)."""
    return norm_ws(expected) == norm_ws(predicted)


def parse_iso(value) -> datetime | date | None:
    """Parse an ISO 8601 date or datetime string (or pass a date/datetime through)."""
    if value is None:
        return None
    if isinstance(value, (datetime, date)):
        return value
    s = str(value).strip()
    if not s:
        return None
    if s.endswith(("Z", "z")):
        s = s[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(s)
    except ValueError:
        pass
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def published_exact_minute(expected, predicted) -> bool:
    """True when both are datetimes with a UTC offset, the same offset, and the same minute.

    ``2024-10-18T08:32:00+07:00`` matches ``2024-10-18T08:32:59+07:00`` but not
    ``2024-10-18T01:32:00+00:00`` (same instant, other offset) nor a naive
    ``2024-10-18T08:32:00``. When nothing is expected (None), a None prediction matches.
    """
    e, p = parse_iso(expected), parse_iso(predicted)
    if e is None:
        return p is None
    if not isinstance(e, datetime) or not isinstance(p, datetime):
        return False
    if e.utcoffset() is None or p.utcoffset() is None:
        return False
    if e.utcoffset() != p.utcoffset():
        return False
    return e.replace(second=0, microsecond=0) == p.replace(second=0, microsecond=0)


def published_day(value) -> date | None:
    """The calendar day of a date/datetime value as written (in its own offset)."""
    v = parse_iso(value)
    if v is None:
        return None
    return v.date() if isinstance(v, datetime) else v


def same_day(expected, predicted) -> bool:
    """True when the predicted day equals the expected day.

    When both are offset-aware datetimes the prediction is first moved to the
    expected offset (a UTC ``published_time`` still counts for the local day).
    Otherwise the day is compared as written. None expected matches None predicted.
    """
    e, p = parse_iso(expected), parse_iso(predicted)
    if e is None:
        return p is None
    if p is None:
        return False
    if (isinstance(e, datetime) and isinstance(p, datetime)
            and e.utcoffset() is not None and p.utcoffset() is not None):
        p = p.astimezone(e.tzinfo)
    return published_day(e) == published_day(p)


def is_rejected(prediction: Mapping | None) -> bool:
    """A tool rejected a page when it said so, or returned no body at all."""
    if not prediction:
        return True
    if prediction.get("rejected"):
        return True
    return not tokenize(prediction.get("body"))


def rate(flags: Iterable[bool]) -> tuple[float | None, int]:
    """(share of True, count) of a sequence of booleans; share None when empty."""
    flags = list(flags)
    if not flags:
        return None, 0
    return sum(1 for f in flags if f) / len(flags), len(flags)


# ---------------------------------------------------------------------------
# Self-check
# ---------------------------------------------------------------------------

def _selfcheck() -> None:
    # tokenisation and shingles
    assert tokenize("Halo, dunia! Kota-Probolinggo 2024") == ["Halo", "dunia", "Kota", "Probolinggo", "2024"]
    assert shingles("") == Counter()
    assert shingles("a b") == Counter({("a", "b"): 1})
    assert shingles("a b c d e") == Counter({("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1})
    assert shingles("x x x x x") == Counter({("x",) * 4: 2})  # multiset
    assert shingles("A b c d") != shingles("a b c d")  # case kept

    # per-page counts
    assert page_counts("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    assert page_counts("", "") == (0.0, 0.0, 0.0)
    assert page_counts("a b c d e", "") == (0.0, 0.0, 1.0)
    assert page_counts("", "a b c d e") == (0.0, 1.0, 0.0)
    tp, fp, fn = page_counts("a b c d e f", "b c d e f g")  # 3 shingles each, 2 shared
    assert abs(tp - 2 / 4) < 1e-12 and abs(fp - 1 / 4) < 1e-12 and abs(fn - 1 / 4) < 1e-12
    tp, fp, fn = page_counts("x x x x x x", "x x x x")  # truth 3 copies, pred 1 copy
    assert (tp, fp, fn) == (1 / 3, 0.0, 2 / 3)

    # aggregate: means over the right subsets, F1 of means
    counts = [
        page_counts("a b c d e", "a b c d e"),   # P=1 R=1
        page_counts("a b c d e", ""),            # empty prediction: recall only (0)
        page_counts("", "a b c d e"),            # empty truth: precision only (0)
        page_counts("", ""),                     # neither
    ]
    m = body_metrics(counts)
    assert m["precision"] == 0.5 and m["recall"] == 0.5 and m["f1"] == 0.5
    assert m["pages_pred"] == 2 and m["pages_true"] == 2
    m = body_metrics([page_counts("a b c d e f", "b c d e f g"), page_counts("p q r s", "p q r s")])
    p = (2 / 3 + 1) / 2
    assert abs(m["precision"] - p) < 1e-12 and abs(m["recall"] - p) < 1e-12
    m = body_metrics([(1.0, 0.0, 0.0), (0.5, 0.5, 0.0)])  # P=(1+.5)/2, R=1
    assert abs(m["f1"] - 2 * 0.75 * 1.0 / 1.75) < 1e-12

    # fields
    assert text_equal("  Judul\u00a0berita \n baru ", "Judul berita baru")
    assert not text_equal("Judul", "judul")
    assert text_equal(None, "") and not text_equal("A", None)
    assert text_equal("A, B", ["A", "B"])
    assert published_exact_minute("2024-10-18T08:32:00+07:00", "2024-10-18T08:32:45+07:00")
    assert not published_exact_minute("2024-10-18T08:32:00+07:00", "2024-10-18T01:32:00+00:00")
    assert not published_exact_minute("2024-10-18T08:32:00+07:00", "2024-10-18T08:32:00")
    assert not published_exact_minute("2024-10-18T08:32:00+07:00", "2024-10-18")
    assert not published_exact_minute("2024-10-18T08:32:00+07:00", "2024-10-18T08:33:00+07:00")
    assert published_exact_minute("2024-10-18T01:32:00Z", "2024-10-18T01:32:00+00:00")
    assert published_exact_minute(None, None) and not published_exact_minute(None, "2024-10-18")
    assert same_day("2024-10-18T08:32:00+07:00", "2024-10-18")
    assert same_day("2024-10-18T03:00:00+07:00", "2024-10-17T20:00:00+00:00")  # UTC converted
    assert not same_day("2024-10-18T03:00:00+07:00", "2024-10-17T20:00:00")   # naive: as written
    assert same_day("2020-06-07", "2020-06-07T23:59:00+03:00")
    assert not same_day("2020-06-07", None) and not same_day("2020-06-07", "garbage")
    assert is_rejected(None) and is_rejected({"body": "  "}) and is_rejected({"rejected": True, "body": "x"})
    assert not is_rejected({"body": "ada isi"})
    assert rate([True, False, True, True]) == (0.75, 4) and rate([]) == (None, 0)
    print("scoring self-check: ok")


if __name__ == "__main__":
    _selfcheck()
