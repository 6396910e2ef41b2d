"""authors.parse_byline: raw byline strings of Indonesian news pages -> persons, institutions, editor."""

from __future__ import annotations

import pytest

from crawler.extraction.authors import (
    Byline,
    is_institution,
    is_junk_name,
    looks_like_person,
    parse_byline,
)

MATA_PUBLIK = ("Mata Publik", "MataPublik", "matapublik.co.id")


def _b(authors=(), institutions=(), editor=None) -> Byline:
    return Byline(authors=list(authors), institutions=list(institutions), editor=editor)


# ----------------------------------------------------------------- labelled bylines

@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Penulis: Achmad Sarjono | Editor: Rizal Fahmi", _b(["Achmad Sarjono"], editor="Rizal Fahmi")),
        ("Penulis : Hasan Basri, Editor : Lilik Suryani", _b(["Hasan Basri"], editor="Lilik Suryani")),
        ("Pewarta: Dewi Kartika Sari", _b(["Dewi Kartika Sari"])),
        ("Pewarta : Dewi Kartika Sari", _b(["Dewi Kartika Sari"])),
        ("Oleh : Bambang Sutrisno", _b(["Bambang Sutrisno"])),
        ("Oleh: Bambang Sutrisno", _b(["Bambang Sutrisno"])),
        ("Oleh Bambang Sutrisno", _b(["Bambang Sutrisno"])),
        ("Wartawan: Yoga Pratama", _b(["Yoga Pratama"])),
        ("Jurnalis: Ni Luh Putu Ayu Lestari", _b(["Ni Luh Putu Ayu Lestari"])),
        ("Penulis: Muhammad Ridwan Al-Farisi", _b(["Muhammad Ridwan Al-Farisi"])),
        ("Redaktur: Siti Aminah", _b(editor="Siti Aminah")),
        ("Editor : Rizal Fahmi", _b(editor="Rizal Fahmi")),
    ],
)
def test_labelled_bylines(raw, expected):
    assert parse_byline(raw) == expected


def test_reporter_with_day_date_and_time_segments():
    b = parse_byline("Reporter : Siti Nurhaliza | Kamis, 17 Oktober 2024 | 10:15 WIB")
    assert b == _b(["Siti Nurhaliza"])


def test_name_glued_to_date_without_label():
    assert parse_byline("Rudi Hartono | Jumat, 18 Oktober 2024 08:32 WIB") == _b(["Rudi Hartono"])
    assert parse_byline("Reporter: Rudi Hartono - 17 Oktober 2024") == _b(["Rudi Hartono"])


def test_full_credit_line_with_source():
    b = parse_byline("Penulis: Rudi Hartono | Editor: Siti Aminah | Sumber: Antara")
    assert b == _b(["Rudi Hartono"], ["Antara"], "Siti Aminah")


# ------------------------------------------------------------ name - SITE bylines

def test_name_dash_detik_edition():
    assert parse_byline("Fatimatuz Zahro - detikJatim") == _b(["Fatimatuz Zahro"])


def test_name_dash_detik_edition_with_date():
    b = parse_byline("Fatimatuz Zahro - detikJatim | Jumat, 18 Okt 2024 10:15 WIB")
    assert b == _b(["Fatimatuz Zahro"])


def test_name_dash_uppercase_subdomain_host():
    b = parse_byline("Achmad Sarjono - KOTAPROBOLINGGO.MATAPUBLIK.CO.ID", MATA_PUBLIK)
    assert b == _b(["Achmad Sarjono"])


def test_label_and_name_dash_host():
    b = parse_byline("Penulis: Achmad Sarjono - KOTAPROBOLINGGO.MATAPUBLIK.CO.ID", MATA_PUBLIK)
    assert b.authors == ["Achmad Sarjono"]


def test_name_slash_agency():
    assert parse_byline("Rudi Hartono/Antara").authors == ["Rudi Hartono"]


def test_tribun_laporan_wartawan():
    b = parse_byline("Laporan Wartawan Tribunnews.com, Rina Ayu Panca Rini")
    assert b == _b(["Rina Ayu Panca Rini"])


def test_kompas_kontributor_city_prefix_dropped():
    assert parse_byline("Kontributor Lhokseumawe, Masriadi") == _b(["Masriadi"])


def test_kompas_kontributor_with_editor():
    b = parse_byline("Kontributor Malang, Andi Hartik | Editor : Farid Assifa")
    assert b == _b(["Andi Hartik"], editor="Farid Assifa")


