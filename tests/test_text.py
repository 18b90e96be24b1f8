from __future__ import annotations

import re

import pytest

from tagger.text import aside_start, echo_words, echoes_lead, echoing_spans, lead_end, reading_form, reading_form_with_offsets


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("Raid frees 30 workers - The Star. Police said the men were unpaid.", "Raid frees 30 workers - The Star"),
        (
            "Karaoke bar owner charged with holding Lao teenagers in Udon Thani - Bangkok Post. Police said ...",
            "Karaoke bar owner charged with holding Lao teenagers in Udon Thani",
        ),
        ("VIENTIANE, 12 March (KPL) - The committee met. It agreed a plan.", "VIENTIANE, 12 March (KPL) - The committee met"),
        (
            "LONDON (Reuters) \u2013 Police raided a car wash. Four men were freed.",
            "LONDON (Reuters) \u2013 Police raided a car wash",
        ),
        ("Raid frees 30 workers | The Star. Police said ...", "Raid frees 30 workers"),
        ("Shelter opens in Pakse. It has 20 beds.", "Shelter opens in Pakse"),
        ("Is the new law working? Experts disagree.", "Is the new law working"),
        ("Court jails recruiter ... more to follow", "Court jails recruiter "),
        ("the government adopted a national strategy (2021)", "the government adopted a national strategy (2021)"),
        ("U.S. and Mexico sign labour pact", "U.S. and Mexico sign labour pact"),
        ("Maj. Gen. Somkeo opened the meeting. Delegates from six countries attended.", "Maj. Gen. Somkeo opened the meeting"),
        ("Mr. Vong said the plan was ready. Nobody objected.", "Mr. Vong said the plan was ready"),
        ("", ""),
    ],
)
def test_lead_end_is_the_end_of_the_headline_or_first_sentence(text: str, lead: str) -> None:
    assert text[: lead_end(text)] == lead


QUOTE = (
    '"Every pupil should know the risks. Lessons on preventing human trafficking belong in lower '
    'secondary school," the deputy minister said. She thanked the provinces.'
)


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        # a paragraph that opens with a quotation: the speaker's whole statement is the lead
        (QUOTE, QUOTE[: QUOTE.index(',"') + 1]),
        (
            "\u201cWe will take prevention as the root. Victims will be received quickly,\u201d he said. Next year ...",
            "\u201cWe will take prevention as the root. Victims will be received quickly,",
        ),
        # an unclosed quotation (it goes on in the next paragraph): the first sentence
        ('"The crime harms the nation. It harms our families too.', '"The crime harms the nation'),
        # a quotation further on is not the lead
        ('The minister spoke first. "We will act," she said.', "The minister spoke first"),
    ],
)
def test_lead_end_with_quotation_is_the_opening_quotation(text: str, lead: str) -> None:
    assert text[: lead_end(text, quotation=True)] == lead


@pytest.mark.parametrize(
    "text",
    [
        # a quoted word or phrase opening a headline is no quotation lead: the lead is as without quotation
        '"Sold twice" is a new film on forced labour in the fishing fleets of the south - Times. It opens on Friday.',
        "\u201cChilling\u201d gaps in child safety laws, says a mother from Inverell. Officials said ...",
        '"The crime harms the nation," he said.',
    ],
)
def test_a_short_opening_quotation_is_not_the_lead(text: str) -> None:
    assert lead_end(text, quotation=True) == lead_end(text)


def test_lead_end_without_quotation_keeps_the_first_sentence_of_a_quotation() -> None:
    # models of format 6 and older were trained with this lead and must keep it
    assert QUOTE[: lead_end(QUOTE)] == '"Every pupil should know the risks'


@pytest.mark.parametrize(
    ("text", "aside"),
    [
        # a label or a " | " list in the snippet opens the asides
        (
            "Storm shuts road - Island Times. Crews are at work ... Related: Man charged | Ferry times",
            "Related: Man charged | Ferry times",
        ),
        ("Bus routes approved - Metro. They start in March. Most read: Ring busted", "Most read: Ring busted"),
        ("Bus routes approved - Metro. They start in March | Weather | Sport", " | Weather | Sport"),
        ("Bus routes approved - Metro. More from Metro: Ring busted", "More from Metro: Ring busted"),
        # the headline's own separator from its outlet is not an aside
        ("Myths about trafficking | Lake Tribune. Traffickers trick their victims ...", ""),
        # neither is an ellipsis, nor a colon in the body of a paragraph
        ("Court jails recruiter - Star. ... the man was also charged with trafficking ...", ""),
        ("The plan has three parts: awareness, law enforcement and victim care.", ""),
        ("", ""),
    ],
)
def test_aside_start_is_the_first_aside_marker_after_the_lead_sentence(text: str, aside: str) -> None:
    assert text[aside_start(text) :] == aside
    assert aside_start(text, lead_end(text)) == aside_start(text)


