"""The Scrapy item that carries one article record through the pipelines."""

import scrapy
from itemadapter import ItemAdapter

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


def as_dict(item) -> dict:
    """A new plain dict of an item's fields. Shallow for dicts and Scrapy items, whose values in this
    project are never items themselves (far cheaper than ``ItemAdapter.asdict()``, which walks every
    value); other item types go through ItemAdapter."""
    return dict(item) if isinstance(item, (dict, scrapy.Item)) else ItemAdapter(item).asdict()
