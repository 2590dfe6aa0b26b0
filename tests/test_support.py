import numpy as np

from digest.brief.clean import clean_article
from digest.brief.merge import merge
from digest.brief.summarize import summarize
from digest.brief.support import carried_credits
from digest.config import Config
from digest.models import Article
from digest.text.similarity import SentenceSpace

NONE = np.zeros(0, dtype=np.int64)


def _brief(*outlets: tuple[str, str]):
    articles = [
        clean_article(Article(id=name, path=f"{name}.txt", text=text, outlet=name))
        for name, text in outlets
    ]
    return merge([summarize(a, "lex-rank", 8) for a in articles], Config())


def test_an_outlet_quoting_the_point_s_quotation_is_shown_as_its_source():
    """Two outlets on the same speech (a held-out Multi-News story, shortened): the Herald
    tells the quip only inside its longer quotation, all stop words, so no similarity finds
    it, yet it reports the fact: the Gazette's point is shown as reported by both."""
    brief = _brief(
        (
            "Gazette",
            "Rapper Snoop Dogg received a star on the Hollywood Walk of Fame on Monday.\n"
            "After thanking friends and family, Snoop Dogg ended his acceptance speech by "
            'quipping, "I want to thank me."\n'
            "His star is the 2,651st on the famed walk.\n",
        ),
        (
            "Herald",
            "Snoop Dogg was honored with his own star on the Hollywood Walk of Fame on Monday.\n"
            '"I want to thank me for believing in me; I want to thank me for doing all this '
            'hard work; I want to thank me for never quitting," he told the large crowd that '
            "packed Hollywood Boulevard.\n"
            "Snoop Dogg has sold more than 40 million albums since his 1993 debut.\n",
        ),
    )
    quip = [p for p in brief.points if 'quipping, "I want to thank me."' in p.text]
    assert len(quip) == 1
    assert quip[0].outlets == ("Gazette", "Herald")


def test_a_sentence_sharing_a_quotation_with_a_source_is_shown_and_a_title_is_no_quotation():
    """The seeds' Putin memorandum (shortened): El Mundo's point is shown as the Times'
    (its source) and so ANA's too, whose sentence quotes the Times' words ("ready to work
    with the Ukrainian side") though it is no best match of the point. A quoted film title
    is a name, not a statement: sharing it credits nothing."""
    texts = [
        '"Russia is willing to work on a memorandum with Ukraine, including a ceasefire," '
        "Putin said.",
        'Putin said Russia was "ready to work with the Ukrainian side on a memorandum on a '
        'possible future peace agreement."',
        "Speaking from Sochi, Putin noted: “We agreed that Russia will propose and is ready "
        "to work with the Ukrainian side on a memorandum for a possible future peace "
        "agreement.”",
        "Putin said talks would take time.",
        'The film "Gone with the Wind" opened in 1939.',
        "Gone with the Wind won eight Oscars, a record until 1959.",
    ]
    outlet_of_row = np.array([0, 1, 2, 2, 0, 1])
    space = SentenceSpace(texts)
    statements = np.ones(len(texts), dtype=bool)
    told = {5: (0, (0,), np.array([1])), 9: (4, (4,), NONE)}
    assert carried_credits(space, told, outlet_of_row, 0.35, statements) == {5: [2], 9: []}
