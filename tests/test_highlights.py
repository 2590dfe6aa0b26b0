import datetime as dt

from digest.brief.clean import clean_article
from digest.brief.merge import merge
from digest.brief.summarize import split_sentences, summarize
from digest.config import Config
from digest.models import Article

from .conftest import SEEDS


def test_seed_brief_has_key_quotes_with_speakers_once_each(seed_build):
    brief, story = seed_build.brief, seed_build.brief.stories[0]
    assert 3 <= len(story.quotes) <= 5
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
    truth_social = next(q for q in story.quotes if "END to the War" in q.text)
    assert truth_social.speaker == "Trump" and len(truth_social.outlets) >= 2


def test_seed_brief_has_key_figures_from_several_outlets(seed_build):
    figures = seed_build.brief.stories[0].figures
    values = [f.value for f in figures]
    assert "1,000 prisoners" in values and any("two" in v and "hour" in v for v in values)
    prisoners = next(f for f in figures if f.value == "1,000 prisoners")
    assert len(prisoners.outlets) >= 2 and "1,000 prisoners" in prisoners.context
    for figure in figures:
        raw = (SEEDS / f"{figure.article_ids[0]}.txt").read_text(encoding="utf-8")
        assert figure.value in raw and figure.context.strip("…") in raw


def test_outlets_giving_different_numbers_are_both_shown():
    texts = {
        "a": "Officials said the overnight drone attack on Kyiv killed 12 people and injured "
        "dozens more in the capital.\nRescue teams worked through the night.\n",
        "b": "The overnight drone attack on Kyiv killed 14 people and injured dozens more, "
        "officials said.\nThe mayor declared a day of mourning.\n",
    }
    summaries = [
        summarize(
            clean_article(Article(id=k, path=f"{k}.txt", text=t, outlet=f"Outlet {k}")),
            "lex-rank",
            5,
        )
        for k, t in texts.items()
    ]
    brief = merge(summaries, Config(), dt.date(2025, 5, 20))
    killed = [f for f in brief.figures if "people" in f.value]
    assert {f.value for f in killed} == {"12 people", "14 people"}
    assert all(f.disputed for f in killed)
    assert {f.outlets for f in killed} == {("Outlet a",), ("Outlet b",)}
