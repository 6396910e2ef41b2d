"""Item pipelines of the crawler: what happens to an article between the spider and the JSONL file.

In order (``ITEM_PIPELINES``):

1. :mod:`pipelines.validate` -- required fields and types, normalised text (:mod:`pipelines.normalize`);
2. :mod:`pipelines.dedupe` -- repeated URLs, unchanged re-fetches, updates, syndicated copies;
3. :mod:`pipelines.jsonl` -- the crash-safe JSONL writer (only with ``JSONL_OUTPUT``; paths in
   :mod:`pipelines.output`), which marks each written article in the seen-store (:mod:`crawler.state`).

Scrapy's feed exports (``-O``/``-o``) receive the items that leave the last one.
"""
