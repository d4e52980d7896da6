"""Where outputs land (DESIGN 5): never over an input, straight into /dev/null and FIFOs, folders replaced
whole or not at all, nothing left behind by a failed or killed writer."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

import pbgraph
from pbgraph._errors import OutputError
from pbgraph._write import TEMP_MARK, atomic_folder, atomic_open, atomic_path, reading
from pbgraph.cli import main
from pbgraph.export import export_csv
from pbgraph.generate import generate
from tests.conftest import ROOT, SAMPLE


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if TEMP_MARK in p.name)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """`folder` unwritable, also for root (chattr +i), or skip the test."""
    folder.chmod(0o555)
    immutable = False
    try:
        probe = folder / "probe"
        try:
            probe.touch()
        except OSError:
            pass
        else:
            probe.unlink()
            if shutil.which("chattr") is None:
                pytest.skip("cannot make a folder read-only for this user")
            immutable = subprocess.run(["chattr", "+i", str(folder)], check=False).returncode == 0
            if not immutable:
                pytest.skip("cannot make a folder read-only for this user")
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=False)
        folder.chmod(0o755)


def copy_sample(tmp_path: Path) -> Path:
    dataset = tmp_path / "dataset"
    shutil.copytree(SAMPLE, dataset)
    return dataset


# never over an input ---------------------------------------------------------------------------------------


def test_writer_refuses_a_file_the_command_read(tmp_path: Path) -> None:
    dataset = copy_sample(tmp_path)
    reading(dataset / "members.csv")
    before = (dataset / "members.csv").read_bytes()
    with pytest.raises(OutputError, match=r"members\.csv"), atomic_open(dataset / "members.csv") as handle:
        handle.write("x")
    assert (dataset / "members.csv").read_bytes() == before


def test_writer_sees_through_symlinks_and_hard_links(tmp_path: Path) -> None:
    dataset = copy_sample(tmp_path)
    reading(dataset / "members.csv")
    (tmp_path / "alias.csv").symlink_to(dataset / "members.csv")
    os.link(dataset / "members.csv", tmp_path / "hard.csv")
    for target in (tmp_path / "alias.csv", tmp_path / "hard.csv"):
        with pytest.raises(OutputError), atomic_path(target):
            pass
    (tmp_path / "link").symlink_to(dataset)
    with pytest.raises(OutputError), atomic_folder(tmp_path / "link", force=True):
        pass


def test_folder_output_may_not_hold_an_input(tmp_path: Path) -> None:
    dataset = copy_sample(tmp_path)
    reading(dataset)
    for target in (dataset, tmp_path):
        with pytest.raises(OutputError), atomic_folder(target, force=True):
            pass
    assert (dataset / "members.csv").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["report", "{d}", "-o", "{d}/members.csv"],
        ["analyze", "coverage", "{d}", "-o", "{d}/members.csv"],
        ["export", "{d}", "--to", "graphml", "-o", "{d}/members.csv"],
        ["export", "{d}", "--to", "csv", "-o", "{d}"],
        ["render", "gaps", "{d}", "-o", "{d}/liaisons.csv"],
    ],
    ids=["report", "analyze", "export-graph", "export-csv", "render"],
)
def test_commands_refuse_to_write_over_their_input(tmp_path: Path, args: list[str]) -> None:
    dataset = copy_sample(tmp_path)
    before = snapshot(dataset)
    result = CliRunner().invoke(main, [a.format(d=dataset) for a in args])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert snapshot(dataset) == before
    assert not leftovers(dataset) and not leftovers(tmp_path)


def test_report_xlsx_refuses_its_input_workbook(tmp_path: Path) -> None:
    workbook = tmp_path / "in.xlsx"
    generate("county", workbook, fmt="xlsx")
    before = workbook.read_bytes()
    for args in (
        ["report", str(workbook), "-o", str(workbook)],
        ["report", str(workbook), "-o", str(tmp_path / "r.html"), "--xlsx", str(workbook)],
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code != 0, args
        assert workbook.read_bytes() == before


# targets that are not regular files -----------------------------------------------------------------------


@pytest.fixture
def null_device(tmp_path: Path) -> Path:
    """A private /dev/null (the machine's own is shared: a failing test must not break it for others)."""
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        return Path(os.devnull)
    return device


def test_dev_null_is_written_to_not_replaced(null_device: Path) -> None:
    with atomic_open(null_device, "w") as handle:
        handle.write("data")
    with atomic_path(null_device) as path, open(path, "w") as handle:
        handle.write("data")
    assert stat.S_ISCHR(null_device.stat().st_mode)


def test_dev_null_from_the_command_line(null_device: Path) -> None:
    for args in (
        ["analyze", "coverage", str(SAMPLE), "--format", "json", "-o", str(null_device)],
        ["export", str(SAMPLE), "--to", "graphml", "-o", str(null_device)],
        ["report", str(SAMPLE), "-o", str(null_device), "--xlsx", str(null_device)],
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        assert stat.S_ISCHR(null_device.stat().st_mode), args


def test_fifo_is_written_to(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    with atomic_open(fifo, "w") as handle:
        handle.write("through the pipe")
    reader.join(10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


# failures leave nothing -----------------------------------------------------------------------------------


def test_failed_write_keeps_the_old_file_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write("half")
        raise RuntimeError("writer failed")
    with pytest.raises(RuntimeError), atomic_path(target) as path:
        path.write_text("half")
        raise RuntimeError("writer failed")
    assert target.read_text() == "old"
    assert not leftovers(tmp_path)


def test_read_only_folder_is_one_clear_line(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder):
        result = CliRunner().invoke(
            main, ["analyze", "coverage", str(SAMPLE), "--format", "json", "-o", str(folder / "c.json")]
        )
        assert result.exit_code == 1
        assert "Traceback" not in result.output
        # one line for the error (besides the analysis's notes, e.g. the activity period it used)
        lines = [line for line in result.output.strip().splitlines() if not line.startswith("注：")]
        assert len(lines) == 1, result.output
        with pytest.raises(OutputError), atomic_folder(folder / "sub"):
            pass


def test_non_empty_folder_needs_force(sample: pbgraph.Dataset, tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "keep.txt").write_text("a real roster")
    with pytest.raises(OutputError, match="--force"):
        export_csv(sample, target)
    assert snapshot(target) == {"keep.txt": b"a real roster"}
    export_csv(sample, target, force=True)
    # replaced whole: the folder holds exactly the dataset
    assert sorted(snapshot(target)) == sorted(f"{t}.csv" for t in sample.tables)
    assert pbgraph.load(target).equals(sample)
    assert not leftovers(tmp_path)


def test_leftovers_of_a_killed_process_are_swept(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    pid = int(dead.stdout)
    (tmp_path / f".out.json{TEMP_MARK}{pid}-abcd.tmp").write_text("roster")
    (tmp_path / f".out{TEMP_MARK}{pid}-abcd.d").mkdir()
    with atomic_open(tmp_path / "out.json") as handle:
        handle.write("{}")
    assert not leftovers(tmp_path)


KILLED_EXPORT = """
import sys
from pbgraph.generate import generate
generate("city", sys.argv[1], seed=int(sys.argv[2]), force=True)
"""


def test_killed_folder_write_leaves_old_or_new(tmp_path: Path) -> None:
    target, other = tmp_path / "out" / "city", tmp_path / "new"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for folder, seed in ((target, "1"), (other, "2")):
        subprocess.run(
            [sys.executable, "-c", KILLED_EXPORT, str(folder), seed], check=True, env=env, timeout=600
        )
    old, new = snapshot(target), snapshot(other)
    for delay, sig in (
        (0.5, signal.SIGKILL),
        (1.5, signal.SIGKILL),
        (3.0, signal.SIGKILL),
        (2.0, signal.SIGTERM),
    ):
        proc = subprocess.Popen([sys.executable, "-c", KILLED_EXPORT, str(target), "2"], env=env)
        time.sleep(delay)
        proc.send_signal(sig)
        proc.wait()
        assert snapshot(target) in (old, new), f"{sig.name} after {delay} s: a mix of old and new files"
        # the files being written had no name: nothing holding roster data is left behind
        assert not leftovers(target.parent), f"{sig.name} after {delay} s"


@pytest.mark.parametrize(
    "command",
    [
        ["export", "{data}", "--to", "csv", "-o", "{out}"],
        ["generate", "--scale", "county", "{out}"],
        ["import", "{office}", "-o", "{out}"],
        ["plan", "{data}", "--apply", "{out}"],
        ["neo4j", "bulk", "{data}", "{out}"],
    ],
    ids=["export", "generate", "import", "plan --apply", "neo4j bulk"],
)
@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("zh", "错误：输出文件夹“{out}”不是空的。请换一个文件夹，或加 --force 替换其中的内容。"),
        (
            "en",
            "Error: The output folder '{out}' is not empty. Choose another folder, or add --force to replace"
            " it.",
        ),
    ],
)
def test_every_folder_output_refuses_a_non_empty_folder_alike(
    tmp_path: Path, command: list[str], lang: str, words: str
) -> None:
    # one rule, one message, one exit code, whichever command writes the folder (plan --apply said it in other
    # words with exit code 2, import in a third way, neo4j bulk in a fourth)
    out = tmp_path / "out"
    out.mkdir()
    (out / "名单.txt").write_text("mine", encoding="utf-8")
    places = {"data": SAMPLE, "office": ROOT / "data" / "sample-office.xlsx", "out": out}
    args = [part.format(**places) for part in command]
    result = CliRunner().invoke(main, [*args, "--lang", lang])
    assert result.exit_code == 1, result.output
    assert words.format(out=out) in result.stderr
    assert snapshot(out) == {"名单.txt": b"mine"}


def test_import_into_its_source_is_refused_without_suggesting_force(tmp_path: Path) -> None:
    # --force never replaces an input: the message must not send the user to it
    shutil.copy(ROOT / "data" / "sample-office.xlsx", tmp_path / "office.xlsx")
    result = CliRunner().invoke(
        main, ["import", str(tmp_path / "office.xlsx"), "-o", str(tmp_path), "--force"]
    )
    assert result.exit_code == 1
    assert "是要读取的文件" in result.stderr and "加 --force" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["office.xlsx"]
