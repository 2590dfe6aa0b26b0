"""Shared fixtures: the repository's seeds and config, one seeds brief built per session,
and a helper for tests that need a real external program (LibreOffice, pdftotext)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from digest.config import Config, load_config
from digest.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_DATE = dt.date(2025, 5, 20)

# Text that is page noise in the seeds: none of it may reach any output.
NOISE = (
    "Arrow-right Camera",
    "Spokesman-Review Newspaper",
    "Est. May 19, 1883",
    "appeared first on",
    "Translated by",
    "compartiendo tu cuenta",
    "suscripción",
    "Putin.AP",
    "contributed reporting",
    "White House correspondent for The Times",
    "Sign up for our weekly newsletter",
    "NEWS\nNEWS",
    "Updated\n",
    "By Robyn Dixon",
)


def require_program(name: str) -> str:
    """The path of a program a test needs. Missing on a developer's machine: skip; missing
    in CI (CI=true): fail, because .ci/run installs it and a skip there would hide a gap."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; .ci/run should install it")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture(scope="session")
def repo_config() -> Config:
    """The repository's digest.toml (the sample story's topics)."""
    return load_config(str(ROOT / "digest.toml"))


@pytest.fixture
def config(repo_config: Config, tmp_path: Path) -> Config:
    """The repository's config, writing into a temporary folder."""
    output = dataclasses.replace(repo_config.output, dir=str(tmp_path / "briefs"))
    return dataclasses.replace(repo_config, output=output)


@pytest.fixture(scope="session")
def seed_build(repo_config: Config, tmp_path_factory: pytest.TempPathFactory):
    """The seeds' brief, built once for the whole session, as a user's `digest build` would."""
    out = tmp_path_factory.mktemp("seed-brief")
    output = dataclasses.replace(repo_config.output, dir=str(out))
    return build(dataclasses.replace(repo_config, output=output), [SEEDS], SEED_DATE)


@pytest.fixture
def write_article(tmp_path: Path):
    """Write an article file into a temporary input folder and return its path."""
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)

    def write(name: str, content: str | bytes) -> Path:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write
