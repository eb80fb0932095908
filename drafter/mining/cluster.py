"""Deterministic, near-linear clustering of short texts.

A single pass in a fixed order (the caller sorts: most common first, ties by
text). Each item is compared only with the clusters that share one of its
rarest tokens — found through an inverted index — and joins the most similar
one above a threshold, or starts a cluster of its own. No random seeds, no
all-pairs comparison: the cost grows with the number of items times a small
constant (the candidates looked at per item are capped).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from drafter.mining.text import cosine

#: Tokens of an item used to find candidate clusters (its rarest ones).
PROBE_TOKENS = 8
#: Candidate clusters compared per item at most (those sharing most probe tokens).
MAX_CANDIDATES = 24


class _Cluster:
    __slots__ = ("centroid", "members")

    def __init__(self) -> None:
        self.members: list[int] = []
        self.centroid: dict[str, float] = {}

    def add(self, index: int, vec: Mapping[str, float], weight: float) -> None:
        self.members.append(index)
        for t, w in vec.items():
            self.centroid[t] = self.centroid.get(t, 0.0) + w * weight


def leader_cluster(vectors: Sequence[Mapping[str, float]], threshold: float,
                   weights: Sequence[float] | None = None) -> list[list[int]]:
    """Group ``vectors`` (in the order given) into clusters of similar ones.

    An item joins the existing cluster whose centroid is most similar to it
    (cosine ≥ ``threshold``); ``weights`` (default 1) say how much an item
    pulls its cluster's centroid. Returns clusters as lists of indices, in
    order of creation; every index appears exactly once.
    """
    clusters: list[_Cluster] = []
    postings: dict[str, list[int]] = defaultdict(list)
    for i, vec in enumerate(vectors):
        weight = weights[i] if weights is not None else 1.0
        best = _best_cluster(vec, clusters, postings, threshold)
        if best is None:
            best = len(clusters)
            clusters.append(_Cluster())
        cluster = clusters[best]
        new_tokens = [t for t in vec if t not in cluster.centroid]
        cluster.add(i, vec, weight)
        for t in new_tokens:
            postings[t].append(best)
    return [c.members for c in clusters]


def _best_cluster(vec: Mapping[str, float], clusters: list[_Cluster],
                  postings: Mapping[str, list[int]], threshold: float) -> int | None:
    probes = sorted(vec, key=lambda t: (-vec[t], t))[:PROBE_TOKENS]
    shared: dict[int, int] = defaultdict(int)
    for t in probes:
        for c in postings.get(t, ()):
            shared[c] += 1
    candidates = sorted(shared, key=lambda c: (-shared[c], c))[:MAX_CANDIDATES]
    best, best_sim = None, threshold
    for c in candidates:
        sim = cosine(vec, clusters[c].centroid)
        if sim >= best_sim and (best is None or sim > best_sim or c < best):
            best, best_sim = c, sim
    return best
