"""The configuration: one TOML file read into typed, frozen dataclasses.

Every key has a default (shown below and in the repository's documented digest.toml), so an
empty file is a valid configuration. An unknown key, or a value of the wrong type or not one
of the choices, is a ConfigError that names the key and the file: a typo must not pass.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
import types
import typing
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

from digest.errors import ConfigError
from digest.text.addresses import parse_address
from digest.text.methods import METHOD_NAMES
from digest.text.words import known_languages

CONFIG_FILE_NAME = "digest.toml"
CONFIG_ENV_VAR = "DIGEST_CONFIG"
FORMATS = ("docx", "html", "txt", "json", "pdf")
DEFAULT_FORMATS = ("docx", "html", "txt", "json")
PAPERS = ("letter", "a4")


@dataclass(frozen=True)
class Topic:
    """A section of the brief: the sentences most like its name, description and keywords."""

    name: str
    description: str = ""
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class PinnedStory:
    """A story the desk follows (`[[stories]]`): shown first, with its topics, whenever the
    day's articles report it: the day's story that best fits its name, description and keywords."""

    name: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    """Names of [[topics]] that are this story's sections."""


@dataclass(frozen=True)
class BriefSettings:
    title: str = "Daily brief"
    """Shown as the brief's title and in the document properties."""
    language: str = "english"
    """Language of the articles: picks stop words and the stemmer (one of known_languages)."""
    lead_points: int = 1
    """How many of the most widely reported points open the brief as its lead."""
    points_per_section: int = 0
    """Most points shown in one section; 0: as many as the words allow."""
    words: int = 600
    """Length of the whole brief in words (lead, points, key quotes and key figures); it
    comes out at 85-100% of this. 0: no cap (every point that adds something)."""
    other_section: str = "Also reported"
    """Title of the section for points that fit no topic; empty to drop such points."""
    stories: int = 8
    """Most stories shown in full; the others are listed in one line each under Also today."""
    other_stories: bool = True
    """With [[stories]] pinned: false leaves out every story the desk does not follow."""
    one_story: bool = False
    """True: the articles are all one story, merged into one brief without grouping them."""


@dataclass(frozen=True)
class SummarySettings:
    method: str = "lex-rank"
    """Summarizer that ranks each article's sentences (see `digest build --help`)."""
    sentences: int = 8
    """How many of each article's sentences the summarizer picks (every sentence is a candidate)."""


@dataclass(frozen=True)
class InputSettings:
    paths: tuple[str, ...] = ("seeds",)
    """Files or folders read when `digest build` is given none (relative to the config file)."""
    max_bytes: int = 5_000_000
    """Larger input files are skipped with a message: no real article is this big."""


@dataclass(frozen=True)
class OutputSettings:
    dir: str = "briefs"
    """Folder that receives one sub-folder per date (relative to the config file)."""
    formats: tuple[str, ...] = DEFAULT_FORMATS
    """Which files to write: any of docx, html, txt, json, and pdf (needs LibreOffice)."""
    templates: str = ""
    """Folder of your own templates, searched before templates/ and the packaged defaults."""
    force_dir: bool = False
    """Write into `dir` even if it is a system folder or a non-empty folder digest did not
    make (also `--force-output-dir`)."""
    paper: str = "letter"
    """Page size of the Word document (and the PDF): "letter" or "a4"."""


@dataclass(frozen=True)
class CleaningSettings:
    noise_patterns: tuple[str, ...] = ()
    """Extra regular expressions; a line that matches one (anywhere) is dropped as noise."""


