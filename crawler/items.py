"""The Scrapy item that carries one article record through the pipelines."""

import scrapy

from crawler.extraction.record import FIELDS


class ArticleItem(scrapy.Item):
    """One article; fields and their order are :data:`crawler.extraction.record.FIELDS`."""

    locals().update({name: scrapy.Field() for name in FIELDS})

    @classmethod
    def from_record(cls, record: dict) -> "ArticleItem":
        item = cls()
        for name in FIELDS:
            if name in record:
                item[name] = record[name]
        return item
