"""The whole build, as a user runs it: the golden brief of the seeds, and bad input."""

import json
import os
from pathlib import Path

import pytest

from digest.brief.build import build
from digest.brief.cores import usable_cores
from digest.errors import NoUsableArticles

from .conftest import NOISE, SEED_DATE, SEEDS

GOLDEN = Path(__file__).parent / "golden" / "seeds-brief.json"


def _essentials(brief_json: dict) -> dict:
    """What a reader sees (lead, sections, key quotes and figures, with their citations),
    without what changes from run to run (build time, paths)."""
    return {
        "title": brief_json["title"],
        "articles": [[a["number"], a["outlet"]] for a in brief_json["articles"]],
        "stories": [
            {
                "title": story["title"],
                "lead": [[p["text"], p["citations"]] for p in story["lead"]],
                "sections": [
                    [s["title"], [[p["text"], p["citations"]] for p in s["points"]]]
                    for s in story["sections"]
                ],
                "quotes": [[q["text"], q["speaker"], q["citations"]] for q in story["quotes"]],
                "figures": [
                    [f["value"], f["context"], f["disputed"], f["citations"]]
                    for f in story["figures"]
                ],
            }
            for story in brief_json["stories"]
        ],
    }


def test_seeds_brief_matches_the_golden_brief(seed_build):
    """A change in what the brief says must be deliberate: regenerate with
    DIGEST_UPDATE_GOLDEN=1 and review the diff of tests/golden/seeds-brief.json."""
    actual = _essentials(json.loads(Path(seed_build.files["brief.json"]).read_text("utf-8")))
    if os.environ.get("DIGEST_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert actual == json.loads(GOLDEN.read_text("utf-8"))


def test_seed_outputs_are_all_written_and_free_of_noise(seed_build):
    assert sorted(seed_build.files) == ["brief.docx", "brief.html", "brief.json", "brief.txt"]
    assert Path(seed_build.directory).name == SEED_DATE.isoformat()
    for name in ("brief.html", "brief.txt", "brief.json"):
        text = Path(seed_build.files[name]).read_text(encoding="utf-8")
        for noise in NOISE:
            assert noise not in text, (name, noise)


def test_bad_articles_are_skipped_and_the_brief_built_from_the_rest(
    tmp_path, config, write_article
):
    for seed in ("nytimes.txt", "el-pais.txt"):
        write_article(seed, (SEEDS / seed).read_bytes())
    write_article("empty.txt", b"")
    write_article("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(100))
    write_article("headline-only.txt", "Just a headline\n")
    write_article(
        "french.txt",
        "Le président américain a parlé lundi avec son homologue russe. Les deux dirigeants "
        "ont convenu de reprendre les négociations dans les prochains jours, selon le Kremlin.",
    )
    result = build(config, [tmp_path / "articles"], SEED_DATE)
    assert len(result.brief.articles) == 2
    reasons = {Path(s.path).name: s.reason for s in result.skipped}
    assert reasons == {
        "empty.txt": "file is empty",
        "picture.txt": "is a PNG image, not text; give a .txt, .md or .html article",
        "headline-only.txt": "nothing left after removing page noise (no article text)",
        "french.txt": "written in French; brief.language is english",
    }


def test_no_usable_article_fails_and_keeps_the_previous_brief(tmp_path, config, write_article):
    write_article("good.txt", (SEEDS / "ana-mpa.txt").read_bytes())
    first = build(config, [tmp_path / "articles"], SEED_DATE)
    before = Path(first.files["brief.txt"]).read_bytes()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    with pytest.raises(NoUsableArticles, match=r"empty\.txt: file is empty"):
        build(config, [bad], SEED_DATE)
    assert Path(first.files["brief.txt"]).read_bytes() == before


def test_build_is_deterministic(tmp_path, config):
    one = build(config, [SEEDS / "nytimes.txt", SEEDS / "ana-mpa.txt"], SEED_DATE)
    text_one = Path(one.files["brief.txt"]).read_text()
    two = build(config, [SEEDS / "nytimes.txt", SEEDS / "ana-mpa.txt"], SEED_DATE)
    assert one.brief.points == two.brief.points
    assert Path(two.files["brief.txt"]).read_text().split("\n", 3)[3] == text_one.split("\n", 3)[3]


def test_a_folder_of_only_bad_files_is_no_usable_article_and_writes_nothing(
    tmp_path, config, write_article
):
    write_article("empty.txt", b"")
    write_article("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(100))
    write_article("controls.txt", "Hello\x01\x02\x03\x04\x05\x06 world\x07\x08\x0e\x0f\x10\n")
    write_article(
        "script.html",
        "<html><head><script>var a = 1;</script></head><body><script>go()</script>"
        "Hi.</body></html>",
    )
    with pytest.raises(NoUsableArticles, match="no usable article"):
        build(config, [tmp_path / "articles"], SEED_DATE)
    assert not (Path(config.output.dir) / SEED_DATE.isoformat()).exists()


def test_asking_for_one_format_adds_it_and_keeps_the_others(tmp_path, config):
    import dataclasses

    build(config, [SEEDS / "nytimes.txt", SEEDS / "ana-mpa.txt"], SEED_DATE)
    only_txt = dataclasses.replace(
        config, output=dataclasses.replace(config.output, formats=("txt",))
    )
    again = build(only_txt, [SEEDS / "nytimes.txt", SEEDS / "ana-mpa.txt"], SEED_DATE)
    folder = Path(again.directory)
    assert sorted(p.name for p in folder.iterdir()) == [
        "brief.docx",
        "brief.html",
        "brief.json",
        "brief.txt",
    ]
    assert sorted(again.files) == sorted(p.name for p in folder.iterdir())  # all written anew


def test_a_partly_ranked_article_is_named_in_a_warning(tmp_path, config, write_article):
    from digest.brief.summarize import SENTENCE_CAP

    lines = [
        f"Officials in district {n} said on Monday that {n * 7} homes had lost power overnight."
        for n in range(SENTENCE_CAP + 50)
    ]
    write_article("long.txt", "\n".join(lines))
    result = build(config, [tmp_path / "articles"], SEED_DATE)
    assert [w.reason for w in result.warnings] == [
        f"only its first {SENTENCE_CAP:,} of {SENTENCE_CAP + 50:,} sentences were ranked for the "
        "brief (a bounded number, so that memory stays in proportion to the input)"
    ]


def test_the_pool_is_sized_from_the_cores_this_process_may_use():
    import os
    import subprocess
    import sys

    if not hasattr(os, "sched_setaffinity"):
        pytest.skip("no CPU affinity on this system")
    code = (
        "import os; os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]}); "
        "from digest.brief.cores import usable_cores; print(usable_cores())"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "1", result.stderr


def test_this_process_and_its_workers_give_the_summaries_one_process_gives(config, monkeypatch):
    """With the pool, the workers take chunks from the start and this process from the end:
    every article's summary (or its skip) still comes back once, in input order."""
    from digest.brief import build as build_module
    from digest.brief.read import read_inputs
    from digest.models import Article

    if usable_cores() < 2:
        pytest.skip("one core: no pool")
    seeds = read_inputs([SEEDS], 5_000_000).articles
    spanish = Article(
        id="es",
        path="es.txt",
        outlet="El Mundo",
        text="El gobierno anunció el lunes que no habrá cambios desde la semana pasada, según "
        "las fuentes oficiales del ministerio, que no dieron más detalles sobre el plan.",
    )
    articles = [*seeds, spanish, *seeds, spanish, *seeds]
    monkeypatch.setattr(build_module, "PARALLEL_FROM", len(articles) + 1)
    alone = list(build_module._summarize_all(articles, config))
    monkeypatch.setattr(build_module, "PARALLEL_FROM", 2)
    shared = list(build_module._summarize_all(articles, config))
    assert shared == alone
    assert [type(s).__name__ for s in shared].count("Skipped") == 2


def test_a_long_brief_rendered_by_two_processes_gives_the_files_one_process_gives(
    seed_build, monkeypatch
):
    import sys

    from digest.brief import build as build_module
    from digest.brief import forked

    if sys.platform != "linux":
        pytest.skip("the worker is forked")
    brief, formats = seed_build.brief, ["txt", "docx", "json", "html"]
    templates = [SEEDS.parent / "templates"]
    monkeypatch.setattr(build_module, "RENDER_APART_FROM", sys.maxsize)
    alone = build_module._rendered(brief, formats, templates, "a4")
    monkeypatch.setattr(build_module, "RENDER_APART_FROM", 0)
    monkeypatch.setattr(forked, "usable_cores", lambda: 2)  # a worker even on one core
    shared = build_module._rendered(brief, formats, templates, "a4")
    assert list(shared) == [f"brief.{f}" for f in formats]
    # a .docx's zip entries carry the second they were written: compare what they hold
    assert _unzipped(shared.pop("brief.docx")) == _unzipped(alone.pop("brief.docx"))
    assert shared == alone


def _unzipped(data: bytes) -> dict[str, bytes]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_objects_are_frozen_only_while_merging_and_rendering():
    """A long-running service's garbage must be collectable after a build, and a caller's
    own frozen objects stay frozen."""
    import gc

    from digest.brief.build import _frozen

    assert gc.get_freeze_count() == 0
    with _frozen():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with _frozen():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


CZECH = (
    "Poslanci ve středu schválili státní rozpočet na příští rok se schodkem o deset miliard "
    "korun nižším než letos.\nMinistr financí řekl, že vláda chce mít vyrovnaný rozpočet do "
    "roku 2028 a že schodek se bude dále snižovat.\nOpoziční strany hlasovaly proti, protože "
    "podle nich vláda zvyšuje daně a nešetří ve státní správě.\n",
    "Vláda schválila nový zákon o státním rozpočtu na příští rok.\nMinistr financí uvedl, že "
    "schodek rozpočtu se sníží o deset miliard korun a že vláda chce do roku 2028 dosáhnout "
    "vyrovnaného rozpočtu.\nOpozice kritizuje, že zákon nepřináší žádné úspory ve státní "
    "správě a že vláda jen zvyšuje daně pro firmy a živnostníky.\n",
)


def test_a_brief_in_a_language_the_cleaner_does_not_tell_apart_keeps_its_articles(
    tmp_path, config, write_article
):
    """brief.language = "czech" (sumy has its stop words, Snowball its stemmer) refused
    both Czech articles as "written in Portuguese" and built nothing."""
    import dataclasses

    for number, text in enumerate(CZECH):
        write_article(f"outlet{number}.txt", text)
    czech = dataclasses.replace(
        config, brief=dataclasses.replace(config.brief, language="czech"), topics=()
    )
    result = build(czech, [tmp_path / "articles"], SEED_DATE)
    assert not result.skipped and len(result.brief.articles) == 2
    assert any("Ministr financí" in point.text for point in result.brief.points)
