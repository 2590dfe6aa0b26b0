import dataclasses
import datetime as dt

from digest.brief.clean import clean_article
from digest.brief.merge import merge
from digest.brief.summarize import split_sentences, summarize
from digest.config import Config, Topic
from digest.models import Article
from digest.text.matching import matching_form
from digest.text.standalone import needs_context

from .conftest import SEEDS


def test_seed_brief_has_the_story_sections_from_several_outlets(seed_build):
    brief = seed_build.brief
    titles = [s.title for s in brief.sections]
    assert titles[:3] == ["The call", "Ceasefire stance", "European sanctions"]
    for section in brief.sections[:3]:
        outlets = {o for p in section.points for o in p.outlets}
        assert len(outlets) >= 2, section.title
    lead = brief.stories[0].lead
    assert lead and len(lead[0].outlets) >= 3


def test_every_point_is_verbatim_from_its_article(seed_build):
    brief = seed_build.brief
    articles = {a.id: a for a in brief.articles}
    for point in brief.points:
        article = articles[point.article_id]
        sentences = {s.index: s.text for s in split_sentences(clean_article(article))}
        own = [r for r in point.sources if r.article_id == point.article_id]
        assert " ".join(sentences[r.sentence] for r in own) == point.text
        raw = (SEEDS / f"{article.id}.txt").read_text(encoding="utf-8")
        for ref in own:
            assert sentences[ref.sentence] in raw


def test_no_fact_is_repeated(seed_build):
    points = seed_build.brief.points
    forms = [matching_form(p.text) for p in points]
    assert len(set(forms)) == len(forms)
    for i, a in enumerate(forms):
        for b in forms[i + 1 :]:
            assert a[:60] not in b and b[:60] not in a


def test_same_quote_from_several_outlets_is_one_point_credited_to_each(seed_build):
    brief = seed_build.brief
    quote = "because they know details of a negotiation"
    carrying = [p for p in brief.points if quote in matching_form(p.text)]
    assert len(carrying) == 1
    assert len(carrying[0].outlets) >= 2


def test_dangling_sentences_are_recognised():
    assert needs_context("But the Kremlin said no.")
    assert needs_context("“We need peace,” he said.")
    assert needs_context("He added that talks would go on.")
    assert needs_context("“As for the package from the United States — that’s a different story.”")
    assert not needs_context("Putin said Russia was ready to talk.")
    assert not needs_context("“We need peace,” Putin said.")


def _article(article_id: str, outlet: str, text: str) -> Article:
    return clean_article(Article(id=article_id, path=f"{article_id}.txt", text=text, outlet=outlet))


def _brief(articles, config: Config | None = None):
    summaries = [summarize(a, "lex-rank", 8) for a in articles]
    return merge(summaries, config or Config(), dt.date(2025, 5, 20))


STORY_A = (
    "The mayor announced on Monday that the old bridge will close for repairs in June.\n"
    "Engineers found deep cracks in two of the bridge's steel supports last winter.\n"
    "Commuters will have to use the ferry, which the city will run every ten minutes.\n"
    "He said the repairs would cost about 40 million dollars.\n"
)
STORY_B = (
    "The old bridge will close for repairs in June, the mayor announced on Monday.\n"
    "Local shop owners fear that the closure will keep customers away for months.\n"
    "The city council must still approve the budget for the repairs next week.\n"
)


def test_generic_brief_without_topics_merges_duplicates_across_outlets():
    brief = _brief([_article("a", "Gazette", STORY_A), _article("b", "Herald", STORY_B)])
    assert [s.title for s in brief.sections] == ["Key points"]
    closing = [p for p in brief.points if "close for repairs in june" in matching_form(p.text)]
    assert len(closing) == 1 and set(closing[0].outlets) == {"Gazette", "Herald"}
    assert brief.lead == (closing[0],)
    # "He said ..." cannot stand alone: shown after the sentence it leans on, or not at all
    for point in brief.points:
        assert not point.text.startswith("He said")


def test_word_cap_limits_the_whole_brief():
    articles = [_article("a", "Gazette", STORY_A), _article("b", "Herald", STORY_B)]
    config = dataclasses.replace(Config(), brief=dataclasses.replace(Config().brief, words=30))
    brief = _brief(articles, config)
    assert 0 < sum(len(p.text.split()) for p in brief.points) <= 30


def test_points_fitting_no_topic_go_to_also_reported():
    config = dataclasses.replace(
        Config(), topics=(Topic("Money", "cost budget dollars spending", ("budget", "cost")),)
    )
    brief = _brief([_article("a", "Gazette", STORY_A), _article("b", "Herald", STORY_B)], config)
    titles = [s.title for s in brief.sections]
    assert "Money" in titles and "Also reported" in titles
    money = next(s for s in brief.sections if s.title == "Money")
    assert all("budget" in p.text or "dollars" in p.text or "cost" in p.text for p in money.points)


def test_pointing_back_needs_context():
    assert needs_context("Mr. Trump said he had not discussed that plea with Mr. Putin.")
    assert not needs_context("Trump said that Russia would talk this week.")
