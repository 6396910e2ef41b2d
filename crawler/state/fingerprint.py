"""Content fingerprints: when two records carry the same article text.

:func:`content_hash` is what the seen-store keeps per URL. It ignores
whitespace differences and syndication notes (``Artikel ini telah tayang di
Kompas.com dengan judul ...``), so an article republished by a partner site
hashes like the original, and an article whose text changed hashes
differently.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

#: A paragraph saying the article first appeared elsewhere.
SYNDICATION_NOTE = re.compile(
    r"\b(?:artikel|berita|tulisan|konten)\s+ini\s+(?:(?:telah|sudah|pertama\s+kali|sebelumnya|juga)\s+)*"
    r"(?:tayang|terbit|dimuat|diterbitkan|dipublikasikan|ditayangkan)\s+(?:di|pada|oleh)\b",
    re.I,
)
_URL = re.compile(r"https?://[^\s\"'<>()\[\]]+")


def paragraphs(body: str) -> list[str]:
    """The paragraphs of ``body`` (split at blank lines), whitespace collapsed, empty ones dropped."""
    return [p for p in (" ".join(part.split()) for part in body.split("\n\n")) if p]


@lru_cache(maxsize=64)  # the dedupe pipeline and the seen-store both hash each record's body
def content_hash(body: str) -> str:
    """A 32-hex-digit hash of the article text without syndication notes, whitespace-insensitive."""
    kept = paragraphs(body)
    if SYNDICATION_NOTE.search(body):  # else no paragraph holds one: a paragraph is a part of the body
        kept = [p for p in kept if not SYNDICATION_NOTE.search(p)]
    return hashlib.blake2b("\n".join(kept).encode("utf-8"), digest_size=16).hexdigest()


def syndication_note(body: str) -> str | None:
    """The paragraph of ``body`` saying the article first appeared elsewhere, or ``None``."""
    if not SYNDICATION_NOTE.search(body):
        return None
    for p in paragraphs(body):
        if SYNDICATION_NOTE.search(p):
            return p
    return None


def note_source_url(note: str) -> str | None:
    """The first link in a syndication note (the original article), or ``None``."""
    match = _URL.search(note)
    return match.group(0).rstrip(".,;:!?") if match else None