def test_kompas_kontributor_after_penulis_label():
    b = parse_byline("Penulis : Kontributor Lhokseumawe, Masriadi | Editor : Ervan Hardoko")
    assert b == _b(["Masriadi"], editor="Ervan Hardoko")


def test_editor_label_without_colon_is_not_a_person():
    b = parse_byline("Editor Farid Assifa")
    assert b.authors == []
    assert b.editor == "Farid Assifa"


# -------------------------------------------------------------------- name lists

@pytest.mark.parametrize(
    "raw",
    [
        "Andi Saputra, Budi Hartono dan Citra Lestari",
        "Andi Saputra, Budi Hartono, dan Citra Lestari",
        "Penulis: Andi Saputra, Budi Hartono dan Citra Lestari",
    ],
)
def test_name_list_keeps_order(raw):
    assert parse_byline(raw).authors == ["Andi Saputra", "Budi Hartono", "Citra Lestari"]


def test_two_names_with_ampersand():
    assert parse_byline("Penulis: Rizky Ananda & Dimas Prasetyo").authors == ["Rizky Ananda", "Dimas Prasetyo"]


def test_duplicate_name_listed_once():
    assert parse_byline("Andi Saputra, Andi Saputra dan Budi Hartono").authors == ["Andi Saputra", "Budi Hartono"]


# --------------------------------------------------------------- academic titles

@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Ahmad Fauzi, S.H., M.H.", ["Ahmad Fauzi"]),
        ("Ahmad Fauzi, S.Sos", ["Ahmad Fauzi"]),
        ("Hendra Wijaya, S.Pd", ["Hendra Wijaya"]),
        ("Reporter: Andi Saputra, S.Sos dan Budi Hartono, S.H.", ["Andi Saputra", "Budi Hartono"]),
    ],
)
def test_academic_titles_after_commas_are_not_people(raw, expected):
    assert parse_byline(raw).authors == expected


# ----------------------------------------------------------------- institutions

@pytest.mark.parametrize("raw", ["Redaksi", "Tim Redaksi", "Admin", "Oleh : Redaksi"])
def test_generic_desk_is_an_institution(raw):
    b = parse_byline(raw)
    assert b.authors == []
    assert b.institutions == [raw.split(":")[-1].strip()]


def test_outlet_name_is_an_institution():
    assert parse_byline("Mata Publik", MATA_PUBLIK) == _b(institutions=["Mata Publik"])
    assert parse_byline("MataPublik", MATA_PUBLIK) == _b(institutions=["MataPublik"])


@pytest.mark.parametrize("raw", ["Tribunnews.com", "KOMPAS.com", "detikJatim", "Tim detikcom"])
def test_portal_names_are_institutions(raw):
    b = parse_byline(raw)
    assert b.authors == []
    assert len(b.institutions) == 1


def test_tim_redaksi_with_editor():
    b = parse_byline("Penulis: Tim Redaksi | Editor: Rizal Fahmi")
    assert b == _b(institutions=["Tim Redaksi"], editor="Rizal Fahmi")


def test_sumber_antara_is_an_institution_not_a_person():
    assert parse_byline("Sumber : Antara") == _b(institutions=["Antara"])
    assert parse_byline("Sumber: Kompas.com") == _b(institutions=["Kompas.com"])


def test_kontributor_network_name_is_institution_person_kept():
    b = parse_byline("Kontributor Kompas TV Malang, Rudi Hartono")
    assert b.authors == ["Rudi Hartono"]


# ------------------------------------------------------------------------ junk

@pytest.mark.parametrize(
    "raw",
    [
        "mediaindonesia.com developer",
        "redaksi@matapublik.co.id",
        "www.matapublik.co.id",
    ],
)
def test_junk_bylines_give_nothing(raw):
    assert parse_byline(raw, MATA_PUBLIK) == _b()


def test_url_byline_gives_nothing():
    assert parse_byline("https://matapublik.co.id/author/admin/", MATA_PUBLIK) == _b()


def test_email_segment_dropped_name_kept():
    assert parse_byline("Penulis: Rudi Hartono | rudi.hartono@gmail.com") == _b(["Rudi Hartono"])


def test_name_with_agency_in_parentheses():
    assert parse_byline("Oleh: Andi Saputra (Antara)").authors == ["Andi Saputra"]


@pytest.mark.parametrize("raw", ["", "   ", " | ", "\n"])
def test_empty_bylines(raw):
    assert parse_byline(raw) == _b()


def test_uppercase_name_is_title_cased():
    assert parse_byline("ACHMAD SARJONO").authors == ["Achmad Sarjono"]


