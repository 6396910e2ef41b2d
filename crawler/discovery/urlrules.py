"""URL rules of a crawl: canonical form, traps, article shapes, dates in URLs, site scope.

Every URL a crawl meets goes through :func:`canonicalize` before anything else,
so one page has one URL (tracking parameters, fragments, ``?replytocom=``,
AMP and print variants removed; ``http``/``https`` and ``www.``/``m.``/``amp.``
variants of a site's host rewritten to the origin the crawl uses). Then
:func:`trap_kind` names URLs that lead into endless or useless page spaces
(calendars, searches, share links, admin and login pages, comment feeds,
attachment pages), and :func:`looks_like_article` / :func:`could_be_article`
decide whether a URL is worth downloading as an article.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from datetime import date
from urllib.parse import parse_qsl, urlsplit

from scrapy.linkextractors import IGNORED_EXTENSIONS

from crawler.extraction.classify import kind_from_url
from crawler.extraction.profiles import SiteProfile
from crawler.extraction.urls import clean_url

_HOST_VARIANT = re.compile(r"^(?:www\d?|m|amp)\.", re.I)

_DATE_ARCHIVE = re.compile(r"^/(?:19|20)\d{2}/(?:\d{1,2}/){0,2}$")
_CALENDAR_KEYS = frozenset({"cal", "calendar", "tgl", "tanggal", "date"})
_SEARCH_PATH = re.compile(r"^/(?:search|cari|pencarian)(?:/|$)", re.I)
_SHARE_PATH = re.compile(r"/(?:share|sharer|sharing)(?:\.php)?(?:/|$)|/intent/(?:tweet|post)", re.I)
_ADMIN_PATH = re.compile(r"^/(?:wp-admin(?:/|$)|wp-login\.php|xmlrpc\.php|wp-comments-post\.php)", re.I)
_FEED_TAIL = re.compile(r"^(?P<owner>.*?)/feed(?:/(?:rss2?|atom|rdf))?/?$", re.I)
_ATTACHMENT = re.compile(r"/attachment/", re.I)

#: URL shapes of articles, learned from Indonesian news sites (path, without the query).
ARTICLE_SHAPES = re.compile(
    r"""
      /(?:19|20)\d{2}/\d{1,2}/(?:\d{1,2}/)?[^/]*[a-z][^/]*/?(?:\d{1,2}/?)?$     # /2024/10/18/slug/ (and /slug/2/)
    | /(?:read|berita|baca|news|artikel|article|detail|post)/\d+(?:/[^/]+)?/?$   # /read/12345/slug
    | /d-\d{6,}                                                               # detik: /d-7581234/slug
    | /\d{5,}/[^/]+/?$                                                        # /12345678/slug
    | -\d{5,}(?:\.html?)?/?$                                                  # /slug-12345678
    | /[a-z0-9]+(?:-[a-z0-9]+){4,}(?:\.html?)?/?$                             # a slug of five or more words
    """,
    re.I | re.X,
)
_LISTING_KINDS = frozenset({None, "home", "category"})
_NOT_PAGES = tuple({"." + ext for ext in IGNORED_EXTENSIONS} | {".xml", ".rss", ".json", ".gz"})
_FEED_PATH = re.compile(r"/(?:feed|rss|atom)/?$", re.I)
_SHORTLINK_QUERY = re.compile(r"(?:^|&)p=\d+(?:&|$)")
_URL_DAY = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/")


def site_key(url_or_netloc: str) -> str:
    """A site's identity: its lower-case ``host[:port]`` without a ``www.``/``m.``/``amp.`` prefix."""
    netloc = urlsplit(url_or_netloc).netloc if "://" in url_or_netloc else url_or_netloc
    return _HOST_VARIANT.sub("", netloc.lower().rstrip("."))


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def canonicalize(url: str, origin: str | None = None) -> str:
    """The URL a crawl schedules: :func:`~crawler.extraction.urls.clean_url`, then, when ``url``
    is a variant of ``origin``'s site (other scheme, ``www.``...), ``origin``'s scheme and host."""
    cleaned = clean_url(url)
    if origin and site_key(cleaned) == site_key(origin):
        parts = urlsplit(cleaned)
        cleaned = origin + cleaned[len(f"{parts.scheme}://{parts.netloc}"):]
    return cleaned


def trap_kind(url: str) -> str | None:
    """The kind of trap a URL leads into (``calendar``, ``search``, ``share``, ``admin``,
    ``comment_feed``, ``replytocom``, ``attachment``), or None for an ordinary URL."""
    parts = urlsplit(url)
    path = parts.path or "/"
    keys = {k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
    if "replytocom" in keys:
        return "replytocom"
    if keys & _CALENDAR_KEYS or _DATE_ARCHIVE.match(path):
        return "calendar"
    if "s" in keys or _SEARCH_PATH.match(path) or ("q" in keys and path == "/"):
        return "search"
    if _ADMIN_PATH.match(path):
        return "admin"
    if _SHARE_PATH.search(path):
        return "share"
    if _ATTACHMENT.search(path) or "attachment_id" in keys:
        return "attachment"
    feed = _FEED_TAIL.match(path)
    if feed and (feed["owner"] == "/comments" or ARTICLE_SHAPES.search(feed["owner"])):
        return "comment_feed"
    return None


def looks_like_article(url: str, profile: SiteProfile) -> bool:
    """Positive evidence that a link found on a page is an article: the profile's URL patterns,
    else no listing/static page kind and a learned article shape."""
    decided = profile.is_article_url(url)
    if decided is not None:
        return decided
    if kind_from_url(url):
        return False
    parts = urlsplit(url)
    return bool(ARTICLE_SHAPES.search(parts.path) or _SHORTLINK_QUERY.search(parts.query))


def could_be_article(url: str, profile: SiteProfile) -> bool:
    """No evidence against: for URLs that sitemaps, feeds and the WP API list as posts."""
    decided = profile.is_article_url(url)
    if decided is not None:
        return decided
    return kind_from_url(url) is None


def may_list_articles(url: str) -> bool:
    """Worth reading for article links: home, sections, indexes and pages the URL does not
    classify; not tag, author, search or static pages, files or feeds."""
    path = urlsplit(url).path.lower()
    return kind_from_url(url) in _LISTING_KINDS and not path.endswith(_NOT_PAGES) and not _FEED_PATH.search(path)


def url_date(url: str) -> date | None:
    """The publication day a dated URL shows (``/2024/10/18/slug/``, ``/read/2024/10/18/...``)."""
    m = _URL_DAY.search(urlsplit(url).path)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def on_site(url: str, allowed: Collection[str], include_subdomains: bool = False) -> bool:
    """True when ``url``'s :func:`site_key` is one of ``allowed`` (site keys), or, with
    ``include_subdomains``, its host is a subdomain of one of theirs."""
    if site_key(url) in allowed:
        return True
    host = urlsplit(url).hostname or ""
    return include_subdomains and any(host.endswith("." + (urlsplit("//" + site).hostname or site))
                                      for site in allowed)


def subdomain_origins(urls: Iterable[str], domain: str) -> list[str]:
    """Origins (``https://sub.domain``) of the subdomains of ``domain`` that ``urls`` link to with
    page links (not files), one per site key, in order of appearance; ``domain`` itself and its
    ``www.`` are not included."""
    domain = site_key(domain)
    found: dict[str, str] = {}
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path.lower().endswith(_NOT_PAGES):
            continue
        key = site_key(parts.hostname)
        if key != domain and key.endswith("." + domain) and key not in found:
            found[key] = f"{parts.scheme}://{key}"
    return list(found.values())
