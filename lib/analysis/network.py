"""Actor networks around a centre: build, measure, find blind spots, suggest partnerships.

Pure networkx/igraph/numpy/pandas; no Streamlit. The page ``pages/4_network.py`` caches
the results per data version and selection.

Conventions
-----------
* Nodes are ``actor_id`` strings. The centre's own node is the actor whose
  ``actor_id`` equals its ``centre_id`` (see TEAM_CONTRACTS.md).
* Ties are undirected. Parallel ties between the same two actors (different
  tie types or years) are merged into one edge that keeps the highest
  ``strength`` and the set of ``tie_types``.
* Path measures (distance, betweenness, closeness) count *steps*: every tie
  counts as one step whatever its strength, because "within two steps" is
  what staff can act on.
* Betweenness is exact for networks of every size: igraph's C implementation
  of Brandes' algorithm does all sources of 2,000 actors and 10,000 ties in
  about half a second, so no rank shown is an estimate.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import igraph
import networkx as nx
import numpy as np
import pandas as pd

#: Seed of the layout, so the same data is always drawn the same way.
DEFAULT_SEED = 7
#: Components up to this size fall back to an exact eigen-decomposition if power iteration stalls.
_EIGH_MAX_NODES = 400

#: Metric columns of :func:`actor_metrics` that have a plain-language explanation
#: under the text key ``network.explain.<column>``.
METRIC_COLUMNS = ("degree", "degree_centrality", "betweenness", "closeness", "eigenvector")

#: Codes in the ``eigenvector_note`` column; the text key is ``network.eig_note.<code>``.
EIG_NOTES = ("isolated", "component", "not_converged")

_TRUE_STRINGS = {"true", "1", "yes", "ja", "sand", "y", "j", "x"}


# --------------------------------------------------------------------------- build


def _as_bool(value) -> bool:
    """Read the many spellings of a yes/no cell; missing counts as no."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return False
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return value != 0
    return str(value).strip().lower() in _TRUE_STRINGS


def _clean_str(value) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _clean_column(values: pd.Series) -> pd.Series:
    """Strip text; blank and missing become None (object dtype), vectorised."""
    text = values.astype("string").str.strip()
    text = text.mask(text == "")
    return text.astype(object).where(text.notna(), None)


def _as_list(value) -> list | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    return list(value)


def build_graph(
    actors: pd.DataFrame,
    ties: pd.DataFrame,
    *,
    area_id: str | None = None,
    centre_id: str | None = None,
    sectors: Iterable[str] | None = None,
    tie_types: Iterable[str] | None = None,
    year: int | None = None,
) -> nx.Graph:
    """Build the undirected actor network, optionally for one area or centre.

    Parameters
    ----------
    actors : DataFrame
        Columns ``actor_id, name, sector, area_id``; optional ``centre_id, in_centre``.
    ties : DataFrame
        Columns ``source_actor_id, target_actor_id, tie_type, strength, year``.
    area_id : str, optional
        Keep only actors of this area.
    centre_id : str, optional
        Keep only actors of the centre's area (taken from the centre's own actor
        row) when ``area_id`` is not given. Stored as ``G.graph["centre_id"]``.
    sectors : iterable of str, optional
        Keep only actors of these sectors. Centre nodes are always kept so that
        reach and blind spots can still be measured from them.
    tie_types : iterable of str, optional
        Keep only ties of these types.
    year : int, optional
        Keep only ties observed in this year (ties carry the year of observation).

    Returns
    -------
    networkx.Graph
        Nodes are actor ids with attributes ``name`` (with the actor id appended
        when two selected actors share a name), ``sector, area_id, centre_id,
        in_centre, is_centre``; edges carry ``strength`` (max of the merged
        ties, missing counts as 1), ``tie_types`` (frozenset) and ``n_ties``.
        Ties to actors outside the selection and self-ties are dropped.

    Examples
    --------
    >>> actors = pd.DataFrame({"actor_id": ["MC001", "ACT1"], "name": ["Huset", "Lektiecafé"],
    ...                        "sector": ["other", "volunteer"], "area_id": ["A01", "A01"],
    ...                        "centre_id": ["MC001", None], "in_centre": [True, False]})
    >>> ties = pd.DataFrame({"source_actor_id": ["MC001"], "target_actor_id": ["ACT1"],
    ...                      "tie_type": ["referral"], "strength": [2], "year": [2025]})
    >>> G = build_graph(actors, ties, centre_id="MC001")
    >>> G.number_of_nodes(), G.edges["MC001", "ACT1"]["strength"]
    (2, 2)
    """
    G = nx.Graph(area_id=area_id, centre_id=centre_id)
    if actors is None or actors.empty or "actor_id" not in actors.columns:
        return G
    frame = pd.DataFrame({"actor_id": _clean_column(actors["actor_id"])}, index=actors.index)
    for column in ("area_id", "centre_id"):
        frame[column] = _clean_column(actors[column]) if column in actors.columns else None
    frame["is_centre"] = frame["centre_id"].notna() & (frame["centre_id"] == frame["actor_id"])
    frame = frame[frame["actor_id"].notna()]

    if area_id is None and centre_id is not None:
        own = frame.loc[frame["actor_id"] == centre_id, "area_id"]
        if own.empty:
            return G
        area_id = own.iloc[0]
        G.graph["area_id"] = area_id
    if area_id is not None:
        frame = frame[frame["area_id"] == area_id]
    # Clean the remaining columns only for the selected rows (this runs once per area in compare_centres).
    for column in ("name", "sector"):
        frame[column] = _clean_column(actors.loc[frame.index, column]) if column in actors.columns else None
    frame["in_centre"] = (
        [_as_bool(v) for v in actors.loc[frame.index, "in_centre"]] if "in_centre" in actors.columns else False
    )
    sector_list = _as_list(sectors)
    if sector_list is not None:
        frame = frame[frame["sector"].isin(sector_list) | frame["is_centre"]]
    frame = frame.drop_duplicates("actor_id").sort_values("actor_id")
    frame["name"] = frame["name"].where(frame["name"].notna(), frame["actor_id"])
    # Two actors with the same name would be indistinguishable in tables and suggestions: number them
    # ("Lektiecafé (1)", "Lektiecafé (2)", in id order). Readers never see the internal ids.
    twice = frame["name"].duplicated(keep=False)
    number = frame.loc[twice].groupby("name").cumcount() + 1
    frame.loc[twice, "name"] = frame.loc[twice, "name"] + " (" + number.astype(str) + ")"

    for row in frame.itertuples(index=False):
        G.add_node(
            row.actor_id,
            name=row.name,
            sector=row.sector or "other",
            area_id=row.area_id,
            centre_id=row.centre_id,
            in_centre=bool(row.in_centre),
            is_centre=bool(row.is_centre),
        )

    if ties is None or ties.empty or G.number_of_nodes() == 0:
        return G
    links = ties.copy()
    links["source_actor_id"] = _clean_column(links["source_actor_id"])
    links["target_actor_id"] = _clean_column(links["target_actor_id"])
    if "tie_type" not in links.columns:
        links["tie_type"] = "collaboration"
    type_list = _as_list(tie_types)
    if type_list is not None:
        links = links[links["tie_type"].isin(type_list)]
    if year is not None and "year" in links.columns:
        links = links[pd.to_numeric(links["year"], errors="coerce") == int(year)]
    nodes = set(G.nodes)
    links = links[
        links["source_actor_id"].isin(nodes)
        & links["target_actor_id"].isin(nodes)
        & (links["source_actor_id"] != links["target_actor_id"])
    ]
    if links.empty:
        return G
    strength = (
        pd.to_numeric(links["strength"], errors="coerce").fillna(1).astype(int)
        if "strength" in links.columns
        else pd.Series(1, index=links.index)
    )
    # A plain loop merges 10,000 ties in ~10 ms; a pandas groupby with a set aggregation is ~50x slower.
    merged: dict[tuple[str, str], list] = {}
    for source, target, kind, value in zip(
        links["source_actor_id"], links["target_actor_id"], links["tie_type"], strength, strict=True
    ):
        key = (source, target) if source < target else (target, source)
        entry = merged.get(key)
        if entry is None:
            merged[key] = entry = [value, set(), 0]
        entry[0] = max(entry[0], value)
        if isinstance(kind, str):
            entry[1].add(kind)
        entry[2] += 1
    G.add_edges_from(
        (u, v, {"strength": int(value), "tie_types": frozenset(kinds), "n_ties": count})
        for (u, v), (value, kinds, count) in sorted(merged.items())
    )
    return G


