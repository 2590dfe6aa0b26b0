import time

import pytest

from digest.brief.people import People, after_introductions

# shortened from held-out Multi-News articles
STORY = [
    "Carnell Marcus Moore, 29, of Beaumont, walked into Terminal B and fired two shots.",
    "Moore was dead at the scene, and his neighbors were stunned.",
    "Outgoing Northwestern coach Alex Barbour said the ruling was wrong.",
    'Barbour insisted, "Northwestern is not a football factory," and he left.',
    "The protests in East Baltimore went on for a week in Baltimore.",
    "The case was heard by a judge in New York, where new evidence came in.",
    "Confectionery giant Produits Nestle lost its case; Nestle said it would appeal.",
    "Former NFL star Will Smith was shot in New Orleans, and Smith died at the scene.",
    "The lawyer said his client Cuong Luu will appeal; Mr. Luu said he was innocent.",
]


@pytest.fixture(scope="module")
def people() -> People:
    return People(STORY)


def test_the_people_a_story_introduces_by_full_name(people):
    assert {"Moore", "Barbour", "Luu"} <= people.surnames
    # a place, a word the story writes in lower case, a company no "he" or "she" follows
    assert not {"Baltimore", "York", "Nestle", "Northwestern"} & people.surnames


@pytest.mark.parametrize(
    ("text", "alone", "full"),
    [
        ("Moore was dead at the scene.", {"Moore"}, set()),
        ('Barbour insisted, "Northwestern is not a football factory."', {"Barbour"}, set()),
        ("“I just wish I had met him before,” Mr. Luu said.", {"Luu"}, set()),
        ("When Moore and Barbour told the couple, they left.", {"Moore", "Barbour"}, set()),
        ("On Monday Moore said he was sorry.", {"Moore"}, set()),
        ("Carnell Moore, 29, fired two shots.", set(), {"Moore"}),
        ("Coach Alex Barbour said the ruling was wrong.", set(), {"Barbour"}),
        ("She said Moore, whose full name was Carnell Moore, was quiet.", set(), {"Moore"}),
        ("The Moore Foundation gave money.", set(), set()),
    ],
)
def test_who_a_sentence_names_by_surname_alone_and_who_in_full(people, text, alone, full):
    assert people.naming(text) == (frozenset(alone), frozenset(full))


def test_a_given_name_that_is_also_a_word_counts_within_a_sentence():
    """ "former NFL star Will Smith": "will" is a word of the story, but in the middle of a
    sentence it can only be a name; opening one, "Will Smith was" may be "Smith was"."""
    people = People([*STORY, "Racquel Smith, his wife, said she was shot in the leg."])
    assert "Smith" in people.surnames
    assert people.naming("Former NFL star Will Smith was 34.")[1] == {"Smith"}
    assert people.naming("Will Smith was 34.")[0] == {"Smith"}


def test_a_point_naming_someone_alone_moves_just_after_their_introduction():
    named = {
        0: (frozenset({"Moore"}), frozenset()),  # "Moore was dead at the scene."
        1: (frozenset(), frozenset()),
        2: (frozenset(), frozenset({"Moore"})),  # "Carnell Marcus Moore, 29, ..."
        3: (frozenset({"Barbour"}), frozenset()),  # nobody introduces Barbour: it stays
    }
    assert after_introductions([0, 1, 2, 3], named, set()) == [1, 2, 0, 3]
    # introduced before these points (by the lead): nothing moves
    assert after_introductions([0, 1, 2, 3], named, {"Moore"}) == [0, 1, 2, 3]


def test_an_introduction_that_itself_waits_lets_in_what_waits_on_it():
    named = {
        0: (frozenset({"Barbour"}), frozenset()),
        1: (frozenset({"Moore"}), frozenset({"Barbour"})),
        2: (frozenset(), frozenset({"Moore"})),
    }
    assert after_introductions([0, 1, 2], named, set()) == [2, 1, 0]


def test_a_name_in_thousands_of_sentences_is_judged_once():
    """A company named like a person ("Goldman Sachs", no "he" or "she" after it) in each of
    2,000 near-identical articles was judged again at each mention, reading every sentence
    that holds it: 12 s for one story."""
    texts = [
        f"Goldman Sachs said profits rose in quarter {n}, the bank reported." for n in range(2000)
    ]
    start = time.perf_counter()
    assert "Sachs" not in People(texts).surnames
    assert time.perf_counter() - start < 3


def test_a_sentence_of_thousands_of_names_is_read_in_linear_time():
    """A list of names pasted as one sentence: the words before each name were searched from
    the sentence's start, 5 s for 2,000 names."""
    names = " ".join(
        f"Al{chr(97 + n % 26)}{chr(97 + n // 26 % 26)} Bo{chr(97 + n % 20)} met"
        for n in range(2000)
    )
    start = time.perf_counter()
    People([f"{names}."])
    assert time.perf_counter() - start < 2
