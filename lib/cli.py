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

    parser = argparse.ArgumentParser(
        prog="python -m lib.cli", description="Medborgercenter-atlas data tools", parents=[common]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", parents=[common, reading], help="check a file without importing it")
    p.add_argument("table", choices=TABLE_NAMES)
    p.add_argument("file")
    p = sub.add_parser("import", parents=[common, reading], help="import a file as a new version")
    p.add_argument("table", choices=TABLE_NAMES)
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
    p = sub.add_parser("export", parents=[common], help="write a version to a CSV or XLSX file")
    p.add_argument("table", choices=TABLE_NAMES)
    p.add_argument("file")
    p.add_argument("--version", type=int, help="version id (default: the current one)")
    sub.add_parser("seed", parents=[common], help="load the bundled sample into tables that have no version")
    return parser


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
        return EXIT_PROBLEMS if err.key in ("store.concurrent_import", "data.err.has_problems") else EXIT_USAGE
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
        prepared = dataops.prepare(
            engine,
            args.table,
            path,
            source_file=path.name,
            mode=getattr(args, "mode", None),
            options=_options(args),
        )
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
        version = store.rollback(engine, args.table, args.version, editor=_editor(args))
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
    sys.exit(run())


if __name__ == "__main__":
    main()
