"""Scrapy settings of the crawler project: polite defaults for long scheduled crawls.

Every setting here can be overridden per run (``-s NAME=VALUE``) or per site
profile. See the README's "Settings that matter".
"""

from crawler.extraction.record import FIELDS

BOT_NAME = "crawler"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Who we are: an honest User-Agent with a way to reach the operator.
CRAWLER_CONTACT = "https://github.com/"  # set to your own URL or e-mail address
USER_AGENT = f"IndonesianNewsCrawler/0.1 (+{CRAWLER_CONTACT})"

# Politeness.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.5

# Bounded downloads.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]

# Safety: no remote consoles into a running crawl.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

DOWNLOADER_MIDDLEWARES = {
    # Scrapy's robots.txt middleware lets early requests through (see crawler/middlewares/robots.py).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.robots.SafeRobotsTxtMiddleware": 100,
}

ITEM_PIPELINES = {
    "pipelines.validate.ValidateArticlePipeline": 100,
}

# Output: UTF-8 JSON lines, keys in the record's contract order.
FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORT_FIELDS = list(FIELDS)

# Where site profiles beyond the built-in ones live (or env CRAWLER_PROFILES).
EXTRA_PROFILES_DIR = None

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
