"""The `pbgraph` command line: a thin layer that parses options, calls one library function and writes the
result. Library errors become one clear message and a non-zero exit code (2 for dataset errors)."""

from __future__ import annotations

from gettext import gettext as _
from importlib import import_module
from typing import NamedTuple

import click


class Listed(NamedTuple):
    """Where a command lives (`module:attribute`, imported when the command runs) and the first paragraph of
    its help, which `pbgraph --help` lists without importing the command (a test checks it matches)."""

    target: str
    summary: str


# a command pays only for what it uses: e.g. `pbgraph analyze` never imports the Neo4j store or the views, and
# `pbgraph --help` imports no command
COMMANDS = {
    "import": Listed(
        "pbgraph.cli.office:import_command",
        "把办公室现有的 Excel/CSV（委员名单、联系名单…）转为规范数据集，并写出导入报告。",
    ),
    "template": Listed(
        "pbgraph.cli.office:template_command",
        "写出办公室格式的空白模板（委员名单、各联系表、组织、联系记录、组织生活记录…，含填表说明、下拉选项和示例行）。",
    ),
    "validate": Listed(
        "pbgraph.cli.dataset:validate", "检查数据集，列出全部错误和警告（有错误时退出码为 2）。"
    ),
    "info": Listed("pbgraph.cli.dataset:info", "数据集概况：按政协统计各类节点和联系的数量。"),
    "generate": Listed(
        "pbgraph.cli.generate:generate", "生成一个虚构的政协系统数据集（用于试用和性能测试）。"
    ),
    "analyze": Listed(
        "pbgraph.cli.analyze:analyze",
        "运行分析：覆盖率、未联系、未组织、界别、镇街、平台、联系链、负担、关键联系人、联系实效、组织生活。",
    ),
    "plan": Listed(
        "pbgraph.cli.plan:plan",
        "安排联系：为未联系的党外委员、无人联系的界别和镇街提出新的联系人（最小费用流，结果最优且可重复）。",
    ),
    "diff": Listed(
        "pbgraph.cli.plan:diff",
        "比较两个数据集（换届、动态管理）：委员进出和变更、联系增减、组织变化、覆盖率前后、缺口出现和消除。",
    ),
    "whatif": Listed(
        "pbgraph.cli.plan:whatif",
        "假如这些委员离开：谁变成未联系或仅一人联系，哪些界别、镇街失去唯一联系人，覆盖率会怎样。",
    ),
    "render": Listed(
        "pbgraph.cli.render:render", "生成交互式关系图（离线可用的单个 HTML 文件），或 PNG/SVG 静态图。"
    ),
    "report": Listed(
        "pbgraph.cli.report:report", "生成分析报告：一个可离线打开、可打印为 PDF 的 HTML 文件。"
    ),
    "export": Listed(
        "pbgraph.cli.export:export",
        "导出：分析表格（Excel）、关系图（GraphML/GEXF/JSON）或数据集本身（CSV）。",
    ),
    "neo4j": Listed(
        "pbgraph.cli.neo4j:neo4j_group",
        "Neo4j：共享的多用户数据库（推送、读回、查询）/ Neo4j as the shared store: push, pull, query.",
    ),
    "cache": Listed(
        "pbgraph.cli.cache:cache_group",
        "数据集缓存：第一次读取并检查过的数据集保存在这里，之后的命令直接使用（文件一改就重新读取）。",
    ),
}


class LazyGroup(click.Group):
    """A group whose commands are imported by name from :data:`COMMANDS`, in the order listed there."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        listed = COMMANDS.get(cmd_name)
        if listed is None:
            return None
        module, name = listed.target.split(":")
        command: click.Command = getattr(import_module(module), name)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # as click lists them (the limit, the shortening), from the summaries rather than the commands
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [
            (name, click.Command(name, help=listed.summary).get_short_help_str(limit))
            for name, listed in COMMANDS.items()
        ]
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110}
)
@click.version_option(package_name="pbgraph")
def main() -> None:
    """pbgraph：政协党建“一网三联”组织网络分析工具 / CPPCC party-building network analyzer.

    \b
    例 / Example:
      pbgraph validate data/sample
      pbgraph analyze all data/sample
    """
    from pbgraph._write import forget_reads

    # a new command: nothing read yet (matters when one process runs several, as the tests do)
    forget_reads()
