"""Writing outputs safely (DESIGN 5): the one home of every rule about where and how a file lands.

- An output never replaces a file or folder the command reads: :func:`reading` records what a command read
  (the loader calls it), and every writer here refuses a target that is, or holds, one of those (compared by
  resolved path and by inode, so symlinks and hard links are seen through).
- A regular file is written beside its target and renamed into place, so readers see the old file or the new
  one. Where the system allows it (Linux), the file being written has no name at all until it is complete
  (``O_TMPFILE``): a killed process leaves nothing behind that holds roster data.
- A target that exists and is not a regular file (/dev/null, a FIFO, a terminal) is written to directly,
  never renamed over.
- A folder output is assembled beside the target and renamed into place; a non-empty target is refused
  unless `force`.
- Temporary files are removed on every exit path: errors, Ctrl-C, SIGTERM/SIGHUP (turned into `SystemExit`
  while a write is in progress), and - for what a SIGKILL leaves - by the next write into the same folder.
"""

from __future__ import annotations

import contextvars
import ctypes
import ctypes.util
import errno
import io
import os
import re
import secrets
import shutil
import signal
import stat
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

import pandas as pd

from pbgraph._errors import OutputError
from pbgraph._texts import LANGS, say
from pbgraph._texts.cli import OUTPUTS

CONTROL_CHARACTERS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]"
"""Characters no XML 1.0 document (GraphML, GEXF, SVG, xlsx) may hold, as a regular expression."""
# lone surrogates too: only Python strings can hold them (arrow's cannot)
_CONTROL = re.compile(CONTROL_CHARACTERS[:-1] + "\ud800-\udfff]")

TEMP_MARK = ".pbgraph-"
"""Every temporary name this module makes contains this, then the writing process id."""

_READ: contextvars.ContextVar[tuple[tuple[Path, tuple[int, int] | None], ...]] = contextvars.ContextVar(
    "pbgraph_read", default=()
)


def xml_safe(text: str) -> str:
    r"""`text` without the characters XML cannot hold (the loader removes them; every XML writer guards too).

    Examples
    --------
    >>> xml_safe("张\x00三\x1f")
    '张三'
    """
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


FORMULA_START = "=+-@\t\r"
"""A CSV cell starting with one of these is a formula to a spreadsheet (DESIGN 5)."""
_NEEDS_QUOTE = re.compile("^'*[=+\\-@\t\r]")


def csv_safe(values: pd.Series) -> pd.Series:
    """Text cells a spreadsheet would run as a formula, written with a leading `'` (shown as text).

    A cell already starting with `'`s before such a character gets one more, so that the loader, which
    removes exactly one (:data:`CSV_UNQUOTE`), gives every cell back as it was.

    Examples
    --------
    >>> csv_safe(pd.Series(["=1+1", "-3", "'=x", "'ok", "名"])).tolist()
    ["'=1+1", "'-3", "''=x", "'ok", '名']
    """
    if not (pd.api.types.is_string_dtype(values.dtype) or values.dtype == object):
        return values
    text = values.astype("str")
    risky = text.str.match(_NEEDS_QUOTE.pattern).to_numpy(dtype=bool) & values.notna().to_numpy()
    if not risky.any():
        return values
    out = values.astype(object).copy()
    out[risky] = "'" + text[risky]
    return out


CSV_UNQUOTE = ("^'('*[=+\\-@\t\r])", "\\1")
"""(pattern, replacement) that undoes :func:`csv_safe` on a CSV cell (RE2 syntax, for arrow)."""


def _error(key: str, **values: Any) -> OutputError:
    return OutputError(*(say(OUTPUTS, key, lang, **values) for lang in LANGS))


# what the command reads -----------------------------------------------------------------------------------


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def reading(*paths: str | os.PathLike[str]) -> None:
    """Record that the running command reads these files or folders: no output may replace them."""
    known = list(_READ.get())
    for path in paths:
        resolved = Path(os.path.abspath(path)).resolve()
        known.append((resolved, _identity(resolved)))
    _READ.set(tuple(known))


def forget_reads() -> None:
    """Start a new command: nothing read yet (the CLI calls this once per invocation)."""
    _READ.set(())


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_target(target: str | os.PathLike[str], *, folder: bool = False) -> Path:
    """The resolved target, or OutputError when writing it would replace something the command reads.

    A file target may not be a file read (nor the folder read); a folder target may not be, hold or lie inside
    an input it would replace.
    """
    resolved = Path(os.path.abspath(target)).resolve()
    ident = _identity(resolved)
    for source, source_ident in _READ.get():
        same = resolved == source or (ident is not None and ident == source_ident)
        if same or (folder and _inside(source, resolved)):
            raise _error("overwrites_input", target=target, source=source.name)
    return resolved


