"""Command line for data stewards: ``python -m lib.cli SUBCOMMAND ...``.

Subcommands::

    validate TABLE FILE            exit 0 when clean; exit 1 and one problem per line
                                   (row<TAB>column<TAB>value<TAB>message) otherwise
    import TABLE FILE              prints the new version id
    versions TABLE                 one line per version, newest first
    rollback TABLE VERSION         makes VERSION current again (as a new version)
    export TABLE FILE [--version V]  CSV or XLSX by the file's extension
    seed                           load the bundled sample into empty tables

Common options: ``--database URL`` (overrides ``ATLAS_DATABASE_URL``),
``--lang da|en`` for messages; reading options ``--sep``, ``--encoding``,
``--decimal``, ``--sheet``. Exit codes: 0 success, 1 problems in the data or a
refused import, 2 usage or I/O errors (unreadable file, unknown version).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from lib.errors import AtlasError
from lib.schema import TABLE_NAMES

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _clean(value) -> str:
    # one problem per line: tabs and line breaks inside a value would break the format
    text = "" if value is None else str(value)
    if text in ("<NA>", "nan", "None"):
        text = ""
    return text.replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")


def format_problems(problems, lang: str) -> str:
    """Problems as ``row<TAB>column<TAB>value<TAB>message`` lines."""
    col = "message_da" if lang == "da" else "message_en"
    lines = []
    for rec in problems.to_dict("records"):
        row = rec["row"]
        row_text = "" if row is None or str(row) in ("<NA>", "nan", "None") else str(int(row))
        lines.append("\t".join([row_text, _clean(rec["column"]), _clean(rec["value"]), _clean(rec[col])]))
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: an option given before the subcommand must not be reset by the subcommand's default
    common.add_argument(
        "--database", metavar="URL", default=argparse.SUPPRESS, help="database URL (overrides ATLAS_DATABASE_URL)"
    )
    common.add_argument(
        "--lang", choices=("da", "en"), default=argparse.SUPPRESS, help="language of messages (default: da)"
    )
    reading = argparse.ArgumentParser(add_help=False)
    reading.add_argument("--sep", help="separator: ; , tab or | (default: detect)")
    reading.add_argument("--encoding", help="encoding, e.g. utf-8 or cp1252 (default: detect)")
    reading.add_argument("--decimal", choices=(",", "."), help="decimal mark (default: detect)")
    reading.add_argument("--sheet", help="sheet name or number of an XLSX file (default: the first)")
    reading.add_argument("--profile", help="a saved import profile (name) or a profile JSON file")
    reading.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="'FILE COLUMN=ATLAS COLUMN'",
        help="map a file column to an atlas column (repeatable; an empty atlas column ignores the file column)",
    )
    reading.add_argument(
        "--area-distance-km", type=float, help="largest distance from a centre to the area it is given (default 1.5)"
    )
    reading.add_argument("--save-profile", metavar="NAME", help="save the mapping used as an import profile")

    parser = argparse.ArgumentParser(
        prog="python -m lib.cli", description="Medborgercenter-atlas data tools", parents=[common]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", parents=[common, reading], help="check a file without importing it")
    p.add_argument("table", choices=(*TABLE_NAMES, "network"))
    p.add_argument("file")
    p = sub.add_parser("import", parents=[common, reading], help="import a file as a new version")
    p.add_argument("table", choices=(*TABLE_NAMES, "network"))
    p.add_argument("file")
    p.add_argument(
        "--mode",
        choices=("append", "upsert", "replace"),
        help="default: append for survey_responses, upsert (update by key) for the other tables",
    )
    p.add_argument("--editor", help="name recorded in the audit trail (default: cli:<user>)")
    p = sub.add_parser("versions", parents=[common], help="list the versions of a table")
    p.add_argument("table", choices=TABLE_NAMES)
    p = sub.add_parser("rollback", parents=[common], help="make an earlier version current again")
    p.add_argument("table", choices=TABLE_NAMES)
    p.add_argument("version", type=int)
    p.add_argument("--editor", help="name recorded in the audit trail (default: cli:<user>)")
    p.add_argument("--force", action="store_true", help="roll back even if other tables' rows would point at nothing")
    p = sub.add_parser("export", parents=[common], help="write a version to a CSV or XLSX file")
    p.add_argument("table", choices=TABLE_NAMES)
    p.add_argument("file")
    p.add_argument("--version", type=int, help="version id (default: the current one)")
    sub.add_parser("seed", parents=[common], help="load the bundled sample into tables that have no version")
    return parser


def _choices(args, engine):
    """The column mapping: a profile (name or JSON file), then ``--map`` pairs over it."""
    from lib.data import mapping

    table = None if args.table == "network" else args.table
    base = mapping.load_profile(engine, args.profile, table) if args.profile else mapping.Choices()
    given = mapping.Choices.from_pairs(args.map, args.area_distance_km)
    return base.merged(given)


def _report_mapping(extras: dict, lang: str, table: str = "") -> None:
    """The mapping used, each centre's area and the warnings, on stderr (stdout keeps one problem per line)."""
    mapper = extras.get("mapper")
    prefix = f"{table}: " if table else ""
    if mapper is not None and mapper.columns:
        for rec in mapper.mapping_frame(lang).to_dict("records"):
            target = rec["target"] if rec["target"] is not None else "-"
            cells = [rec["file_column"], target or "(ignored)", rec["how"]]
            _err(prefix + "mapping\t" + "\t".join(_clean(c) for c in cells))
        for column, todo in mapper.missing(lang):
            _err(f"{prefix}missing\t{column}\t{_clean(todo)}")
    assignments = extras.get("assignments")
    if assignments is not None:
        for rec in assignments.to_dict("records"):
            dist = rec["distance_m"]
            shown = "" if dist is None or dist != dist else f"{dist / 1000:.2f} km"
            cells = [rec["row"], rec["centre"], rec["area_name"] or rec["area_id"] or "-", rec["method"], shown]
            _err("area\t" + "\t".join(_clean(c) for c in cells))
    from lib.data import integrity

    broken = extras.get("integrity")
    if broken is not None and not broken.empty:
        for line in integrity.messages(broken, lang):
            _err(f"warning\t{line}")
    warnings = extras.get("warnings")
    if warnings is not None and not warnings.empty:
        for line in format_problems(warnings, lang).splitlines():
            _err(f"warning\t{line}")