@dataclass(frozen=True)
class MatchingSettings:
    duplicate_similarity: float = 0.35
    """Cosine similarity (0-1) above which two sentences count as the same fact."""
    spellings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Extra spelling variants: {"zelensky" = ["zelenskyy"]} matches both as one word."""


@dataclass(frozen=True)
class EmailSettings:
    host: str = ""
    """SMTP server. Empty: `digest send` writes the message to briefs/<date>/outbox/ instead."""
    port: int = 587
    security: str = "starttls"
    """"starttls" (port 587), "ssl" (port 465) or "none" (a local relay only)."""
    username: str = ""
    password_env: str = "DIGEST_SMTP_PASSWORD"
    """Name of the environment variable that holds the password (never the password itself)."""
    sender: str = "digest@localhost"
    """The From address (TOML key `from`)."""
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()
    """Receive the brief without appearing in any header."""
    subject: str = "{title}, {date}"
    """{title} and {date} are replaced, line breaks removed: "Daily brief, 20 May 2025"."""
    ca_file: str = ""
    """PEM file of the certificate authority to trust for TLS (default: the system's)."""
    timeout: float = 30.0
    """Seconds to wait for the server at each step."""
    retries: int = 3
    """Attempts for a temporary failure (4xx reply, refused or timed-out connection)."""
    retry_delay: float = 5.0
    """Seconds before the second attempt; doubled for each further one."""


@dataclass(frozen=True)
class ScheduleSettings:
    at: str = "07:00"
    """Local time of the daily brief, HH:MM."""
    timezone: str = "UTC"
    """IANA time zone of `at`, e.g. "Europe/Brussels" (daylight saving is followed)."""
    catch_up: bool = True
    """If the scheduler was down at `at`, build and send today's brief when it starts."""
    check_every: float = 30.0
    """Seconds between checks of whether a brief is due."""
    retry_after: float = 300.0
    """Seconds before a failed build or send is tried again; doubled each time, up to an hour."""


@dataclass(frozen=True)
class Source:
    """Where articles come from. `name` is the outlet shown in the brief; give exactly one of
    `feed` (RSS or Atom URL), `url` (one article page) or `folder` (a drop folder)."""

    name: str
    feed: str = ""
    url: str = ""
    folder: str = ""


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 20.0
    """Seconds to wait for a server."""
    max_bytes: int = 5_000_000
    """Larger responses are refused (no real feed or article is this big)."""
    user_agent: str = "digest/0.1.0"
    host_delay: float = 1.0
    """Seconds between two requests to the same host (politeness)."""
    max_redirects: int = 5
    entries_per_feed: int = 50
    """Newest entries taken from each feed."""


@dataclass(frozen=True)
class SelectionSettings:
    window_hours: float = 24.0
    """Articles first seen since the previous brief, or in this many hours if there is none."""
    min_articles: int = 3
    min_outlets: int = 2
    """Below these, the brief says there is not enough coverage instead of summarising."""
    show_repeats: bool = False
    """Show again points that were in the previous brief (unless an outlet added something)."""


@dataclass(frozen=True)
class Config:
    brief: BriefSettings = field(default_factory=BriefSettings)
    summary: SummarySettings = field(default_factory=SummarySettings)
    input: InputSettings = field(default_factory=InputSettings)
    output: OutputSettings = field(default_factory=OutputSettings)
    cleaning: CleaningSettings = field(default_factory=CleaningSettings)
    matching: MatchingSettings = field(default_factory=MatchingSettings)
    email: EmailSettings = field(default_factory=EmailSettings)
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    selection: SelectionSettings = field(default_factory=SelectionSettings)
    sources: tuple[Source, ...] = ()
    topics: tuple[Topic, ...] = ()
    stories: tuple[PinnedStory, ...] = ()
    base_dir: str = "."
    """Folder that relative paths are resolved from: the config file's folder."""

    def resolve(self, path: str) -> Path:
        """A path from the config, made absolute relative to the config file."""
        return Path(self.base_dir, os.path.expanduser(path))


def find_config_file(explicit: str | None) -> Path | None:
    """--config wins, then $DIGEST_CONFIG, then ./digest.toml; None means built-in defaults."""
    if explicit:
        return Path(explicit)
    if os.environ.get(CONFIG_ENV_VAR):
        return Path(os.environ[CONFIG_ENV_VAR])
    return Path(CONFIG_FILE_NAME) if Path(CONFIG_FILE_NAME).is_file() else None


def load_config(explicit: str | None = None) -> Config:
    """Read the configuration that applies here (see find_config_file)."""
    path = find_config_file(explicit)
    if path is None:
        return Config(base_dir=str(Path.cwd()))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: config file not found; name an existing one (--config or ${CONFIG_ENV_VAR})"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return dataclasses.replace(parse_config(data, str(path)), base_dir=str(path.resolve().parent))


def parse_config(data: dict, source: str = "config") -> Config:
    """Build a Config from parsed TOML, checking every key and value."""
    config = _build(Config, {k: v for k, v in data.items()}, source, "")
    _check_values(config, source)
    return dataclasses.replace(config, email=_checked_addresses(config.email, source))


def _checked_addresses(settings: EmailSettings, source: str) -> EmailSettings:
    """The [email] addresses in one normal form; a bad one is an error naming its key."""

    def check(value: str, key: str) -> str:
        address = parse_address(value)
        if address is None:
            raise ConfigError(
                f"{source}: '{key}' = {value!r} is not an e-mail address like "
                "name@example.org or Name <name@example.org>"
            )
        return address

    lists = {
        key: tuple(check(value, f"email.{key}[{i}]") for i, value in enumerate(values))
        for key, values in (("to", settings.to), ("cc", settings.cc), ("bcc", settings.bcc))
    }
    return dataclasses.replace(settings, sender=check(settings.sender, "email.from"), **lists)


def _build(cls: type, data: object, source: str, where: str):
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: [{where}] must be a table")
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls) if f.init and f.name != "base_dir"}
    values = {}
    for toml_key, value in data.items():
        key = _KEY_ALIASES.get((cls, toml_key), toml_key)
        name = f"{where}.{toml_key}" if where else toml_key
        if key not in known:
            raise ConfigError(f"{source}: unknown key '{name}' (known: {', '.join(sorted(known))})")
        values[key] = _convert(hints[key], value, source, name)
    fields = [f for f in dataclasses.fields(cls) if f.init and f.name not in values]
    for f in fields:  # no default: the key is required
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ConfigError(f"{source}: [{where}] needs a '{f.name}'")
    return cls(**values)


