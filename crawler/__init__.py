"""Indonesian regional news crawler: a Scrapy project that turns news sites into JSONL article records."""

__version__ = "0.1.0"
