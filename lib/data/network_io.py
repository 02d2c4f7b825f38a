"""Networks from the tools people map them in: Kumu workbooks, GraphML and GEXF (Gephi).

A Kumu-style workbook has a sheet "Elements" (Label, Type, optional Område/Area,
Kommune) and a sheet "Connections" (From, To, Type, optional Strength, År/Year).
:func:`prepare_network` turns it into the two tables at once: the elements become
actors (sector from Type, as a Danish or English label; the element whose label
is a centre's name becomes that centre, actor id = centre id), the connections
become ties between them, and :func:`commit_network` writes both as new
versions in one transaction. GraphML and GEXF files (node attributes ``label``,
``type``/``sector``, ``area``; edge attributes ``type``, ``strength``, ``year``)
go the same way; :func:`kumu_workbook`, :func:`to_graphml` and :func:`to_gexf`
write an area's network back out.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import networkx as nx
import pandas as pd

from lib.data.reference import fold
from lib.errors import PROBLEM_COLUMNS, AtlasError
from lib.i18n import label

ELEMENTS, CONNECTIONS = "Elements", "Connections"
_AREA_HEADERS = {fold(h) for h in ("Område", "Omraade", "Area", "Boligområde", "area_id")}


def _rows_csv(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\n")
    for row in rows:
        writer.writerow(row)
    return buf.getvalue().encode("utf-8")


def _sheet(sheets: dict[str, list[list[str]]], name: str) -> list[list[str]] | None:
    for key, rows in sheets.items():
        if fold(key) == fold(name):
            return rows
    return None


def is_kumu(data: bytes) -> bool:
    """Whether ``data`` is a workbook with the sheets Elements and Connections."""
    if not data[:4] == b"PK\x03\x04":
        return False
    from lib.data import xlsx_fast

    try:
        xlsx_fast.check_archive(data)  # before calamine inflates anything (lib.data.uploads)
        names = {fold(n) for n in xlsx_fast.sheet_names(data)}
    except AtlasError:
        return False
    return {fold(ELEMENTS), fold(CONNECTIONS)} <= names


def read_kumu(data: bytes) -> tuple[list[list[str]], list[list[str]]]:
    """The rows of the Elements and Connections sheets.

    Raises
    ------
    AtlasError
        ``byod.err.kumu_sheets`` when either sheet is missing.
    """
    from lib.data import xlsx_fast

    xlsx_fast.check_archive(data)
    names = xlsx_fast.sheet_names(data)
    found = {fold(n): n for n in names}
    if fold(ELEMENTS) not in found or fold(CONNECTIONS) not in found:
        raise AtlasError("byod.err.kumu_sheets", sheets=", ".join(names)[:200])
    return xlsx_fast.read_sheet(data, found[fold(ELEMENTS)]), xlsx_fast.read_sheet(data, found[fold(CONNECTIONS)])


def _graph_rows(data: bytes, fmt: str) -> tuple[list[list[str]], list[list[str]]]:
    """Elements and Connections rows from a GraphML or GEXF file."""
    try:
        graph = nx.read_graphml(io.BytesIO(data)) if fmt == "graphml" else nx.read_gexf(io.BytesIO(data))
    except Exception as err:  # noqa: BLE001 - networkx raises parser errors of several kinds
        raise AtlasError("byod.err.graph_file", format=fmt.upper(), detail=type(err).__name__) from err
    # the node ids are the actors' ids: labels may repeat (two "Lektiecafé" in one area)
    elements = [["ID", "Label", "Type", "Område"]]
    labels = {node: str(node) for node in graph.nodes}
    for node, attrs in graph.nodes(data=True):
        text = str(attrs.get("label") or attrs.get("name") or node)
        sector = attrs.get("sector") or attrs.get("type") or ""
        elements.append([str(node), text, str(sector), str(attrs.get("area") or attrs.get("area_id") or "")])
    connections = [["From", "To", "Type", "Strength", "År"]]
    for a, b, attrs in graph.edges(data=True):
        strength = attrs.get("strength", attrs.get("weight", ""))
        if isinstance(strength, float) and strength.is_integer():
            strength = int(strength)
        connections.append(
            [
                labels[a],
                labels[b],
                str(attrs.get("tie_type") or attrs.get("type") or ""),
                str(strength),
                str(attrs.get("year", "")),
            ]
        )
    return elements, connections


def sniff(data: bytes) -> str | None:
    """``"kumu"``, ``"graphml"``, ``"gexf"`` or None."""
    head = data[:2000].lstrip().lower()
    if b"<graphml" in head:
        return "graphml"
    if b"<gexf" in head:
        return "gexf"
    return "kumu" if is_kumu(data) else None


@dataclass
class NetworkPrepared:
    """A checked network import: the actors and ties versions it would write, and the problems."""

    actors: object  # lib.data.imports.Prepared
    ties: object
    source_file: str
    problems: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PROBLEM_COLUMNS))

    @property
    def ok(self) -> bool:
        """Whether both tables may be written."""
        return self.problems.empty

    @property
    def n_rows(self) -> int:
        """Elements plus connections in the file."""
        return self.actors.n_rows + self.ties.n_rows


def _area_from_centre(elements: list[list[str]], frames: dict) -> list[list[str]]:
    """Elements without an area column get the area of the centre among them (if one is a centre)."""
    header = [str(c) for c in elements[0]] if elements else []
    if any(fold(h) in _AREA_HEADERS for h in header):
        return elements
    centres = frames.get("centres")
    if centres is None or centres.empty or "Label" not in header and fold("label") not in map(fold, header):
        return elements
    col = [fold(h) for h in header].index(fold("label"))
    by_name = {fold(n): str(a) for n, a in zip(centres["name"], centres["area_id"], strict=True) if a is not None}
    areas = {by_name[fold(r[col])] for r in elements[1:] if len(r) > col and fold(r[col]) in by_name}
    if len(areas) != 1:
        return elements
    area = areas.pop()
    return [header + ["Område"]] + [list(r) + [""] * (len(header) - len(r)) + [area] for r in elements[1:]]


def prepare_network(engine, source, *, source_file: str, choices=None) -> NetworkPrepared:
    """Read a Kumu workbook (or GraphML/GEXF) and check it as new versions of actors and ties; nothing is written.

    Raises
    ------
    AtlasError
        When the file is no network file (``byod.err.kumu_sheets``, ``byod.err.graph_file``).
    """
    from pathlib import Path

    from lib.data import imports, keys

    data = Path(source).read_bytes() if isinstance(source, str | Path) else bytes(source)
    kind = sniff(data)
    if kind is None:
        raise AtlasError("byod.err.kumu_sheets", sheets="-")
    elements, connections = read_kumu(data) if kind == "kumu" else _graph_rows(data, kind)
    ids, frames = imports.current_state(engine)
    elements = _area_from_centre(elements, frames)
    read_a, extras_a = keys.read_mapped("actors", _rows_csv(elements), frames, choices=choices)
    actors = imports.prepare_frame(
        engine, "actors", read_a, source_file=source_file, mode="upsert", state=(ids, frames)
    )
    actors.extras = extras_a
    with_actors = dict(frames)
    with_actors["actors"] = actors.result
    read_t, extras_t = keys.read_mapped(
        "ties", _rows_csv(connections), with_actors, choices=choices, upload_actors=actors.upload
    )
    ties = imports.prepare_frame(
        engine, "ties", read_t, source_file=source_file, mode="upsert", state=(ids, with_actors)
    )
    ties.extras = extras_t
    parts = [p for p in (actors.problems, ties.problems) if not p.empty]
    combined = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=PROBLEM_COLUMNS)
    return NetworkPrepared(actors=actors, ties=ties, source_file=source_file, problems=combined)


def commit_network(engine, prepared: NetworkPrepared, *, editor: str) -> dict[str, int]:
    """Write both tables' new versions in one transaction; returns ``{"actors": id, "ties": id}``.

    Raises
    ------
    AtlasError
        ``data.err.has_problems`` with problems; ``store.concurrent_import`` if either table changed.
    """
    from lib.data import derived, store
    from lib.schema import TABLES

    if not prepared.ok:
        raise AtlasError("data.err.has_problems", n=len(prepared.problems))
    versions = store.import_frames(
        engine,
        {
            "actors": (prepared.actors.result[TABLES["actors"].names], prepared.actors.based_on),
            "ties": (prepared.ties.result[TABLES["ties"].names], prepared.ties.based_on),
        },
        editor=editor,
        source_file=prepared.source_file,
    )
    derived.refresh(engine)  # the new network's comparison computed once, here (as imports.commit does)
    return versions


# --- export ---------------------------------------------------------------------------------------


def area_network(actors: pd.DataFrame, ties: pd.DataFrame, area_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The actors of one area and the ties between them."""
    own = actors[actors["area_id"].astype(str) == str(area_id)]
    keep = set(own["actor_id"].astype(str))
    links = ties[ties["source_actor_id"].astype(str).isin(keep) & ties["target_actor_id"].astype(str).isin(keep)]
    return own.reset_index(drop=True), links.reset_index(drop=True)