_KEY_ALIASES = {(EmailSettings, "from"): "sender"}
"""TOML keys that are Python keywords, spelled as the user expects."""


def _convert(hint, value, source: str, name: str):
    """Check a TOML value against a field's type hint and convert lists to tuples."""
    origin = typing.get_origin(hint)
    if dataclasses.is_dataclass(hint):
        return _build(hint, value, source, name)
    if origin is tuple:
        (item_hint, _) = typing.get_args(hint)
        if not isinstance(value, list):
            raise ConfigError(f"{source}: '{name}' must be a list")
        return tuple(_convert(item_hint, v, source, f"{name}[{i}]") for i, v in enumerate(value))
    if origin is dict:
        _, value_hint = typing.get_args(hint)
        if not isinstance(value, dict):
            raise ConfigError(f"{source}: '{name}' must be a table")
        return {str(k): _convert(value_hint, v, source, f"{name}.{k}") for k, v in value.items()}
    if isinstance(hint, types.UnionType):
        hint = next(h for h in typing.get_args(hint) if h is not type(None))
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
        raise ConfigError(
            f"{source}: '{name}' must be {hint.__name__}, not {type(value).__name__} ({value!r})"
        )
    return value


def _check_values(config: Config, source: str) -> None:
    """Range checks that types alone cannot express; `source` names the file in errors."""
    _check_brief(config, source)
    _check_output(config, source)
    _check_delivery(config, source)
    _check_sources_and_topics(config, source)


def _check_brief(config: Config, source: str) -> None:
    for name, value, choices in (
        ("summary.method", config.summary.method, METHOD_NAMES),
        ("brief.language", config.brief.language, known_languages()),
    ):
        if value not in choices:
            raise ConfigError(
                f"{source}: unknown {name} '{value}' (choose one of: {', '.join(choices)})"
            )
    for name, value in (
        ("summary.sentences", config.summary.sentences),
        ("brief.stories", config.brief.stories),
        ("input.max_bytes", config.input.max_bytes),
    ):
        if value < 1:
            raise ConfigError(f"{source}: '{name}' must be at least 1, not {value}")
    for name, value in (
        ("brief.words", config.brief.words),
        ("brief.points_per_section", config.brief.points_per_section),
        ("brief.lead_points", config.brief.lead_points),
    ):
        if value < 0:
            raise ConfigError(f"{source}: '{name}' must be 0 or more, not {value}")
    if not 0 < config.matching.duplicate_similarity <= 1:
        raise ConfigError(f"{source}: 'matching.duplicate_similarity' must be in (0, 1]")