def centre_nodes(G: nx.Graph) -> list[str]:
    """Ids of the centres' own nodes in ``G`` (sorted)."""
    return sorted(n for n, d in G.nodes(data=True) if d.get("is_centre"))


# --------------------------------------------------------------------------- numeric core


class _Index:
    """Nodes in a fixed (sorted) order with the adjacency in CSR form (row ``v`` lists ``v``'s neighbours)."""

    def __init__(self, G: nx.Graph):
        self.nodes = sorted(G.nodes, key=str)
        self.n = len(self.nodes)
        self.pos = {node: i for i, node in enumerate(self.nodes)}
        pairs = np.array([(self.pos[u], self.pos[v]) for u, v in G.edges() if u != v], dtype=np.int64).reshape(-1, 2)
        self.pairs = pairs  # each tie once, for igraph
        rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
        cols = np.concatenate([pairs[:, 1], pairs[:, 0]])
        order = np.lexsort((cols, rows))
        self.rows = rows[order]
        self.indices = cols[order]
        self.degree = np.bincount(self.rows, minlength=self.n).astype(np.int64)
        indptr = np.zeros(self.n + 1, dtype=np.int64)
        np.cumsum(self.degree, out=indptr[1:])
        self.indptr = indptr
        self.has_edges = self.degree > 0
        self.starts = indptr[:-1][self.has_edges]

    def neighbour_sum(self, values: np.ndarray) -> np.ndarray:
        """Entry ``v`` of the result is the sum of ``values`` over the neighbours of ``v``."""
        out = np.zeros(self.n, dtype=np.float64)
        if len(self.indices):
            out[self.has_edges] = np.add.reduceat(values[self.indices], self.starts)
        return out


