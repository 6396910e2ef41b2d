"""Scrapy extensions of the crawler: the run summary and the JOBDIR crash guard."""
