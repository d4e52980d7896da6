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
    "wrote_view_one": ("已写入 {path}（{n} 个节点）", "wrote {path} ({n} node)"),
    "wrote_view_folded": (
        "已写入 {path}（{n} 个节点，代表 {members} 名委员）",
        "wrote {path} ({n} nodes standing for {members} members)",
    ),
    "wrote_view_folded_one": (
        "已写入 {path}（{n} 个节点，代表 {members} 名委员）",
        "wrote {path} ({n} node standing for {members} members)",
    ),
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
        "注：数据集未提供活动表（活动记录），联系实效与组织生活无法分析。",
        "Note: the dataset has no activities table: liaison activity and org life not analysed.",
    ),
    "no_activities_by": (
        "注：{date} 及以前没有活动记录，有效联系率、联系实效与组织生活无法分析。",
        "Note: no activity is recorded up to {date}: effective liaison rate, liaison activity and org life"
        " not analysed.",
    ),
    "counted_in_each": (
        "注：同时属于多个政协的委员在每个政协各计一次（其联系、所联系的群众和参加的活动也是），"
        "所以各政协之和大于“全部”。",
        "Note: members who sit on more than one committee are counted under each (and so are their "
        "liaisons, the contacts they liaise with and the activities they join), so the committees add up "
        "to more than (all).",
    ),
    "cache_info": (
        "数据集缓存：{folder}，{n} 个数据集，{size:.1f} MiB",
        "dataset cache: {folder}, {n} dataset(s), {size:.1f} MiB",
    ),
    "cache_cleared": ("已从 {folder} 删除 {n} 个缓存的数据集", "removed {n} cached dataset(s) from {folder}"),
    "no_committees_to_rank": (
        "注：数据集没有列出政协（没有“政协”列，组织表中也没有政协），所以没有排名；全部委员的覆盖率请用"
        " pbgraph analyze coverage（不加 --by-committee）。",
        "Note: the dataset names no committee (no committee column, no committee in the organizations), so"
        " there is nothing to rank; for the coverage of all members run pbgraph analyze coverage without"
        " --by-committee.",
    ),
    "ids_other_people": (
        "注：{n} 个编号在两个数据集中是不同的人（如 {id}：{old} → {new}）。名单没有“编号”列时编号由 pbgraph "
        "按内容分配，增删一行就会改变别人的编号：请加 --match name 按姓名比较。",
        "Note: {n} id(s) stand for different people in the two datasets (e.g. {id}: {old} → {new})."
        " Where pbgraph assigned the ids (a roster without an 编号 column), a row added or removed renumbers"
        " others: add --match name to match members by name.",
    ),
    "matched_by_name": (
        "注：{datasets} 的名单没有“编号”列（编号由 pbgraph 按内容分配，增删一行就会改变别人的编号），"
        "所以按姓名对应两个数据集的委员；要按编号对应请加 --match id。",
        "Note: no 编号 (id) column in the roster of {datasets} (pbgraph assigned the ids, and a row added or"
        " removed renumbers others), so members are matched by name; add --match id to match them by id.",
    ),
    # import, template, plan
    "import_target_is_source": (
        "输出文件夹“{out}”是要读取的文件，或包含、位于要读取的文件夹中（--force 也不会替换输入）。"
        "请换一个文件夹。",
        "The output folder '{out}' is, holds or lies inside a source (--force never replaces an input)."
        " Choose another folder.",
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

GROUPED: dict[str, tuple[str, str]] = {
    "rows": ("{where} 第 {rows} 行，共 {count} 行", "{where}, rows {rows} ({count} rows)"),
    # more rows than those shown
    "rows_cut": ("{where} 第 {rows} 行…，共 {count} 行", "{where}, rows {rows}… ({count} rows)"),
    "separator": ("、", ", "),
    # the rows of a cause whose cells hold different values: each value with its rows
    "by_value": ("（各值所在行：{values}）", " (rows by value: {values})"),
    "by_value_cut": ("（各值所在行：{values}…）", " (rows by value: {values}…)"),
    "value_row": ("“{value}”（第 {rows} 行）", "'{value}' (row {rows})"),
    "value_rows": ("“{value}”（第 {rows} 行）", "'{value}' (rows {rows})"),
    "line": ("[{mark}] {head}：{text}{more}", "[{mark}] {head}: {text}{more}"),
    "located": ("{where}：{text}", "{where}: {text}"),
}
"""A problem as a line: located (`Problem.message`), or standing for several rows of one cause
(:mod:`pbgraph._grouped`); the marks are CLI's `error` and `warning`."""

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
    "activities": ("生成活动记录：{n} 条", "activities: {n}"),
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
        "未知的政协“{committee}”（既不是政协编号也不是政协名称；可用：{known}）",
        "unknown committee {committee!r}: neither a committee's id nor its name (known: {known})",
    ),
    "no_committees": (
        "本数据集未区分政协（委员都属于同一个政协），无需 --committee “{committee}”",
        "this dataset names no committees (all its members are one committee), so --committee {committee!r}"
        " is not needed",
    ),
    "none": ("无", "none"),
    "separator": ("、", ", "),
    "in_all": ("…（共 {n} 个）", " … ({n} in all)"),
    "unknown_scale": ("未知的规模“{scale}”（可用：{known}）", "unknown scale {scale!r} (known: {known})"),
}
"""Words that the analyses put in their rows (the overall row's name) or in their errors."""


