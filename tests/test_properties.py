"""Property tests: whatever text comes in, every stage either works or raises digest's own
error; the Word document always reopens, the HTML never carries markup from the input, and
the same input always gives the same brief."""

import datetime as dt
import io
import json
import os
from html.parser import HTMLParser

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.brief.clean import clean_article
from digest.brief.read import decode_text, read_article
from digest.brief.stories import assemble_brief
from digest.brief.summarize import summarize
from digest.config import Config
from digest.errors import DigestError
from digest.models import Article
from digest.render.bodies import render_html, render_text
from digest.render.brief_json import render_json
from digest.render.word import render_docx
from digest.text.splitting import split_text

BUILT_AT = dt.datetime(2025, 5, 20, 7, 0, tzinfo=dt.UTC)
EXAMPLES = int(os.environ.get("DIGEST_FUZZ_EXAMPLES", "60"))
"""Examples per property; CI keeps the default, a longer hunt sets DIGEST_FUZZ_EXAMPLES."""
PROPERTY_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Text that stresses every stage: control characters, lone surrogates, right-to-left and CJK
# scripts, emoji, zero-width characters, markup and template syntax, very long lines.
hostile_pieces = st.sampled_from(
    [
        "\x00",
        "\x07",
        "\x1b[31m",
        "\ud800",
        "\u202e",
        "\u200b",
        "\ufeff",
        "مرحبا بالعالم.",
        "你好，世界。",
        "😀🔥",
        "<script>alert(1)</script>",
        "{{ brief }}",
        "{% raw %}",
        "&amp;",
        "]]>",
        "Mr. ",
        "U.S. ",
        "\r\n",
        "\n\n",
        "“",
        "”",
        "—",
        "javascript:alert(1)",
    ]
)
hostile_text = st.lists(
    st.one_of(
        st.text(min_size=0, max_size=80),
        hostile_pieces,
        st.just("The talks in Istanbul lasted two hours, officials said. "),
    ),
    min_size=1,
    max_size=40,
).map("".join)


def _brief_from(texts: list[str]):
    articles = [
        clean_article(
            Article(
                id=f"a{i}",
                path=f"a{i}.txt",
                text=t,
                outlet=f"Outlet {i}",
                title=t[:40],
                url="javascript:alert(1)",
            )
        )
        for i, t in enumerate(texts)
    ]
    summaries = [summarize(a, "lex-rank", 5) for a in articles]
    return assemble_brief(summaries, Config(), dt.date(2025, 5, 20), built_at=BUILT_AT)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)


ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "body",
    "table",
    "tbody",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "p",
    "span",
    "ul",
    "li",
    "ol",
    "a",
}


@PROPERTY_SETTINGS
@given(texts=st.lists(hostile_text, min_size=1, max_size=3))
def test_any_text_gives_a_brief_that_every_format_can_hold(texts):
    brief = _brief_from(texts)
    document = docx.Document(io.BytesIO(render_docx(brief)))
    assert document.paragraphs[0].text == brief.title
    html = render_html(brief).decode("utf-8")
    parser = _Tags()
    parser.feed(html)
    assert parser.tags <= ALLOWED_TAGS, parser.tags - ALLOWED_TAGS
    assert 'href="javascript' not in html.lower()
    render_text(brief).decode("utf-8")
    json.loads(render_json(brief))
    assert render_json(brief) == render_json(_brief_from(texts))  # deterministic


@PROPERTY_SETTINGS
@given(text=hostile_text)
def test_splitting_keeps_every_word(text):
    sentences = split_text(text)
    assert "".join("".join(sentences).split()) == "".join(text.split())


@settings(max_examples=EXAMPLES * 5, deadline=None)
@given(raw=st.binary(max_size=3000))
def test_fuzz_decoding_any_bytes(raw):
    """Fuzz target for the readers: any bytes decode or raise our InputError."""
    try:
        text, _encoding = decode_text(raw, "fuzz.txt")
    except DigestError:
        return
    assert isinstance(text, str)


@PROPERTY_SETTINGS
@given(raw=st.binary(max_size=4000), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_fuzz_reading_any_file(tmp_path_factory, raw, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(raw)
    try:
        article = read_article(path, 100_000)
    except DigestError:
        return
    cleaned = clean_article(article)
    assert all("\x00" not in line for line in cleaned.body)