def kumu_frames(
    actors: pd.DataFrame, ties: pd.DataFrame, areas: pd.DataFrame | None = None, lang: str = "da"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Elements and Connections as Kumu reads them (labels, sector and tie type as words in ``lang``)."""
    # connections name their ends by label, or by id where a label is not unique in the workbook
    unique = ~actors["name"].astype(str).duplicated(keep=False)
    names = {
        str(i): (str(n) if u else str(i)) for i, n, u in zip(actors["actor_id"], actors["name"], unique, strict=True)
    }
    area_names = {}
    if areas is not None and not areas.empty:
        area_names = dict(zip(areas["area_id"].astype(str), areas["name"].astype(str), strict=False))
    elements = pd.DataFrame(
        {
            "Label": actors["name"].astype(str).to_numpy(),
            "Type": [label("sector", s, lang) for s in actors["sector"]],
            "Område": [area_names.get(str(a), str(a)) for a in actors["area_id"]],
            "ID": actors["actor_id"].astype(str).to_numpy(),
        }
    )
    connections = pd.DataFrame(
        {
            "From": [names.get(str(a), str(a)) for a in ties["source_actor_id"]],
            "To": [names.get(str(b), str(b)) for b in ties["target_actor_id"]],
            "Type": [label("tie", s, lang) for s in ties["tie_type"]],
            "Strength": ties["strength"].astype("Int64").to_numpy(),
            "År": ties["year"].astype("Int64").to_numpy(),
        }
    )
    return elements, connections


def kumu_workbook(
    actors: pd.DataFrame, ties: pd.DataFrame, areas: pd.DataFrame | None = None, lang: str = "da"
) -> bytes:
    """An area's network as a Kumu workbook (sheets Elements and Connections), readable by :func:`prepare_network`.

    Examples
    --------
    >>> from lib.data import store
    >>> a, t = store.read_sample("actors"), store.read_sample("ties")
    >>> data = kumu_workbook(*area_network(a, t, "A01"))
    >>> is_kumu(data)
    True
    """
    from lib.data import export

    elements, connections = kumu_frames(actors, ties, areas, lang)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        export.neutralise_formulas(elements).to_excel(writer, index=False, sheet_name=ELEMENTS)
        export.neutralise_formulas(connections).to_excel(writer, index=False, sheet_name=CONNECTIONS)
    return buf.getvalue()


def to_graph(actors: pd.DataFrame, ties: pd.DataFrame) -> nx.MultiDiGraph:
    """A graph for Gephi: nodes with ``label``, ``sector``, ``area``; edges with ``tie_type``, ``strength``, ``year``."""
    graph = nx.MultiDiGraph()
    for rec in actors.itertuples(index=False):
        graph.add_node(str(rec.actor_id), label=str(rec.name), sector=str(rec.sector), area=str(rec.area_id))
    for rec in ties.itertuples(index=False):
        graph.add_edge(
            str(rec.source_actor_id),
            str(rec.target_actor_id),
            tie_type=str(rec.tie_type),  # not "type": GEXF's own edge attribute (directed/undirected)
            strength=int(rec.strength),
            year=int(rec.year),
        )
    return graph


def to_graphml(actors: pd.DataFrame, ties: pd.DataFrame) -> bytes:
    """The network as GraphML."""
    buf = io.BytesIO()
    nx.write_graphml(to_graph(actors, ties), buf)
    return buf.getvalue()


def to_gexf(actors: pd.DataFrame, ties: pd.DataFrame) -> bytes:
    """The network as GEXF (Gephi's own format)."""
    buf = io.BytesIO()
    nx.write_gexf(to_graph(actors, ties), buf)
    return buf.getvalue()


__all__ = [
    "NetworkPrepared",
    "area_network",
    "commit_network",
    "is_kumu",
    "kumu_frames",
    "kumu_workbook",
    "prepare_network",
    "read_kumu",
    "sniff",
    "to_gexf",
    "to_graphml",
]