def _closeness(index: _Index) -> np.ndarray:
    """Exact closeness (Wasserman-Faust scaling, as networkx) by bit-parallel BFS.

    Every node is a BFS source at once: node ``v``'s row holds one bit per
    source, so one level of all BFS runs costs one gather of ``2m`` rows of
    ``n/64`` words. By symmetry of undirected distances, the sum of distances
    *to* ``v`` over all sources equals the sum *from* ``v``.
    """
    n = index.n
    if n <= 1 or not len(index.indices):
        return np.zeros(n)
    words = (n + 63) // 64
    frontier = np.zeros((n, words), dtype=np.uint64)
    ids = np.arange(n)
    frontier[ids, ids // 64] = np.left_shift(np.uint64(1), (ids % 64).astype(np.uint64))
    visited = frontier.copy()
    total = np.zeros(n, dtype=np.int64)
    reached = np.ones(n, dtype=np.int64)
    level = 0
    while True:
        nxt = np.zeros_like(frontier)
        nxt[index.has_edges] = np.bitwise_or.reduceat(frontier[index.indices], index.starts, axis=0)
        nxt &= ~visited
        counts = np.bitwise_count(nxt).sum(axis=1, dtype=np.int64)
        if not counts.any():
            break
        level += 1
        total += level * counts
        reached += counts
        visited |= nxt
        frontier = nxt
    with np.errstate(divide="ignore", invalid="ignore"):
        closeness = np.where(total > 0, (reached - 1) / total * (reached - 1) / (n - 1), 0.0)
    return closeness


def _betweenness_scores(index: _Index) -> np.ndarray:
    """Exact normalised betweenness (as networkx, undirected) from igraph's Brandes in C.

    igraph counts each unordered pair of actors once; networkx's normalisation
    for undirected graphs divides that count by ``(n-1)(n-2)/2``.
    """
    n = index.n
    if n <= 2 or not len(index.pairs):
        return np.zeros(n)
    graph = igraph.Graph(n=n, edges=index.pairs)
    raw = np.asarray(graph.betweenness(directed=False), dtype=float)
    return raw * 2.0 / ((n - 1) * (n - 2))


def _components(index: _Index) -> np.ndarray:
    """Component label per node: 1 = largest component (ties: smallest first node)."""
    labels = np.full(index.n, -1, dtype=np.int64)
    groups: list[list[int]] = []
    for start in range(index.n):
        if labels[start] >= 0:
            continue
        labels[start] = len(groups)
        members, stack = [start], [start]
        while stack:
            node = stack.pop()
            for nb in index.indices[index.indptr[node] : index.indptr[node + 1]]:
                if labels[nb] < 0:
                    labels[nb] = len(groups)
                    members.append(int(nb))
                    stack.append(int(nb))
        groups.append(members)
    order = sorted(range(len(groups)), key=lambda g: (-len(groups[g]), min(groups[g])))
    rank = np.empty(len(groups), dtype=np.int64)
    rank[order] = np.arange(1, len(groups) + 1)
    return rank[labels] if index.n else labels


def _eigenvector(index: _Index, components: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Eigenvector centrality computed within each connected component, scaled to max 1 there.

    A disconnected graph has no single leading eigenvector that ranks all
    actors, so each component gets its own. Isolated actors get NaN.
    """
    n = index.n
    values = np.full(n, np.nan)
    notes = [""] * n
    if n == 0:
        return values, notes
    several = len(set(components.tolist())) > 1
    for comp in sorted(set(components.tolist())):
        members = np.flatnonzero(components == comp)
        if len(members) == 1:
            notes[members[0]] = "isolated"
            continue
        # Power iteration first: LAPACK's threads make even a 30 x 30 eigh slow on a busy machine.
        vec = _power_iteration(index, members)
        if vec is None and len(members) <= _EIGH_MAX_NODES:
            sub = np.zeros((len(members), len(members)))
            where = {node: i for i, node in enumerate(members)}
            for i, node in enumerate(members):
                for nb in index.indices[index.indptr[node] : index.indptr[node + 1]]:
                    sub[i, where[nb]] = 1.0
            vec = np.abs(np.linalg.eigh(sub)[1][:, -1])
        if vec is None:
            for node in members:
                notes[node] = "not_converged"
            continue
        peak = vec.max()
        values[members] = vec / peak if peak > 0 else np.nan
        if several and comp != 1:
            # Only the smaller groups need the caveat; the largest group is what readers compare.
            for node in members:
                notes[node] = "component"
    return values, notes


def _power_iteration(index: _Index, members: np.ndarray, tol: float = 1e-9, max_iter: int = 5000):
    """Leading eigenvector of a large component; iterates ``x + A x`` so bipartite parts converge."""
    mask = np.zeros(index.n, dtype=bool)
    mask[members] = True
    x = np.where(mask, 1.0, 0.0)
    x /= np.linalg.norm(x)
    for _ in range(max_iter):
        nxt = x + index.neighbour_sum(x)
        nxt = np.where(mask, nxt, 0.0)
        nxt /= np.linalg.norm(nxt)
        if np.abs(nxt - x).sum() < tol * len(members):
            return nxt[members]
        x = nxt
    return None


# --------------------------------------------------------------------------- public metrics


def actor_metrics(G: nx.Graph) -> pd.DataFrame:
    """Centrality measures per actor, robust to empty, tiny and disconnected networks.

    Every measure is exact, whatever the network's size. All path measures
    count steps (tie strength is not used).

    Parameters
    ----------
    G : networkx.Graph
        From :func:`build_graph`.

    Returns
    -------
    DataFrame
        One row per actor: ``actor_id, name, sector, in_centre, is_centre,
        degree`` (number of partners), ``degree_centrality`` (degree / (n-1)),
        ``betweenness`` (normalised, 0-1), ``closeness`` (Wasserman-Faust, 0-1,
        0 for isolated actors), ``eigenvector`` (0-1 within the actor's
        component, NaN for isolated actors), ``eigenvector_note`` (``""`` or one of
        :data:`EIG_NOTES`; ``"component"`` marks actors outside the largest component), ``component`` (1 = largest), ``component_size``.
        Sorted by betweenness, then degree (both descending), then ``actor_id``.
        Explanations are the texts ``network.explain.<column>``.

    Examples
    --------
    >>> row = actor_metrics(nx.star_graph(3)).set_index("actor_id").loc[0]
    >>> int(row["degree"]), float(row["betweenness"])
    (3, 1.0)
    """
    index = _Index(G)
    n = index.n
    columns = [
        "actor_id",
        "name",
        "sector",
        "in_centre",
        "is_centre",
        "degree",
        "degree_centrality",
        "betweenness",
        "closeness",
        "eigenvector",
        "eigenvector_note",
        "component",
        "component_size",
    ]
    if n == 0:
        frame = pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
        for c in ("degree", "component", "component_size"):
            frame[c] = frame[c].astype("int64")
        for c in ("degree_centrality", "betweenness", "closeness", "eigenvector"):
            frame[c] = frame[c].astype("float64")
        return frame
    degree = index.degree
    degree_centrality = degree / (n - 1) if n > 1 else np.zeros(n)
    betweenness = _betweenness_scores(index)
    closeness = _closeness(index)
    components = _components(index)
    sizes = np.bincount(components)[components]
    eigen, notes = _eigenvector(index, components)
    attrs = [G.nodes[node] for node in index.nodes]
    frame = pd.DataFrame(
        {
            "actor_id": index.nodes,
            "name": [a.get("name", str(node)) for a, node in zip(attrs, index.nodes, strict=True)],
            "sector": [a.get("sector", "other") for a in attrs],
            "in_centre": [bool(a.get("in_centre", False)) for a in attrs],
            "is_centre": [bool(a.get("is_centre", False)) for a in attrs],
            "degree": degree.astype("int64"),
            "degree_centrality": degree_centrality.astype(float),
            "betweenness": betweenness.astype(float),
            "closeness": closeness.astype(float),
            "eigenvector": eigen,
            "eigenvector_note": notes,
            "component": components.astype("int64"),
            "component_size": sizes.astype("int64"),
        }
    )
    # Rounding guards the ranking against float noise from summation order.
    frame["_b"] = frame["betweenness"].round(12)
    frame = frame.sort_values(["_b", "degree", "actor_id"], ascending=[False, False, True], kind="mergesort")
    return frame.drop(columns="_b").reset_index(drop=True)


def _area_nodes(G: nx.Graph, centre_node) -> list:
    """Nodes in the centre's area (all nodes when the centre has no area)."""
    area = G.nodes[centre_node].get("area_id")
    if area is None:
        return list(G.nodes)
    return [n for n, d in G.nodes(data=True) if d.get("area_id") == area]


def _rank(values: list[float], own: float) -> int:
    """Competition rank of ``own`` among ``values`` (1 = highest; equal values share the best rank)."""
    own = round(own, 12)
    return sum(1 for v in values if round(v, 12) > own) + 1


def centre_reach(G: nx.Graph, centre_node, *, metrics: pd.DataFrame | None = None) -> dict:
    """The centre's reach and rank among the organised actors of its area.

    Parameters
    ----------
    G : networkx.Graph
        From :func:`build_graph`.
    centre_node : str
        The centre's own actor id.
    metrics : DataFrame, optional
        :func:`actor_metrics` of ``G``, to avoid computing it again.

    Returns
    -------
    dict
        ``centre_id, area_id, n_actors`` (actors in the area other than the
        centre), ``n_within_1, n_within_2, reach_1, reach_2`` (shares 0-1 of
        ``n_actors``; NaN when the area has no other actors), ``degree,
        betweenness, rank_degree, rank_betweenness`` (1 = most central, equal
        values share a rank) and ``n_ranked`` (actors ranked, centre included).

    Raises
    ------
    KeyError
        If ``centre_node`` is not a node of ``G``.

    Examples
    --------
    >>> r = centre_reach(nx.path_graph(4), 0)
    >>> r["n_within_1"], r["n_within_2"], r["rank_degree"]
    (1, 2, 3)
    """
    if centre_node not in G:
        raise KeyError(f"centre {centre_node!r} is not in the network (got {G.number_of_nodes()} actors)")
    if metrics is None:
        metrics = _degree_betweenness(G)
    degree = dict(zip(metrics["actor_id"], metrics["degree"].astype(float), strict=True))
    betweenness = dict(zip(metrics["actor_id"], metrics["betweenness"].astype(float), strict=True))
    return _reach(G, centre_node, degree, betweenness)


def _reach(G: nx.Graph, centre_node, degree: dict, betweenness: dict) -> dict:
    area_nodes = _area_nodes(G, centre_node)
    others = [n for n in area_nodes if n != centre_node]
    dist = nx.single_source_shortest_path_length(G, centre_node, cutoff=2)
    within_1 = sum(1 for n in others if dist.get(n, 99) <= 1)
    within_2 = sum(1 for n in others if dist.get(n, 99) <= 2)
    n_actors = len(others)
    return {
        "centre_id": centre_node,
        "area_id": G.nodes[centre_node].get("area_id"),
        "n_actors": n_actors,
        "n_within_1": within_1,
        "n_within_2": within_2,
        "reach_1": within_1 / n_actors if n_actors else float("nan"),
        "reach_2": within_2 / n_actors if n_actors else float("nan"),
        "degree": int(degree[centre_node]),
        "betweenness": betweenness[centre_node],
        "rank_degree": _rank([degree[n] for n in area_nodes], degree[centre_node]),
        "rank_betweenness": _rank([betweenness[n] for n in area_nodes], betweenness[centre_node]),
        "n_ranked": len(area_nodes),
    }


def _degree_betweenness(G: nx.Graph) -> pd.DataFrame:
    """Only the two measures :func:`centre_reach` ranks by (cheaper than :func:`actor_metrics`)."""
    index = _Index(G)
    scores = _betweenness_scores(index)
    return pd.DataFrame({"actor_id": index.nodes, "degree": index.degree, "betweenness": scores})


def blind_spots(G: nx.Graph, centre_node, min_steps: int = 3) -> pd.DataFrame:
    """Actors of the centre's area with no path to the centre, or only a long one.

    The mapping study's point: a centre sees those who come to the house; this
    lists those staff would have to go out and visit.

    Parameters
    ----------
    G : networkx.Graph
        From :func:`build_graph`.
    centre_node : str
        The centre's own actor id.
    min_steps : int
        Actors whose shortest path to the centre has at least this many steps
        are listed (default 3: not a partner, nor a partner's partner).

    Returns
    -------
    DataFrame
        ``actor_id, name, sector, in_centre, distance`` (nullable Int64; missing
        when there is no path) and ``reason`` (``"no_path"`` or ``"far"``).
        Sorted by sector, then no path before far, then longer distance first, then name.

    Raises
    ------
    KeyError
        If ``centre_node`` is not a node of ``G``.

    Examples
    --------
    >>> G = nx.path_graph(5); G.add_node(9)
    >>> blind_spots(G, 0)["actor_id"].tolist()
    [9, 4, 3]
    """
    if centre_node not in G:
        raise KeyError(f"centre {centre_node!r} is not in the network (got {G.number_of_nodes()} actors)")
    dist = nx.single_source_shortest_path_length(G, centre_node)
    rows = []
    for node in _area_nodes(G, centre_node):
        if node == centre_node:
            continue
        steps = dist.get(node)
        if steps is not None and steps < min_steps:
            continue
        data = G.nodes[node]
        rows.append(
            {
                "actor_id": node,
                "name": data.get("name", str(node)),
                "sector": data.get("sector", "other"),
                "in_centre": bool(data.get("in_centre", False)),
                "distance": steps,
                "reason": "no_path" if steps is None else "far",
            }
        )
    frame = pd.DataFrame(rows, columns=["actor_id", "name", "sector", "in_centre", "distance", "reason"])
    frame["distance"] = frame["distance"].astype("Int64")
    if frame.empty:
        return frame
    frame["_no_path"] = frame["distance"].isna()
    frame["_d"] = frame["distance"].fillna(0).astype(int)
    frame["_name"] = frame["name"].astype(str).str.casefold()
    frame = frame.sort_values(
        ["sector", "_no_path", "_d", "_name", "actor_id"], ascending=[True, False, False, True, True], kind="mergesort"
    )
    return frame.drop(columns=["_no_path", "_d", "_name"]).reset_index(drop=True)


def suggest_partnerships(G: nx.Graph, top: int = 20) -> pd.DataFrame:
    """Pairs of actors from different sectors, not yet tied, ranked by Adamic-Adar.

    Adamic-Adar adds ``1 / log(degree)`` for every partner two actors share,
    so a shared partner who knows few others counts more than a hub everyone
    knows. Pairs without a shared partner are not suggested. These are
    suggestions from the network's shape, not recommendations.

    Parameters
    ----------
    G : networkx.Graph
        From :func:`build_graph`.
    top : int
        Number of pairs to return.

    Returns
    -------
    DataFrame
        ``actor_a, name_a, sector_a, actor_b, name_b, sector_b, score,
        n_common, common_names`` (the shared partners' names, ``"; "``-joined
        by name). ``actor_a < actor_b``. Sorted by score, then ``n_common``
        (both descending), then ``actor_a``, ``actor_b``.

    Examples
    --------
    >>> G = nx.Graph([("a", "hub"), ("b", "hub")])
    >>> nx.set_node_attributes(G, {"a": "school", "b": "volunteer", "hub": "other"}, "sector")
    >>> suggest_partnerships(G)[["actor_a", "actor_b", "n_common"]].to_numpy().tolist()
    [['a', 'b', 1]]
    """
    columns = ["actor_a", "name_a", "sector_a", "actor_b", "name_b", "sector_b", "score", "n_common", "common_names"]
    index = _Index(G)
    n = index.n
    if n < 3 or not len(index.indices):
        return pd.DataFrame(columns=columns)
    sector_names = [str(G.nodes[v].get("sector")) for v in index.nodes]
    _, sector_code = np.unique(sector_names, return_inverse=True)
    # Every pair of neighbours of a broker w shares w: enumerate those pairs per broker, vectorised.
    firsts, seconds, brokers = [], [], []
    for w in np.flatnonzero(index.degree >= 2):
        nbrs = index.indices[index.indptr[w] : index.indptr[w + 1]]
        i, j = np.triu_indices(len(nbrs), k=1)
        firsts.append(nbrs[i])
        seconds.append(nbrs[j])
        brokers.append(np.full(len(i), w, dtype=np.int64))
    if not firsts:
        return pd.DataFrame(columns=columns)
    a, b, w = np.concatenate(firsts), np.concatenate(seconds), np.concatenate(brokers)
    pair = a * n + b  # neighbours are sorted, so a < b
    tied = np.sort(index.rows * n + index.indices)
    found = np.searchsorted(tied, pair)
    already = tied[np.minimum(found, len(tied) - 1)] == pair
    keep = (sector_code[a] != sector_code[b]) & ~already
    if not keep.any():
        return pd.DataFrame(columns=columns)
    pair, w = pair[keep], w[keep]
    keys, inverse = np.unique(pair, return_inverse=True)
    # Sum in broker order, which np.unique's stable grouping preserves, so equal sets give equal floats.
    order = np.lexsort((w, inverse))
    score = np.bincount(inverse[order], weights=1.0 / np.log(index.degree[w[order]]), minlength=len(keys))
    n_common = np.bincount(inverse, minlength=len(keys))
    ranking = np.lexsort((keys, -n_common, -np.round(score, 9)))[:top]
    rows = []
    for r in ranking:
        ia, ib = divmod(int(keys[r]), n)
        u, v = index.nodes[ia], index.nodes[ib]
        if str(u) > str(v):
            u, v = v, u
        shared = set(G.adj[u]) & set(G.adj[v])
        rows.append(
            {
                "actor_a": u,
                "name_a": G.nodes[u].get("name", str(u)),
                "sector_a": G.nodes[u].get("sector"),
                "actor_b": v,
                "name_b": G.nodes[v].get("name", str(v)),
                "sector_b": G.nodes[v].get("sector"),
                "score": float(score[r]),
                "n_common": int(n_common[r]),
                "common_names": "; ".join(sorted(str(G.nodes[x].get("name", x)) for x in shared)),
            }
        )
    return pd.DataFrame(rows, columns=columns)


# --------------------------------------------------------------------------- layout and drawing frames


def _spring(H: nx.Graph, seed: int, iterations: int = 120) -> np.ndarray:
    """Spring (Fruchterman-Reingold) positions of a connected graph, in node order of ``H``."""
    n = H.number_of_nodes()
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-1.0, 0.0], [1.0, 0.0]])
    # k a little above networkx's default 1/sqrt(n) spreads dense clusters so labels fit.
    k = 1.4 / math.sqrt(n)
    if n < 500:
        pos = nx.spring_layout(H, k=k, seed=seed, iterations=iterations, weight="strength", method="force")
        points = np.array([pos[v] for v in H.nodes])
    else:
        points = _spring_dense(H, seed=seed, k=k, iterations=min(iterations, 40))
    return _pull_in_outliers(points)


