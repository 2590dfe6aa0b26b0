"""How well digest's sentence similarity tells paraphrases from look-alikes: ROC AUC on the
Microsoft Research Paraphrase Corpus (Dolan and Brockett, 2005), sentence pairs from news
labelled 1 (same meaning) or 0, with and without the words that matching keeps though
ranking stops them (similarity.PARTICLES).

    python bench/paraphrase.py msr_paraphrase_train.txt msr_paraphrase_test.txt

The files are the corpus's tab-separated releases (Quality, #1 ID, #2 ID, #1 String,
#2 String); public copies are on GitHub. The data is third-party: keep it out of the
repository. An AUC of 0.5 is chance; the measure is the cosine the merger credits outlets by.
"""

import argparse
import sys
from pathlib import Path

import numpy as np
from scipy.stats import rankdata

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from digest.text import similarity


def read_pairs(paths: list[Path]) -> tuple[list[str], np.ndarray]:
    """The pairs' sentences (two per pair, in order) and their labels."""
    texts, labels = [], []
    for path in paths:
        lines = path.read_text(encoding="utf-8-sig").splitlines()[1:]
        for line in lines:
            fields = line.split("\t")
            if len(fields) == 5 and fields[0] in ("0", "1"):
                labels.append(int(fields[0]))
                texts += [fields[3], fields[4]]
    return texts, np.array(labels)


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Probability that a paraphrase pair scores above a non-paraphrase pair (ties half)."""
    ranks = rankdata(scores)
    positive = labels == 1
    n_pos, n_neg = int(positive.sum()), int((~positive).sum())
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def pair_similarity(texts: list[str]) -> np.ndarray:
    """Cosine of each pair in one TF-IDF space over all the sentences, as the merger builds."""
    matrix = similarity.SentenceSpace(texts).matrix
    return np.asarray(matrix[0::2].multiply(matrix[1::2]).sum(axis=1)).ravel()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="MSRP tab-separated files")
    args = parser.parse_args(argv)
    texts, labels = read_pairs(args.files)
    if not len(labels) or labels.min() == labels.max():
        parser.error("no pairs of both labels found: are these MSRP tab-separated files?")
    kept = similarity.PARTICLES
    with_words = auc(labels, pair_similarity(texts))
    similarity.PARTICLES = frozenset()
    try:
        without = auc(labels, pair_similarity(texts))
    finally:
        similarity.PARTICLES = kept
    print(f"{len(labels):,} pairs ({int(labels.sum()):,} paraphrases)")
    print(f"ROC AUC, digest's similarity:                 {with_words:.4f}")
    print(f"ROC AUC, with every ranking stop word stopped: {without:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
