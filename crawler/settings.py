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
# Items (and requests) of one response processed in parallel. Scrapy's default of 100 starts 100 asyncio
# tasks per response (scrapy PR #6852: the limit is per response); our pipelines are synchronous and a
# listing page yields a few dozen requests, so 8 does the same work for a fraction of the loop's time.
CONCURRENT_ITEMS = 8
# Scrapy checks every callback of every response for a generator that returns a value, and its cache misses
# on bound methods, so it re-reads and re-parses the callback's source each time (a few % of a crawl's CPU).
# Ours return none: tests/test_spider_callbacks.py checks each one instead, once.
WARN_ON_GENERATOR_RETURN_VALUE = False
# Scrapy's in-memory stats without its per-call deprecation shim (crawler/stats.py): same stats, ~15x cheaper calls.
STATS_CLASS = "crawler.stats.CrawlStatsCollector"
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
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429, 403]
# Wait before each retry (crawler/middlewares/retry.py): Retry-After, else BASE * 2**(attempt-1), capped.
RETRY_BACKOFF_BASE = 1.0
RETRY_BACKOFF_MAX = 60.0

# Safety: no remote consoles into a running crawl.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

DOWNLOADER_MIDDLEWARES = {
    # Scrapy's robots.txt middleware lets early requests through (see crawler/middlewares/robots.py).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    # Never fetch internal addresses or non-HTTP schemes a page or redirect points at (crawler/middlewares/ssrf.py).
    "crawler.middlewares.ssrf.SsrfGuardMiddleware": 60,
    "crawler.middlewares.robots.SafeRobotsTxtMiddleware": 100,
    # Retries with backoff and Retry-After instead of immediate re-queueing.
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.retry.BackoffRetryMiddleware": 550,
    # Incremental runs: skip article URLs already written, before robots.txt or download (crawler/middlewares/seen.py).
    "crawler.middlewares.seen.SeenUrlMiddleware": 50,
    # EXTRACTION_WORKERS > 0: article pages are extracted in worker processes (crawler/middlewares/extraction_pool.py).
    "crawler.middlewares.extraction_pool.ExtractionPoolMiddleware": 40,
}

ITEM_PIPELINES = {
    # Spidermon item validation against the article JSON schema: counts errors, drops nothing (crawler/monitoring).
    "spidermon.contrib.scrapy.pipelines.ItemValidationPipeline": 90,
    "pipelines.validate.ValidateArticlePipeline": 100,  # required fields, types, normalised text
    "pipelines.dedupe.DedupePipeline": 200,  # repeated URLs, unchanged re-fetches, updates, syndicated copies
    "pipelines.jsonl.JsonlWriterPipeline": 300,  # only with JSONL_OUTPUT; marks the seen-store after writing
}

EXTENSIONS = {
    "crawler.console.StatusLine": 600,  # only with STATUS_LINE on a terminal
    "crawler.extensions.summary.RunSummary": 500,  # <output>.summary.json at spider close
    "crawler.extensions.jobdir.JobdirGuard": 0,  # JOBDIR after a SIGKILL: drop its stale queue, don't lose requests
    # Site profile [crawl] politeness (delay, concurrency, autothrottle target, crawl window); built before
    # AutoThrottle (0) so its settings apply (crawler/extensions/politeness.py).
    "crawler.extensions.politeness.SitePoliteness": -100,
    # Spidermon monitors at spider close (crawler/monitoring); before RunSummary (500), which writes their result.
    "spidermon.contrib.scrapy.extensions.Spidermon": 400,
    "crawler.extensions.loglevel.ScrapyLogLevel": 0,  # per-page debug messages not built at INFO
}

# Output: UTF-8 JSON lines, keys in the record's contract order; the dedupe
# pipeline's "duplicate_of" and "update" follow when set.
FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORT_FIELDS = [*FIELDS, "duplicate_of", "update"]