# ----------------------------------------------------------------- helpers

def test_helpers():
    assert is_junk_name("mediaindonesia.com developer") is True
    assert is_junk_name("Achmad Sarjono") is False
    assert is_junk_name("A") is True
    assert is_institution("Redaksi") is True
    assert is_institution("Tim Redaksi") is True
    assert is_institution("Achmad Sarjono") is False
    assert is_institution("Warta Lumajang", ("Warta Lumajang",)) is True
    assert looks_like_person("Achmad Sarjono") is True
    assert looks_like_person("Kamis 17 Oktober") is False
    assert looks_like_person("achmad") is False


# ------------------------------------------------- more bylines seen on regional sites

def test_name_dash_outlet_name_from_site_names():
    assert parse_byline("Achmad Sarjono - Mata Publik", MATA_PUBLIK) == _b(["Achmad Sarjono"])


def test_name_dash_detik_edition_date_without_separator():
    assert parse_byline("Fatimatuz Zahro - detikJatim Jumat, 18 Okt 2024 10:15 WIB").authors == ["Fatimatuz Zahro"]


@pytest.mark.parametrize("raw, name", [("Oleh: Ahmad Fauzi, M.Pd.I", "Ahmad Fauzi"),
                                       ("Oleh: Siti Aminah, S.Pd.I", "Siti Aminah")])
def test_compound_academic_titles(raw, name):
    assert parse_byline(raw).authors == [name]


@pytest.mark.parametrize("raw", ["Penulis: Hasan Basri (HB)", "Penulis: Hasan Basri (Kontributor Probolinggo)"])
def test_name_with_parenthesised_note(raw):
    assert parse_byline(raw).authors == ["Hasan Basri"]


def test_two_names_joined_by_slash():
    assert parse_byline("Pewarta: Hasan Basri/Lilik Suryani").authors == ["Hasan Basri", "Lilik Suryani"]


@pytest.mark.parametrize("raw", ["Penulis: Desk Ekonomi", "Penulis: Humas Pemkot Probolinggo"])
def test_desk_and_humas_are_institutions(raw):
    b = parse_byline(raw)
    assert b.authors == []
    assert b.institutions == [raw.split(": ", 1)[1]]


@pytest.mark.parametrize("text", ["Monday November 18", "Wednesday", "Ahad, 20 Oktober", "Jum’at 18 Oktober"])
def test_a_weekday_is_no_person(text):
    # the weekday names are the date layer's (dates.WEEKDAY_NAMES): English and every Jum'at spelling too
    assert not looks_like_person(text)


# ------------------------------------------------------------ repeated bylines

def test_a_repeated_byline_is_parsed_alike_and_its_result_is_the_callers_own():
    first = parse_byline("Penulis: Rizal Fauzi, Dewi Rohman | Editor: Dwi Hasan", MATA_PUBLIK)
    first.authors.append("Someone Else")
    first.institutions.append("Redaksi")
    again = parse_byline("Penulis: Rizal Fauzi, Dewi Rohman | Editor: Dwi Hasan", MATA_PUBLIK)
    assert again == _b(["Rizal Fauzi", "Dewi Rohman"], editor="Dwi Hasan")
    assert parse_byline("Mata Publik", list(MATA_PUBLIK)) == _b(institutions=["Mata Publik"])  # names as a list


# ----------------------------------------------- byline: the page's short text nodes

def test_short_texts_are_the_text_nodes_xpath_measured():
    from lxml import etree

    from crawler.extraction.byline import _short_texts
    from crawler.extraction.document import parse_html

    near_limit = "x" * 397
    root = parse_html(
        "<html><body><p>ab</p><p> a b </p><p>\n\t ab \r\n</p><p>\xa0ab</p><p>a\u200bb</p>"
        f"<p>{near_limit}</p><p>{near_limit}xy</p><p>{near_limit}xyz</p><p>  {near_limit}  </p>"
        "<div>Penulis:<script>x</script> Budi<b>Editor</b>: Ani</div><p>   </p></body></html>")
    etree.strip_elements(root, "script", with_tail=False)  # leaves two text nodes side by side
    xpath = etree.XPath("//text()[string-length(normalize-space(.)) > 2 and string-length(.) < 400]")
    expected = [(t.getparent(), t.is_tail, str(t)) for t in xpath(root)]
    assert [(t.getparent(), t.is_tail, str(t)) for t in _short_texts(root)] == expected
    assert "Penulis:" in [str(t) for t in _short_texts(root)]
