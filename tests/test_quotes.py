from digest.brief.clean import clean_article
from digest.brief.quotes import key_quotes
from digest.brief.summarize import split_sentences
from digest.models import Sentence


def test_seed_brief_has_key_quotes_with_speakers_once_each(seed_build):
    brief, story = seed_build.brief, seed_build.brief.stories[0]
    assert 1 <= len(story.quotes) <= 5  # quotes share the one word budget with the points
    texts = [q.text for q in story.quotes]
    assert len(set(texts)) == len(texts)
    articles = {a.id: a for a in brief.articles}
    for quote in story.quotes:
        assert quote.speaker and quote.speaker.split()[0][0].isupper()
        sentences = {
            s.index: s.text
            for s in split_sentences(clean_article(articles[quote.sources[0].article_id]))
        }
        assert any(
            quote.text in sentences[r.sentence]
            for r in quote.sources
            if r.article_id == quote.article_ids[0]
        )
    for quote in story.quotes:  # a quote shown in a point is not repeated as a key quote
        assert not any(quote.text in point.text for point in story.points), quote.text


def test_a_quotation_that_opens_in_lower_case_is_not_a_key_quote():
    texts = [
        'The talks must go on "so that any action in Congress is aligned with our strategy," '
        "Caitlin Hayden said.",
        '"We will not accept any deal that leaves Iran a path to a bomb," Caitlin Hayden said.',
    ]
    sentences = [Sentence(f"a{n}", 0, 0, t) for n, t in enumerate(texts)]
    quotes, _ = key_quotes(sentences, {"a0": "A", "a1": "B"}, [1.0, 1.0], set(), [], None)
    assert [q.text for q in quotes] == [
        "We will not accept any deal that leaves Iran a path to a bomb"
    ]
