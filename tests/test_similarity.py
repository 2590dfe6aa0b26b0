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