def _pull_in_outliers(points: np.ndarray, quantile: float = 0.9, keep: float = 0.35) -> np.ndarray:
    """Shorten the radius of points far beyond the bulk, so one loose actor does not shrink the rest."""
    if len(points) < 8:
        return points
    middle = np.median(points, axis=0)
    offset = points - middle
    radius = np.sqrt((offset**2).sum(axis=1))
    limit = np.quantile(radius, quantile)
    if limit <= 0:
        return points
    scaled = np.where(radius > limit, limit + (radius - limit) * keep, radius)
    factor = np.divide(scaled, radius, out=np.ones_like(radius), where=radius > 0)
    return middle + offset * factor[:, None]


def _spring_dense(H: nx.Graph, *, seed: int, k: float, iterations: int) -> np.ndarray:
    """Force-directed layout for large graphs without SciPy (networkx needs it above 500 nodes).

    Repulsion ``k^2/d`` between all pairs, attraction ``d^2/k`` along ties,
    displacement capped by a linearly cooling temperature. x and y are kept
    as separate float32 matrices, which is several times faster than one
    (n, n, 2) array.
    """
    nodes = list(H.nodes)
    where = {v: i for i, v in enumerate(nodes)}
    n = len(nodes)
    adjacency = np.zeros((n, n), dtype=np.float32)
    for u, v in H.edges():
        adjacency[where[u], where[v]] = adjacency[where[v], where[u]] = 1.0
    rng = np.random.default_rng(seed)
    x, y = rng.random(n, dtype=np.float32), rng.random(n, dtype=np.float32)
    k2, inv_k = np.float32(k * k), np.float32(1.0 / k)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        dist2 = dx * dx + dy * dy
        np.maximum(dist2, np.float32(1e-4), out=dist2)
        force = k2 / dist2 - adjacency * np.sqrt(dist2) * inv_k
        mx, my = (dx * force).sum(axis=1), (dy * force).sum(axis=1)
        length = np.maximum(np.sqrt(mx * mx + my * my), np.float32(0.01))
        step = np.float32(temperature) / length
        x += mx * step
        y += my * step
        temperature -= cooling
    return np.column_stack([x, y]).astype(float)


