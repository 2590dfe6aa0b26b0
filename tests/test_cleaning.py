import pytest

from digest.brief.clean import clean_article
from digest.brief.read import read_inputs
from digest.models import Article
from digest.text.matching import matching_form

from .conftest import NOISE, SEEDS


@pytest.fixture(scope="module")
def cleaned():
    return {a.id: clean_article(a) for a in read_inputs([SEEDS], 5_000_000).articles}


def test_no_noise_survives_in_any_seed(cleaned):
    for article in cleaned.values():
        body = "\n".join(article.body) + "\n"
        for noise in NOISE:
            assert noise not in body, (article.id, noise)


def test_every_kind_of_noise_is_removed_with_its_reason(cleaned):
    reasons = {r.reason for a in cleaned.values() for r in a.removed}
    assert {
        "page header",
        "headline",
        "byline",
        "photo caption",
        "author bio",
        "syndication footer",
        "source line",
        "reporting credit",
        "timestamp",
        "subscription banner",
    } <= reasons


def test_article_text_is_kept_verbatim(cleaned):
    original = (SEEDS / "spokesman-review.txt").read_text(encoding="utf-8")
    body = cleaned["spokesman-review"].body
    assert body[0].startswith("A phone call between President Donald Trump")
    assert all(line in original for line in body)
    # the El Mundo lead paragraph has no final full stop but is the article, not header
    assert cleaned["el-mundo"].body[0].startswith("There will be no ceasefire.")
    assert cleaned["el-pais"].body[-1].endswith("state-funded business center.")


def test_metadata_is_recovered_from_the_text(tmp_path):
    text = (
        "Big headline about the talks today\nBy Jane Roe and John Doe\n\n"
        "The talks began on Monday in Istanbul and lasted two hours, officials said.\n"
        "Jane Roe is a senior correspondent for The Daily, covering diplomacy.\n"
        "Source: Daily Planet, Translated by: Someone\n"
    )
    article = clean_article(Article(id="x", path=str(tmp_path / "x.txt"), text=text, outlet=""))
    assert article.outlet == "Daily Planet"
    assert article.title == "Big headline about the talks today"
    assert article.author == "Jane Roe and John Doe"
    assert article.body == (
        "The talks began on Monday in Istanbul and lasted two hours, officials said.",
    )


def test_user_patterns_extend_the_rules(tmp_path):
    text = (
        "The talks began on Monday in Istanbul and lasted two hours, officials said.\n"
        "Follow our live coverage on the app for more updates from the region.\n"
    )
    article = Article(id="x", path="x.txt", text=text, outlet="X")
    assert len(clean_article(article).body) == 2
    assert len(clean_article(article, extra_patterns=(r"live coverage",)).body) == 1


def test_control_characters_are_removed():
    text = "The talks\x00 began\x07 on Monday in Istanbul and lasted two hours, officials said.\n"
    body = clean_article(Article(id="x", path="x.txt", text=text, outlet="X")).body
    assert body == ("The talks began on Monday in Istanbul and lasted two hours, officials said.",)


def test_matching_form_unifies_typography_and_spellings():
    assert matching_form("Zelenskyy’s “cease-fire” in Kiev") == 'zelensky\'s "ceasefire" in kyiv'
    assert matching_form("Zelenskiy\u00a0—\u00a0Zelenski") == "zelensky - zelensky"


def test_a_text_byline_with_initials_and_a_date_gives_the_author():
    text = (
        "Talks in Istanbul end without a deal\n"
        "By Erica L. Green and Anton Troianovski | Published 2025-05-19\n"
        "The ministers met on Monday to agree the terms of the ceasefire and the sanctions.\n"
        "They will meet again next week in Geneva, officials from both sides said on Monday.\n"
    )
    article = Article(id="a", path="a.txt", text=text, outlet="")
    assert clean_article(article, "english").author == "Erica L. Green and Anton Troianovski"
