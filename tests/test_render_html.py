import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

from digest.brief.build import build
from digest.render.bodies import render_html

from .conftest import NOISE, SEED_DATE


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def test_html_has_every_point_no_script_and_inlined_css(seed_build):
    html = Path(seed_build.files["brief.html"]).read_text(encoding="utf-8")
    page = _parse(html)
    tags = [t for t, _ in page.tags]
    assert "script" not in tags and "style" not in tags
    assert any("style" in attrs for t, attrs in page.tags if t == "h1")
    text = " ".join("".join(page.text).split())
    for point in seed_build.brief.points:
        assert " ".join(point.text.split()) in text
    for noise in NOISE:
        assert noise.strip() not in text
    assert 'lang="en"' in html


def test_article_markup_is_shown_as_text_never_run(tmp_path, config, write_article):
    write_article(
        "evil.txt",
        "The mayor said <script>alert('x')</script> the old bridge will close in June.\n"
        "Engineers found {{ config }} cracks and <b>deep</b> damage in the supports.\n",
    )
    result = build(config, [tmp_path / "articles"])
    html = Path(result.files["brief.html"]).read_text(encoding="utf-8")
    page = _parse(html)
    assert "script" not in [t for t, _ in page.tags] and "b" not in [t for t, _ in page.tags]
    assert "&lt;script&gt;" in html and "{{ config }}" in html


def test_user_template_overrides_the_packaged_one(tmp_path, seed_build):
    (tmp_path / "brief.html").write_text("<p>Custom: {{ brief.title }} {{ '<i>' }}</p>")
    html = render_html(seed_build.brief, [tmp_path]).decode()
    assert html.count("Custom: Trump-Putin call") == 1 and "&lt;i&gt;" in html


def test_text_part_carries_the_same_points(seed_build):
    text = Path(seed_build.files["brief.txt"]).read_text(encoding="utf-8")
    flat = " ".join(text.split())
    for point in seed_build.brief.points:
        assert " ".join(point.text.split()) in flat
    assert "Sources" in text and "[1]" in text


def test_hostile_metadata_never_runs_injects_or_links(tmp_path, config, write_article):
    import email
    import email.policy

    from digest.daily.deliver import compose

    (tmp_path / "articles").mkdir(exist_ok=True)
    (tmp_path / "articles" / "sources.toml").write_text(
        '["evil.txt"]\n'
        'outlet = "<img src=x onerror=alert(1)> {{ 7*7 }}"\n'
        'title = "Title\\r\\nBcc: victim@example.org"\n'
        'url = "javascript:alert(document.cookie)"\n'
    )
    write_article(
        "evil.txt",
        "The mayor announced on Monday that the old bridge will close "
        "in June for repairs.\nEngineers found deep cracks in two of the "
        "bridge's steel supports last winter.\n",
    )
    result = build(config, [tmp_path / "articles"])
    html = Path(result.files["brief.html"]).read_text(encoding="utf-8")
    tags = [t for t, _ in _parse(html).tags]
    assert "img" not in tags and "&lt;img src=x onerror=alert(1)&gt; {{ 7*7 }}" in html
    # the template syntax stays text: nowhere rendered as 49 (the build time may hold a 49)
    built = result.brief.built_at.strftime("%H:%M")
    assert "javascript:" not in html and "49" not in html.replace(built, "")
    message = compose(Path(result.directory), config.email, result.brief.date, result.brief.title)
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert parsed["Bcc"] is None and "victim" not in (parsed["To"] or "")


def test_a_template_cannot_reach_python_or_a_shell(tmp_path, seed_build):
    # issue 14 item 14: a template beside the config ran `id` through cycler's globals
    import pytest

    from digest.errors import ConfigError

    proof = tmp_path / "ran"
    (tmp_path / "brief.html").write_text(
        f"{{{{ cycler.__init__.__globals__.os.popen('touch {proof}').read() }}}}"
    )
    with pytest.raises(ConfigError, match="unsafe"):
        render_html(seed_build.brief, [tmp_path])
    assert not proof.exists()


def test_citations_are_links_to_their_sources_entry(seed_build):
    from digest.render.labels import citation_numbers, number_runs

    brief = seed_build.brief
    page = _parse(Path(seed_build.files["brief.html"]).read_text(encoding="utf-8"))
    ids = {attrs["id"] for _, attrs in page.tags if "id" in attrs}
    targets = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    internal = [t for t in targets if t.startswith("#")]
    assert ids >= {f"source-{n}" for n in range(1, len(seed_build.brief.articles) + 1)}
    assert internal and {t[1:] for t in internal} <= ids
    (story,) = brief.stories
    expected = 0  # one link per number, two per range (its first and last)
    for item in (*story.points, *story.quotes, *story.figures):
        _own, others = citation_numbers(brief, item)
        expected += 1 + sum(1 if a == b else 2 for a, b in number_runs(others))
    assert len(internal) == expected


def test_text_lines_fit_78_columns_with_twenty_outlets(tmp_path, config):
    from .conftest import SEEDS

    folder = tmp_path / "twenty"
    folder.mkdir()
    manifest = []
    for number in range(20):
        seed = sorted(SEEDS.glob("*.txt"))[number % 5]
        name = f"{number:02d}-{seed.name}"
        (folder / name).write_bytes(seed.read_bytes())
        manifest.append(
            f'["{name}"]\noutlet = "The Evening Chronicle and Gazette of Town {number}"\n'
            f'title = "A headline long enough to need wrapping in a list of sources"\n'
            f'url = "https://news.example.org/world/2025/05/20/story-{number}"\n'
        )
    (folder / "sources.toml").write_text("\n".join(manifest))
    result = build(config, [folder], SEED_DATE)
    text = Path(result.files["brief.txt"]).read_text(encoding="utf-8")
    assert "Covered by 20 outlets" in text and "Town 19" in text
    too_long = [line for line in text.splitlines() if len(line) > 78]
    assert too_long == []


def test_several_stories_open_with_a_list_of_links_to_their_headings(tmp_path, config):
    from .conftest import ROOT

    result = build(config, [ROOT / "tests" / "stories"])
    html = Path(result.files["brief.html"]).read_text(encoding="utf-8")
    page = _parse(html)
    links = [attrs["href"] for tag, attrs in page.tags if tag == "a" and "href" in attrs]
    ids = [attrs["id"] for tag, attrs in page.tags if tag == "h2" and "id" in attrs]
    stories = result.brief.stories
    assert ids == [f"story-{n}" for n in range(1, len(stories) + 1)]
    assert links[: len(stories)] == [f"#{i}" for i in ids]
    levels = [int(tag[1]) for tag, _ in page.tags if re.fullmatch(r"h[1-6]", tag)]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))
    assert 3 in levels  # each story's sections sit under its heading
    text = " ".join("".join(page.text).split())
    for story in stories:
        assert text.count(story.title) == 2  # in the list and as its heading
        assert f"Covered by {story.outlet_count} outlets" in text
