"""Item pipelines of the crawler: what happens to an article between the spider and the JSONL file."""