def _fit(points: np.ndarray, x0: float, x1: float, y0: float, y1: float) -> np.ndarray:
    """Scale points into a box keeping their aspect ratio, centred."""
    points = np.asarray(points, dtype=float)
    lo, hi = points.min(axis=0), points.max(axis=0)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    scale = min((x1 - x0) / span[0], (y1 - y0) / span[1])
    centred = (points - (lo + hi) / 2) * scale
    return centred + np.array([(x0 + x1) / 2, (y0 + y1) / 2])


def layout(G: nx.Graph, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """Deterministic, readable node positions in [-1, 1] x [-1, 1].

    The largest connected group is laid out with a spring layout in the upper
    part of the box. Actors outside it (small groups, isolated actors: often
    the blind spots) are placed in a grid along the bottom, so they neither
    squeeze the main network nor disappear.

    Parameters
    ----------
    G : networkx.Graph
        Any graph; node order does not matter (nodes are sorted first).
    seed : int
        Seed of the spring layout.

    Returns
    -------
    DataFrame
        ``actor_id, x, y, component`` (1 = largest group).

    Examples
    --------
    >>> pos = layout(nx.path_graph(3))
    >>> bool(pos[["x", "y"]].abs().max().max() <= 1.0)
    True
    """
    if G.number_of_nodes() == 0:
        return pd.DataFrame({"actor_id": pd.Series(dtype=object), "x": [], "y": [], "component": []})
    # A sorted copy makes the result independent of insertion order.
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes, key=str))
    H.add_edges_from(
        sorted(
            ((u, v, {"strength": d.get("strength", 1)}) for u, v, d in G.edges(data=True)),
            key=lambda e: (str(e[0]), str(e[1])),
        )
    )
    groups = sorted((sorted(c, key=str) for c in nx.connected_components(H)), key=lambda c: (-len(c), str(c[0])))
    rows = []
    main = groups[0]
    rest = groups[1:]
    main_pos = _spring(H.subgraph(main).copy(), seed)
    top = 1.0
    bottom = -1.0 if not rest else -0.55
    if len(main) == 1:
        placed = np.array([[0.0, (top + bottom) / 2]])
    else:
        placed = _fit(main_pos, -1.0, 1.0, bottom, top)
    rows += [(v, float(x), float(y), 1) for v, (x, y) in zip(main, placed, strict=True)]
    if rest:
        per_row = max(1, min(12, math.ceil(math.sqrt(len(rest) * 3))))
        n_rows = math.ceil(len(rest) / per_row)
        band_top, band_bottom = -0.7, -1.0
        cell_h = (band_top - band_bottom) / n_rows
        cell_w = 2.0 / per_row
        for g, members in enumerate(rest):
            r, c = divmod(g, per_row)
            cx0 = -1.0 + c * cell_w
            cy1 = band_top - r * cell_h
            if len(members) == 1:
                pts = np.array([[cx0 + cell_w / 2, cy1 - cell_h / 2]])
            else:
                sub = _spring(H.subgraph(members).copy(), seed)
                pad_w, pad_h = cell_w * 0.15, cell_h * 0.15
                pts = _fit(sub, cx0 + pad_w, cx0 + cell_w - pad_w, cy1 - cell_h + pad_h, cy1 - pad_h)
            rows += [(v, float(x), float(y), g + 2) for v, (x, y) in zip(members, pts, strict=True)]
    frame = pd.DataFrame(rows, columns=["actor_id", "x", "y", "component"])
    frame[["x", "y"]] = frame[["x", "y"]].clip(-1.0, 1.0)
    return frame