def _check_output(config: Config, source: str) -> None:
    if ".." in Path(config.output.dir).parts:
        raise ConfigError(
            f"{source}: output.dir '{config.output.dir}' climbs out of the config's folder with "
            "'..'; write the absolute folder you mean, or pass it with --out-dir"
        )
    unknown = [f for f in config.output.formats if f not in FORMATS]
    if unknown:
        raise ConfigError(
            f"{source}: unknown output format '{unknown[0]}' (choose from {', '.join(FORMATS)})"
        )
    if config.output.paper not in PAPERS:
        raise ConfigError(
            f"{source}: 'output.paper' must be {' or '.join(PAPERS)}, not '{config.output.paper}'"
        )


def _check_delivery(config: Config, source: str) -> None:
    if config.email.security not in ("starttls", "ssl", "none"):
        raise ConfigError(f"{source}: 'email.security' must be starttls, ssl or none")
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", config.schedule.at):
        raise ConfigError(f"{source}: 'schedule.at' must be a time like 07:00")
    try:
        zoneinfo.ZoneInfo(config.schedule.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"{source}: unknown 'schedule.timezone' '{config.schedule.timezone}' "
            "(use an IANA name like Europe/Brussels)"
        ) from None


def _check_sources_and_topics(config: Config, source: str) -> None:
    for number, configured in enumerate(config.sources, start=1):
        given = [k for k in ("feed", "url", "folder") if getattr(configured, k)]
        if len(given) != 1 or not configured.name.strip():
            raise ConfigError(
                f"{source}: [[sources]] number {number} needs a name and exactly one "
                "of feed, url or folder"
            )
        link = configured.feed or configured.url
        if link and not re.match(r"https?://", link):
            raise ConfigError(f"{source}: source '{configured.name}': only http(s) URLs")
    names = [t.name for t in config.topics]
    if len(set(names)) != len(names) or not all(n.strip() for n in names):
        raise ConfigError(f"{source}: every [[topics]] needs a name, and names must differ")
    _check_stories(config, names, source)


def _check_stories(config: Config, topics: list[str], source: str) -> None:
    """Every pinned story has a name, and its topics are configured [[topics]]."""
    for pinned in config.stories:
        if not pinned.name.strip():
            raise ConfigError(f"{source}: every [[stories]] needs a name")
        unknown = [name for name in pinned.topics if name not in topics]
        if unknown:
            raise ConfigError(
                f"{source}: [[stories]] '{pinned.name}': '{unknown[0]}' is not the name of "
                "one of the [[topics]]"
            )


def with_overrides(
    config: Config,
    *,
    method: str | None = None,
    sentences: int | None = None,
    words: int | None = None,
    formats: tuple[str, ...] | None = None,
    out_dir: str | None = None,
    force_output_dir: bool = False,
    one_story: bool = False,
) -> Config:
    """The config with command-line choices put over it (None keeps the config's value);
    checked like the file itself. A command-line --out-dir is relative to the working
    directory, not to the config file."""
    summary = dataclasses.replace(
        config.summary,
        method=config.summary.method if method is None else method,
        sentences=config.summary.sentences if sentences is None else sentences,
    )
    one_story = config.brief.one_story or one_story
    words = config.brief.words if words is None else words
    brief = dataclasses.replace(config.brief, words=words, one_story=one_story)
    output = dataclasses.replace(
        config.output,
        formats=config.output.formats if formats is None else formats,
        dir=config.output.dir if out_dir is None else str(Path(out_dir).resolve()),
        force_dir=config.output.force_dir or force_output_dir,
    )
    config = dataclasses.replace(config, summary=summary, brief=brief, output=output)
    _check_values(config, "command line")
    return config
