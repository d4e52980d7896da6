"""Every command that writes a file keeps stdout for the rows it was asked to print: with the file written,
stdout is empty and stderr says what was written (已写入 PATH), so that `pbgraph report … -o r.html > log` or
a pipe stays clean and one `2>` catches every message."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.broken import base, write_csv
from tests.test_cli import run

# (the arguments after the dataset folder {data}, the outputs {out}/… they write)
WRITERS = {
    "analyze table": (["analyze", "coverage", "{data}", "-o", "{out}/coverage.txt"], ["coverage.txt"]),
    "analyze json": (["analyze", "all", "{data}", "-o", "{out}/all.json"], ["all.json"]),
    "analyze xlsx": (["analyze", "all", "{data}", "-o", "{out}/all.xlsx"], ["all.xlsx"]),
    "info": (["info", "{data}", "-o", "{out}/info.csv"], ["info.csv"]),
    "render": (["render", "network", "{data}", "-o", "{out}/network.html"], ["network.html"]),
    "report": (
        ["report", "{data}", "-o", "{out}/report.html", "--xlsx", "{out}/report.xlsx"],
        ["report.html", "report.xlsx"],
    ),
    "export xlsx": (["export", "{data}", "--to", "xlsx", "-o", "{out}/gaps.xlsx"], ["gaps.xlsx"]),
    "export csv": (["export", "{data}", "--to", "csv", "-o", "{out}/csv"], ["csv"]),
    "import": (["import", "{data}", "-o", "{out}/imported"], ["imported"]),
    "template": (["template", "-o", "{out}/模板.xlsx"], ["模板.xlsx"]),
    "generate": (["generate", "--scale", "county", "{out}/county"], ["county"]),
    "plan": (
        ["plan", "{data}", "-o", "{out}/plan.xlsx", "--view", "{out}/plan.html", "--apply", "{out}/planned"],
        ["plan.xlsx", "plan.html", "planned"],
    ),
    "diff": (
        ["diff", "{data}", "{data}", "-o", "{out}/diff.json", "--view", "{out}/diff.html"],
        ["diff.json", "diff.html"],
    ),
    "whatif": (["whatif", "{data}", "--remove", "N1", "-o", "{out}/whatif.csv"], ["whatif.csv"]),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("case", list(WRITERS))
def test_a_command_that_writes_a_file_prints_nothing_on_stdout(case: str, lang: str, tmp_path: Path) -> None:
    data = write_csv(tmp_path / "data", base())
    out = tmp_path / "out"
    args, written = WRITERS[case]
    result = run(*(arg.format(data=data, out=out) for arg in args), "--lang", lang)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    for name in written:
        assert (out / name).exists()
        # one line names it: 已写入 PATH (import: 已导入 … 写入 PATH, with what it imported)
        said = [line for line in result.stderr.splitlines() if str(out / name) in line]
        assert len(said) == 1, result.stderr
        assert said[0].startswith(("已写入", "已导入") if lang == "zh" else ("wrote", "Imported")), said