# temporary files ------------------------------------------------------------------------------------------


def _temp_name(target: Path, suffix: str = ".tmp") -> Path:
    return target.parent / f".{target.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}{suffix}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep(folder: Path) -> None:
    """Remove what killed pbgraph processes left in `folder` (temporary files and folders of dead pids)."""
    with suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if not name.startswith(".") or TEMP_MARK not in name:
                continue
            pid_text = name.split(TEMP_MARK, 1)[1].split("-", 1)[0]
            if not pid_text.isdigit() or _alive(int(pid_text)):
                continue
            with suppress(OSError):
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path)
                else:
                    os.unlink(entry.path)


@contextmanager
def _signals_exit() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP end the process through SystemExit (so cleanup runs)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def leave(signum: int, _frame: Any) -> None:
        raise SystemExit(128 + signum)

    saved = {}
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is None:
            continue
        with suppress(ValueError, OSError):
            current = signal.getsignal(sig)
            if current in (signal.SIG_DFL, None):
                saved[sig] = current
                signal.signal(sig, leave)
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _file_mode() -> int:
    return 0o666 & ~_umask()


_AT_FDCWD = -100
_AT_EMPTY_PATH = 0x1000


def _libc() -> Any:
    name = ctypes.util.find_library("c")
    return ctypes.CDLL(name, use_errno=True) if name else None


_LIBC: Any = _libc() if hasattr(os, "O_TMPFILE") else None


def _anonymous(folder: Path) -> int | None:
    """A file in `folder` with no name yet (Linux O_TMPFILE), or None where the system cannot."""
    if _LIBC is None:
        return None
    try:
        return os.open(folder, os.O_TMPFILE | os.O_RDWR, _file_mode())
    except OSError:
        return None


def _give_name(fd: int, path: Path) -> bool:
    """Link the anonymous file `fd` at `path` (False when the system refuses)."""
    if _LIBC.linkat(fd, b"", _AT_FDCWD, os.fsencode(path), _AT_EMPTY_PATH) == 0:
        return True
    with suppress(OSError):
        os.link(f"/proc/self/fd/{fd}", path, follow_symlinks=True)
        return True
    return False


def _is_special(path: Path) -> bool:
    """Exists and is not a regular file or folder (a device, FIFO, socket): written to, never replaced."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _ready_parent(target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _os_error(target, error) from None
    if target.is_dir():
        raise _error("is_folder", target=target)
    sweep(target.parent)


def _os_error(target: Path, error: OSError) -> OutputError:
    """What stops writing `target`, in pbgraph's words where it knows the cause (the system's words would
    repeat them, in English); the system's words, for any other cause."""
    if error.errno in (errno.EACCES, errno.EPERM):
        return _error("permission", target=target)
    if error.errno == errno.EROFS:
        return _error("read_only", target=target)
    if error.errno == errno.ENOSPC:
        return _error("disk_full", target=target)
    if error.errno in (errno.EEXIST, errno.ENOTDIR):
        # a folder on the way to the target is a file (`-o gaps.png/r.html`)
        file = next((p for p in reversed(target.parents) if p.exists() and not p.is_dir()), None)
        if file is not None:
            return _error("parent_is_file", target=target, parent=file)
    return _error("cannot_write", target=target, reason=error.strerror or str(error))


# files ----------------------------------------------------------------------------------------------------


@contextmanager
def atomic_open(target: str | os.PathLike[str], mode: str = "w", *, seeks: bool = True) -> Iterator[IO[Any]]:
    """Open `target` for writing so that readers see the old file or the complete new one (UTF-8 for text).

    The file lands only if the block finishes without an exception. Never over something the command reads;
    a non-regular target (/dev/null, a FIFO) is written to directly: as one stream at the end when the writer
    `seeks` (a zip writer), else as it is written.
    """
    target = Path(target)
    check_target(target)
    kwargs: dict[str, Any] = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
    if _is_special(target) and not seeks:
        with _reraise(target), open(target, mode, **kwargs) as handle:
            yield handle
        return
    if _is_special(target):
        # written whole at the end, in one stream: a device or FIFO cannot seek, as zip writers want to
        buffer: io.BytesIO | io.StringIO = io.BytesIO() if "b" in mode else io.StringIO(newline="")
        yield buffer
        with _reraise(target), open(target, mode, **kwargs) as handle:
            handle.write(buffer.getvalue())
        return
    _ready_parent(target)
    final = target.resolve() if target.is_symlink() else target
    fd = _anonymous(final.parent)
    if fd is None:
        with atomic_path(target) as tmp, open(tmp, mode, **kwargs) as handle:
            yield handle
        return
    with _signals_exit():
        try:
            with open(fd, mode, closefd=False, **kwargs) as handle:
                yield handle
            os.fsync(fd)
            named = _temp_name(final)
            if not _give_name(fd, named):
                # no way to name it: copy it the ordinary way
                os.lseek(fd, 0, os.SEEK_SET)
                with atomic_path(target) as tmp, open(tmp, "wb") as out, open(fd, "rb", closefd=False) as src:
                    shutil.copyfileobj(src, out)
                return
            try:
                os.replace(named, final)
            except OSError:
                with suppress(OSError):
                    os.unlink(named)
                raise
        except OSError as error:
            raise _os_error(target, error) from None
        finally:
            os.close(fd)


@contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A path to write in place of `target`: a hidden name beside it, renamed over it if the block succeeds.

    For writers that need a file name. Prefer :func:`atomic_open`, which leaves nothing behind even when the
    process is killed.
    """
    target = Path(target)
    check_target(target)
    if _is_special(target):
        with _reraise(target):
            yield target
        return
    _ready_parent(target)
    final = target.resolve() if target.is_symlink() else target
    tmp = _temp_name(final)
    with _signals_exit():
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _file_mode())
            os.close(fd)
            yield tmp
            os.replace(tmp, final)
        except OSError as error:
            raise _os_error(target, error) from None
        finally:
            with suppress(OSError):
                os.unlink(tmp)


@contextmanager
def _reraise(target: Path) -> Iterator[None]:
    try:
        yield
    except OSError as error:
        raise _os_error(target, error) from None


# folders --------------------------------------------------------------------------------------------------


def check_folder_target(target: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Refuse a folder output that replaces an input, is a file, or is a non-empty folder without `force`."""
    target = Path(target)
    check_target(target, folder=True)
    if target.exists() and not target.is_dir():
        raise _error("not_a_folder", target=target)
    if not force and target.is_dir() and any(target.iterdir()):
        raise _error("folder_not_empty", target=target)
    return target


class FolderOutput:
    """The files of a folder output, collected nameless (where possible) and placed together at the end."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.staging = _temp_name(target, ".d")
        self._anonymous: dict[str, int] = {}
        self._named = False

    @contextmanager
    def open(self, name: str, mode: str = "w") -> Iterator[IO[Any]]:
        """Open the file `name` of the folder for writing (UTF-8 for text)."""
        kwargs: dict[str, Any] = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
        fd = _anonymous(self.target.parent)
        if fd is None:
            self._ensure_staging()
            with open(self.staging / name, mode, **kwargs) as handle:
                yield handle
            return
        try:
            with open(fd, mode, closefd=False, **kwargs) as handle:
                yield handle
        except BaseException:
            os.close(fd)
            raise
        self._anonymous[name] = fd

    def path(self, name: str) -> Path:
        """A path for the file `name`, for writers that need one (the folder exists from then on, hidden)."""
        self._ensure_staging()
        return self.staging / name

    def _ensure_staging(self) -> None:
        if not self._named:
            self.staging.mkdir(mode=0o700)
            self._named = True

    def commit(self) -> None:
        self._ensure_staging()
        os.chmod(self.staging, 0o777 & ~_umask())
        for name, fd in list(self._anonymous.items()):
            os.fsync(fd)
            if not _give_name(fd, self.staging / name):
                os.lseek(fd, 0, os.SEEK_SET)
                with open(self.staging / name, "wb") as out, open(fd, "rb", closefd=False) as src:
                    shutil.copyfileobj(src, out)
        old = None
        if self.target.is_dir():
            if any(self.target.iterdir()):
                old = _temp_name(self.target, ".old")
                os.rename(self.target, old)
            else:
                self.target.rmdir()
        os.rename(self.staging, self.target)
        self._named = False
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        for fd in self._anonymous.values():
            with suppress(OSError):
                os.close(fd)
        self._anonymous.clear()
        if self._named:
            shutil.rmtree(self.staging, ignore_errors=True)
            self._named = False


@contextmanager
def atomic_folder(target: str | os.PathLike[str], *, force: bool = False) -> Iterator[FolderOutput]:
    """A folder output: written beside `target` and renamed into place when the block succeeds.

    Refuses a target that the command reads (or that holds what it reads), and a non-empty folder unless
    `force`. On any failure the old folder is left as it was and nothing new remains.
    """
    target = check_folder_target(target, force=force)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _os_error(target, error) from None
    sweep(target.parent)
    output = FolderOutput(target)
    with _signals_exit():
        try:
            yield output
            output.commit()
        except OSError as error:
            raise _os_error(target, error) from None
        finally:
            output.discard()


def written_files(folder: Path, names: Iterable[str]) -> list[Path]:
    """The paths of `names` inside `folder` (what a folder writer reports it wrote)."""
    return [folder / name for name in names]