OUTPUTS: dict[str, tuple[str, str]] = {
    "overwrites_input": (
        "输出“{target}”会覆盖本命令读取的数据“{source}”。请换一个输出路径。",
        "The output '{target}' would overwrite '{source}', which this command reads. Choose another path.",
    ),
    "apply_inside_input": (
        "--apply 的文件夹“{target}”是输入数据集“{source}”，或包含它，或在它里面。"
        "请换一个输入数据集以外的文件夹。",
        "The --apply folder '{target}' is, holds or lies inside the input dataset '{source}'. Choose a folder"
        " outside it.",
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
        "无法写入“{target}”：没有写入权限。请换一个可写的文件夹。",
        "Cannot write '{target}': permission denied. Choose a folder you can write to.",
    ),
    "read_only": (
        "无法写入“{target}”：所在的磁盘或分区只读。请换一个可写的文件夹。",
        "Cannot write '{target}': it is on a read-only file system. Choose a folder you can write to.",
    ),
    "parent_is_file": (
        "无法写入“{target}”：“{parent}”是一个文件，不是文件夹。请换一个文件夹。",
        "Cannot write '{target}': '{parent}' is a file, not a folder. Choose another folder.",
    ),
    "disk_full": ("无法写入“{target}”：磁盘已满。", "Cannot write '{target}': the disk is full."),
    "cannot_write": ("无法写入“{target}”（{reason}）。", "Cannot write '{target}' ({reason})."),
}
"""Why an output cannot be written (:mod:`pbgraph._write`)."""

ROW_KINDS: dict[str, tuple[str, str]] = {
    "members": ("委员", "members"),
    "sectors": ("界别", "sectors"),
    "townships": ("镇街", "townships"),
    "organizations": ("组织", "organizations"),
    "committees": ("政协", "committees"),
}
"""What a user calls the rows of a table, several of them (`Dataset.id_for`)"""

ERRORS: dict[str, tuple[str, str]] = {
    "bad_date": (
        "无法识别的日期“{value}”，请使用 2024-03-01 这样的格式",
        "'{value}' is not a date; use a format like 2024-03-01",
    ),
    "no_such_day": (
        "日期“{value}”不存在：{year}年{month}月只有 {days} 天",
        "'{value}' is not a day: {year}-{month:02d} has only {days} days",
    ),
    "period_reversed": (
        "开始日期 {start} 晚于结束日期 {end}，请检查 --since/--until",
        "the period starts ({start}) after it ends ({end}); check --since/--until",
    ),
    "bad_match": (
        "--match 只能是 id 或 name，不能是 {match!r}",
        "match must be 'id' or 'name', got {match!r}",
    ),
    "unknown_members": (
        "未知的委员：{ids_zh}（请用 members 表中的编号或姓名）",
        "unknown member(s): {ids_en} (use ids or names of the members table)",
    ),
    "same_name": (
        "有 {n} 个{kind_zh}名为“{name}”（{ids_zh}），请改用编号",
        "{n} {kind_en} are named '{name}' ({ids_en}); give the id instead",
    ),
    "same_member_name": (
        "有 {n} 个委员名为“{name}”（{ids_zh}），请改用编号，或写成 {example}",
        "{n} members are named '{name}' ({ids_en}); give the id instead, or write {example}",
    ),
    "same_name_place": ("{id}：{place}", "{id}: {place}"),
    "place_separator": ("，", ", "),
    "separator": ("；", "; "),
    "negative_load": ("max_load 不能为负数（现为 {max_load}）", "max_load must be >= 0, got {max_load}"),
    "too_many_to_plan": (
        "要安排的委员太多（{n} 人在同一组政协中），请用 --committee 分别安排",
        "too many members to plan at once ({n} in one connected group of committees): plan each committee "
        "with --committee",
    ),
    "no_neo4j_driver": (
        "需要 Neo4j 驱动：pip install neo4j",
        "the Neo4j commands need the neo4j driver: pip install neo4j",
    ),
}
"""The library's errors about what it was asked (dates, ids, options): the CLI shows the one of `--lang`."""

