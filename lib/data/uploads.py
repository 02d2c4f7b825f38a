"""The one bounded reader every upload goes through (data files and boundary layers alike).

A file from a browser is hostile until proven otherwise. Before any parser sees it:

- its size is checked against ``ATLAS_MAX_UPLOAD_MB`` (:func:`check_size`);
- a zip archive (XLSX workbooks and zipped Shapefiles are zips) has its central directory
  walked by hand first, so a directory of a million entries is refused before
  :mod:`zipfile` builds a million objects; then every member's path, encryption flag,
  compression method and declared size is checked, and the declared sizes together may not
  exceed the expansion limit (:func:`open_zip`);
- members are decompressed in chunks (:func:`stream_member`), never with a blind
  ``read()``: the bytes that actually come out are counted against the member's declared
  size and against the total expansion budget, and a member that is itself an archive is
  refused by name and by its first bytes;
- a header with more than :data:`MAX_COLUMNS` cells is refused before the body is parsed
  (:func:`check_columns`, called by the readers);
- whatever has to go to disk (GDAL reads files, not bytes) goes into a folder of its own
  with a byte quota (:class:`UploadFolder`), removed when the reading is done, whatever
  happened. Folders left behind by a killed process are swept on the next upload.

The limits are one value (:class:`Limits`); errors are :class:`~lib.errors.AtlasError` with
``data.err.*`` keys whose texts (Danish and English) say what was refused and why.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import struct
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lib.errors import AtlasError

#: Most header cells a data file may have (the widest table has about 40 columns).
MAX_COLUMNS = 500
#: Most members a zip archive may have (a workbook has tens, a Shapefile about ten).
MAX_MEMBERS = 1000
#: What all members of a zip together may unpack to: at most :data:`RATIO` times the archive's
#: own size (at least :data:`FLOOR` bytes), and never more than :data:`EXPANSION_FACTOR` times the
#: upload limit. Workbooks pack about 5-15:1 and Shapefiles 2-5:1; zip bombs 1000:1.
EXPANSION_FACTOR = 10
RATIO = 50
FLOOR = 20 * 1024 * 1024
#: Bytes decompressed per step.
CHUNK = 1 << 20
#: Prefix of the per-upload temp folders (swept when older than :data:`STALE_SECONDS`).
FOLDER_PREFIX = "atlas_upload_"
STALE_SECONDS = 3600

_ARCHIVE_SUFFIXES = frozenset(".zip .gz .tgz .tar .7z .rar .bz2 .xz .zst .lz .lzma .cab .kmz .jar".split())
_ARCHIVE_MAGIC = (
    b"PK\x03\x04",  # zip (also xlsx, docx, kmz, jar)
    b"PK\x05\x06",  # empty zip
    b"\x1f\x8b",  # gzip
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"BZh",
    b"\xfd7zXZ\x00",
    b"\x28\xb5\x2f\xfd",  # zstandard
    b"MSCF",  # cabinet
)
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


@dataclass(frozen=True)
class Limits:
    """How much one upload may be: its own size, what it unpacks to, members and header cells.

    Examples
    --------
    >>> limits = Limits.for_upload(10 * 1024 * 1024)
    >>> limits.max_expanded // (1024 * 1024), limits.expansion_for(1024 * 1024) // (1024 * 1024)
    (100, 50)
    """

    max_bytes: int
    max_expanded: int
    max_members: int = MAX_MEMBERS
    max_columns: int = MAX_COLUMNS

    @classmethod
    def for_upload(cls, max_bytes: int | None = None) -> Limits:
        """The limits for an upload of at most ``max_bytes`` (default: the ``ATLAS_MAX_UPLOAD_MB`` setting)."""
        if max_bytes is None:
            from lib import settings

            max_bytes = settings.max_upload_bytes()
        return cls(max_bytes=int(max_bytes), max_expanded=int(max_bytes) * EXPANSION_FACTOR)

    def expansion_for(self, size: int) -> int:
        """Bytes an archive of ``size`` bytes may unpack to, all members together."""
        return min(self.max_expanded, max(int(size) * RATIO, FLOOR))


def mb(n: int) -> float:
    """Bytes as megabytes, one decimal: the messages write it in the reader's language (``{mb:num1}``).

    Examples
    --------
    >>> mb(5 * 1024 * 1024 + 512 * 1024)
    5.5
    """
    return round(n / (1024 * 1024), 1)


def check_size(size: int, limits: Limits) -> None:
    """Refuse an upload larger than ``limits.max_bytes`` (before anything reads it)."""
    if size > limits.max_bytes:
        raise AtlasError("data.err.too_large", mb=mb(size), limit=mb(limits.max_bytes))


def check_columns(n: int, limits: Limits) -> None:
    """Refuse a header with more than ``limits.max_columns`` cells."""
    if n > limits.max_columns:
        raise AtlasError("data.err.too_many_columns", n=n, limit=limits.max_columns)


def is_archive(name: str, head: bytes = b"") -> bool:
    r"""Whether a zip member is itself an archive, by its name or its first bytes.

    Examples
    --------
    >>> is_archive("kommuner.zip"), is_archive("a.shp", b"PK\x03\x04"), is_archive("a.dbf", b"\x03")
    (True, True, False)
    """
    if PurePosixPath(name.replace("\\", "/")).suffix.lower() in _ARCHIVE_SUFFIXES:
        return True
    return any(head.startswith(m) for m in _ARCHIVE_MAGIC) or head[257:262] == b"ustar"


# --- zip archives ---------------------------------------------------------------------------------


def _central_directory_entries(data: bytes, stop_after: int) -> int | None:
    """Entries in the zip's central directory, counted up to ``stop_after`` + 1 without parsing them.

    None when the end record cannot be found (then :mod:`zipfile` says what is wrong).
    """
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return None
    cd_size, cd_offset = struct.unpack("<II", data[end + 12 : end + 20])
    cd_end = end
    if cd_size == 0xFFFFFFFF or cd_offset == 0xFFFFFFFF or data[end + 10 : end + 12] == b"\xff\xff":
        locator = end - 20
        if locator < 0 or data[locator : locator + 4] != b"PK\x06\x07":
            return None
        (record,) = struct.unpack("<Q", data[locator + 8 : locator + 16])
        if record + 56 > len(data) or data[record : record + 4] != b"PK\x06\x06":
            return None
        (cd_size,) = struct.unpack("<Q", data[record + 40 : record + 48])
        cd_end = record
    pos, count = max(0, cd_end - cd_size), 0
    while pos + 46 <= cd_end and data[pos : pos + 4] == b"PK\x01\x02":
        count += 1
        if count > stop_after:
            break
        name_len, extra_len, comment_len = struct.unpack("<HHH", data[pos + 28 : pos + 34])
        pos += 46 + name_len + extra_len + comment_len
    return count


def _unsafe_path(name: str) -> bool:
    if "\x00" in name or not name.strip():
        return True
    path = name.replace("\\", "/")
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return True
    return any(part == ".." for part in path.split("/"))


def open_zip(data: bytes, limits: Limits, *, archive_error: str = "data.err.xlsx_broken") -> zipfile.ZipFile:
    """Open a zip upload after checking its directory: member count, paths, methods and declared sizes.

    Parameters
    ----------
    data : bytes
        The archive (already within ``limits.max_bytes``).
    limits : Limits
        Member count and expansion limits.
    archive_error : str
        Message key for an archive that :mod:`zipfile` cannot open.

    Returns
    -------
    zipfile.ZipFile
        Open on ``data``; the caller closes it. Nothing has been decompressed yet: use
        :func:`stream_member` (which counts what comes out) to read members.

    Raises
    ------
    AtlasError
        ``data.err.zip_members``, ``zip_path``, ``zip_encrypted``, ``zip_method``,
        ``zip_nested``, ``zip_too_big_inside`` or ``archive_error``.
    """
    check_size(len(data), limits)
    entries = _central_directory_entries(data, limits.max_members)
    if entries is not None and entries > limits.max_members:
        raise AtlasError("data.err.zip_members", n=f">{limits.max_members}", limit=limits.max_members)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as err:
        raise AtlasError(archive_error) from err
    try:
        infos = zf.infolist()
        if len(infos) > limits.max_members:
            raise AtlasError("data.err.zip_members", n=len(infos), limit=limits.max_members)
        declared = 0
        for info in infos:
            if _unsafe_path(info.filename) or stat.S_ISLNK(info.external_attr >> 16):
                raise AtlasError("data.err.zip_path", member=info.filename[:80])
            if info.flag_bits & 0x1:
                raise AtlasError("data.err.zip_encrypted", member=info.filename[:80])
            if info.compress_type not in _METHODS:
                raise AtlasError("data.err.zip_method", member=info.filename[:80])
            if not info.is_dir() and is_archive(info.filename):
                raise AtlasError("data.err.zip_nested", member=info.filename[:80])
            declared += info.file_size
        allowed = limits.expansion_for(len(data))
        if declared > allowed:
            raise AtlasError("data.err.zip_too_big_inside", over="", mb=mb(declared), limit=mb(allowed))
    except BaseException:
        zf.close()
        raise
    return zf


class Budget:
    """Bytes that may still come out of an archive, shared by all its members."""

    def __init__(self, limit: int):
        self.limit = limit
        self.used = 0

    def take(self, n: int) -> None:
        """Count ``n`` more bytes; refuse once the total passes the limit."""
        self.used += n
        if self.used > self.limit:
            raise AtlasError("data.err.zip_too_big_inside", over="> ", mb=mb(self.limit), limit=mb(self.limit))


def stream_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget) -> Iterator[bytes]:
    """The member's bytes in chunks of at most :data:`CHUNK`, counted as they come out.

    Refuses (``AtlasError``) a member whose first bytes are an archive, one that yields more or
    fewer bytes than it declares or fails its checksum, and any chunk past the budget.
    """
    actual = 0
    try:
        with zf.open(info) as member:
            while True:
                chunk = member.read(CHUNK)
                if not chunk:
                    break
                if actual == 0 and is_archive("", chunk[:512]):
                    raise AtlasError("data.err.zip_nested", member=info.filename[:80])
                actual += len(chunk)
                if actual > info.file_size:
                    raise AtlasError("data.err.zip_size_mismatch", member=info.filename[:80])
                budget.take(len(chunk))
                yield chunk
    except AtlasError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as err:
        raise AtlasError("data.err.zip_damaged", member=info.filename[:80]) from err
    except Exception as err:  # noqa: BLE001 - lzma/bz2/zlib raise their own types for damaged streams
        raise AtlasError("data.err.zip_damaged", member=info.filename[:80]) from err
    if actual != info.file_size:
        raise AtlasError("data.err.zip_size_mismatch", member=info.filename[:80])


def verify_zip(data: bytes, limits: Limits, *, archive_error: str = "data.err.xlsx_broken") -> list[str]:
    """Decompress every member once, counting, and throw the bytes away; return the member names.

    For readers that open the archive themselves (openpyxl): afterwards every declared size is
    known to be true, so their own decompression is bounded by the same limits.
    """
    with open_zip(data, limits, archive_error=archive_error) as zf:
        budget = Budget(limits.expansion_for(len(data)))
        for info in zf.infolist():
            if not info.is_dir():
                for _chunk in stream_member(zf, info, budget):
                    pass
        return zf.namelist()


# --- temp files ---------------------------------------------------------------------------------------


def sweep_stale(root: str | Path | None = None, *, older_than: float = STALE_SECONDS) -> int:
    """Remove upload folders left behind by a killed process; returns how many were removed."""
    root = Path(root or tempfile.gettempdir())
    now, removed = time.time(), 0
    try:
        candidates = list(root.glob(FOLDER_PREFIX + "*"))
    except OSError:
        return 0
    for path in candidates:
        try:
            if path.is_dir() and not path.is_symlink() and now - path.stat().st_mtime > older_than:
                shutil.rmtree(path, ignore_errors=True)
                removed += 1
        except OSError:
            continue
    return removed


class UploadFolder:
    """A temp folder of one upload with a byte quota; removed on exit, whatever happened.

    Examples
    --------
    >>> with UploadFolder(quota=10) as folder:
    ...     path = folder.write("a.txt", [b"12345"])
    ...     path.read_bytes()
    b'12345'
    >>> path.exists()
    False
    """

    def __init__(self, quota: int, *, root: str | Path | None = None):
        self.quota = int(quota)
        self.used = 0
        self.root = root
        self.path: Path | None = None

    def __enter__(self) -> UploadFolder:
        sweep_stale(self.root)
        self.path = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX, dir=self.root))
        return self

    def __exit__(self, *exc) -> None:
        if self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)

    def write(self, name: str, chunks) -> Path:
        """Write ``chunks`` (an iterable of bytes) to ``name`` in the folder, within the quota.

        ``name`` is reduced to its last path component: nothing is written outside the folder.
        A write that would pass the quota is refused before the chunk reaches the disk.
        """
        if self.path is None:
            raise RuntimeError("UploadFolder used outside its 'with' block")
        safe = os.path.basename(str(name).replace("\\", "/")) or "upload"
        target = self.path / safe
        with open(target, "wb") as out:
            for chunk in chunks:
                if self.used + len(chunk) > self.quota:
                    raise AtlasError("data.err.zip_too_big_inside", over="> ", mb=mb(self.quota), limit=mb(self.quota))
                self.used += len(chunk)
                out.write(chunk)
        return target

    def size_on_disk(self) -> int:
        """Bytes currently in the folder (for tests and measurements)."""
        if self.path is None or not self.path.exists():
            return 0
        return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())


def extract(
    zf: zipfile.ZipFile,
    budget: Budget,
    folder: UploadFolder,
    target_name: Callable[[zipfile.ZipInfo], str | None],
) -> dict[str, Path]:
    """Stream the members for which ``target_name`` gives a name into ``folder``; return name -> path.

    ``budget`` is the archive's expansion budget (``Budget(limits.expansion_for(len(data)))``);
    the folder's quota applies on top.
    """
    written = {}
    for info in zf.infolist():
        if info.is_dir():
            continue
        name = target_name(info)
        if name is None:
            continue
        written[name] = folder.write(name, stream_member(zf, info, budget))
    return written
