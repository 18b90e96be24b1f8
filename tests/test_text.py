from __future__ import annotations

import pytest

from tagger.text import lead_end


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("Raid frees 30 workers - The Star. Police said the men were unpaid.", "Raid frees 30 workers - The Star"),
        (
            "Karaoke bar owner charged with holding Lao teenagers in Udon Thani - Bangkok Post. Police said ...",
            "Karaoke bar owner charged with holding Lao teenagers in Udon Thani",
        ),
        ("VIENTIANE, 12 March (KPL) - The committee met. It agreed a plan.", "VIENTIANE, 12 March (KPL) - The committee met"),
        ("LONDON (Reuters) \u2013 Police raided a car wash. Four men were freed.", "LONDON (Reuters) \u2013 Police raided a car wash"),
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
