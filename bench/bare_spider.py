"""A bare Scrapy spider that only downloads a list of URLs: the throughput ceiling for bench/crawl.py.

    python -m scrapy runspider bench/bare_spider.py -a urls_file=urls.txt
"""

import scrapy


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, urls_file: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.urls_file = urls_file

    async def start(self):
        with open(self.urls_file, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield scrapy.Request(line.strip(), callback=self.parse)

    def parse(self, response):
        return None
