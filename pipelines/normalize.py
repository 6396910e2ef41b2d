"""Text normalisation of record fields: what every string in a written record looks like.

* Unicode NFC (``e`` + combining acute becomes ``é``);
* HTML character references left in the text decoded (``&amp;``, ``&quot;``, ``&#8211;``; a bare
  ``&`` as in ``R&D`` is left alone);
* zero-width and soft-hyphen characters and control characters removed;
* whitespace collapsed: one line for short fields; for the body, each line
  stripped, paragraphs separated by exactly one blank line;
* an empty result is ``None``.
"""

from __future__ import annotations

import html
import re
import unicodedata

_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s+")
_HSPACE = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def _decode(text: str) -> str:
    text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text) if "&" in text else text
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", text))


def clean_line(text: str) -> str | None:
    """One-line text (title, author, description...): decoded, whitespace collapsed, or ``None``."""
    return _SPACE.sub(" ", _decode(text)).strip() or None


def clean_body(text: str) -> str | None:
    """Multi-paragraph text: decoded, lines stripped, at most one blank line between paragraphs."""
    text = _HSPACE.sub(" ", _decode(text.replace("\r\n", "\n").replace("\r", "\n")))  # (no run spans a line)
    lines = (line.strip(" ") for line in text.split("\n"))  # the only white space left in a line is " "
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip() or None


def clean_url(text: str) -> str | None:
    """A URL as written in the page: decoded (``&amp;`` to ``&``), no surrounding or inner whitespace."""
    return _SPACE.sub("", _decode(text)) or None


def clean_list(values: list) -> list[str]:
    """Strings cleaned with :func:`clean_line`; empties and repeats dropped, order kept."""
    out: list[str] = []
    for value in values:
        text = clean_line(value) if isinstance(value, str) else None
        if text and text not in out:
            out.append(text)
    return out
