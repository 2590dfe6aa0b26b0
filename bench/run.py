"""Benchmark: digest's build on 10, 100 and 1,000 real news articles, next to what a user
would otherwise run on the same articles, on the same machine, in the same run.

    python bench/run.py --data DIR [--sizes 10,100,1000]

DIR holds real articles as .txt files (any folder depth), for example the BBC News dataset
(2,225 articles, http://mlg.ucd.ie/datasets/bbc.html) unpacked to bench/data/bbc (the
default; bench/data/ is not committed). The longest N articles are used. Each measurement
runs in a fresh process, so its peak memory (RSS) and start-up are its own.

Printed per size: wall time of each stage, articles per second, peak RSS, and the growth
from the previous size; then the baselines: sumy's LexRank and LSA applied to each article
(sumy's PlaintextParser; its stock Tokenizer needs NLTK punkt data that no package registry
serves, so it gets digest's offline tokenizer), and the floor: only reading the files and
splitting them into sentences.
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
DEFAULT_DATA = HERE / "data" / "bbc"
STAGES = ("read", "clean+summarize", "merge", "render", "write")


def corpus(data: Path, size: int) -> list[Path]:
    """The `size` longest .txt articles under `data` (ties by name, so runs are repeatable)."""
    files = [p for p in data.rglob("*.txt") if p.name.upper() != "README.TXT"]
    files.sort(key=lambda p: (-p.stat().st_size, str(p)))
    if len(files) < size:
        sys.exit(f"bench: {data} has {len(files)} articles, fewer than {size}")
    return files[:size]


def measure_digest(files: list[Path]) -> dict:
    import dataclasses

    from digest.brief.build import build
    from digest.config import Config

    with tempfile.TemporaryDirectory() as out:
        config = Config()
        config = dataclasses.replace(config, output=dataclasses.replace(config.output, dir=out))
        start = time.perf_counter()
        result = build(config, files)
        wall = time.perf_counter() - start
    return {"wall": wall, "stages": result.timings, "points": len(result.brief.points)}


def measure_sumy(files: list[Path], method: str) -> dict:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.utils import get_stop_words

    from digest.text.splitting import OfflineTokenizer

    summarizer = {"lex-rank": LexRankSummarizer, "lsa": LsaSummarizer}[method](Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = OfflineTokenizer("english")
    start = time.perf_counter()
    for path in files:
        parser = PlaintextParser.from_string(_read(path), tokenizer)
        summarizer(parser.document, 5)
    return {"wall": time.perf_counter() - start}


def measure_floor(files: list[Path]) -> dict:
    from digest.text.splitting import split_text

    start = time.perf_counter()
    for path in files:
        for line in _read(path).splitlines():
            if line.strip():
                split_text(line)
    return {"wall": time.perf_counter() - start}


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
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of .txt articles")
    parser.add_argument("--sizes", default="10,100,1000", help="corpus sizes, comma-separated")
    parser.add_argument("--skip-baselines", action="store_true")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"bench: no articles in {args.data}; see the top of bench/run.py for a data set")

    if args.measure:  # child process: one measurement, printed as JSON
        files = corpus(args.data, args.size)
        kind = args.measure
        figures = (
            measure_digest(files)
            if kind == "digest"
            else measure_floor(files)
            if kind == "floor"
            else measure_sumy(files, kind)
        )
        figures["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        figures["children_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(json.dumps(figures))
        return

    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"
    )
    print(f"data: {args.data}")
    header = ("articles", "words/art", "total s", *STAGES, "art/s", "peak MB", "growth")
    print("\ndigest build (all four formats)")
    print(" | ".join(f"{h:>15}" if i == 4 else f"{h:>9}" for i, h in enumerate(header)))
    results, previous = {}, None
    for size in sizes:
        files = corpus(args.data, size)
        words = sum(len(_read(p).split()) for p in files) / size
        figures = run_one("digest", args.data, size)
        results[size] = figures
        peak = max(figures["rss_mb"], figures["children_rss_mb"])
        growth = f"x{figures['wall'] / previous:.1f}" if previous else "-"
        cells = [
            size,
            f"{words:.0f}",
            f"{figures['wall']:.2f}",
            *(f"{figures['stages'].get(s, 0):.2f}" for s in STAGES),
            f"{size / figures['wall']:.1f}",
            f"{peak:.0f}",
            growth,
        ]
        print(" | ".join(f"{c:>15}" if i == 4 else f"{c:>9}" for i, c in enumerate(cells)))
        previous = figures["wall"]

    single = run_one("digest", args.data, 1)
    print(f"\none article, whole process (start-up included): {single['process']:.2f} s")

    if args.skip_baselines:
        return
    print("\nbaselines on the same articles (wall s) and digest's time as a ratio of each")
    print(
        " | ".join(
            f"{h:>12}"
            for h in (
                "articles",
                "floor",
                "sumy LexRank",
                "sumy LSA",
                "vs floor",
                "vs LexRank",
                "vs LSA",
            )
        )
    )
    for size in sizes:
        floor = run_one("floor", args.data, size)["wall"]
        lexrank = run_one("lex-rank", args.data, size)["wall"]
        lsa = run_one("lsa", args.data, size)["wall"]
        ours = results[size]["wall"]
        cells = [
            size,
            f"{floor:.2f}",
            f"{lexrank:.2f}",
            f"{lsa:.2f}",
            f"{ours / floor:.2f}",
            f"{ours / lexrank:.2f}",
            f"{ours / lsa:.2f}",
        ]
        print(" | ".join(f"{c:>12}" for c in cells))


if __name__ == "__main__":
    main()
