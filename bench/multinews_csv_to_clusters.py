"""Convert Multi-News clusters saved as CSV into the cluster layout that `digest eval` reads,
leaving out every cluster that is already in a development set, so the clusters are held out.

    python bench/multinews_csv_to_clusters.py OUT a.csv [b.csv ...] --exclude DEV_DIR

Each CSV row is one cluster of the Hugging Face copy of Multi-News (Fabbri et al., ACL 2019):
`documents` is a Python list literal of article texts (paragraphs separated by "\\n \\n"),
`summary` the human summary. The layout matches ../shared/data/multinews-dev: OUT/<csv stem>-NNN/
docs/D01.txt ... (paragraphs separated by blank lines, articles under 5 words dropped) and
refs/ref.txt (leading en dash stripped). A cluster is left out when its summary is one of the
summaries under DEV_DIR (whitespace-insensitive), or when fewer than two articles remain.
Articles are not compared: the ones Multi-News clusters share are crawler and Twitter notices
("Tweet with a location ..."), which would hold out unrelated clusters. The data is
third-party: keep it out of the repository.
"""

import argparse
import ast
import csv
import re
import sys
from pathlib import Path

MIN_WORDS = 5


def normalise(text: str) -> str:
    """Whitespace-insensitive key, so the same summary matches across the two copies."""
    return " ".join(text.split())


def paragraphs(text: str) -> str:
    """The CSV marks line breaks as newlines padded with spaces; the dev set uses blank lines."""
    parts = [" ".join(p.split()) for p in re.split(r"\s*\n\s*", text)]
    return "\n\n".join(p for p in parts if p)


def dev_summaries(dev: Path | None) -> set[str]:
    """Every summary of the development set, to recognise a cluster already used for tuning."""
    if dev is None:
        return set()
    return {normalise(f.read_text(encoding="utf-8")) for f in dev.glob("*/refs/*.txt")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("csv", type=Path, nargs="+")
    parser.add_argument("--exclude", type=Path, help="development set to hold these out from")
    args = parser.parse_args()
    seen = dev_summaries(args.exclude)
    csv.field_size_limit(sys.maxsize)
    written = overlap = short = 0
    for path in args.csv:
        with open(path, encoding="utf-8", newline="") as rows:
            for number, row in enumerate(csv.DictReader(rows)):
                articles = [paragraphs(a) for a in ast.literal_eval(row["documents"])]
                articles = [a for a in articles if len(a.split()) >= MIN_WORDS]
                summary = row["summary"].strip().lstrip("–- ").strip()
                if normalise(summary) in seen:
                    overlap += 1
                    continue
                if len(articles) < 2:
                    short += 1  # a single-article "cluster" says nothing about merging
                    continue
                cluster = args.out / f"{path.stem}-{number:03d}"
                (cluster / "docs").mkdir(parents=True, exist_ok=True)
                (cluster / "refs").mkdir(exist_ok=True)
                for k, article in enumerate(articles, start=1):
                    (cluster / "docs" / f"D{k:02d}.txt").write_text(
                        article + "\n", encoding="utf-8"
                    )
                (cluster / "refs" / "ref.txt").write_text(summary + "\n", encoding="utf-8")
                written += 1
    print(
        f"{written} clusters written to {args.out}; left out: {overlap} in the development "
        f"set, {short} with fewer than two articles"
    )


if __name__ == "__main__":
    main()
