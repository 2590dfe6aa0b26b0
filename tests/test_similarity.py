from digest.text.similarity import SentenceSpace

SPELLINGS = {"zoria": ("zorya",)}
TEXTS = [
    "Twelve missiles struck Zoria overnight, the regional governor said.",
    "The governor of the region said the power plant was damaged.",
]


def test_outside_texts_are_read_with_the_configured_spellings():
    """The clauses around a figure and a topic's description are compared in the space's
    own terms: a spelling the user configured ("Zorya" for "Zoria") is the same word there
    too, as it is between the articles' sentences."""
    space = SentenceSpace(TEXTS, spellings=SPELLINGS)
    clauses = ["missiles struck Zorya overnight", "missiles struck Zoria overnight"]
    assert space.similarity_among(clauses)[0, 1] > 0.99
    assert space.similarity_to_texts([0], ["Zorya"])[0, 0] > 0
    plain = SentenceSpace(TEXTS)
    assert plain.similarity_among(clauses)[0, 1] < 0.99
    assert plain.similarity_to_texts([0], ["Zorya"])[0, 0] == 0


def test_shared_terms_counts_the_content_words_two_texts_share_common_or_rare():
    """ "governor" and "region" (stemmed: "regional" is "region") in both; "the", "of" and
    "said" are stop words and count for nothing; a text shares its seven terms with itself."""
    space = SentenceSpace(TEXTS)
    assert space.shared_terms([0, 0], [1, 0]).tolist() == [2, 7]
    assert space.shared_terms([], []).tolist() == []


def test_two_texts_quote_the_same_words_when_one_holds_the_other_s_whole_quotation():
    """A held-out story's lines (shortened): the short "live" is paired as a quotation of its
    own, so the one that follows is the quotation, found word for word in the other
    outlet's tweet; a quotation too short to be a statement, or a title, matches nothing."""
    space = SentenceSpace(
        [
            'The pages acknowledged that the supposedly "live" show was, in fact, " a '
            'combination of the best fireworks from this year and previous years."',
            "“We showed a combination of the best fireworks from this year and previous "
            "years. It was the patriotic thing to do,” the account tweeted.",
            'Critics called the show "not live" and the fireworks from previous years.',
            'It aired before "Gone with the Wind" on the same channel.',
            "Gone with the Wind aired after the fireworks show.",
        ]
    )
    assert space.quoting(0, [1, 2, 3, 4]).tolist() == [True, False, False, False]
    assert space.quoting(1, [0]).tolist() == [True]
    assert space.quoting(3, [4]).tolist() == [False]
