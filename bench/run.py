"""Benchmark: digest's build on 10, 100 and 1,000 real news articles, next to what a user
would otherwise run on the same articles, on the same machine, in the same run.

    python bench/run.py --data DIR [--sizes 10,100,1000] [--skip-baselines] [--big]

DIR holds real articles as .txt files (any folder depth), for example the BBC News dataset
(2,225 articles, http://mlg.ucd.ie/datasets/bbc.html) unpacked to bench/data/bbc (the
default; bench/data/ is not committed). The longest N articles are used. Each measurement
runs in a fresh process, so its peak memory (RSS) and start-up are its own.

Printed per size: wall time of each stage, articles per second, peak RSS, and the growth of
time and of words from the previous size; the same build in one process (no worker pool);
then the baselines as a user would run them: sumy's LexRank and LSA applied to each article
through sumy's PlaintextParser with a fast offline tokenizer (nupunkt's sentences, as its
stock Tokenizer needs NLTK punkt data that no package registry serves, and NLTK's word
tokenizer as sumy calls it, which needs no data for one sentence), and the floor: only
reading the files and splitting them into sentences with nupunkt. --big adds one ~5 MB
article (the corpus's paragraphs, with line breaks) built whole, and one 5 MB line split.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # this checkout's digest, even where another is installed
DEFAULT_DATA = HERE / "data" / "bbc"
STAGES = ("read", "clean+summarize", "merge", "render", "write")


def corpus(data: Path, size: int | None) -> list[Path]:
    """The `size` longest .txt articles under `data` (ties by name, so runs are repeatable);
    all of them for None."""
    files = [p for p in data.rglob("*.txt") if p.name.upper() != "README.TXT"]
    files.sort(key=lambda p: (-p.stat().st_size, str(p)))
    if size is not None and len(files) < size:
        sys.exit(f"bench: {data} has {len(files)} articles, fewer than {size}")
    return files[:size]


def measure_digest(files: list[Path], pool: bool = True) -> dict:
    import dataclasses

    from digest.brief import build as build_module
    from digest.brief.build import build
    from digest.config import Config

    if not pool:
        build_module.PARALLEL_FROM = sys.maxsize

    with tempfile.TemporaryDirectory() as out:
        config = Config()
        config = dataclasses.replace(config, output=dataclasses.replace(config.output, dir=out))
        start = time.perf_counter()
        result = build(config, files)
        wall = time.perf_counter() - start
    return {"wall": wall, "stages": result.timings, "points": len(result.brief.points)}


class FastTokenizer:
    """What a sumy user without NLTK's punkt data would write: nupunkt's sentences and the
    word tokenizer sumy's Tokenizer calls (NLTK's, here on one sentence, so no data), keeping
    the tokens sumy keeps."""

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        from nupunkt import sent_tokenize

        return tuple(s.strip() for s in sent_tokenize(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        from nltk.tokenize import NLTKWordTokenizer
        from sumy.nlp.tokenizers import Tokenizer

        return tuple(w for w in NLTKWordTokenizer().tokenize(sentence) if Tokenizer._is_word(w))


def measure_sumy(files: list[Path], method: str) -> dict:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.utils import get_stop_words

    summarizer = {"lex-rank": LexRankSummarizer, "lsa": LsaSummarizer}[method](Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = FastTokenizer()
    start = time.perf_counter()
    for path in files:
        parser = PlaintextParser.from_string(_read(path), tokenizer)
        summarizer(parser.document, 5)
    return {"wall": time.perf_counter() - start}


def measure_floor(files: list[Path]) -> dict:
    from nupunkt import sent_tokenize

    start = time.perf_counter()
    for path in files:
        for line in _read(path).splitlines():
            if line.strip():
                sent_tokenize(line)
    return {"wall": time.perf_counter() - start}


def measure_big(data: Path) -> dict:
    """One ~5 MB article of real paragraphs, built whole; and one 5 MB line, split."""
    from digest.text.splitting import split_text

    paragraphs = [p for f in corpus(data, None) for p in _read(f).split("\n") if len(p) > 80]
    text = "\n\n".join(paragraphs * (1 + 5_000_000 // sum(len(p) + 2 for p in paragraphs)))
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "big.txt"
        article.write_text(text[:4_990_000].rsplit(" ", 1)[0], encoding="utf-8")
        figures = measure_digest([article])
    line = " ".join(paragraphs)[:5_000_000]
    start = time.perf_counter()
    figures["line_sentences"] = len(split_text(line))
    figures["line_wall"] = time.perf_counter() - start
    return figures


def _read(path: Path) -> str:
    """The file's text, decoded as digest decodes it (UTF-8, else Windows-1252)."""
    from digest.brief.read import decode_text

    return decode_text(path.read_bytes(), str(path))[0]


