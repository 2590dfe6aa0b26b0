import pytest

from digest.brief.clean import clean_article
from digest.brief.read import read_inputs
from digest.brief.summarize import METHODS, summarize
from digest.models import Article
from digest.text.splitting import OfflineTokenizer

from .conftest import SEEDS


@pytest.fixture(scope="module")
def nytimes() -> Article:
    articles = read_inputs([SEEDS / "nytimes.txt"], 5_000_000).articles
    return clean_article(articles[0])


@pytest.mark.parametrize("method", list(METHODS))
def test_every_method_ranks_the_article(nytimes, method):
    summary = summarize(nytimes, method, 5)
    assert len(summary.picks) == 5
    assert [r.rank for r in summary.ranking] == list(range(len(summary.ranking)))
    texts = {s.text for s in summary.sentences}
    assert all(p.sentence.text in texts for p in summary.picks)
    scores = [r.score for r in summary.ranking]
    assert scores == sorted(scores, reverse=True)


def test_lexrank_keeps_the_lead_of_the_story(nytimes):
    picks = [p.sentence.text for p in summarize(nytimes, "lex-rank", 3).picks]
    assert any("two-hour phone call" in text for text in picks)


@pytest.mark.parametrize("seed", ["spokesman-review", "nytimes", "ana-mpa", "el-mundo", "el-pais"])
def test_vectorised_lexrank_picks_what_sumy_picks(seed):
    """digest's LexRank is sumy's arithmetic, vectorised: the same scores, so the same picks."""
    import numpy
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence
    from sumy.summarizers.lex_rank import LexRankSummarizer

    from digest.brief.lexrank import LexRank
    from digest.brief.summarize import split_sentences
    from digest.text.words import stemmer, stop_words

    article = clean_article(read_inputs([SEEDS / f"{seed}.txt"], 5_000_000).articles[0])
    sentences = split_sentences(article)
    tokenizer = OfflineTokenizer("english")
    document = ObjectDocumentModel(
        (Paragraph([SumySentence(s.text, tokenizer) for s in sentences]),)
    )
    sumy = LexRankSummarizer(stemmer("english"))
    sumy.stop_words = stop_words("english")
    ranking = []
    sumy(document, lambda infos: ranking.extend(infos) or infos)
    sumy_scores = numpy.zeros(len(sentences))
    for info in ranking:
        sumy_scores[info.order] = info.rating
    ours = LexRank("english").rate([s.text for s in sentences])
    assert numpy.allclose(ours, sumy_scores, atol=1e-9)
    top = lambda scores: set(numpy.argsort(-scores, kind="stable")[:8])  # noqa: E731
    assert top(ours) == top(sumy_scores)


def test_a_very_long_article_is_ranked_in_bounded_memory():
    """A 5 MB article (some 40,000 sentences) needed a 40,000 x 40,000 matrix: OOM at 24 GB.
    Only the first SENTENCE_CAP sentences are ranked; all are kept for the brief."""
    import tracemalloc

    from digest.brief.summarize import SENTENCE_CAP

    body = tuple(
        f"Officials in district {n} said on Monday that {n * 7} homes had lost power overnight."
        for n in range(8_000)
    )
    article = Article(id="long", path="long.txt", text="\n".join(body), outlet="X", body=body)
    tracemalloc.start()
    summary = summarize(article, "lex-rank", 5)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(summary.sentences) == 8_000
    assert len(summary.ranking) == SENTENCE_CAP
    assert peak < 150_000_000
