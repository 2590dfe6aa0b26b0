"""Convert a downloaded copy of Multi-News (Fabbri et al., ACL 2019) into the cluster layout
that `digest eval` reads: OUT/NNNNN/docs/K.txt and OUT/NNNNN/refs/0.txt.

    python bench/multinews_to_clusters.py test.src.cleaned test.tgt OUT [--limit 500]

The source file has one cluster a line, articles separated by "|||||" and line breaks
written as "NEWLINE_CHAR"; the target file has the human summary of each line. The data is
third-party: keep it out of the repository (bench/data/ is ignored by git).
"""

import argparse
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="first N clusters only")
    args = parser.parse_args()
    written = 0
    with (
        open(args.source, encoding="utf-8") as sources,
        open(args.target, encoding="utf-8") as targets,
    ):
        for number, (source, target) in enumerate(zip(sources, targets, strict=True)):
            if args.limit and written >= args.limit:
                break
            articles = [a.replace("NEWLINE_CHAR", "\n").strip() for a in source.split("|||||")]
            articles = [a for a in articles if len(a.split()) >= 50]
            if len(articles) < 2:
                continue  # a single-document "cluster" says nothing about merging
            cluster = args.out / f"{number:05d}"
            (cluster / "docs").mkdir(parents=True, exist_ok=True)
            (cluster / "refs").mkdir(exist_ok=True)
            for k, article in enumerate(articles):
                (cluster / "docs" / f"{k}.txt").write_text(article + "\n", encoding="utf-8")
            summary = target.strip().lstrip("–- ").strip()
            (cluster / "refs" / "0.txt").write_text(summary + "\n", encoding="utf-8")
            written += 1
    print(f"{written} clusters written to {args.out}")


if __name__ == "__main__":
    main()