def run_one(kind: str, data: Path, size: int) -> dict:
    """One measurement in a fresh Python process; returns its figures and peak RSS."""
    started = time.perf_counter()
    output = subprocess.run(
        [sys.executable, __file__, "--measure", kind, "--size", str(size), "--data", str(data)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    figures["process"] = time.perf_counter() - started
    figures["peak"] = max(figures["rss_mb"], figures["children_rss_mb"])
    return figures


def measure(kind: str, data: Path, size: int) -> dict:
    """The child process's one measurement."""
    if kind == "big":
        return measure_big(data)
    files = corpus(data, size)
    if kind in ("digest", "digest-1proc"):
        return measure_digest(files, pool=kind == "digest")
    return measure_floor(files) if kind == "floor" else measure_sumy(files, kind)


def _row(cells, widths) -> str:
    return " | ".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True))


def report_digest(data: Path, sizes: list[int]) -> dict[int, dict]:
    """digest's build at each size, with the pool and in one process."""
    header = ("articles", "words/art", "total s", *STAGES, "1 process", "art/s", "peak MB")
    widths = [9, 9, 8, 6, 15, 6, 6, 6, 9, 6, 7, 9]
    print("\ndigest build (all four formats; stages in s)")
    print(_row((*header, "growth time/words"), widths))
    results, previous = {}, None
    for size in sizes:
        words = sum(len(_read(p).split()) for p in corpus(data, size))
        figures = run_one("digest", data, size)
        single = run_one("digest-1proc", data, size)
        results[size] = figures
        growth = "-"
        if previous:
            growth = f"x{figures['wall'] / previous[0]:.1f} / x{words / previous[1]:.1f}"
        print(
            _row(
                (
                    size,
                    f"{words / size:.0f}",
                    f"{figures['wall']:.2f}",
                    *(f"{figures['stages'].get(s, 0):.2f}" for s in STAGES),
                    f"{single['wall']:.2f}",
                    f"{size / figures['wall']:.1f}",
                    f"{figures['peak']:.0f}",
                    growth,
                ),
                widths,
            )
        )
        previous = (figures["wall"], words)
    return results


def report_baselines(data: Path, sizes: list[int], results: dict[int, dict]) -> None:
    print("\nbaselines on the same articles (wall s) and digest's time as a ratio of each")
    header = ("articles", "floor", "sumy LexRank", "sumy LSA", "vs floor", "vs LexRank", "vs LSA")
    print(_row(header, [12] * 7))
    for size in sizes:
        floor = run_one("floor", data, size)["wall"]
        lexrank = run_one("lex-rank", data, size)["wall"]
        lsa = run_one("lsa", data, size)["wall"]
        ours = results[size]["wall"]
        cells = (
            size,
            f"{floor:.2f}",
            f"{lexrank:.2f}",
            f"{lsa:.2f}",
            f"{ours / floor:.2f}",
            f"{ours / lexrank:.2f}",
            f"{ours / lsa:.2f}",
        )
        print(_row(cells, [12] * 7))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of .txt articles")
    parser.add_argument("--sizes", default="10,100,1000", help="corpus sizes, comma-separated")
    parser.add_argument("--skip-baselines", action="store_true")
    parser.add_argument("--big", action="store_true", help="also one 5 MB article and line")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"bench: no articles in {args.data}; see the top of bench/run.py for a data set")

    if args.measure:  # child process: one measurement, printed as JSON
        figures = measure(args.measure, args.data, args.size)
        figures["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        figures["children_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(json.dumps(figures))
        return

    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"
    )
    print(f"data: {args.data}")
    results = report_digest(args.data, sizes)
    single = run_one("digest", args.data, 1)
    print(f"\none article, whole process (start-up included): {single['process']:.2f} s")
    if not args.skip_baselines:
        report_baselines(args.data, sizes, results)
    if args.big:
        big = run_one("big", args.data, 1)
        print(
            f"\none ~5 MB article with line breaks: {big['wall']:.1f} s, peak {big['peak']:.0f} MB"
            f"; one 5 MB line split into {big['line_sentences']:,} sentences in "
            f"{big['line_wall']:.1f} s"
        )


if __name__ == "__main__":
    main()
