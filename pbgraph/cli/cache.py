"""`pbgraph cache info|clear`: the cache of validated datasets (see :mod:`pbgraph.cache`)."""

from __future__ import annotations

import click

from pbgraph.cli._common import lang_option


@click.group("cache")
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
    size = found["bytes"] / 2**20
    click.echo(
        f"数据集缓存：{found['folder']}，{found['entries']} 个数据集，{size:.1f} MiB"
        if lang == "zh"
        else f"dataset cache: {found['folder']}, {found['entries']} dataset(s), {size:.1f} MiB"
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
    click.echo(
        f"已从 {cache_dir()} 删除 {removed} 个缓存的数据集"
        if lang == "zh"
        else f"removed {removed} cached dataset(s) from {cache_dir()}"
    )