# Our JSONL writer (pipelines/jsonl.py, pipelines/output.py): unset = off (use -O/-o feeds);
# a file (out.jsonl), a template (data/{site}/{date:%Y-%m-%d}.jsonl) or a directory
# (data/ = that template under data/). Appends, survives kills, marks the seen-store.
JSONL_OUTPUT = None
# Which date {date} in a template is: "published" (the article's) or "run" (the crawl's start).
JSONL_PATH_BY = "published"

# Incremental state (crawler/state): the seen-store remembers written article URLs.
# SQLite in STATE_DIR, by default next to JSONL_OUTPUT (out.jsonl.state/, data/.state/);
# Redis (needs the redis package) when REDIS_URL is set, under keys SEEN_REDIS_KEY:*.
STATE_DIR = None
REDIS_URL = None
SEEN_REDIS_KEY = "crawler:seen"
# Skip already-written article URLs before download; None = on whenever there is a store.
INCREMENTAL_ENABLED = None
# Distributed crawl (crawler/distributed): REDIS_URL also switches the scheduler to a shared scrapy-redis
# queue + dupefilter per site, keys under DISTRIBUTED_KEY (formatted with %(spider)s and %(site)s); each
# worker (DISTRIBUTED_WORKER_ID, default hostname-pid) writes its own JSONL_OUTPUT. A worker without a
# heartbeat for DISTRIBUTED_WORKER_TIMEOUT s is dead (its requests are requeued); an idle worker stops
# after MAX_IDLE_TIME_BEFORE_CLOSE s with the queue empty and no other worker busy.
ADDONS = {"crawler.distributed.DistributedAddon": 0}
DISTRIBUTED_KEY = "crawler:%(spider)s:%(site)s"
DISTRIBUTED_WORKER_ID = None
DISTRIBUTED_WORKER_TIMEOUT = 60
MAX_IDLE_TIME_BEFORE_CLOSE = 30
# Run summary JSON (crawler/extensions/summary.py); None = next to the output.
SUMMARY_PATH = None

# Health of a crawl (crawler/health.py): `python -m crawler crawl` exits 3 when one fails.
HEALTH_MIN_NEW_ARTICLES = 0  # raise it for sites that publish every day
HEALTH_MAX_ERROR_RATE = 0.2  # failed requests / requests
HEALTH_MIN_PUBLISHED_COVERAGE = 0.9  # written / (written + dropped for a missing date)
HEALTH_MAX_INVALID_ITEMS = 0.1  # items failing the article JSON schema / items validated

# Spidermon (crawler/monitoring): the checks above run as monitors at spider close; their result goes into
# the run summary ("monitors") and the exit status. Needs the spidermon package (without its [monitoring] extra).
SPIDERMON_ENABLED = True
SPIDERMON_SPIDER_CLOSE_MONITORS = ["crawler.monitoring.suite.CrawlMonitorSuite"]
SPIDERMON_VALIDATION_SCHEMAS = ["crawler.monitoring.checks.ARTICLE_SCHEMA"]
SPIDERMON_VALIDATION_DROP_ITEMS_WITH_ERRORS = False  # pipelines.validate decides what is dropped
SPIDERMON_ADD_FIELD_COVERAGE = True  # spidermon_field_coverage/* stats: author/body coverage
SPIDERMON_FIELD_COVERAGE_SKIP_NONE = True

# Site profile [crawl] politeness (crawler/extensions/politeness.py): a profile's crawl window ("hours") closes a
# crawl started outside it at once (finish reason outside_crawl_window, exit 0) unless CRAWL_WINDOW_FORCE
# (or env CRAWLER_FORCE_WINDOW=1).
CRAWL_WINDOW_FORCE = False

# Live status line on a terminal (crawler/console.py); the CLI turns it on.
STATUS_LINE = False
STATUS_INTERVAL = 1.0

# Article pages extracted in this many worker processes (0: in the crawl process; "auto": one per
# CPU but one, at most 4). Pays off when the crawl is CPU-bound (crawler/middlewares/extraction_pool.py).
EXTRACTION_WORKERS = 0

# Where site profiles beyond the built-in ones live (or env CRAWLER_PROFILES).
EXTRA_PROFILES_DIR = None

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
