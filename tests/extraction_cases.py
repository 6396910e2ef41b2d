"""Checks one extraction result against a hand-written expected record (shared by the page tests)."""

from __future__ import annotations

from scoring import body_f1, minute, norm

#: Body token-F1 a page must reach against its hand-written expected body.
BODY_F1_MIN = 0.95


def mismatches(expected: dict, result) -> list[str]:
    """Human-readable differences between an expected record and an ExtractionResult."""
    if expected.get("article") is False:
        if result.record is not None:
            return [f"non-article page ({expected.get('kind')}) yielded a record titled {result.record['title']!r}"]
        return []
    if result.record is None:
        return [f"article rejected: {result.reason}"]
    got = result.record
    out = []
    if got["url"] != expected["url"]:
        out.append(f"url {got['url']!r} != {expected['url']!r}")
    if norm(got["title"]) != norm(expected["title"]):
        out.append(f"title {got['title']!r} != {expected['title']!r}")
    if (got["author"] or "").lower() != (expected["author"] or "").lower():
        out.append(f"author {got['author']!r} != {expected['author']!r}")
    if minute(got["published"]) != minute(expected["published"]):
        out.append(f"published {got['published']!r} != {expected['published']!r}")
    if (got.get("editor") or None) != (expected.get("editor") or None):
        out.append(f"editor {got.get('editor')!r} != {expected.get('editor')!r}")
    f1 = body_f1(expected["body"], got["body"])
    if f1 < BODY_F1_MIN:
        out.append(f"body F1 {f1:.3f} < {BODY_F1_MIN}")
    return out
