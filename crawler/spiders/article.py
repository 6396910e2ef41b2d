"""``article`` spider: one-off extraction of given URLs.

    scrapy crawl article -a url=https://example.co.id/2024/10/18/judul/ -O out.jsonl
    scrapy crawl article -a url=URL1,URL2 -a urls_file=urls.txt -O out.jsonl

Each URL is fetched (robots.txt obeyed), extracted, and written as one record;
a URL that is not an article is counted and logged, not written.
"""

from __future__ import annotations

from pathlib import Path

import scrapy

from .base import ArticleSpiderMixin


class ArticleSpider(ArticleSpiderMixin, scrapy.Spider):
    name = "article"

    def __init__(self, url: str | None = None, urls_file: str | None = None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        urls: list[str] = []
        for value in (url or "").split(","):
            if value.strip():
                urls.append(value.strip())
        if urls_file:
            for line in Path(urls_file).read_text(encoding="utf-8").splitlines():
                line = line.strip()
                if line and not line.startswith("#"):
                    urls.append(line)
        if not urls:
            raise ValueError("article spider: give -a url=URL[,URL...] or -a urls_file=FILE")
        self.urls = list(dict.fromkeys(urls))

    async def start(self):
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse_article, errback=self.fetch_failed, meta={"article": True})