def test_reading_form_drops_characters_that_render_as_nothing_and_spells_out_ligatures() -> None:
    text = "\ufeffanti-traf\u00adficking\u200b \u00a0caf\u00e9 \u200c\u200d\u2060o\ufb03cials \ufb01nd \ufb02ee"
    assert reading_form(text) == "anti-trafficking \u00a0caf\u00e9 officials find flee"
    plain = "no such character: caf\u00e9, \u00a0, \u2014"
    assert reading_form(plain) is plain
    assert reading_form_with_offsets(plain) is None


def test_reading_form_with_offsets_maps_each_character_back() -> None:
    text = "a\u00adb\u200b\u200bc tra\ufb03c"
    shown, offsets = reading_form_with_offsets(text)  # type: ignore[misc]
    assert shown == "abc traffic"
    assert [text[i] for i in offsets] == ["a", "b", "c", " ", "t", "r", "a", "\ufb03", "\ufb03", "\ufb03", "c"]


def _echo(text: str, phrase: str) -> bool:
    start = text.index(phrase)
    return echoes_lead(text, lead_end(text), start, start + len(phrase))


def test_a_sentence_sharing_two_content_words_with_the_lead_echoes_it() -> None:
    text = "Court extends detention of Marco Vell - Daily Post. ... Marco Vell's detention on suspicion of human trafficking"
    assert _echo(text, "human trafficking")
    # one shared word is not enough; nor are the words for the crime itself
    assert not _echo("Court frees Marco Vell - Daily Post. ... Vell was also linked to human trafficking", "human trafficking")
    assert not _echo(
        "Human trafficking talks - Daily Post. ... Human trafficking and forced labour are on the rise", "forced labour"
    )


def test_only_the_sentence_holding_the_mention_is_compared() -> None:
    text = (
        "Court extends detention of Marco Vell - Daily Post. Marco Vell stays in custody. Two men face human trafficking charges."
    )
    assert not _echo(text, "human trafficking")
    # a snippet cut with "..." starts a new sentence too
    cut = "Court extends detention of Marco Vell - Daily Post. Marco Vell stays in custody ... two men face human trafficking charges"
    assert not _echo(cut, "human trafficking")


def _echo_by_scanning(text: str, lead: int, start: int, end: int) -> bool:
    """The definition of echoes_lead, scanning back and forth from the span."""
    begin = max(text.rfind(". ", lead, start), text.rfind("...", lead, start), text.rfind("\u2026", lead, start), lead)
    m = re.compile(r"[.!?\u2026](?=\s)").search(text, end)
    stop = m.start() + 1 if m else len(text)
    return len(echo_words(text[begin:stop]) & echo_words(text[:lead])) >= 2


def test_echoing_spans_agrees_with_scanning_from_each_span() -> None:
    texts = [
        "Court holds Marco Vell - Daily. Marco Vell is held. Vell faces human trafficking charges... Marco Vell trafficking\u2026 held",
        "Marco Vell court case - Daily. .... Marco Vell.Vell court trafficking. Court, Marco: trafficking. Storm: trafficking",
        "Marco Vell court - Daily \u2026Marco Vell trafficking \u2026 court Marco trafficking. . . Rain trafficking. Vell court",
    ]
    for text in texts:
        lead = lead_end(text)
        spans = [(m.start(), m.end()) for m in re.finditer(r"trafficking|held|Vell", text) if m.start() >= lead]
        assert len(spans) >= 4
        got = echoing_spans(text, lead, spans)
        assert got == [_echo_by_scanning(text, lead, s, e) for s, e in spans]
        assert True in got and False in got, text
        assert got == [echoes_lead(text, lead, s, e) for s, e in spans]
