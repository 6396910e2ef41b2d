"""published.resolve_dates: the rules that pick and place the publication date of a page."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from crawler.extraction.dates import parse_date, parse_machine_date
from crawler.extraction.document import Document, parse_html
from crawler.extraction.published import resolve_dates
from crawler.extraction.structured import collect

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)
RELATED = ("<div><a href='/b'>Two more deaths and forty-nine new cases confirmed in the region today</a>"
           "<div>09.08.2020 10:52</div></div><div><a href='/c'>Party will appeal to the constitutional court "
           "over the delayed local election</a><div>25.05.2020 21:08</div></div>")
STORY = ("The council met on Tuesday evening to discuss the new budget for the coming year, and members "
         "argued for several hours about the cost of repairing the old bridge over the river. ")


def resolve(html: str, *, tz: str = "UTC", title: str | None = "h1", url: str = "https://example.com/a"):
    doc = Document(parse_html(html), url)
    sd = collect(doc)
    title_el = doc.root.find(f".//{title}") if title else None
    return resolve_dates(doc, sd, title_el=title_el, tz=tz, now=NOW, url=url)


def page(head: str = "", body: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def meta(prop: str, value: str) -> str:
    return f'<meta property="{prop}" content="{value}">'


# --------------------------------------------------------------------------
# Offsets: the page's own, never a template's wrong one
# --------------------------------------------------------------------------

def test_visible_wall_time_gives_the_offset_of_utc_metadata():
    html = page(meta("article:published_time", "2024-03-05T11:44:00Z"),
                "<h1>Budget approved</h1><div class='byline'>By Ana Petrauskaite, March 5, 2024 13:44</div>")
    dates = resolve(html)
    assert dates.published.isoformat() == "2024-03-05T13:44:00+02:00"
    assert dates.source == "article:published_time+visible"


def test_wall_time_agreement_works_across_midnight():
    # 20:23 on the 24th in Ottawa is 00:23 UTC on the 25th: the local day is the 24th
    html = page(meta("article:published_time", "2020-08-25T00:23:33Z"),
                "<h1>No school buses</h1><p class='meta'>Published August 24, 2020 8:23 PM</p>")
    assert resolve(html).published.isoformat() == "2020-08-24T20:23:33-04:00"


def test_wall_offset_must_be_a_real_offset():
    # 12 hours apart: an a.m./p.m. slip, not a zone; the visible date and time stand
    html = page(meta("article:published_time", "2024-03-05T23:10:00Z"),
                "<h1>Storm warning</h1><div>March 5, 2024 11:10</div>")
    assert resolve(html).published.isoformat() == "2024-03-05T11:10:00+00:00"


def test_indonesian_page_metadata_labelled_utc_keeps_the_visible_wib_time():
    # the template prints local time with +00:00; the visible 10:15 is WIB, not UTC
    html = page(meta("article:published_time", "2024-10-17T10:15:00+00:00"),
                "<h1>Banjir di Banjarmasin</h1><div>Kamis, 17 Oktober 2024 10:15</div>")
    dates = resolve(html, tz="Asia/Jakarta")
    assert dates.published.isoformat() == "2024-10-17T10:15:00+07:00"


def test_indonesian_page_visible_wita_time_without_zone_word():
    html = page(meta("article:published_time", "2024-10-17T03:15:00+00:00"),
                "<h1>Pasar Terapung Dibuka</h1><div>Kamis, 17 Oktober 2024 11:15</div>")
    assert resolve(html, tz="Asia/Jakarta").published.isoformat() == "2024-10-17T11:15:00+08:00"


def test_bare_visible_day_keeps_the_metadata_offset():
    # the visible line has no zone: the metadata's +04:00 is the page's own statement
    html = page(meta("article:published_time", "2020-06-03T03:01:00+04:00"),
                "<h1>Embassy thanks the volunteers</h1><div class='date'>3 June 2020</div>")
    assert resolve(html).published.isoformat() == "2020-06-03T03:01:00+04:00"


def test_visible_line_with_named_zone():
    html = page(meta("article:published_time", "2019-11-20T10:31:13+00:00"),
                "<h1>Concept car</h1><div>Chris Day - Nov 19, 2019, 10:31 pm CST</div>")
    assert resolve(html).published.isoformat() == "2019-11-19T22:31:00-06:00"


def test_metadata_with_one_digit_seconds_is_read_with_its_zone():
    html = page(meta("article:published_time", "2020-12-05T23:15:0Z"),
                "<h1>Votes certified</h1><p>06 Dicembre 2020</p>")
    assert resolve(html, tz="Europe/Rome").published.value.date().isoformat() == "2020-12-06"


# --------------------------------------------------------------------------
# Visible lines: what is read after the headline
# --------------------------------------------------------------------------

def test_relative_line_gives_way_to_an_exact_time_element():
    html = page(body=(
        "<div class='p-body'><div class='p-title'><h1>Where did it go?</h1>"
        "<div class='thread-meta'><span>Start date</span> "
        "<time class='u-dt' datetime='2020-03-18T12:22:42-0400'>1 minute ago</time></div></div></div>"))
    dates = resolve(html)
    assert dates.published.isoformat() == "2020-03-18T12:22:42-04:00"
    assert not dates.published.approximate


def test_relative_line_is_kept_when_nothing_exact_exists():
    html = page(body="<h1>Where did it go?</h1><div>Posted 2 hours ago</div>")
    dates = resolve(html)
    assert dates.published.approximate
    assert dates.published.value == datetime(2026, 6, 1, 10, 0, tzinfo=timezone.utc)


def test_lines_of_a_short_block_are_kept_apart():
    # "News24<br>13 Jan 2020" must not read "News2413 Jan 2020"
    html = page(body="<div><h2>Megablaze under control</h2><p>News24<br>13 Jan 2020, 22:11 GMT+10</p></div>")
    assert resolve(html, title="h2").published.isoformat() == "2020-01-13T22:11:00+10:00"


def test_byline_inside_the_following_block_is_found():
    html = page(body=(
        "<h2 class='sub_tit'>Donations keep coming</h2>"
        "<article><div id='main'><div><div><span>Lee Yong-min reporter | </span>2020-03-04 16:52:59</div></div>"
        f"<div class='text'><p>{STORY}</p><p>{STORY}</p></div></div></article>"))
    assert resolve(html, title="h2").published.isoformat() == "2020-03-04T16:52:59+00:00"


def test_date_after_a_photo_caption_is_found():
    html = page(body=(
        "<header><h1>Protesters gather at the theatre</h1></header><p class='entry-meta'></p>"
        "<div class='entry-content'><div><img src='a.jpg'><br>FILE PHOTO: The president speaks at a ceremony "
        "at the air base near Orleans, France, January 16, 2020. A long caption that tells who took the "
        "picture and where it was taken.</div><p>January 18, 2020</p>"
        f"<p>{STORY}</p></div>"))
    assert resolve(html).published.isoformat() == "2020-01-18T00:00:00+00:00"


def test_walk_stops_once_the_story_has_begun():
    # the dates of the related stories below the article are not this page's
    html = page(body=(
        "<h1>Director tests positive</h1>"
        f"<div class='story'><p>{STORY}</p><p>{STORY}</p></div>"
        f"<div class='more'>{RELATED}</div>"))
    assert resolve(html).published is None


# --------------------------------------------------------------------------
# Lists of other stories and pages without a headline
# --------------------------------------------------------------------------

TEASERS = ("<div class='news-raleted'>"
           "<div class='item'><a href='/1'>Two more deaths and forty-nine new cases confirmed in the region</a>"
           "<div class='article-date-time'>09.08.2020 u 10:52</div></div>"
           "<div class='item'><a href='/2'>Party will appeal to the constitutional court over the delayed vote</a>"
           "<div class='article-date-time'>25.05.2020 u 21:08</div></div>"
           "<div class='item'><a href='/3'>Minister tries to calm investors angry about the stalled dam project</a>"
           "<div class='article-date-time'>21.06.2019 u 08:10</div></div>"
           "</div>")


def test_a_list_of_teaser_dates_is_not_the_page_date():
    html = page(meta("og:image", "https://example.ba/media/2020/10/26/1361729/thumbs/873x400.jpg"),
                f"<div class='main'><div><h1>Director tests positive</h1><p>By P. M.</p></div>{TEASERS}</div>")
    dates = resolve(html)
    assert dates.published.isoformat() == "2020-10-26T00:00:00+00:00"
    assert dates.source == "image-url"


def test_one_dated_element_in_the_header_is_still_read():
    html = page(body="<div class='main'><div><h1>Director tests positive</h1>"
                     "<div class='article-date-time'>26.10.2020</div></div></div>")
    assert resolve(html).published.isoformat() == "2020-10-26T00:00:00+00:00"


def test_image_day_in_the_future_is_ignored():
    html = page(meta("og:image", "https://example.com/media/2030/01/02/x.jpg"), "<h1>Headline only</h1>")
    assert resolve(html).published is None


def test_metadata_beats_a_teaser_date_on_a_page_without_headline():
    html = page(meta("dc.date.issued", "2020-12-06T12:32:58Z"),
                "<div class='teaser'><div class='field-datetime'>05/12/2020 - 15:10</div></div>"
                "<div class='teaser'><div class='field-datetime'>04/12/2020 - 12:20</div></div>")
    dates = resolve(html, title=None)
    assert dates.published.isoformat() == "2020-12-06T12:32:58+00:00"
    assert dates.source == "dc.date.issued"


def test_page_without_headline_metadata_in_the_visible_local_time():
    html = page(meta("dc.date.issued", "2020-12-06T12:32:58Z"),
                "<div class='node'><div class='date'>Domingo, Diciembre 6, 2020 - 07:32</div></div>"
                "<div class='teaser'><div class='field-datetime'>05/12/2020 - 15:10</div></div>")
    dates = resolve(html, title=None)
    assert dates.published.isoformat() == "2020-12-06T07:32:58-05:00"


def test_page_without_headline_is_dated_by_its_own_date_line():
    html = page(body=("<div id='header'><div id='date'>Miércoles, 15 de Abril de 2020</div></div>"
                      "<div class='list'><a href='/x'>Inflation reached 30% in March 2020, the report says</a></div>"))
    dates = resolve(html, title=None)
    assert dates.published.isoformat() == "2020-04-15T00:00:00+00:00"
    assert dates.source == "date-line"


def test_a_top_bar_showing_today_never_dates_a_page():
    # Indonesian portals print today's date in their top bar on every page: that is the crawl's day
    html = page(body=("<div class='topbar'><span>Senin, 1 Juni 2026</span></div>"
                      "<div class='judul'>Warga Gotong Royong Bersihkan Saluran Air</div><p>Isi berita.</p>"))
    assert resolve(html, title=None, tz="Asia/Jakarta").published is None
    older = html.replace("Senin, 1 Juni 2026", "Jumat, 18 Oktober 2024")  # not read on Indonesian sites at all
    assert resolve(older, title=None, tz="Asia/Jakarta").published is None
    today = html.replace("Senin, 1 Juni 2026", "Monday, 1 June 2026")  # nor, anywhere, a line showing today
    assert resolve(today, title=None).published is None


def test_a_sentence_or_a_footer_is_not_a_date_line():
    html = page(body=("<p>The report of 14 April 2020 says prices rose.</p>"
                      "<footer><div>15 April 2020</div></footer>"))
    assert resolve(html, title=None).published is None


def test_date_line_is_only_for_pages_without_headline():
    html = page(body=("<div id='top'><div id='date'>Wednesday, 15 April 2020</div></div><nav>Home News Sport</nav>"
                      "<div class='post'><p class='kicker'>Politics</p><h1>A story without a date</h1></div>"))
    assert resolve(html).published is None


# --------------------------------------------------------------------------
# Other scripts on the page
# --------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "tz", "expected"), [
    ("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", "UTC", "2020-04-24T21:22:00+00:00"),
    ("۲ تیر ۱۳۹۹ - ۱۲:۰۹:۰۸ ب.ظ", "Asia/Tehran", "2020-06-22T12:09:08+04:30"),
    ("2020년 3월 4일 오후 4:52", "Asia/Seoul", "2020-03-04T16:52:00+09:00"),
])
def test_date_line_in_another_script(line, tz, expected):
    html = page(body=f"<h1>Headline</h1><div class='info'>{line}</div>")
    assert resolve(html, tz=tz).published.isoformat() == expected


def test_foreign_wall_time_agrees_with_metadata_in_its_own_offset():
    html = page(meta("article:published_time", "2020-05-10T18:59:01+04:30"),
                "<h1>Headline</h1><div class='date'>۲۱ اردیبهشت ۱۳۹۹ - ۱۸:۵۹</div>")
    assert resolve(html).published.isoformat() == "2020-05-10T18:59:01+04:30"


# --------------------------------------------------------------------------
# The parser pieces these rules rely on
# --------------------------------------------------------------------------

def test_machine_date_with_one_digit_seconds():
    assert parse_machine_date("2020-12-05T23:15:0Z").isoformat() == "2020-12-05T23:15:00+00:00"


@pytest.mark.parametrize(("text", "expected"), [
    ("Nov 19, 2019, 10:31 pm CST", "2019-11-19T22:31:00-06:00"),
    ("Updated: Oct 2, 2020, 19:02 IST", "2020-10-02T19:02:00+05:30"),
    ("18 November 2019 10:00 CET", "2019-11-18T10:00:00+01:00"),
    ("Oct 18, 2024 10:15 est", "2024-10-18T10:15:00+07:00"),   # lower case: a word, not a zone
])
def test_named_zones_after_a_visible_time(text, expected):
    assert parse_date(text, now=NOW).isoformat() == expected


# --------------------------------------------------------------------------
# The line under the headline, on a theme no date selector knows
# --------------------------------------------------------------------------

def test_parts_of_the_header_line_are_read_apart():
    # the theme spaces the byline and the date with CSS, not in the markup
    html = page("", "<h1>Inspektorat Temukan Kelebihan Bayar Dana Desa</h1><div class='x1'><span class='x2'>oleh "
                    "<a href='/author/redaksi/'>Redaksi</a></span><time class='x3'>Januari 23, 2025</time></div>"
                    f"<div class='x4'><p>{STORY}</p></div>")
    assert resolve(html, tz="Asia/Makassar").published.isoformat() == "2025-01-23T00:00:00+08:00"


def test_the_date_before_the_update_label_is_the_publication_date():
    line = ("<div class='x1'><span>Oleh Nurul Hikmah</span><span>3 Februari 2025 11:05 WITA</span>"
            "<span>Diperbarui: 3 Februari 2025 13:30 WITA</span></div>")
    dates = resolve(page("", f"<h1>Pemkab Kukar Bagikan Bibit Kelapa</h1>{line}<p>{STORY}</p>"), tz="Asia/Makassar")
    assert dates.published.isoformat() == "2025-02-03T11:05:00+08:00"
    with_meta = page(meta("article:published_time", "2025-02-03T03:05:19+00:00"),
                     f"<h1>Pemkab Kukar Bagikan Bibit Kelapa</h1>{line}<p>{STORY}</p>")
    assert resolve(with_meta, tz="Asia/Makassar").published.isoformat() == "2025-02-03T11:05:19+08:00"


def test_a_line_listing_other_stories_is_no_dateline():
    sidebar = ("<div class='x9'><h3>Berita Terkini</h3><a href='/a'>Polres Amankan Dua Pengedar</a> "
               "<span>Oct 18, 2024 - 08:32</span><a href='/b'>Banjir Rob Genangi Pesisir</a> "
               "<span>Oct 17, 2024 - 10:00</span></div>")
    dates = resolve(page("", f"<h1>Redaksi</h1>{sidebar}"), tz="Asia/Jakarta")
    assert dates.published is None


def test_a_visible_minute_rounded_from_the_metadata_still_gives_the_offset():
    # 02:34:47Z is 15:34:47 in Auckland; the page shows 15:35
    html = page(meta("article:published_time", "2020-10-29T02:34:47Z"),
                "<h1>Three men charged</h1><div class='x1'><span>Melanie Earley</span><span>15:35, Oct 29 2020</span>"
                f"</div><p>{STORY}</p>")
    assert resolve(html).published.isoformat() == "2020-10-29T15:34:47+13:00"