def edge_frame(G: nx.Graph, positions: pd.DataFrame) -> pd.DataFrame:
    """Ties in long format for drawing line segments (Altair ``detail``/``order``).

    Returns
    -------
    DataFrame
        Two rows per tie: ``edge`` (id), ``order`` (0 or 1), ``actor_id, x, y,
        strength, tie_type`` (the single type, or ``"several"``), ``tie_types``
        (comma-joined), ``source, target``.
    """
    where = positions.set_index("actor_id")[["x", "y"]]
    rows = []
    edges = sorted(G.edges(data=True), key=lambda e: (str(min(str(e[0]), str(e[1]))), str(max(str(e[0]), str(e[1])))))
    for i, (u, v, data) in enumerate(edges):
        types = sorted(data.get("tie_types", ()))
        kind = types[0] if len(types) == 1 else "several"
        for order, node in enumerate((u, v)):
            rows.append(
                {
                    "edge": i,
                    "order": order,
                    "actor_id": node,
                    "x": float(where.at[node, "x"]),
                    "y": float(where.at[node, "y"]),
                    "strength": int(data.get("strength", 1)),
                    "tie_type": kind,
                    "tie_types": ", ".join(types),
                    "source": u,
                    "target": v,
                }
            )
    columns = ["edge", "order", "actor_id", "x", "y", "strength", "tie_type", "tie_types", "source", "target"]
    return pd.DataFrame(rows, columns=columns)


