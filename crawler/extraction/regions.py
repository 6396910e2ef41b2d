"""Page regions that are never the article: sidebars, widgets, comments, related lists, menus.

Judged per class/id token, so a layout modifier on ``<body>`` or a wrapper
(``right-sidebar``, ``has-sidebar``) does not make the whole page noise, while
``jeg_sidebar``, ``td_block_related_posts`` or ``widget_recent_entries`` do.
A token that names the content itself (``entry-content``, ``post-body``) is
never noise.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .patterns import NEGATIVE_REGION, NEGATIVE_REGION_WORDS, STRONG_CONTENT

_LAYOUT_MODIFIER = re.compile(
    r"^(?:has|no|with|without|left|right|full|is|show|hide)[-_]|[-_](?:layout|enabled|active|open)$|"
    r"^(?:elementor|wp-block|vc_|et_pb|fl-|brxe|kadence|uagb|gb-)",  # page builders wrap everything in "widgets"
    re.I)
# The article's own header/footer/meta rows (Blogger's post-footer holds the byline and timestamp).
_ARTICLE_PART = re.compile(r"^(?:post|entry|article|single)[-_]?(?:footer|header|meta|info|byline|bottom|top)", re.I)
_NEVER_NOISE_TAGS = frozenset(("html", "body", "main", "article"))
_NOISE_TAGS = frozenset(("aside", "footer", "nav"))


def region_key(el) -> str | None:
    """The element's class and id as one string, what :func:`noise_key` and :func:`comment_key`
    judge; None when the element has neither or is never noise (``body``, ``article``...)."""
    if el.tag in _NEVER_NOISE_TAGS:
        return None
    cls, ident = el.get("class"), el.get("id")
    if not cls and not ident:
        return None
    return f"{cls or ''} {ident or ''}"


def noise_key(key: str | None, allow: tuple[str, ...] = ()) -> bool:
    """:func:`noise_class` on a :func:`region_key` (for passes that read each element once)."""
    return key is not None and _noise_tokens(key, allow)


def comment_key(key: str | None) -> bool:
    """:func:`comment_region` on a :func:`region_key`."""
    return key is not None and _comment_tokens(key)


def noise_class(el, allow: tuple[str, ...] = ()) -> bool:
    """True when one of the element's class/id tokens names a non-article region."""
    if el.tag in _NEVER_NOISE_TAGS:
        return False
    cls, ident = el.get("class"), el.get("id")
    if not cls and not ident:
        return False
    return _noise_tokens(f"{cls or ''} {ident or ''}", allow)


# NEGATIVE_REGION over the whole class/id string: a token's start is the string's start or follows
# white space. No match here means no token matches (most strings: one scan instead of four per token).
_NEGATIVE_ANYWHERE = re.compile(r"(?:^|[-_\s])" + NEGATIVE_REGION_WORDS, re.I)


@lru_cache(maxsize=8192)
def _noise_tokens(attrs: str, allow: tuple[str, ...]) -> bool:
    if not _NEGATIVE_ANYWHERE.search(attrs):
        return False
    tokens = attrs.split()
    if any(STRONG_CONTENT.search(tok) for tok in tokens):
        return False  # "widget Blog" is Blogger's main column, not a sidebar widget
    for tok in tokens:
        if _LAYOUT_MODIFIER.search(tok) or _ARTICLE_PART.match(tok):
            continue
        if any(a in tok.lower() for a in allow):
            continue
        if NEGATIVE_REGION.search(tok):
            return True
    return False


def in_noise_region(el, allow: tuple[str, ...] = ()) -> bool:
    """True when the element sits inside a sidebar, footer, nav, comment or related-posts region."""
    for anc in el.iterancestors():
        if anc.tag in _NOISE_TAGS or noise_class(anc, allow):
            return True
    return False


_COMMENTS = re.compile(r"(?:^|[-_])(?:comments?|komentar|disqus|respond|replies)(?:$|[-_])", re.I)
# The same per token, over the whole string: white space bounds a token as the string's ends do.
_COMMENTS_ANYWHERE = re.compile(r"(?:^|[-_\s])(?:comments?|komentar|disqus|respond|replies)(?:$|[-_\s])", re.I)


def comment_region(el) -> bool:
    """A comment section (``#comments``, ``.comment-list``, Disqus): readers' text, never the story."""
    if el.tag in _NEVER_NOISE_TAGS:
        return False
    cls, ident = el.get("class"), el.get("id")
    return bool(cls or ident) and _comment_tokens(f"{cls or ''} {ident or ''}")


@lru_cache(maxsize=8192)
def _comment_tokens(attrs: str) -> bool:
    return _COMMENTS_ANYWHERE.search(attrs) is not None  # = any(_COMMENTS.search(tok) for tok in attrs.split())
