from __future__ import annotations

from tagger.paragraphs import lead_paragraphs, split_paragraphs


def test_blank_lines_split_and_offsets_point_into_article():
    art = "Title line\n\n  First para\ncontinues here.  \n\n\n\nSecond para.\n"
    ps = split_paragraphs(art)
    assert [p.text for p in ps] == ["Title line", "First para\ncontinues here.", "Second para."]
    assert all(art[p.start : p.end] == p.text for p in ps)
    assert [p.index for p in ps] == [0, 1, 2]


def test_single_newlines_split_when_no_blank_line():
    ps = split_paragraphs("one\ntwo\n three ")
    assert [p.text for p in ps] == ["one", "two", "three"]


def test_empty_and_whitespace_articles_have_no_paragraphs():
    assert split_paragraphs("") == []
    assert split_paragraphs(" \n\n \t ") == []


def test_crlf_blank_lines():
    ps = split_paragraphs("a\r\n\r\nb")
    assert [p.text for p in ps] == ["a", "b"]


def test_the_lead_runs_through_the_first_full_paragraph():
    body = (
        "The provincial committee met on Tuesday to review a year of work, with district governors, police and the women's union."
    )
    assert lead_paragraphs([body, "More."]) == 1
    assert lead_paragraphs(["Committee reviews a year of work", body, "More."]) == 2  # a headline: the lead goes on
    byline = "By a staff reporter, 12 March 2024"
    assert lead_paragraphs(["Committee reviews a year of work", byline, body, "More."]) == 3  # headline and byline
    assert lead_paragraphs(["Short.", "Short.", "Short.", body]) == 3  # never past three paragraphs
    assert lead_paragraphs(["Committee reviews a year of work"]) == 1
    assert lead_paragraphs([]) == 0
