"""Which links of a site a crawl follows, and what a page that is not an article links to.

:class:`LinkRules` holds what the ``site`` spider's judgement of a URL depends
on -- the site, whether its subdomains count, the origin each site key is
rewritten to, the site profile, the zone of its dates -- and judges URLs with it: canonical form, on
the site, no trap, looks like an article. It is small, hashable and picklable,
so an extraction worker can read a listing page for the spider with the same
rules (:func:`read_page_links`), and the spider can tell whether the rules
have changed since (a start page that redirected to ``https``, say).

:func:`read_page_links` is what the spider takes from a page that is not an
article: the feeds it declares and its listing (teasers, other links, next
page; :func:`~crawler.discovery.listings.read_listing`), with the traps met
among its links counted per kind.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import tzinfo

from crawler.extraction.dates import JAKARTA
from crawler.extraction.profiles import SiteProfile

from .feeds import feed_links
from .listings import Listing, read_listing
from .urlrules import canonicalize, looks_like_article, on_site, site_key, trap_kind

#: Page links whose verdict a :class:`LinkMemo` remembers (menus and sidebars repeat on every listing
#: page); cleared when full, so that teaser links, each seen once or twice, do not make memory grow.
LINK_MEMO_SIZE = 2_000

Verdict = tuple[str | None, str | None]  # (the URL to crawl or None, the kind of trap the link is or None)


@dataclass(frozen=True)
class LinkRules:
    """How a crawl of ``site`` judges URLs (see the module docstring)."""

    site: str                               # the site key (crawler.discovery.urlrules.site_key)
    subdomains: bool                        # the site's subdomains are on the site too
    origins: tuple[tuple[str, str], ...]    # (site key, the origin its URLs are rewritten to), sorted
    profile: SiteProfile                    # the site profile (its article URL patterns)
    tz: str | tzinfo | None = None          # the zone of the dates teasers show (None: Asia/Jakarta)
    _origin_of: dict[str, str] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self):
        object.__setattr__(self, "_origin_of", dict(self.origins))

    def canonical(self, url: str) -> str | None:
        """``url`` in canonical form when it is on the site, else None."""
        url = canonicalize(url, self._origin_of.get(site_key(url)))
        return url if on_site(url, (self.site,), self.subdomains) else None

    def screen(self, url: str) -> Verdict:
        """(``url`` canonical when it is on the site and no trap, else None; the trap's kind, if one)."""
        url = self.canonical(url)
        if url is None:
            return None, None
        if kind := trap_kind(url):
            return None, kind
        return url, None

    def article_link(self, href: str) -> Verdict:
        """A link on a page judged as an article URL to crawl: :meth:`screen`, and it must look like one."""
        url, trap = self.screen(href)
        return (url if url and looks_like_article(url, self.profile) else None), trap


class LinkMemo:
    """Verdicts of :meth:`LinkRules.article_link` on page links, for one set of rules at a time, bounded."""

    def __init__(self):
        self.rules: LinkRules | None = None
        self.verdicts: dict[str, Verdict] = {}

    def use(self, rules: LinkRules) -> LinkMemo:
        """Judge with ``rules`` from now on (the verdicts of other rules are forgotten)."""
        if rules is not self.rules and rules != self.rules:
            self.rules, self.verdicts = rules, {}
        return self

    def article_link(self, href: str) -> Verdict:
        verdict = self.verdicts.get(href)
        if verdict is None:
            if len(self.verdicts) >= LINK_MEMO_SIZE:
                self.verdicts.clear()
            verdict = self.verdicts[href] = self.rules.article_link(href)
        return verdict


@dataclass(frozen=True)
class PageLinks:
    """What a page that is not an article links to, read with ``rules``."""

    rules: LinkRules
    feeds: list[str]     # the feeds it declares: canonical, on the site, no trap
    listing: Listing     # its teasers (canonical article URLs), other links and next page
    traps: Counter       # trap kind -> links of that kind among the page's links (each occurrence)


def read_page_links(root, page_url: str, rules: LinkRules, memo: LinkMemo) -> PageLinks:
    """Read a page that is not an article (an lxml HTML root) fetched from ``page_url``."""
    feeds = [url for url, _ in map(rules.screen, feed_links(root, page_url)) if url]
    traps: Counter = Counter()
    memo.use(rules)

    def article_url(href: str) -> str | None:
        url, trap = memo.article_link(href)
        if trap:
            traps[trap] += 1
        return url

    listing = read_listing(root, page_url, article_url=article_url, tz=rules.tz or JAKARTA)
    return PageLinks(rules, feeds, listing, traps)