def node_frame(positions: pd.DataFrame, metrics: pd.DataFrame, *, n_labels: int = 10, centre_id=None) -> pd.DataFrame:
    """Positions joined with metrics, plus ``label`` for the centre and up to ``n_labels`` others.

    Labelling only the most-connecting actors (highest betweenness) keeps the
    drawing readable; a label that would overlap one already placed is skipped
    (sizes estimated for a chart about 750 x 560 px with 11 px text).
    """
    frame = positions.merge(metrics, on="actor_id", how="left")
    frame["label"] = ""
    if frame.empty:
        return frame
    candidates = frame[frame["betweenness"] > 0].sort_values(
        ["betweenness", "degree", "actor_id"], ascending=[False, False, True]
    )
    selected = list(frame.index[frame["actor_id"] == centre_id])
    order = selected + [i for i in candidates.index if frame.at[i, "actor_id"] != centre_id]
    # Boxes in data units (x0, x1, y0, y1): labels sit ~14 px above their point; the centre's ring is kept clear.
    taken = [
        (frame.at[i, "x"] - 0.07, frame.at[i, "x"] + 0.07, frame.at[i, "y"] - 0.07, frame.at[i, "y"] + 0.07)
        for i in selected
    ]
    n_placed = 0
    for i in order:
        name = str(frame.at[i, "name"])
        x, y, half = float(frame.at[i, "x"]), float(frame.at[i, "y"]), len(name) * 0.0085
        box = (x - half, x + half, y + 0.03, y + 0.09)
        is_selected = frame.at[i, "actor_id"] == centre_id
        clash = any(box[0] < b[1] and b[0] < box[1] and box[2] < b[3] and b[2] < box[3] for b in taken)
        if clash and not is_selected:
            continue
        frame.at[i, "label"] = name
        taken.append(box)
        n_placed += 0 if is_selected else 1
        if n_placed >= n_labels:
            break
    return frame


# --------------------------------------------------------------------------- comparison


def default_year(ties: pd.DataFrame | None) -> int | None:
    """The year of ties the Network page starts with: the latest when there are several, else None (all).

    Examples
    --------
    >>> default_year(pd.DataFrame({"year": [2024, 2025, None]})), default_year(pd.DataFrame({"year": [2025]}))
    (2025, None)
    """
    if ties is None or "year" not in ties.columns:
        return None
    years = sorted(int(y) for y in pd.to_numeric(ties["year"], errors="coerce").dropna().unique())
    return years[-1] if len(years) > 1 else None


#: Columns of :func:`compare_centres`.
COMPARE_COLUMNS = [
    "centre_id",
    "name",
    "centre_type",
    "area_id",
    "has_network",
    "n_actors",
    "reach_1",
    "reach_2",
    "degree",
    "betweenness",
    "rank_degree",
    "rank_betweenness",
    "n_ranked",
]


def compare_centres(
    actors: pd.DataFrame,
    ties: pd.DataFrame,
    centres: pd.DataFrame,
    *,
    tie_types: Sequence[str] | None = None,
    year: int | None = None,
) -> pd.DataFrame:
    """Reach and centrality of every centre in its own area's network.

    The same numbers as :func:`build_graph` (with the centre's area) and
    :func:`centre_reach` per centre, for all areas at once: every area's
    network is one part of a single igraph graph (no tie crosses an area), so
    betweenness, degree and the two-step neighbourhoods are each one call in C.

    Parameters
    ----------
    actors, ties : DataFrame
        As for :func:`build_graph`.
    centres : DataFrame
        Columns ``centre_id, centre_type``; ``name`` optional.
    tie_types, year : optional
        Passed to :func:`build_graph`.

    Returns
    -------
    DataFrame
        One row per centre: ``centre_id, name, centre_type, area_id,
        has_network`` (the centre has its own actor row), ``n_actors, reach_1,
        reach_2, degree, betweenness, rank_degree, rank_betweenness, n_ranked``.
        Centres without an actor row get missing values.
    """
    if centres is None or centres.empty:
        return pd.DataFrame(columns=COMPARE_COLUMNS)
    has_actors = actors is not None and not actors.empty and "actor_id" in actors.columns
    ids = _clean_column(actors["actor_id"]) if has_actors else pd.Series([], dtype=object)
    areas = (
        _clean_column(actors["area_id"])
        if has_actors and "area_id" in actors.columns
        else pd.Series([None] * len(ids), index=ids.index, dtype=object)
    )
    area_of = dict(zip(ids.tolist(), areas.tolist(), strict=True))
    chosen = centres.sort_values("centre_id")
    centre_ids = [_clean_str(c) for c in chosen["centre_id"]]
    wanted = {(area_of[c], c) for c in centre_ids if area_of.get(c) is not None}
    stats = _area_stats(ids, areas, ties, wanted, tie_types=tie_types, year=year)
    names = chosen["name"].tolist() if "name" in chosen.columns else centre_ids
    types = chosen["centre_type"].tolist() if "centre_type" in chosen.columns else [None] * len(chosen)
    given_areas = chosen["area_id"].tolist() if "area_id" in chosen.columns else [None] * len(chosen)
    rows = []
    for cid, name, kind, given in zip(centre_ids, names, types, given_areas, strict=True):
        row = {"centre_id": cid, "name": name, "centre_type": kind, "area_id": given, "has_network": False}
        area = area_of.get(cid)
        if area is not None:
            row["area_id"] = area
            found = stats.get((area, cid))
            if found is not None:
                row.update(found)
                row["has_network"] = True
        rows.append(row)
    frame = pd.DataFrame(rows).reindex(columns=COMPARE_COLUMNS)
    frame["has_network"] = frame["has_network"].astype(bool)
    return frame


