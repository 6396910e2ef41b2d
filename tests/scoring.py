"""Comparison helpers for extraction tests: normalised text and token-level body F1."""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"\w+")


def norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def body_f1(expected: str, got: str) -> float:
    """Token-multiset F1 between two texts (1.0 when both are empty)."""
    a, b = Counter(_WORD.findall(expected or "")), Counter(_WORD.findall(got or ""))
    if not a and not b:
        return 1.0
    tp = sum((a & b).values())
    if tp == 0:
        return 0.0
    p, r = tp / sum(b.values()), tp / sum(a.values())
    return 2 * p * r / (p + r)


def minute(iso: str | None) -> str | None:
    """ISO datetime cut to the minute, offset kept: '2024-10-18T08:32+07:00'."""
    if not iso:
        return None
    m = re.match(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d)(?::\d\d(?:\.\d+)?)?(.*)$", iso)
    return m.group(1) + m.group(2) if m else iso
