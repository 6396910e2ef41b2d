"""regions: which class/id tokens name a non-article region (sidebars, comments, related lists)."""

from __future__ import annotations

import pytest

from crawler.extraction import regions as R
from crawler.extraction.document import parse_html
from crawler.extraction.patterns import NEGATIVE_REGION, STRONG_CONTENT


def _noise_per_token(attrs: str) -> bool:
    """The rule as written per token (what the whole-string scan must agree with)."""
    tokens = attrs.split()
    if any(STRONG_CONTENT.search(t) for t in tokens):
        return False
    return any(not (R._LAYOUT_MODIFIER.search(t) or R._ARTICLE_PART.match(t)) and NEGATIVE_REGION.search(t)
               for t in tokens)


@pytest.mark.parametrize(
    "attrs, noise, comments",
    [
        ("jeg_sidebar ", True, False),
        ("widget widget_recent_entries sidebar-1", True, False),
        ("right-sidebar has-sidebar ", False, False),
        ("widget Blog main", False, False),  # Blogger's main column
        ("post-footer ", False, False),
        ("entry-content share-top", False, False),
        ("x comments", True, True),
        ("comment-list\tcomments_area", True, True),
        ("nocomments", False, False),
        ("a\xa0comments", True, True),  # str.split() breaks on the no-break space: so does the scan
        ("description ", False, False),
        (" respond", False, True),
    ],
)
def test_noise_and_comment_tokens(attrs, noise, comments):
    assert R._noise_tokens.__wrapped__(attrs, ()) is noise is _noise_per_token(attrs)
    assert R._comment_tokens.__wrapped__(attrs) is comments
    assert comments is any(R._COMMENTS.search(t) is not None for t in attrs.split())


def test_region_key_feeds_the_same_tests_as_the_element_functions():
    root = parse_html('<html><body><article class="sidebar"><div id="comments" class="x">'
                      '<p class="related">a</p><p>b</p></div></article></body></html>')
    for el in root.iter():
        key = R.region_key(el)
        assert R.noise_key(key) is R.noise_class(el)
        assert R.comment_key(key) is R.comment_region(el)
    assert R.region_key(root.find(".//article")) is None  # article, body, main, html: never noise
