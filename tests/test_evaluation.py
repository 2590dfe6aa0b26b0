"""`digest eval` on tiny clusters the tests write, and the Multi-News converter."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

from digest.evaluation import METHODS, evaluate

from .conftest import ROOT, SEEDS

SEEDS_REFERENCE = (
    "After a two-hour phone call with Vladimir Putin, Donald Trump said Russia and Ukraine "
    "would immediately start negotiations toward a ceasefire, but he backed off his demand "
    "for an immediate truce. Putin said Russia would work with Ukraine on a memorandum about "
    "a future peace agreement. European leaders, shocked by Trump's reluctance, said they "
    "would raise sanctions; the EU and Britain adopted new sanctions against Moscow."
)


def _clusters(root: Path) -> Path:
    seeds = root / "clusters" / "call"
    (seeds / "docs").mkdir(parents=True)
    (seeds / "refs").mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, seeds / "docs" / path.name)
    (seeds / "refs" / "a.txt").write_text(SEEDS_REFERENCE)
    lead_only = root / "clusters" / "lead"
    (lead_only / "docs").mkdir(parents=True)
    (lead_only / "refs").mkdir()
    first = (
        "The city council approved a new budget for the harbour bridge on Monday evening. "
        "Repairs will start in June and take two years."
    )
    (lead_only / "docs" / "1.txt").write_text(
        first + "\nResidents complained about the noise of the works near the old market.\n"
        "Shop owners asked for compensation for lost customers during the closure.\n"
    )
    (lead_only / "docs" / "2.txt").write_text(
        "Engineers said the bridge's steel supports had corroded badly over the winter.\n"
        "The mayor promised that ferries would run every ten minutes while it is closed.\n"
    )
    (lead_only / "refs" / "a.txt").write_text(  # what the lead round-robin picks
        "The city council approved a new budget for the harbour bridge on Monday evening. "
        "Engineers said the bridge's steel supports had corroded badly over the winter."
    )
    return root / "clusters"


def test_every_method_is_scored_on_every_cluster(tmp_path):
    scores = {s.method: s for s in evaluate(_clusters(tmp_path), words=60)}
    assert list(scores) == list(METHODS)
    for score in scores.values():
        assert score.clusters == 2
        assert 0 < score.rouge2 <= score.rouge1 <= 100
        assert 0 <= score.redundancy <= 100 and 0 <= score.dangling <= 100
    assert scores["digest"].outlets_per_section >= 1
    assert scores["lead"].outlets_per_section is None


def test_every_system_is_held_to_the_same_whole_sentence_budget(tmp_path):
    scores = evaluate(_clusters(tmp_path), words=30)
    for score in scores:
        assert 0 < score.words <= 30, score.method


def test_a_summary_equal_to_the_reference_scores_highest(tmp_path):
    clusters = _clusters(tmp_path)
    shutil.rmtree(clusters / "call")
    scores = {s.method: s for s in evaluate(clusters, words=26, methods=("lead", "lsa"))}
    assert scores["lead"].rouge1 == scores["lead"].rouge2 == 100


def test_eval_command_prints_the_table_and_writes_csv_and_json(tmp_path):
    clusters = _clusters(tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "digest",
            "eval",
            str(clusters),
            "--words",
            "80",
            "--methods",
            "digest,lead,lex-rank",
            "--out",
            str(tmp_path / "scores"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:5] == ["method", "clusters", "R-1", "R-2", "R-L"]
    assert [line.split()[0] for line in lines[1:4]] == ["digest", "lead", "lex-rank"]
    rows = json.loads((tmp_path / "scores.json").read_text())
    assert [r["method"] for r in rows] == ["digest", "lead", "lex-rank"]
    assert (tmp_path / "scores.csv").read_text().startswith("method,clusters,rouge1")


def test_multinews_files_become_clusters(tmp_path):
    article = "The storm reached the coast on Monday and cut power to thousands of homes. " * 6
    (tmp_path / "test.src").write_text(
        f"{article} NEWLINE_CHAR NEWLINE_CHAR More details. ||||| {article}\n{article}\n"
    )  # the second line has one article only: skipped
    (tmp_path / "test.tgt").write_text("– A storm hit the coast.\n– One article.\n")
    _bench(
        "multinews_to_clusters.py",
        tmp_path / "test.src",
        tmp_path / "test.tgt",
        tmp_path / "out",
    ).check_returncode()
    clusters = sorted((tmp_path / "out").iterdir())
    assert [c.name for c in clusters] == ["00000"]
    assert (clusters[0] / "refs" / "0.txt").read_text() == "A storm hit the coast.\n"
    docs = sorted((clusters[0] / "docs").iterdir())
    assert len(docs) == 2 and "More details." in docs[0].read_text()


def test_multinews_csv_rows_become_clusters_held_out_from_a_development_set(tmp_path):
    import csv

    article = "The storm reached the coast on Monday and cut power to thousands of homes. " * 3
    dev = tmp_path / "dev" / "mn000" / "refs"
    dev.mkdir(parents=True)
    (dev / "ref.txt").write_text("A storm   hit the coast.\n")  # same summary, other spacing
    with open(tmp_path / "sample_test.csv", "w", newline="", encoding="utf-8") as out:
        rows = csv.writer(out)
        rows.writerow(["documents", "summary"])
        rows.writerow([repr([article, article]), "– A storm hit the coast."])  # in dev
        rows.writerow([repr([article, "Too short."]), "– One article left."])
        rows.writerow([repr([f"{article}\n \n More details.", article]), "– A fire spread."])
    _bench(
        "multinews_csv_to_clusters.py",
        tmp_path / "out",
        tmp_path / "sample_test.csv",
        "--exclude",
        tmp_path / "dev",
    ).check_returncode()
    clusters = sorted((tmp_path / "out").iterdir())
    assert [c.name for c in clusters] == ["sample_test-002"]
    assert (clusters[0] / "refs" / "ref.txt").read_text() == "A fire spread.\n"
    first = (clusters[0] / "docs" / "D01.txt").read_text()
    assert first.endswith("homes.\n\nMore details.\n")


def test_paraphrase_bench_scores_the_similarity_on_labelled_pairs(tmp_path):
    """bench/paraphrase.py: the AUC of digest's similarity on MSRP-style pairs. Here the
    paraphrases share their fact's words and the others do not, so every paraphrase ranks
    first; files without pairs of both labels are refused."""
    pairs = [
        (
            1,
            "The mayor closed the old bridge for repairs.",
            "The old bridge was closed by the mayor.",
        ),
        (0, "The mayor closed the old bridge for repairs.", "Heavy rain flooded the harbour."),
        (1, "Trump said he would walk away from the talks.", "Trump is open to walking away."),
        (0, "Trump said he would walk into the talks.", "Shares fell sharply in Tokyo."),
    ]
    corpus = tmp_path / "msr_paraphrase_test.txt"
    corpus.write_text(
        "\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
        + "".join(f"{q}\t{n}\t{n + 1}\t{a}\t{b}\n" for n, (q, a, b) in enumerate(pairs)),
        encoding="utf-8",
    )
    run = _bench("paraphrase.py", corpus)
    assert run.returncode == 0, run.stderr
    assert "4 pairs (2 paraphrases)" in run.stdout
    assert "digest's similarity:                 1.0000" in run.stdout
    empty = tmp_path / "empty.txt"
    empty.write_text("Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n")
    run = _bench("paraphrase.py", empty)
    assert run.returncode == 2 and "no pairs of both labels" in run.stderr


def test_without_rouge_score_eval_says_how_to_install_it_from_the_checkout(tmp_path):
    """It said "pip install 'digest[eval]'", which asks PyPI for a project of that name
    instead of installing this checkout's extra."""
    blocked = (
        "import sys; sys.modules['rouge_score'] = None; from digest.cli import main; "
        "sys.exit(main())"
    )
    result = subprocess.run(
        [sys.executable, "-c", blocked, "eval", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "digest: error: digest eval needs rouge-score: pip install -e '.[eval]' in the "
        "checkout (or pip install rouge-score)"
    )


def _bench(script: str, *args: object) -> subprocess.CompletedProcess:
    """A script of bench/ run as a user runs it, its output captured as text."""
    command = [sys.executable, str(ROOT / "bench" / script), *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True)


def test_the_brief_is_scored_as_the_reader_reads_it_key_quotes_and_figures_included():
    """From 400 words a brief gives part of its words to key quotes and key figures; eval
    scored its points alone, so digest was held to fewer words than the baselines (dev at
    400 words: 345 against the lead's 386)."""
    from digest.brief.clean import clean_article
    from digest.brief.read import read_inputs
    from digest.evaluation import _summary

    articles = [clean_article(a) for a in read_inputs([SEEDS], 5_000_000).articles]
    units, _ = _summary("digest", articles, 600)
    assert any(u.startswith("“") and u.endswith(")") for u in units)  # “...” (speaker)
    assert any(": " in u and u.endswith("…") for u in units)  # a figure in its clause
