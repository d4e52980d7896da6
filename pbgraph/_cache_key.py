"""The key of a dataset's entry in the cache (:mod:`pbgraph.cache`).

An entry is keyed by the dataset path, the pbgraph version (and the fingerprint of its own source, so that an
edited checkout never reads what older code wrote) and a fingerprint of every file the path holds: name, size,
modification and change times (the change time is set by the system on every write, whatever a program does to
the modification time), inode and a content hash (the whole file up to `HASH_WHOLE` bytes, else its first,
middle and last `HASH_SAMPLE` bytes). A file changed, added or removed gives another key: an entry is never
stale.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

FORMAT = 6
"""The layout of an entry's files: part of the key, and written in the entry, where a reader checks it."""
HASH_WHOLE = 4 << 20
HASH_SAMPLE = 256 << 10


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """The size and time of each of pbgraph's source files: another version, or an edited checkout, is other
    code (the version itself is not read: reading the package metadata costs every command 45 ms)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.blake2b(f"{FORMAT}".encode(), digest_size=16)
    for source in sorted(package.rglob("*.py")):
        stat = source.stat()
        digest.update(f"{source.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _file_digest(path: Path, size: int) -> str:
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as handle:
        if size <= HASH_WHOLE:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        else:
            for offset in (0, size // 2, size - HASH_SAMPLE):
                handle.seek(offset)
                digest.update(handle.read(HASH_SAMPLE))
    return digest.hexdigest()


def _input_files(path: Path) -> list[Path]:
    """Every file a dataset path may be read from: the file itself, or each file directly in the folder."""
    if path.is_dir():
        return sorted(entry for entry in path.iterdir() if entry.is_file())
    return [path]


def fingerprint(path: str | os.PathLike[str]) -> str | None:
    """The key of the dataset at `path` as it is now (None when it cannot be read, which is never cached)."""
    try:
        resolved = Path(path).resolve(strict=True)
        # the dataset is named after the path as given (a link may name it otherwise than its target)
        given = os.path.basename(os.path.normpath(path))
        digest = hashlib.blake2b(f"{_code_fingerprint()}\n{resolved}\n{given}\n".encode(), digest_size=16)
        for file in _input_files(resolved):
            stat = file.stat()
            digest.update(
                f"{file.name}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ctime_ns}\0{stat.st_ino}\0"
                f"{_file_digest(file, stat.st_size)}\n".encode()
            )
    except OSError:
        return None
    where = hashlib.blake2b(f"{resolved}\n{given}".encode(), digest_size=8).hexdigest()
    return f"{where}-{digest.hexdigest()}"