def _area_stats(ids: pd.Series, areas: pd.Series, ties, wanted: set, *, tie_types=None, year=None) -> dict:
    """``{(area, actor): reach and ranks}`` for the ``wanted`` (area, actor) pairs, ranked within their areas.

    Nodes are (area, actor) pairs, as :func:`build_graph` with ``area_id`` keeps
    them; a tie joins two actors in every area both belong to. Everything runs on
    integer codes: one networkx graph per area cost ~30 ms each (minutes at x100).
    """
    members = pd.DataFrame({"actor": ids.to_numpy(dtype=object), "area": areas.to_numpy(dtype=object)})
    members = members[members["actor"].notna() & members["area"].isin(list({area for area, _ in wanted}))]
    members = members.drop_duplicates().sort_values(["area", "actor"], kind="mergesort").reset_index(drop=True)
    n = len(members)
    if n == 0:
        return {}
    actor_index = pd.Index(members["actor"].unique())
    node_actor = actor_index.get_indexer(members["actor"])
    node_area = pd.factorize(members["area"], sort=True)[0]
    codes = np.empty((0, 2), dtype=np.int64)
    if ties is not None and not ties.empty:
        source = actor_index.get_indexer(_clean_column(ties["source_actor_id"]).to_numpy(dtype=object))
        target = actor_index.get_indexer(_clean_column(ties["target_actor_id"]).to_numpy(dtype=object))
        keep = (source >= 0) & (target >= 0) & (source != target)
        type_list = _as_list(tie_types)
        if type_list is not None:
            keep &= (
                np.array(ties["tie_type"].isin(type_list), dtype=bool)
                if "tie_type" in ties.columns
                else ("collaboration" in type_list)
            )
        if year is not None and "year" in ties.columns:
            keep &= np.array((pd.to_numeric(ties["year"], errors="coerce") == int(year)).fillna(False), dtype=bool)
        codes = np.column_stack([source[keep], target[keep]]).astype(np.int64)
    if len(actor_index) == n:  # every actor in one area (always, for validated data): nodes are the actors
        ends = np.argsort(node_actor)[codes]
        ends = ends[node_area[ends[:, 0]] == node_area[ends[:, 1]]]  # a tie across two areas is in neither
    else:  # an actor listed in several areas is a node in each; a tie counts in every area both share
        ends_frame = pd.DataFrame({"s": codes[:, 0], "t": codes[:, 1]})
        nodes = pd.DataFrame({"actor": node_actor, "area": node_area, "node": np.arange(n)})
        joined = ends_frame.merge(nodes.rename(columns={"actor": "s", "node": "i"}), on="s").merge(
            nodes.rename(columns={"actor": "t", "node": "j"}), on=["t", "area"]
        )
        ends = joined[["i", "j"]].to_numpy(dtype=np.int64)
    low, high = np.minimum(ends[:, 0], ends[:, 1]), np.maximum(ends[:, 0], ends[:, 1])
    merged = np.unique(low * n + high)  # parallel ties (types, years, directions) are one edge
    pairs = np.column_stack([merged // n, merged % n])
    graph = igraph.Graph(n=n, edges=pairs)
    degree = np.asarray(graph.degree(), dtype=np.int64)
    size = np.bincount(node_area)[node_area]
    raw = np.asarray(graph.betweenness(directed=False), dtype=float) if len(pairs) else np.zeros(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        betweenness = np.where(size > 2, raw * 2.0 / ((size - 1) * (size - 2)), 0.0)
    ranks = pd.DataFrame({"area": node_area, "degree": degree, "b": np.round(betweenness, 12)}).groupby("area")
    rank_degree = ranks["degree"].rank(method="min", ascending=False).to_numpy(dtype=np.int64)
    rank_betweenness = ranks["b"].rank(method="min", ascending=False).to_numpy(dtype=np.int64)
    area_names, actor_names = members["area"].to_numpy(dtype=object), members["actor"].to_numpy(dtype=object)
    picked = [i for i, key in enumerate(zip(area_names, actor_names, strict=True)) if key in wanted]
    # Every neighbour is in the same area, so one step is the degree; two steps from igraph (minus the node).
    within_2 = np.asarray(graph.neighborhood_size(picked, order=2), dtype=np.int64) - 1
    out = {}
    for i, two in zip(picked, within_2.tolist(), strict=True):
        others = int(size[i]) - 1
        out[(area_names[i], actor_names[i])] = {
            "n_actors": others,
            "reach_1": int(degree[i]) / others if others else float("nan"),
            "reach_2": two / others if others else float("nan"),
            "degree": int(degree[i]),
            "betweenness": float(betweenness[i]),
            "rank_degree": int(rank_degree[i]),
            "rank_betweenness": int(rank_betweenness[i]),
            "n_ranked": int(size[i]),
        }
    return out


def network_summary(G: nx.Graph) -> dict:
    """Counts for a caption: ``n_actors, n_ties, density, n_components``."""
    n = G.number_of_nodes()
    return {
        "n_actors": n,
        "n_ties": G.number_of_edges(),
        "density": nx.density(G) if n > 1 else 0.0,
        "n_components": nx.number_connected_components(G) if n else 0,
    }
