import pytest

from digest.config import Config, load_config, parse_config, with_overrides
from digest.errors import ConfigError

from .conftest import ROOT


def test_repository_config_has_the_sample_topics():
    config = load_config(str(ROOT / "digest.toml"))
    assert [t.name for t in config.topics] == ["The call", "Ceasefire stance", "European sanctions"]
    assert config.base_dir == str(ROOT)


def test_empty_config_takes_every_default():
    assert parse_config({}) == Config()


def test_unknown_key_is_named(tmp_path):
    path = tmp_path / "digest.toml"
    path.write_text("[brief]\ntitel = 'x'\n")
    with pytest.raises(ConfigError, match=r"unknown key 'brief\.titel'") as error:
        load_config(str(path))
    assert str(path) in str(error.value)


def test_broken_toml_reports_the_line(tmp_path):
    path = tmp_path / "digest.toml"
    path.write_text("[brief]\ntitle = 'ok'\nwords = = 3\n")
    with pytest.raises(ConfigError, match="line 3"):
        load_config(str(path))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"summary": {"method": "magic"}}, "unknown summary.method 'magic'"),
        ({"brief": {"words": "many"}}, "'brief.words' must be int"),
        ({"brief": {"one_story": "yes"}}, "'brief.one_story' must be bool"),
        ({"output": {"formats": ["rtf"]}}, "unknown output format 'rtf'"),
        ({"topics": [{"description": "x"}]}, r"\[topics\[0\]\] needs a 'name'"),
        ({"summary": {"sentences": 0}}, "at least 1"),
        ({"output": {"dir": "../../etc"}}, "climbs out of the config's folder"),
    ],
)
def test_invalid_values_are_refused(data, message):
    with pytest.raises(ConfigError, match=message):
        parse_config(data)


def test_missing_config_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(str(tmp_path / "nope.toml"))


def test_environment_variable_names_the_config(tmp_path, monkeypatch):
    path = tmp_path / "other.toml"
    path.write_text("[brief]\ntitle = 'From env'\n")
    monkeypatch.setenv("DIGEST_CONFIG", str(path))
    assert load_config().brief.title == "From env"
    monkeypatch.setenv("DIGEST_CONFIG", str(tmp_path / "gone.toml"))
    with pytest.raises(ConfigError, match=r"gone\.toml: config file not found; .*\$DIGEST_CONFIG"):
        load_config()  # it said "pass an existing file to --config", which was not given


def test_overrides_are_checked():
    with pytest.raises(ConfigError, match="unknown summary.method"):
        with_overrides(Config(), method="nope")
    assert with_overrides(Config(), words=120).brief.words == 120
    # --one-story turns it on; leaving the flag out keeps the config's choice
    assert with_overrides(Config(), one_story=True).brief.one_story
    one = parse_config({"brief": {"one_story": True}})
    assert with_overrides(one).brief.one_story and not with_overrides(Config()).brief.one_story


def test_a_topics_error_after_sources_names_the_file():
    data = {
        "sources": [{"name": "Desk", "folder": "drop"}],
        "topics": [{"name": "A"}, {"name": "A"}],
    }
    with pytest.raises(ConfigError, match=r"^digest\.toml: every \[\[topics\]\]"):
        parse_config(data, "digest.toml")


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("Daily Brief <digest@example.org>", "Daily Brief <digest@example.org>"),
        ("digest@example.org", "digest@example.org"),
        ('"Desk, Europe" <desk@example.org>', '"Desk, Europe" <desk@example.org>'),
        ("Rédaction <redaction@bücher.example>", "Rédaction <redaction@xn--bcher-kva.example>"),
        ("digest@localhost", "digest@localhost"),
    ],
)
def test_addresses_with_display_names_and_idna_domains_are_accepted(given, kept):
    settings = parse_config({"email": {"from": given, "to": [given], "cc": [given]}}).email
    assert settings.sender == kept and settings.to == (kept,) and settings.cc == (kept,)


@pytest.mark.parametrize(
    ("email", "key"),
    [
        ({"from": "a@example.org\r\nBcc: victim@example.org"}, "email.from"),
        ({"from": "garbage"}, "email.from"),
        ({"to": ["desk@example.org", "Desk <desk@>"]}, r"email.to\[1\]"),
        ({"cc": ["a@example.org, b@example.org"]}, r"email.cc\[0\]"),
        ({"bcc": ["a b@example.org"]}, r"email.bcc\[0\]"),
        ({"to": ["desk@exa_mple.org"]}, r"email.to\[0\]"),
    ],
)
def test_bad_addresses_are_refused_naming_the_key(email, key):
    with pytest.raises(ConfigError, match=f"'{key}' = .* is not an e-mail address"):
        parse_config({"email": email})


def test_paper_is_a4_or_letter():
    assert parse_config({"output": {"paper": "a4"}}).output.paper == "a4"
    assert Config().output.paper == "letter"
    with pytest.raises(ConfigError, match="'output.paper' must be letter or a4, not 'A3'"):
        parse_config({"output": {"paper": "A3"}})


def test_pinned_stories_are_read_and_their_topics_must_exist():
    topics = [{"name": "The call", "keywords": ["call"]}]
    pinned = {"name": "Trump-Putin talks", "keywords": ["Putin"], "topics": ["The call"]}
    config = parse_config({"topics": topics, "stories": [pinned], "brief": {"stories": 3}})
    assert config.stories[0].topics == ("The call",) and config.brief.stories == 3
    wrong = {**pinned, "topics": ["The cal"]}
    with pytest.raises(ConfigError, match=r"^digest\.toml: .*'The cal' is not the name of one"):
        parse_config({"topics": topics, "stories": [wrong]}, "digest.toml")
    with pytest.raises(ConfigError, match=r"unknown key 'stories\[0\]\.keyword'"):
        parse_config({"stories": [{"name": "x", "keyword": ["y"]}]})
    with pytest.raises(ConfigError, match="brief.stories"):
        parse_config({"brief": {"stories": 0}})


def test_a_language_digest_has_no_words_for_is_refused_naming_the_choices():
    """ "English" refused every English article ("written in English; brief.language is
    English", exit 3), and a misspelt language was taken without a word."""
    assert parse_config({"brief": {"language": "czech"}}).brief.language == "czech"
    for language in ("English", "englsh"):
        with pytest.raises(
            ConfigError, match=rf"unknown brief.language '{language}' \(choose one of: .*english"
        ):
            parse_config({"brief": {"language": language}})


def test_the_readme_s_sources_example_is_a_valid_config_with_the_default_user_agent():
    import re
    import tomllib

    from digest.config import FetchSettings

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (example,) = [b for b in re.findall(r"```toml\n(.*?)```", readme, re.DOTALL) if "[fetch]" in b]
    config = parse_config(tomllib.loads(example), "README.md")
    assert [s.name for s in config.sources] == [
        "The New York Times",
        "El País English",
        "Desk inbox",
    ]
    assert config.fetch.user_agent == FetchSettings().user_agent
