"""``matapublik`` spider: matapublik.co.id and every regional subdomain it links to.

    scrapy crawl matapublik -O out.jsonl
    scrapy crawl matapublik -a since=2d -O out.jsonl

The :class:`~crawler.spiders.site.SiteSpider` crawl with ``site=matapublik.co.id``
and subdomains on: each regional site the network's pages link to
(``kotaprobolinggo.matapublik.co.id``, ...) is found from the site itself and
discovered like the main site (robots.txt, sitemaps, feeds, WP API, home and
listings). The profile ``crawler/profiles/matapublik.co.id.toml`` supplies the
URL patterns and the timezone. Takes the ``site`` spider's arguments.
"""

from __future__ import annotations

from .site import SiteSpider


class MatapublikSpider(SiteSpider):
    name = "matapublik"

    def __init__(self, site: str = "matapublik.co.id", subdomains: str = "true", *args, **kwargs):
        super().__init__(site, *args, subdomains=subdomains, **kwargs)