def _network(args, engine, lang: str, path) -> int:
    """validate/import network: a Kumu workbook (or GraphML/GEXF) as actors and ties in one step."""
    from lib.data import network_io

    prepared = network_io.prepare_network(engine, path, source_file=path.name, choices=_choices(args, engine))
    _report_mapping(prepared.actors.extras, lang, "actors")
    _report_mapping(prepared.ties.extras, lang, "ties")
    if not prepared.ok:
        _out(format_problems(prepared.problems, lang))
        return EXIT_PROBLEMS
    if args.command == "validate":
        a, t = prepared.actors.diff, prepared.ties.diff
        _err(f"ok: actors added {a['added']}, changed {a['changed']}; ties added {t['added']}, changed {t['changed']}")
        return EXIT_OK
    versions = network_io.commit_network(engine, prepared, editor=_editor(args))
    _out(f"{versions['actors']}\t{versions['ties']}")
    return EXIT_OK


def _editor(args) -> str:
    if getattr(args, "editor", None):
        return args.editor
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _options(args):
    from lib.data import ingest

    sheet = args.sheet
    return ingest.ReadOptions(separator=args.sep, encoding=args.encoding, decimal=args.decimal, sheet=sheet)


def _out(text: str) -> None:
    sys.stdout.write(text + ("\n" if text and not text.endswith("\n") else ""))


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def run(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: usage errors and --help
        return EXIT_OK if exc.code in (0, None) else EXIT_USAGE
    from lib.data import store
    from lib.i18n import DEFAULT_LANGUAGE

    lang = getattr(args, "lang", None) or DEFAULT_LANGUAGE
    try:
        engine = store.get_engine(getattr(args, "database", None))
    except Exception as err:  # noqa: BLE001 - a bad URL or an unreachable server is an I/O error
        _err(f"database: {type(err).__name__}: {err}")
        return EXIT_USAGE
    try:
        return _dispatch(args, engine, lang)
    except AtlasError as err:
        _err(err.message(lang))
        refused = ("store.concurrent_import", "data.err.changed_meanwhile", "data.err.has_problems")
        return EXIT_PROBLEMS if err.key in refused else EXIT_USAGE
    except OSError as err:
        _err(f"{type(err).__name__}: {err}")
        return EXIT_USAGE
    finally:
        engine.dispose()


def _dispatch(args, engine, lang: str) -> int:
    from lib.data import export, store
    from lib.data import imports as dataops

    if args.command in ("validate", "import"):
        path = Path(args.file)
        if not path.is_file():
            _err(f"{args.file}: no such file")
            return EXIT_USAGE
        if args.table == "network":
            return _network(args, engine, lang, path)
        choices = _choices(args, engine)
        prepared = dataops.prepare(
            engine,
            args.table,
            path,
            source_file=path.name,
            mode=getattr(args, "mode", None),
            options=_options(args),
            choices=choices,
        )
        _report_mapping(prepared.extras, lang)
        if args.save_profile and prepared.extras.get("mapper") is not None:
            from lib.data import mapping

            used = prepared.extras["mapper"].used_choices()
            mapping.save_profile(engine, args.save_profile, args.table, used, editor=_editor(args))
            _err(f"profile: saved '{args.save_profile}'")
        if not prepared.ok:
            _out(format_problems(prepared.problems, lang))
            return EXIT_PROBLEMS
        if args.command == "validate":
            d = prepared.diff
            _err(f"ok: {prepared.n_rows} rows; added {d['added']}, changed {d['changed']}, removed {d['removed']}")
            return EXIT_OK
        version = dataops.commit(engine, prepared, editor=_editor(args))
        _out(str(version))
        return EXIT_OK
    if args.command == "versions":
        frame = dataops.versions_with_diffs(engine, args.table)
        _out("version\tcreated_at\teditor\tfile\taction\trows\tchecksum\tcurrent\tadded\tremoved\tchanged")
        for r in frame.to_dict("records"):
            fields = [
                r["version_id"],
                r["created_at"],
                r["editor"],
                r["source_file"],
                r["action"],
                r["n_rows"],
                r["checksum"][:12],
                "*" if r["is_current"] else "",
                r["added"],
                r["removed"],
                r["changed"],
            ]
            _out("\t".join(_clean(f) for f in fields))
        return EXIT_OK
    if args.command == "rollback":
        from lib.data import integrity

        broken = integrity.rollback_effect(engine, args.table, args.version)
        for line in integrity.messages(broken, lang):
            _err(f"warning\t{line}")
        if not broken.empty and not args.force:
            _err("refused: add --force to roll back all the same")
            return EXIT_PROBLEMS
        version = dataops.rollback(engine, args.table, args.version, editor=_editor(args))
        _out(str(version))
        return EXIT_OK
    if args.command == "export":
        if args.version is None:
            ids = store.current_version_ids(engine)
            if args.table not in ids:
                raise AtlasError("store.unknown_version", version="-", table=args.table)
            version = ids[args.table]
        else:
            version = args.version
            known = set(store.list_versions(engine, args.table)["version_id"])
            if version not in known:
                raise AtlasError("store.unknown_version", version=version, table=args.table)
        frame = store.read_version(engine, version)
        path = Path(args.file)
        data = (
            export.to_xlsx_bytes(frame, args.table)
            if path.suffix.lower() == ".xlsx"
            else export.to_csv_bytes(frame, lang)
        )
        path.write_bytes(data)
        _err(f"{args.table} v{version}: {len(frame)} rows -> {path}")
        return EXIT_OK
    if args.command == "seed":
        seeded = store.ensure_seeded(engine)
        _out(", ".join(seeded) if seeded else "nothing to seed")
        return EXIT_OK
    return EXIT_USAGE


def main() -> None:
    """Entry point of ``python -m lib.cli``."""
    code = run()
    # Leave without the interpreter's teardown: Arrow's native thread pools can abort a finishing
    # process ("terminate called without an active exception", exit -6) after the work is done and
    # committed, seen once in CI after a successful import (apache/arrow#34314). By now run() has
    # closed its files and disposed of its engine; only the buffered output is left to write.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away (``| head``) or a closed stream
            pass
    os._exit(code)


if __name__ == "__main__":
    main()
