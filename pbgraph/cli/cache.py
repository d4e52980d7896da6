"""`pbgraph cache info|clear`: the cache of validated datasets (see :mod:`pbgraph.cache`)."""

from __future__ import annotations

import click

from pbgraph._texts import CLI, say
from pbgraph.cli._common import SubcommandGroup, lang_option, status


@click.group("cache", cls=SubcommandGroup)
def cache_group() -> None:
    """数据集缓存：第一次读取并检查过的数据集保存在这里，之后的命令直接使用（文件一改就重新读取）。

    The cache of validated datasets: every command after the first on the same files starts from it (a file
    changed, added or removed is read again). Its folder is $PBGRAPH_CACHE_DIR, else the user cache folder;
    --no-cache on a command reads the files without it.

    \b
    例 / Example:
      pbgraph cache info
      pbgraph cache clear
    """


@cache_group.command("info")
@lang_option
def info_command(lang: str) -> None:
    """缓存在哪里、有多大。

    Where the cache is, how many datasets it holds and their size.

    \b
    例 / Example:
      pbgraph cache info --lang en
    """
    from pbgraph.cache import summary

    found = summary()
    click.echo(
        say(CLI, "cache_info", lang, folder=found["folder"], n=found["entries"], size=found["bytes"] / 2**20)
    )


@cache_group.command("clear")
@lang_option
def clear_command(lang: str) -> None:
    """清空缓存（下一个命令重新读取并检查文件）。

    Empty the cache (the next command reads and checks the files again); nothing else in its folder goes.

    \b
    例 / Example:
      pbgraph cache clear
    """
    from pbgraph.cache import cache_dir, clear

    removed = clear()
    status(say(CLI, "cache_cleared", lang, folder=cache_dir(), n=removed))
