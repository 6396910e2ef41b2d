"""Benchmark: parse_date's regex fast path against dateparser.parse on the shared date table.

Run ``python bench/bench_dates.py``. For every string of ``tests/date_cases.py``
it times ``parse_date(text, fallback=False)`` and ``dateparser.parse(text)``
(the settings NOTES.md recommends) after a warm-up, takes the median per
string, and prints the median, 90th percentile and mean over strings, plus how
many strings each answers as the table expects (dateparser is scored on the
absolute-date cases only, since it resolves relative dates against the real
clock).
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.extraction.dates import parse_date  # noqa: E402
from tests.date_cases import ALL_CASES, NOW  # noqa: E402

DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "TIMEZONE": "Asia/Jakarta",
    "RETURN_AS_TIMEZONE_AWARE": True,
    "PREFER_DATES_FROM": "past",
}
RELATIVE_WORDS = ("lalu", "ago", "kemarin", "baru saja")


def median_us(fn, text: str, repeats: int, number: int) -> float:
    """Median over ``repeats`` runs of the per-call time of ``fn(text)``, in microseconds."""
    fn(text)  # warm-up
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            fn(text)
        runs.append((time.perf_counter() - start) / number * 1e6)
    return statistics.median(runs)


def summary(times: list[float]) -> tuple[float, float, float]:
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return statistics.median(ordered), p90, statistics.fmean(ordered)


def main() -> None:
    import dateparser

    def fast(text: str):
        return parse_date(text, now=NOW, fallback=False)

    def full(text: str):
        return parse_date(text, now=NOW)

    def dp(text: str):
        return dateparser.parse(text, languages=["id", "en"], settings=DATEPARSER_SETTINGS)

    t0 = time.perf_counter()
    dp("18 Oktober 2024")
    first_call_ms = (time.perf_counter() - t0) * 1e3

    strings = [text for text, _ in ALL_CASES]
    fast_times = [median_us(fast, s, repeats=5, number=200) for s in strings]
    dp_times = [median_us(dp, s, repeats=3, number=5) for s in strings]

    fast_ok = sum(
        (r.isoformat() if (r := full(text)) else None) == expected for text, expected in ALL_CASES
    )
    absolute = [(t, e) for t, e in ALL_CASES if not any(w in t.lower() for w in RELATIVE_WORDS)]
    dp_ok = 0
    for text, expected in absolute:
        got = dp(text)
        if got is not None and expected is not None:
            dp_ok += got.replace(microsecond=0) == datetime.fromisoformat(expected)  # same instant
        else:
            dp_ok += got is None and expected is None

    fm, fp, fa = summary(fast_times)
    dm, dpp, da = summary(dp_times)
    print(f"{len(strings)} strings; dateparser first call {first_call_ms:.0f} ms (import + parser setup)")
    print(f"{'':28} {'median µs':>10} {'p90 µs':>10} {'mean µs':>10} {'correct':>12}")
    print(f"{'parse_date (fast path)':28} {fm:10.1f} {fp:10.1f} {fa:10.1f} {fast_ok:>5}/{len(ALL_CASES):<6}")
    print(f"{'dateparser.parse':28} {dm:10.1f} {dpp:10.1f} {da:10.1f} {dp_ok:>5}/{len(absolute):<6}")
    print(f"speed-up (median): {dm / fm:.0f}x")
    print("correct: parse_date with its fallback, against the whole table; dateparser on absolute dates only")


if __name__ == "__main__":
    main()
