"""The token-level entity engine on hand-made sentences: types, extents, noise it must skip,
document-level surname resolution, all-caps headlines, and its cost per article."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from index.extract.entities import tag_document, tag_tokens
from index.extract.entities.mentions import TOKEN_RE, extract_mentions, tokenize
from index.extract.entities.tagger import _is_all_caps_sentence, _is_cap, side_from_role
from index.model import Article


def _spans(sentence: str) -> set[tuple[str, str]]:
    tokens = sentence.split()
    return {(" ".join(tokens[s:e]), label) for s, e, label in tag_tokens(tokens)}


def test_title_person_place_and_organisation():
    found = _spans(
        "U.S. Defense Secretary William Perry met officials of the Bank of England in London ."
    )
    assert found == {
        ("U.S.", "LOC"),
        ("William Perry", "PER"),
        ("Bank of England", "ORG"),
        ("London", "LOC"),
    }


def test_dates_laws_and_nationality_adjectives_are_not_entities():
    found = _spans(
        "On Tuesday the Chinese side cited the Taiwan Relations Act and the Six Assurances "
        "in December ."
    )
    assert found == set()


def test_chinese_name_surname_first_and_possessive():
    doc = [
        s.split()
        for s in (
            "Chinese Defense Minister Dong Jun spoke on Tuesday .",
            "Dong 's remarks were carried by Xinhua .",
        )
    ]
    tagged = tag_document(doc)
    assert tagged[0] == [(3, 5, "PER")]
    assert tagged[1] == [(0, 1, "PER"), (6, 7, "ORG")]


def test_surname_beats_gazetteer_inside_a_document():
    doc = [
        s.split()
        for s in ("Secretary of Defense Lloyd Austin spoke .", "Austin said the talks went well .")
    ]
    assert tag_document(doc)[1] == [(0, 1, "PER")]


def test_unconfirmed_sentence_opener_is_dropped():
    assert (
        tag_tokens("Regional security was on the agenda , regional officials said .".split()) == []
    )


def test_town_in_a_results_line_is_a_team():
    found = _spans("Watford 2 Crewe 0")
    assert found == {("Watford", "ORG"), ("Crewe", "ORG")}


def test_all_caps_headline_reads_known_names_only():
    doc = [s.split() for s in ("RUSSIA SAYS TALKS WITH CHECHENS WILL GO ON", "MOSCOW 1996-08-30")]
    tagged = tag_document(doc)
    assert tagged[0] == [(0, 1, "LOC")]
    assert tagged[1] == [(0, 1, "LOC")]


def test_tokenizer_keeps_abbreviations_and_splits_possessives():
    words = [
        t[0] for t in tokenize("Maj. Gen. Song's U.S.-China talks with Ferdinand Marcos Jr. ended.")
    ]
    assert words[:5] == ["Maj.", "Gen.", "Song", "'s", "U.S.-China"]
    assert "Jr." in words and words[-1] == "."


_APOSTROPHE_TEXT = st.lists(
    st.sampled_from([*"aZ’'s S.-/ ,0Ⓐé", "U.S.", "Gen.", "Dong’s", "O'Neill", "’S"]), max_size=30
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_APOSTROPHE_TEXT)
def test_tokens_read_curly_apostrophes_as_straight_ones_at_the_texts_offsets(text):
    reference = [(m.group().replace("’", "'"), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]

    assert tokenize(text) == reference


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["US", "China", "TALKS", "met", "2024", ",", "Ⓐ", "É", "x1"])))
def test_a_sentence_is_in_capitals_when_seven_in_ten_of_its_words_are(tokens):
    letters = [t for t in tokens if any(c.isalpha() for c in t)]
    expected = len(letters) >= 2 and sum(t.isupper() for t in letters) >= 0.7 * len(letters)

    assert _is_all_caps_sentence(tokens) == expected


def test_a_capitalised_token_holds_a_letter_even_when_it_opens_with_a_symbol():
    # Roman numerals and circled letters are upper case without being letters.
    assert [_is_cap(t) for t in ["Brown", "U.S.", "Ⅳ", "ⅣB", "Ⓐ", "", "brown", "1990s"]] == [
        True,
        True,
        False,
        True,
        False,
        False,
        False,
        False,
    ]


def test_a_role_takes_the_side_of_the_first_cue_listed_that_it_names():
    assert side_from_role("Pentagon liaison to the PLA") == "US"  # "pentagon" is listed first
    assert side_from_role("a PLA officer") == "China"
    assert side_from_role("an adviser to the placard maker") is None  # "pla" not a word here
    assert side_from_role("Indo-Pacific Command spokesman") == "US"
    assert side_from_role(None) is None


def _article_mentions(text: str, article_id: str = "a") -> list:
    """The mentions of an article of one paragraph, `text`."""
    paragraphs = [{"text": text, "boilerplate": False}]
    return extract_mentions(
        Article.from_json(
            {"id": article_id, "path": article_id, "title": "T", "paragraphs": paragraphs}
        )
    )


def _mentions(text: str) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.type, m.side) for m in _article_mentions(text)]


def test_a_nationality_of_two_words_is_a_side_not_a_person():
    assert _mentions("A South Korean lawmaker said North Korean forces had moved.") == []
    assert _mentions("South African President Cyril Ramaphosa spoke.") == [
        ("President Cyril Ramaphosa", "person", "South Africa")
    ]
    assert _mentions("South Korean Defence Minister Shin Won-sik met reporters.") == [
        ("Shin Won-sik", "person", "South Korea")
    ]
    assert _mentions("North Korean leader Kim Jong Un spoke.") == [
        ("Kim Jong Un", "person", "North Korea")
    ]


def test_he_is_a_chinese_surname_before_a_given_name_in_pinyin():
    assert _spans("Vice Premier He Lifeng met Janet Yellen .") >= {("He Lifeng", "PER")}
    assert _spans("Gen. He Weidong spoke .") == {("He Weidong", "PER")}
    assert _spans("He Lifeng met Janet Yellen .") == {("He Lifeng", "PER"), ("Janet Yellen", "PER")}
    # The pronoun before a word the text also writes in lower case stays the pronoun.
    assert _spans("He Can see it , as anyone can .") == set()


def test_korean_and_taiwanese_given_names_are_one_hyphenated_word():
    assert _spans("Moon Jae-in met Kim Jong-un at Panmunjom .") == {
        ("Moon Jae-in", "PER"),
        ("Kim Jong-un", "PER"),
        ("Panmunjom", "LOC"),
    }
    assert _spans("Foreign Minister Kang Kyung-wha spoke .") == {("Kang Kyung-wha", "PER")}
    assert _spans("Lai Ching-te met Defense Minister Chiu Kuo-cheng .") == {
        ("Lai Ching-te", "PER"),
        ("Chiu Kuo-cheng", "PER"),
    }
    # Not after a Korean family name, or not two Korean syllables: an adjective still.
    assert _spans("The Kurdish-controlled town and an Amman-bound flight .") == set()
    assert not any("Run-up" in name for name, _ in _spans("The Brexit Run-up began ."))
    assert _spans("An Ex-con was jailed .") == set()


def test_a_korean_family_name_alone_is_the_person_named_in_full():
    from index.extract.entities import resolve_entities

    articles = {
        "a": "President Yoon Suk-yeol arrived. Later Yoon said the alliance was strong.",
        "b": "Yoon said the alliance was strong. President Yoon left for London.",
    }
    mentions = {
        article_id: _article_mentions(text, article_id) for article_id, text in articles.items()
    }

    people = [e for e in resolve_entities(mentions) if e.type == "person"]
    assert [(e.name, e.total_mentions) for e in people] == [("Yoon Suk-yeol", 4)]


def test_an_initial_belongs_to_the_name_and_does_not_end_the_sentence():
    assert _mentions("George W. Bush met L. Patrick Gray and Charles Q. Brown Jr. in Texas.") == [
        ("George W. Bush", "person", None),
        ("L. Patrick Gray", "person", None),
        ("Charles Q. Brown Jr.", "person", None),
        ("Texas", "place", None),
    ]
    # Before a word that opens sentences, a capital and a full stop end the sentence.
    assert [t for t, _, _ in tokenize("It was Plan B. The rest failed.")][3:5] == ["B", "."]
    assert [t for t, _, _ in tokenize("It was Plan B. 2024 was worse.")][3:5] == ["B", "."]
    assert _mentions("General manager A. J. Smith said so.") == [("A. J. Smith", "person", None)]
    assert _mentions("Their lawyer, John D. O'Connor, said so.") == [
        ("John D. O'Connor", "person", None)
    ]
    # "U. S." spaced is the country, not a person "S. Surgeon General".
    assert [t for t, _, _ in tokenize("the U. S. Surgeon General")][1:5] == ["U", ".", "S", "."]
    assert "S." not in [t for t, _, _ in tokenize("Golf-U.S. Masters champion")]


def _people(*texts: str) -> dict[str, tuple[str | None, list[str]]]:
    from index.extract.entities import resolve_entities

    mentions = {
        str(number): _article_mentions(text, str(number)) for number, text in enumerate(texts)
    }
    return {e.name: (e.role, e.aliases) for e in resolve_entities(mentions) if e.type == "person"}


def test_general_ends_an_office_after_secretary_or_attorney_and_is_no_rank():
    people = _people(
        "NATO Secretary General Mark Rutte met reporters.",
        "Attorney General Merrick Garland spoke.",
        "UN Secretary-General Antonio Guterres spoke.",
    )
    assert people["Mark Rutte"] == ("NATO Secretary General", ["Mark Rutte"])
    assert people["Merrick Garland"][0] == "Attorney General"
    assert people["Antonio Guterres"] == ("UN Secretary-General", ["Antonio Guterres"])


def test_an_office_said_after_the_name_says_more_than_a_rank_before_it():
    people = _people(
        "Gen. Charles Q. Brown Jr., chairman of the Joint Chiefs of Staff, spoke.",
        "Maj. Gen. Pat Ryder spoke.",
        "Defense Secretary Lloyd Austin, head of the Pentagon, spoke.",
    )
    assert people["Charles Q. Brown Jr."][0] == "chairman of the Joint Chiefs of Staff"
    assert people["Pat Ryder"][0] == "Maj. Gen."
    assert people["Lloyd Austin"][0] == "Defense Secretary"  # an office before it stands


def test_one_name_spelled_with_and_without_its_hyphen_is_one_person():
    from index.extract.entities import resolve_entities
    from index.extract.entities.resolve import extend_entities

    catalog = resolve_entities(
        {
            "a": _article_mentions("Kim Jong Un fired a missile, officials said.", "a"),
            "b": _article_mentions("Kim Jong Un met reporters in Singapore.", "b"),
            # Only the rarer spelling says the side: it must reach the merged person.
            "c": _article_mentions("North Korean leader Kim Jong-un spoke in Pyongyang.", "c"),
        }
    )
    people = [e for e in catalog if e.type == "person"]
    assert [(e.name, e.total_mentions, e.side) for e in people] == [
        ("Kim Jong Un", 3, "North Korea")
    ]
    assert "Kim Jong-un" in people[0].aliases

    extended = extend_entities(catalog, {"d": _article_mentions("Kim Jong-un met reporters.", "d")})
    assert [(e.name, e.total_mentions) for e in extended if e.type == "person"] == [
        ("Kim Jong Un", 4)
    ]


def test_a_configured_name_wins_over_the_spelling_seen_most():
    from index.extract.entities import resolve_entities

    people = [
        e
        for e in resolve_entities(
            {
                "a": _article_mentions("Kim Jong Un fired a missile, officials said.", "a"),
                "b": _article_mentions("Kim Jong Un met reporters in Singapore.", "b"),
                "c": _article_mentions("Kim Jong-un spoke in Pyongyang.", "c"),
            },
            aliases={"Kim Jong-un": ["Chairman Kim"]},
        )
        if e.type == "person"
    ]
    assert [(e.name, e.total_mentions) for e in people] == [("Kim Jong-un", 3)]
