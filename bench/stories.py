"""How well digest groups articles into stories, measured on mixtures of Multi-News clusters.

    python bench/stories.py [--data DIR] [--seeds seeds]

DIR holds Multi-News clusters (mnNNN/docs/*.txt, as bench/multinews_to_clusters.py writes
them); each cluster is one story. Mixtures of clusters, with the seeds as one more story, are
grouped by digest.brief.grouping.group_stories on the articles as digest reads and cleans
them, and scored: B-cubed precision (purity: how much of an article's story is its own) and
recall (completeness: how much of its own story is with it), purity and inverse purity, the
share of stories found exactly, and whether the seeds come out as one story of their own;
then how many clusters come apart when each is grouped alone.
Texts that Multi-News files under more than one cluster (crawl notices, Twitter's location
notice) belong to no single story and are left out.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import random
import time
from pathlib import Path

from digest.brief.clean import clean_article
from digest.brief.grouping import group_stories
from digest.brief.read import read_inputs
from digest.brief.summarize import split_sentences
from digest.config import Config
from digest.models import Summary
from digest.text.words import word_count

HERE = Path(__file__).resolve().parent
MIXTURES = ((None, 1), (50, 5), (20, 10), (3, 30))
"""(clusters per mixture, None for all; how many random mixtures)."""
LONG = 150  # a cluster grouped alone counts when it has two articles of this many words


def apart_alone(articles: list[tuple[str, Summary]]) -> tuple[int, int]:
    """How many clusters with two articles of LONG words or more come apart when grouped
    alone (as `digest build` of that one folder would), and how many there are."""
    clusters = collections.defaultdict(list)
    for label, summary in articles:
        if label != "seeds":
            clusters[label].append(summary)
    counted = [
        summaries
        for summaries in clusters.values()
        if sum(_words(s) >= LONG for s in summaries) >= 2
    ]
    return sum(len(group_stories(s, Config())) > 1 for s in counted), len(counted)


def load(data: Path, seeds: Path) -> list[tuple[str, Summary]]:
    """(story label, summary) for every article, read and cleaned as digest does."""
    folders = [("seeds", seeds)] + [(d.name, d / "docs") for d in sorted(data.iterdir())]
    labelled = []
    for label, folder in folders:
        if not folder.is_dir():
            continue
        for article in read_inputs([folder], 5_000_000).articles:
            cleaned = clean_article(article)
            sentences = split_sentences(cleaned)
            if sentences:
                unique = dataclasses.replace(cleaned, id=f"{label}/{article.id}")
                labelled.append((label, Summary(unique, sentences, (), 0, "lex-rank")))
    opening = collections.defaultdict(set)
    for label, summary in labelled:
        opening[summary.sentences[0].text].add(label)
    return [(label, s) for label, s in labelled if len(opening[s.sentences[0].text]) == 1]


def score(labels: list[str], groups: list[tuple[int, ...]]) -> dict[str, float]:
    found = {i: g for g, members in enumerate(groups) for i in members}
    size, group_size = collections.Counter(labels), collections.Counter(found.values())
    both = collections.Counter((found[i], label) for i, label in enumerate(labels))
    n = len(labels)
    precision = sum(both[(found[i], lab)] / group_size[found[i]] for i, lab in enumerate(labels))
    recall = sum(both[(found[i], lab)] / size[lab] for i, lab in enumerate(labels))
    purity = sum(max(c for (g2, _), c in both.items() if g2 == g) for g in group_size)
    inverse = sum(max(c for (_, l2), c in both.items() if l2 == lab) for lab in size)
    exact = sum(1 for (g, lab), c in both.items() if c == size[lab] and c == group_size[g])
    return {
        "P": precision / n,
        "R": recall / n,
        "purity": purity / n,
        "inverse": inverse / n,
        "exact": exact / len(size),
    }


def _words(summary: Summary) -> int:
    return sum(word_count(x.text) for x in summary.sentences)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=HERE.parent.parent / "shared/data/multinews-dev"
    )
    parser.add_argument("--seeds", type=Path, default=HERE.parent / "seeds")
    args = parser.parse_args()
    articles = load(args.data, args.seeds)
    clusters = sorted({label for label, _ in articles} - {"seeds"})
    print(f"{len(articles)} articles in {len(clusters)} clusters and the seeds")
    print(
        "| clusters mixed | mixtures | articles | B3 precision | B3 recall | F | purity "
        "| inverse purity | stories exact | seeds one story | seconds |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size, repeats in MIXTURES:
        totals: collections.Counter = collections.Counter()
        for repeat in range(repeats):
            rng = random.Random(repeat)
            chosen = set(clusters if size is None else rng.sample(clusters, size)) | {"seeds"}
            mixture = [item for item in articles if item[0] in chosen]
            rng.shuffle(mixture)
            labels = [label for label, _ in mixture]
            start = time.perf_counter()
            groups = group_stories([s for _, s in mixture], Config())
            totals["seconds"] += time.perf_counter() - start
            totals.update(score(labels, groups))
            seeds = {i for i, label in enumerate(labels) if label == "seeds"}
            totals["seeds"] += any(set(g) == seeds for g in groups)
            totals["articles"] += len(mixture)
        mean = {k: v / repeats for k, v in totals.items()}
        f = 2 * mean["P"] * mean["R"] / (mean["P"] + mean["R"])
        print(
            f"| {size or 'all'} | {repeats} | {mean['articles']:.0f} | {mean['P']:.3f} | "
            f"{mean['R']:.3f} | {f:.3f} | {mean['purity']:.3f} | {mean['inverse']:.3f} | "
            f"{mean['exact']:.2f} | {totals['seeds']:.0f}/{repeats} | {mean['seconds']:.2f} |"
        )
    apart, counted = apart_alone(articles)
    print(f"\n{apart} of {counted} clusters with two articles of {LONG}+ words come apart alone")


if __name__ == "__main__":
    main()
