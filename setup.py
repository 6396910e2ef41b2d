"""Packaging for scrapyd: ``scrapyd-deploy`` builds the project's egg with this file.

Without it, ``scrapyd-deploy`` writes a bare ``setup.py`` whose egg holds the
Python modules only, not the built-in site profiles (``crawler/profiles/*.toml``),
so a crawl scheduled on scrapyd would run without them. The project is not
meant to be installed otherwise: run it from its directory (README).
"""

from setuptools import find_packages, setup

setup(
    name="crawler",
    version="1.0",
    packages=find_packages(include=["crawler", "crawler.*", "pipelines", "pipelines.*"]),
    package_data={"crawler": ["profiles/*.toml"]},
    entry_points={"scrapy": ["settings = crawler.settings"]},
    zip_safe=True,  # the profiles are read as package resources (importlib.resources), also from the zip
)