USAGE: dict[str, tuple[str, str]] = {
    "xlsx_needs_output": ("--format xlsx 需要 -o 文件名", "--format xlsx needs -o FILE"),
    "suffix_format": (
        "-o 的文件后缀 {suffix} 与 --format {fmt} 不符：去掉 --format（按后缀写出），或换一个文件名"
        "（本命令的格式：{formats}）",
        "the suffix {suffix} of -o does not fit --format {fmt}: leave out --format (the suffix then chooses)"
        " or change the file name (this command writes {formats})",
    ),
    "suffix_to": (
        "-o 的文件后缀 {suffix} 与 --to {fmt} 不符：请换一个与 --to 相符的文件名（--to 的格式：{formats}）",
        "the suffix {suffix} of -o does not fit --to {fmt}: give a file name that fits --to (its formats:"
        " {formats})",
    ),
    "suffix_not_written": (
        "本命令不写 {suffix} 文件（“{path}”）：请换一个以 {suffixes} 结尾（或不带后缀）的文件名"
        "（本命令的格式：{formats}）",
        "this command writes no {suffix} file ('{path}'): give a file name ending in {suffixes} (or none; its"
        " formats: {formats})",
    ),
    "suffix_separator": ("、", ", "),
    "by_committee_alone": (
        "--by-committee 比较全部政协，不能与 --committee 同用",
        "--by-committee compares every committee; drop --committee",
    ),
    "compare_redact": (
        "--compare 不能与 --redact 同用（两个数据集的代号不对应）",
        "--compare cannot be used with --redact",
    ),
    "render": (
        "{view} 视图须写成：pbgraph render {view} {target}PATH",
        "the {view} view is written: pbgraph render {view} {target}PATH",
    ),
    "template_xlsx": ("模板须为 .xlsx 文件", "the template must be an .xlsx file"),
    "view_needs_id": ("--view 只用于按编号比较（--match id）", "--view needs --match id"),
    "redacted_stem": ("数据集", "dataset"),
}
"""What the command line says of options used wrongly together (click's usage errors, in `--lang`)."""

CLICK: dict[str, tuple[str, str]] = {
    "error": ("错误：{message}", "Error: {message}"),
    "usage": ("用法：", "Usage: "),
    "try_help": ("运行“{command} {option}”查看帮助。", "Try '{command} {option}' for help."),
    "missing_argument": ("缺少参数 {hint}。", "Missing argument {hint}."),
    "missing_option": ("缺少选项 {hint}。", "Missing option {hint}."),
    "choose_from": ("可选：{choices}", " Choose from: {choices}"),
    "bad_value": ("{hint} 的值无效：{message}", "Invalid value for {hint}: {message}"),
    "not_a_choice": (
        "{value} 不在可选值中。可选：{choices}。",
        "{value} is not one of the choices: {choices}.",
    ),
    "no_such_option": ("没有选项 {name}。", "No such option {name}."),
    "no_such_command": ("没有命令 {name}。", "No such command {name}."),
    "needs_value": ("选项 {name} 需要一个值。", "Option {name} requires an argument."),
    "extra_arguments": ("多余的参数：{args}", "Got unexpected extra argument(s) ({args})"),
    "did_you_mean": ("是否要用 {names}？", " Did you mean {names}?"),
    "separator": ("、", ", "),
}
"""Click's words around an error and its common messages (a missing argument, an unknown option or command,
a bad value), in the `--lang` of the command line; what is wrong with a bad value (not one of the choices,
out of range) stays click's own words, in English."""


EXAMPLES = "例 / Example:"
"""The head of the examples every command's help ends with (both languages in one line, as the help's
paragraphs are)."""
