"""Is this page an article? Page-kind signals from the URL, the metadata and the page's shape.

A page is rejected with a reason when its URL is a listing or static page
(home, ``/category/``, ``/tag/``, ``/author/``, search, ``/redaksi``,
``/pedoman-media-siber``...), when its structured data says it is a
collection, when its main text block is a list of teasers, or when it has
neither a publication date nor any article markup. Reasons are short,
stable strings (``not_article:category``) so crawl stats can count them.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from .structured import LISTING_TYPES, StructuredData

_KIND_PATHS = (
    ("search", re.compile(r"^/(?:search|cari|pencarian)(?:/|$)", re.I)),
    ("category", re.compile(r"/(?:category|kategori|kanal|rubrik|section|channel|indeks|index|arsip|archive)(?:/|$)", re.I)),
    ("tag", re.compile(r"/(?:tag|tags|topik|topic|label|hashtag)(?:/|$)", re.I)),
    ("author", re.compile(r"/(?:author|penulis|profil|profile|reporter|editor|user)(?:/|$)", re.I)),
    ("static", re.compile(
        r"^/(?:redaksi|susunan-redaksi|tentang(?:-kami)?|about(?:-us)?|kontak(?:-kami)?|contact(?:-us)?|hubungi-kami|"
        r"pedoman(?:-pemberitaan)?-media-siber|pedoman-siber|kode-etik(?:-jurnalistik)?|disclaimer|privacy(?:-policy)?|"
        r"kebijakan-privasi|syarat-(?:dan-)?ketentuan|terms(?:-of-service)?|karir|career|info-iklan|iklan|"
        r"advertise|sitemap|standar-perlindungan-wartawan|ketentuan-layanan|faq|login|register)/?$", re.I)),
)
_LISTING_PAGED = re.compile(r"/page/\d+/?$", re.I)


def kind_from_url(url: str) -> str | None:
    """The non-article page kind a URL shows, or None when the URL does not tell."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None  # a saved file or stdin: the URL says nothing about the page
    path = parts.path or "/"
    query = dict(parse_qsl(parts.query))
    if "s" in query or ("q" in query and path in ("", "/", "/search")):
        return "search"
    if path in ("", "/", "/index.php", "/index.html", "/home", "/beranda") and not query.get("p"):
        return "home"
    for kind, pattern in _KIND_PATHS:
        if pattern.search(path):
            return kind
    if _LISTING_PAGED.search(path):
        return "category"
    return None


def kind_from_structured(sd: StructuredData) -> str | None:
    if sd.has_article_node:
        return None
    hit = sd.types & LISTING_TYPES
    if hit:
        return {"searchresultspage": "search", "profilepage": "author", "aboutpage": "static",
                "contactpage": "static"}.get(next(iter(sorted(hit))), "category")
    return None


def teaser_share(container) -> float:
    """Share of a block's text that sits in teaser cards (small article cards, linked-heading items)."""
    from .document import text_of

    total = len(text_of(container)) or 1
    cards = set()
    for h in container.iter("h2", "h3", "h4"):
        if h.find(".//a") is None:
            continue
        card = h
        for anc in h.iterancestors():
            if anc is container or len(text_of(anc)) > 700:
                break
            card = anc
        cards.add(card)
    for art in container.iter("article"):
        if art is not container and len(text_of(art)) < 1500 and art.find(".//h1") is None:
            cards.add(art)  # (an article element holding the page's h1 is the story, not a teaser)
    # count each card once, not also its sub-cards
    top = [c for c in cards if not any(a in cards for a in c.iterancestors())]
    return sum(len(text_of(c)) for c in top) / total


def is_listing_block(container) -> bool:
    """A block of teasers (home, category, search): cards hold most of its text, too little is left for a story."""
    if teaser_count(container) < 4:
        return False
    from .document import text_of

    share = teaser_share(container)
    return share >= 0.5 and len(text_of(container)) * (1 - share) < 600


def teaser_count(container) -> int:
    """How many teaser items (linked headings, article cards) a text block holds."""
    if container is None:
        return 0
    cards = sum(1 for _ in container.iter("article"))
    headings = sum(1 for h in container.iter("h2", "h3", "h4") if h.find(".//a") is not None)
    return max(cards, headings)


_PHOTO_PATH = re.compile(r"/(?:foto|readfoto|fotografi|galeri|gallery|galleries|photos?|inpicture|in-picture|potret|album)(?:[/-]|$)", re.I)
#: A photo page is an article only when it carries this many words of its own prose.
GALLERY_MIN_PROSE_WORDS = 40


def is_gallery(url: str, body: str) -> bool:
    """A photo page whose own text is only captions and a line or two: a gallery, not an article."""
    if not _PHOTO_PATH.search(urlsplit(url).path):
        return False
    prose = [p for p in body.split("\n\n") if len(p.split()) >= 12]
    return sum(len(p.split()) for p in prose) < GALLERY_MIN_PROSE_WORDS


def has_article_markup(sd: StructuredData, og_type: str | None, url: str) -> bool:
    if sd.has_article_node or (og_type or "").lower() in ("article", "news", "newsarticle"):
        return True
    return bool(_ARTICLE_URL.search(url))


#: URL shapes of articles: dated paths, numeric ids, news/read paths, long slugs (static pages have short ones).
_ARTICLE_URL = re.compile(
    r"/(?:19|20)\d{2}/\d{1,2}/|/(?:read|berita|news|artikel|article|detail|post)s?/|[?&](?:idx|id|p|aid|newsid)=\d+|"
    r"-\d{5,}|d-\d{6,}|/\d{5,}(?:/|$|-)|/[a-z0-9]+(?:-[a-z0-9]+){4,}(?:\.html?|/)?$", re.I)
