"""Selectors and text patterns as data: CMS markup conventions and boilerplate.

Kept apart from the algorithms that apply them (the trafilatura way), so a new
CMS family or a new kind of insert is one line here. Site profiles add to
these lists; they never replace the generic ones.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------- headline
TITLE_SELECTORS = (
    "h1.jeg_post_title", "h1.tdb-title-text", "h1.entry-title", "h1.post-title", "h1.single-post-title",
    "h1.detail__title", ".detail__title", "h1.read__title", "h1#arttitle", "h1.article-title",
    "h1.title-article", "h1.news-title", "h1.post-title-single", "h1[itemprop=headline]", "h1.title",
    "h1.judul", "h1.headline", "h3.post-title.entry-title", "h2.post-title.entry-title",
    "h2.entry-title", "h2.title", ".post-header h1", "article h1", "h1",
)
#: Plain sub-level headings tried last; accepted only when they agree closely with the metadata title.
WEAK_TITLE_SELECTORS = ("h2", "h3")

# ------------------------------------------------------------------ byline
AUTHOR_SELECTORS = (
    ".jeg_meta_author a", ".jeg_meta_author", ".td-post-author-name a", ".tdb-author-name",
    ".detail__author", ".read__credit__item", ".credit-title-name", ".article-author", ".author-name",
    ".post-author-name", ".meta-author a", ".entry-author a", ".entry-author-name", "span.author a",
    ".byline a[rel=author]", "a[rel=author]", ".byline", ".post-author a", ".post-author .fn",
    ".penulis", ".reporter", ".writer", ".author.vcard a", ".author a", ".author",
    ".post-meta .fn", ".meta-penulis", "#penulis", "[class^=author-]", "author",
    # schema.org microdata: no class name needed
    "[itemprop=author] [itemprop=name]", "[itemprop=author]",
)
#: Text labels that introduce a byline.
AUTHOR_LABELS = r"(?:penulis|pewarta|reporter|wartawan|kontributor|jurnalis|oleh|ditulis oleh|author|by|written by|teks|laporan|laporan wartawan [^:]{0,40}?)"
EDITOR_LABELS = r"(?:editor|redaktur|penyunting|editor bahasa|red)"
#: A credit line naming the source outlet (``Sumber : Antara``): an institution, never a person.
SOURCE_LABELS = r"(?:sumber|source)"

# --------------------------------------------------------------- dateline
DATE_SELECTORS = (
    ".jeg_meta_date", "time.entry-date", ".detail__date", ".read__time", ".date-publish", ".post-date",
    ".entry-date", ".published", "abbr.published", ".posted-on", ".meta-date", ".tanggal", ".article-date",
    ".date-time", ".datetime", ".post-meta-date", ".td-post-date", ".tdb-author-date", ".byline time",
    ".jeg_meta_date a",
)
#: Generic date classes: trusted only inside the headline's neighbourhood (sidebars use them too).
GENERIC_DATE_SELECTORS = ("article time", ".date", ".time", "time", "[class*=date]", "[class*=tanggal]",
                          "[class*=time]", ".meta", ".post-meta", ".entry-meta")

# ------------------------------------------------------------------- body
BODY_SELECTORS = (
    ".content-inner", ".tdb_single_content .tdb-block-inner", ".td-post-content", ".entry-content-single",
    ".detail__body-text", ".read__content", ".side-article.txt-article", ".txt-article",
    ".article-content-body__item-content", ".post-body.entry-content", ".post-body", "[itemprop=articleBody]",
    ".entry-content", ".post-content", ".article-content", ".article-body", ".article__content", ".article-body-content",
    ".content-article", ".single-content", ".post-entry", ".isi-berita", ".news-content", ".detail-content",
    "#article-body", "#isi", ".td-post-text-content", ".the-content", ".story-body", ".post-text",
    # variants of the same names (main-article-content, single-post-content...), tried last
    "[class*=article-content]", "[class*=article-body]", "[class*=post-content]", "[class*=entry-content]",
    "[class*=story-body]", "[class*=articleBody]",
)

#: Elements dropped before any text is read: never visible article text.
DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
             "button", "select", "input", "textarea", "audio", "video", "map")

#: Inside the article container: ads, captions, inserts, share boxes, tags, author boxes, comments.
BODY_JUNK_SELECTORS = (
    "figcaption", ".wp-caption-text", ".tr-caption", ".post-footer", ".post-share-buttons", "p.para_caption", ".caption", ".photo-caption", ".image-caption",
    "ins.adsbygoogle", ".adsbygoogle", ".jeg_ad", ".td-g-rec", ".td-a-rec", ".stream-item", ".ai-viewports",
    "[id^=div-gpt-ad]", "[id*=div-gpt-ad]", ".gmr-banner", ".gmr-related-post", ".ads", ".ad", ".iklan", ".advertisement",
    ".ads-container", ".banner", ".parallax-ads", "[class*=ads-]", "[class^=ad-]", "[class*=-ad-]",
    ".jnews_inline_related_post_wrapper", ".jnews_related_post_container", ".jeg_post_tags", ".jeg_share_button",
    ".jeg_authorbox", "a.inner-link-baca-juga", ".inner-link-baca-juga", "p.related-news", ".related-news",
    "strong.read__others", ".read__others", "table.linksisip", ".linksisip", ".baca-juga", ".bacajuga",
    ".related", ".related-posts", ".related-post", ".relatedposts", "#jp-relatedposts", ".yarpp-related",
    ".crp_related", ".sharedaddy", ".share", ".share-buttons", ".social-share", ".sharethis", ".addtoany_share_save_container",
    ".post-tags", ".tags", ".tag-list", ".tagcloud", ".entry-tags", ".td-post-source-tags", ".author-box",
    ".about-author", ".post-author-box", "#comments", ".comments", ".comment-respond", ".fb-comments",
    ".instagram-media", ".twitter-tweet", ".tiktok-embed", ".video-embed", ".embed-video", ".newsletter",
    ".page-links", ".pagination", ".nav-links", ".post-navigation", ".breadcrumb", ".breadcrumbs",
    ".wp-block-embed__wrapper", ".sr-only", ".screen-reader-text", "[hidden]", "[style*='display:none']",
    "[style*='display: none']", ".swiper-pagination", ".detail__body-tag", ".detail__body-multiple", ".gallery-caption",
    ".read__tagging", ".ads-on-body", ".inline-related", ".lihat-juga", ".box-baca-juga", ".artikel-terkait",
)

#: class/id words of page regions that are never the article (used by the heuristic layer).
NEGATIVE_REGION_WORDS = (
    r"(?:comment|komentar|sidebar|side-bar|widget|footer|masthead|menu|navbar|breadcrumb|share|social|related|terkait|"
    r"popular|populer|terpopuler|terkini|trending|recommend|rekomendasi|newsletter|subscribe|promo|sponsor|"
    r"advert|banner|iklan|jeg_ad|gmr-banner|cookie|modal|popup|outbrain|taboola|mgid|dable|disqus|tag-?cloud|"
    r"author-?box|authorbox|pagination|pager|ticker|login|signup|search)"
)
NEGATIVE_REGION = re.compile(r"(?:^|[-_])" + NEGATIVE_REGION_WORDS, re.I)
#: class/id tokens that name the article text itself: never noise, whatever else they contain.
STRONG_CONTENT = re.compile(r"^(?:entry-content|post-content|article-content|article-body|post-body|story-body|content-inner|"
                            r"detail__body|read__content|txt-article|td-post-content|the-content|isi-berita|"
                            r"blog$|blog-posts|hentry|main-content)", re.I)

# ------------------------------------------------------ boilerplate text
#: A paragraph that matches is dropped wholesale (the union of the two lists below).
_JUNK_ANCHORED = (
    r"baca\s*(?:juga|pula|selengkapnya)\b.*", r"lihat\s+juga\s*:.*", r"simak\s+juga\b.*",
    r"advertisement", r"iklan", r"scroll\s+(?:untuk|to)\s+(?:lanjut|lanjutkan|resume|continue).*", r"scroll to continue.*",
    r"\[gambas:.*\]", r"gambas:.*",
    r"baca artikel \w+,.{0,200}selengkapnya.*", r"simak video\b.{0,200}",
    r"(?:cek|ikuti|dapatkan|baca)\b.{0,80}\bgoogle\s*news\b.*",
    r"(?:gabung|join|ikuti|follow)\b.{0,60}\b(?:whatsapp|telegram|instagram|tiktok|twitter|facebook|youtube)\b.*",
    r"(?:dapatkan|simak)\s+(?:update|informasi|berita)\b.{0,100}\b(?:whatsapp|telegram|google news)\b.*",
    r"artikel ini telah (?:tayang|terbit|dipublikasikan)\b.*",
    r"(?:editor|redaktur|penyunting|pewarta|reporter|penulis|wartawan|kontributor|sumber|foto|fotografer|video|copyright)\s*:.{0,80}",
    r"(?:editor|redaktur|pewarta|penulis)\s*[:\-].{0,60}(?:\|.{0,60})*",
    r"tags?\s*:.*", r"topik\s*:.*",
    r"(?:share|bagikan|sebarkan)(?:\s+(?:this|artikel|berita))?\s*:?\s*(?:facebook|twitter|whatsapp|\s)*",
    r"copyright\s*©.*", r"©\s*\d{4}.*",
    r"(?:halaman|page)\s*(?:\d+\s*(?:dari|of)\s*\d+|selanjutnya|berikutnya).*", r"selanjutnya\s*»?", r"next\s*page",
    r"loading\.{0,3}",
    r"(?:diposting|diposkan|diterbitkan|dipublikasikan|posted|published)\s+(?:oleh|by|pada|on)\b.{0,80}",
    r"(?:published|updated|posted|last updated|diperbarui|dipublikasikan|diterbitkan|terbit|update)\s*(?:at|on|pada)?\s*:?\s*\d.{0,90}",
    r"(?:read|see) (?:more|also|next)\b.{0,120}", r"related\s*:.{0,200}", r"more from\b.{0,60}",
    r"\(?(?:foto|photo|ilustrasi)\s*:\s*.{0,100}\)?",
    # page chrome a theme's class names usually mark, read as text when they do not
    r"oleh\s*:.{0,80}", r"(?:kategori|category|rubrik|kanal)\s*:.{0,80}",
    r"(?:beranda|home)\s*[»›>/].{0,200}",  # a breadcrumb
    r"[\d.,]+\s*(?:kali\s+dilihat|dilihat|views?|pembaca)", r"(?:halaman|page)\s*\d+\s*/\s*\d+",
    r"\d+\s+(?:komentar|comments?)\s*:?",
)
#: Headings of what follows a story (related, popular, comments): nothing after one is the story.
SECTION_AFTER_STORY = re.compile(
    r"^(?:(?:berita|artikel|postingan|tulisan)\s+(?:lainnya|terkait|populer|terpopuler|terbaru|selanjutnya)"
    r"|(?:tag|topik)\s+terkait|terkait|komentari\s+artikel\s+ini|bagikan\s+ini|share\s+this"
    r"|related\s+(?:posts|articles|stories)|you\s+may\s+also\s+like)\s*:?$",
    re.I,
)
#: Alternatives that may start anywhere in the paragraph, each with a word it cannot match without
#: (none of i, k, s: IGNORECASE folds odd characters to those letters, see body._mentions).
_JUNK_SCANNING = (
    ("google", (r".{0,80}\b(?:ikuti|follow|update|dapatkan|cek|simak|gabung|jangan lupa|klik|berlangganan|pantau)\b.{0,80}"
                r"\bgoogle\s*news\b.{0,120}")),
    ("what", r".{0,120}\b(?:saluran|channel)\s+whats\s?app\b.*"),
)
JUNK_PARAGRAPH = re.compile(r"^(?:" + "|".join((*_JUNK_ANCHORED, *(alt for _, alt in _JUNK_SCANNING))) + r")$", re.I)
#: JUNK_PARAGRAPH in parts, for speed (a scanning alternative costs a pass over the paragraph per
#: start position): the anchored ones in one regex, the scanning ones each behind its word.
JUNK_PARAGRAPH_ANCHORED = re.compile(r"^(?:" + "|".join(_JUNK_ANCHORED) + r")$", re.I)
JUNK_PARAGRAPH_SCANNING = tuple((word, re.compile(r"^(?:" + alt + r")$", re.I)) for word, alt in _JUNK_SCANNING)
#: A short paragraph that ends in a photo credit is a caption.
CAPTION_PARAGRAPH = re.compile(r"^.{0,220}[\s.,]\(?\s*(?:foto|photo|ilustrasi|dok\.?|dokumentasi|sumber foto)\s*[:/]\s*[^()]{1,60}\)?\.?$", re.I)
CAPTION_WORDS = ("foto", "photo", "ilustrasi", "dok")  # one of them is in every caption CAPTION_PARAGRAPH matches

#: A short line naming a photo agency is an image credit (``Natalie Naccache | Bloomberg | Getty Images``,
#: ``ANTARA FOTO/Budi Candra Setya``).
PHOTO_CREDIT = re.compile(
    r"^.{0,120}\b(?:getty images|afp(?: photo)?|reuters|ap photo|shutterstock|istock(?:photo)?|antara foto|epa|"
    r"bloomberg|anadolu|xinhua|pool photo|via getty)\b.{0,40}$", re.I)
PHOTO_CREDIT_WORDS = ("getty", "afp", "reuters", "ap photo", "shutterstock", "istock", "antara foto", "epa", "bloomberg",
                      "anadolu", "xinhua", "pool photo")
CREDIT_SHAPE = re.compile(r"[|/©]|\b(?:photo|foto|image|gambar)\b", re.I)

#: Lines/phrases dropped when they make up a whole paragraph (exact, case-insensitive).
JUNK_EXACT = {
    "advertisement", "scroll to resume content", "scroll untuk lanjut", "scroll untuk melanjutkan",
    "scroll untuk melanjutkan membaca", "lanjutkan membaca", "iklan", "sponsored", "konten sponsor",
    "loading...", "bagikan", "share", "tweet", "whatsapp", "facebook", "twitter", "telegram", "email", "print",
    "copy link", "salin link", "link copied", "komentar", "baca juga", "baca juga:", "berita terkait",
    "artikel terkait", "(adsbygoogle = window.adsbygoogle || []).push({});", "by", "oleh", "key points",
    "don't miss", "don’t miss", "most read", "related", "related articles", "related stories", "read more",
    "trending", "share this article", "share this", "follow us", "sign up", "subscribe", "terpopuler", "terkini",
    "berita lainnya", "berita terkini", "lihat juga", "tonton juga", "video pilihan", "pilihan editor",
}
#: Inline markers stripped from inside a paragraph.
INLINE_JUNK = re.compile(r"\b(?:ADVERTISEMENT|SCROLL TO (?:RESUME|CONTINUE WITH) CONTENT|Scroll untuk lanjut(?:kan)?(?: membaca)?)\b", re.I)
INLINE_JUNK_WORDS = ("advertisement", "scroll")
