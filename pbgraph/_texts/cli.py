"""The words the command line prints (besides the tables): progress, summaries, notes, what was written."""

from __future__ import annotations

CLI: dict[str, tuple[str, str]] = {
    "reading": ("读取 {name} …", "reading {name} …"),
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "not_loaded": (
        "数据集有 {errors} 个错误，未加载。请按上面的说明修正后重试。",
        "The dataset has {errors} error(s); nothing was loaded. Fix them as described above.",
    ),
    "valid": (
        "数据集有效：{members} 名委员，{warnings} 个警告。",
        "Dataset is valid: {members} members, {warnings} warning(s).",
    ),
    "invalid": (
        "数据集无效：{errors} 个错误，{warnings} 个警告。未加载任何数据。",
        "Dataset is invalid: {errors} error(s), {warnings} warning(s). Nothing loaded.",
    ),
    "wrote": ("已写入 {path}", "wrote {path}"),
    "wrote_files": ("已写入 {n} 个文件到 {path}", "wrote {n} files to {path}"),
    "wrote_view": ("已写入 {path}（{n} 个节点）", "wrote {path} ({n} nodes)"),
    "bad_element_id": (
        "--element-id “{value}” 无效：须以字母开头，只含字母、数字、- 和 _，最多 64 个字符。",
        "--element-id '{value}' is not valid: it must start with a letter and hold only letters, digits, '-' "
        "and '_' (at most 64 characters).",
    ),
    "sampled": (
        "注：网络较大，中介中心性按 {n} 个随机起点（固定种子）抽样估算。",
        "Note: betweenness was estimated from {n} sampled sources (fixed seed).",
    ),
    "period": ("注：活动统计期 {since} 至 {until}。", "Note: activities from {since} to {until}."),
    "no_activities": (
        "注：数据集未提供 activities 表（活动记录），联系实效与组织生活无法分析。",
        "Note: the dataset has no activities table: liaison activity and org life not analysed.",
    ),
    "cache_info": (
        "数据集缓存：{folder}，{n} 个数据集，{size:.1f} MiB",
        "dataset cache: {folder}, {n} dataset(s), {size:.1f} MiB",
    ),
    "cache_cleared": ("已从 {folder} 删除 {n} 个缓存的数据集", "removed {n} cached dataset(s) from {folder}"),
    # import, template, plan
    "import_target_exists": (
        "{out} 已存在且不为空，或包含要读取的文件。请换一个文件夹，或加 --force 替换。",
        "{out} exists and is not empty, or holds a source. Choose another folder, or add --force.",
    ),
    "nothing_written": (
        "有 {errors} 个错误，未写入任何文件。请按上面的说明修正后重试。",
        "{errors} error(s); nothing was written. Fix them as described above.",
    ),
    "imported": (
        "已导入 {members} 名委员、{liaisons} 条联系，写入 {out}（导入报告见其中的 导入报告.md）。",
        "Imported {members} members and {liaisons} liaisons into {out} (see import-report.md there).",
    ),
    "file_exists": (
        "{out} 已存在。请换一个文件名，或加 --force 替换。",
        "{out} exists. Choose another name, or add --force.",
    ),
    "plan_applied": (
        "已写入加入安排后的数据集 {path}（{n} 条新联系，备注 plan）",
        "wrote the dataset with the plan added to {path} ({n} new liaisons, note 'plan')",
    ),
}

GENERATE: dict[str, tuple[str, str]] = {
    "committees": ("生成政协组织：{k} 个政协", "committees: {k}"),
    "sectors": (
        "生成界别与镇街：{sectors} 个界别，{townships} 个镇街",
        "sectors: {sectors}, townships: {townships}",
    ),
    "members": ("生成委员：{n} 名，其中中共党员 {cpc} 名", "members: {n}, of whom {cpc} CPC"),
    "organizations": ("生成组织：{n} 个", "organizations: {n}"),
    "memberships": ("生成组织成员关系：{n} 条", "memberships: {n}"),
    "liaisons": ("生成联系：{n} 条联系党外委员", "liaisons: {n} with non-party members"),
    "tables": ("生成联系表：{n} 条组织成员关系", "tables: {n} memberships"),
    "contacts": ("生成联系群众：{n} 人", "contacts: {n}"),
    "writing": ("写入 {name}", "writing {name}"),
    "writing_rows": ("写入 {name}（{n} 行）", "writing {name} ({n} rows)"),
    "too_many_rows": (
        "{tables} 约有 {rows} 行，超过 Excel 工作表的上限（{limit} 行）。请改为写 CSV（--format csv）。",
        "{tables} would have about {rows} rows, more than an Excel sheet holds ({limit}); write CSV instead "
        "(--format csv).",
    ),
}
"""Progress lines of `pbgraph generate`."""

ANALYSES: dict[str, tuple[str, str]] = {
    "unknown_committee": (
        "未知的政协编号“{committee}”（可用：{known}）",
        "unknown committee id {committee!r} (known: {known})",
    ),
    "none": ("无", "none"),
    "unknown_scale": ("未知的规模“{scale}”（可用：{known}）", "unknown scale {scale!r} (known: {known})"),
}
"""Words that the analyses put in their rows (the overall row's name) or in their errors."""


OUTPUTS: dict[str, tuple[str, str]] = {
    "overwrites_input": (
        "输出“{target}”会覆盖本命令读取的数据“{source}”。请换一个输出路径。",
        "The output '{target}' would overwrite '{source}', which this command reads. Choose another path.",
    ),
    "is_folder": (
        "输出“{target}”是一个文件夹，请给出文件名。",
        "The output '{target}' is a folder; give a file name.",
    ),
    "not_a_folder": (
        "输出“{target}”已存在且不是文件夹。请换一个文件夹名。",
        "The output '{target}' exists and is not a folder. Choose a folder name.",
    ),
    "folder_not_empty": (
        "输出文件夹“{target}”不是空的。请换一个文件夹，或加 --force 替换其中的内容。",
        "The output folder '{target}' is not empty. Choose another folder, or add --force to replace it.",
    ),
    "permission": (
        "无法写入“{target}”：没有写入权限（{reason}）。请换一个可写的文件夹。",
        "Cannot write '{target}': permission denied ({reason}). Choose a folder you can write to.",
    ),
    "disk_full": ("无法写入“{target}”：磁盘已满。", "Cannot write '{target}': the disk is full."),
    "cannot_write": ("无法写入“{target}”（{reason}）。", "Cannot write '{target}' ({reason})."),
}
"""Why an output cannot be written (:mod:`pbgraph._write`)."""
