"""Discovery: where a site's article URLs come from, and which of them are worth downloading.

Pure functions (no network, no Scrapy engine), one job per module, used by the
crawl spiders (:mod:`crawler.spiders.site`):

==============  ==========================================================================
``window``      ``since``/``until`` parsing and the date-window verdict on what a source says
``urlrules``    URL canonicalisation, traps, "does this look like an article?", site scope
``sitemaps``    robots.txt ``Sitemap:`` lines, sitemap indexes and urlsets (gzip, news dates)
``feeds``       RSS/Atom items and the feeds a page declares
``wpapi``       the WordPress REST API's post list
``listings``    article teasers (with the date shown next to them) and the next page of a listing
==============  ==========================================================================
"""
