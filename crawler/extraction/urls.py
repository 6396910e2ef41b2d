"""URL hygiene: canonical article URLs without tracking parameters, AMP or print variants.

Used by extraction (the record's ``url``) and by the crawler (deduplication
before scheduling), so one article has one URL everywhere.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

TRACKING_PARAMS = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|"
    r"ref|ref_src|referrer|source|src|share|shared|cmpid|ncid|ocid|spm|trk|tracking|s_cid|from|"
    r"amp|amp_js_v|usqp|outputType|print|cetak|replytocom|phpsessid|sessionid|sid|jsessionid|"
    r"_branch_match_id|rss|feed|noamp|m)$",
    re.I,
)
_AMP_TAIL = re.compile(r"(?:/amp/?$|\.amp$|/amp\.html$)", re.I)
_AMP_SEGMENT = re.compile(r"/amp(?=/)", re.I)
_AMP_HOST = re.compile(r"^(?:amp|m)\.", re.I)


def absolute(url: str | None, base: str) -> str | None:
    if not url:
        return None
    url = url.strip()
    if url.startswith(("javascript:", "mailto:", "data:", "tel:", "whatsapp:")):
        return None
    try:
        return urljoin(base, url)
    except ValueError:
        return None


def clean_url(url: str, *, strip_amp_host: bool = False) -> str:
    """Canonical form of an article URL: lower-case scheme/host, no default port, tracking
    parameters, session ids, fragments or AMP/print variants. The query order is kept."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    scheme = (parts.scheme or "http").lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if strip_amp_host:
        host = _AMP_HOST.sub("", host)
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = f"{host}:{port}" if port else host
    path = _AMP_SEGMENT.sub("", _AMP_TAIL.sub("/", parts.path or "/")) or "/"
    path = re.sub(r";jsessionid=[^/?]*", "", path, flags=re.I)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMS.match(k)]
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def same_site(a: str, b: str) -> bool:
    """True when two hosts share a registered domain (last two labels, three for ``co.id``-style)."""
    return registered_domain(host_of(a)) == registered_domain(host_of(b)) != ""


#: Hosting platforms whose subdomains are separate sites (one blog each).
_PLATFORMS = {"blogspot.com", "blogspot.co.id", "wordpress.com", "medium.com", "github.io", "tumblr.com", "wixsite.com",
              "weebly.com", "substack.com", "kompasiana.com"}
_SECOND_LEVEL = {"co", "ac", "or", "go", "web", "my", "sch", "net", "com", "org", "gov", "mil", "biz", "desa", "ponpes"}


def registered_domain(host: str) -> str:
    labels = [l for l in host.lower().split(".") if l]
    if len(labels) >= 3 and (".".join(labels[-2:]) in _PLATFORMS or ".".join(labels[-3:]) in _PLATFORMS):
        return ".".join(labels[-4:] if ".".join(labels[-3:]) in _PLATFORMS else labels[-3:])
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def canonical_url(page_url: str, canonical: str | None, og_url: str | None) -> str:
    """The record URL: the page's declared canonical when trustworthy, else the page URL, cleaned."""
    page = clean_url(page_url)
    page_path = urlsplit(page).path.rstrip("/")
    for candidate in (canonical, og_url):
        cand = absolute(candidate, page_url)
        if not cand or not cand.startswith(("http://", "https://")):
            continue
        if page_url.startswith(("http://", "https://")) and not same_site(cand, page_url):
            continue  # a page from a file or stdin trusts its own canonical
        cand = clean_url(cand)
        cand_path = urlsplit(cand).path.rstrip("/")
        if not cand_path and page_path:
            continue  # canonical pointing at the home page: a template error
        same_page = urlsplit(cand)._replace(query="") == urlsplit(page)._replace(query="")
        if same_page and not urlsplit(page).query and urlsplit(cand).query:
            return page  # the declared URL only adds a parameter (tempo's ?i=1): not a different page
        return cand
    return page
