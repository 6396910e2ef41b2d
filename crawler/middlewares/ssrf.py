"""Refuse requests a page must not be able to make: non-HTTP schemes and internal addresses (SSRF).

A downloader middleware. Every request -- start URLs, followed links and the
requests Scrapy's redirect middleware builds from a ``Location`` header (they
come back through ``process_request``) -- is checked *before* anything is
downloaded or even resolved:

* the scheme must be ``http`` or ``https`` (``file:``, ``ftp:``, ``data:``,
  ``s3:`` ... are refused: reason ``scheme``);
* the host must not be an internal one: a literal IP address (IPv4, IPv6,
  also the decimal/octal/hex IPv4 spellings ``2130706433``/``0x7f.1``) in a
  private, loopback, link-local, reserved, multicast or unspecified range, or
  a hostname such as ``localhost``/``*.localhost``/``*.local``/``*.internal``
  (reasons ``loopback``, ``private``, ``link_local``, ``reserved``, ``local_name``).

No name is resolved (no DNS lookups; a public name that resolves to an internal
address is the resolver's and the network's business). The crawl's own start
hosts are always allowed, even when local, so a crawl of a site on 127.0.0.1
works: they are taken from the spider (``start_url``, ``url``/``urls``,
``start_urls``, ``allowed_domains``) when it opens, plus the setting
``SSRF_ALLOWED_HOSTS`` (a list of host names or addresses). ``SSRF_ENABLED =
False`` turns the check off.

A refused request raises :class:`RefusedRequest` (an ``IgnoreRequest``, so
errbacks see it and it is never retried) and counts
``security/refused/<reason>`` and ``security/refused`` in the stats, and the
refusal is logged at WARNING with the URL.
"""

from __future__ import annotations

import ipaddress
import logging
import re
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured

logger = logging.getLogger(__name__)

ALLOWED_SCHEMES = frozenset({"http", "https"})
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".localdomain", ".home.arpa", ".lan", ".intranet")
_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback", "broadcasthost"})
_NUMERIC_PART = re.compile(r"^(0x[0-9a-f]*|0[0-7]*|[1-9][0-9]*)$", re.IGNORECASE)


class RefusedRequest(IgnoreRequest):
    """The request was refused before download: non-HTTP scheme or internal address."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"refused ({reason}): {url}")
        self.url = url
        self.reason = reason


def _inet_aton_loose(host: str) -> ipaddress.IPv4Address | None:
    """IPv4 in the spellings ``inet_aton`` accepts: ``2130706433``, ``0x7f.0.0.1``, ``0177.1``, ``127.1``."""
    parts = host.split(".")
    if not 1 <= len(parts) <= 4 or not all(_NUMERIC_PART.match(p) for p in parts):
        return None
    try:
        nums = [int(p, 0) if not (len(p) > 1 and p[0] == "0" and p[1] not in "xX") else int(p, 8) for p in parts]
    except ValueError:
        return None
    *head, last = nums
    if any(n > 255 for n in head) or last >= 256 ** (4 - len(head)):
        return None
    value = 0
    for n in head:
        value = value * 256 + n
    value = value * 256 ** (4 - len(head)) + last
    return ipaddress.IPv4Address(value)


def literal_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address ``host`` is spelled as, or ``None`` for a name."""
    host = host.strip("[]").split("%", 1)[0]
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = _inet_aton_loose(host)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip


def host_risk(host: str | None) -> str | None:
    """Why ``host`` is internal (``loopback``, ``private``, ``link_local``, ``reserved``, ``local_name``), or None."""
    if not host:
        return "no_host"
    host = host.lower().rstrip(".")
    ip = literal_ip(host)
    if ip is not None:
        if ip.is_loopback:
            return "loopback"
        if ip.is_link_local:
            return "link_local"
        if ip.is_unspecified or ip.is_multicast or ip.is_reserved:
            return "reserved"
        if ip.is_private or not ip.is_global:
            return "private"
        return None
    if host in _LOCAL_NAMES or host.endswith(_LOCAL_SUFFIXES) or "." not in host:
        return "local_name"  # single-label names resolve on the local network only
    return None


def refusal_reason(url: str, allowed_hosts: frozenset[str] = frozenset()) -> str | None:
    """Why ``url`` must not be fetched (``scheme`` or a :func:`host_risk` reason), or None when it may be."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return "bad_url"
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        return "scheme"
    if host and _norm(host) in allowed_hosts:
        return None
    return host_risk(host)


def _norm(host: str) -> str:
    host = host.lower().strip("[]").rstrip(".")
    ip = literal_ip(host)
    return str(ip) if ip is not None else host


def _hosts_of(value) -> set[str]:
    if not value:
        return set()
    if isinstance(value, str):
        value = value.split(",")
    hosts = set()
    for item in value:
        item = str(item).strip()
        if not item:
            continue
        try:
            host = urlsplit(item).hostname if "://" in item else item.split("/")[0].split(":")[0]
        except ValueError:
            continue
        if host:
            hosts.add(_norm(host))
    return hosts


class SsrfGuardMiddleware:
    """Downloader middleware: raise :class:`RefusedRequest` for non-HTTP and internal-address requests."""

    def __init__(self, stats, allowed_hosts=()):
        self.stats = stats
        self.allowed_hosts: frozenset[str] = frozenset(_norm(h) for h in allowed_hosts)

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("SSRF_ENABLED", True):
            raise NotConfigured
        mw = cls(crawler.stats, _hosts_of(crawler.settings.getlist("SSRF_ALLOWED_HOSTS")))
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        return mw

    def spider_opened(self, spider):
        hosts = set(self.allowed_hosts)
        for attr in ("start_url", "url", "urls", "start_urls", "allowed_domains"):
            hosts |= _hosts_of(getattr(spider, attr, None))
        self.allowed_hosts = frozenset(hosts)

    def process_request(self, request, spider=None):
        reason = refusal_reason(request.url, self.allowed_hosts)
        if reason is None:
            return
        self.stats.inc_value("security/refused")
        self.stats.inc_value(f"security/refused/{reason}")
        via = request.meta.get("redirect_urls")
        logger.warning("refused %s (%s)%s", request.url, reason, f" redirected from {via[-1]}" if via else "")
        raise RefusedRequest(request.url, reason)
