"""Option help of the command line: click writes it before `--lang` is read, so `--help` shows both
languages, joined by :func:`pbgraph._texts.help_text`."""

from __future__ import annotations

HELP: dict[str, tuple[str, str]] = {
    # the metavar of --map: what the Chinese help calls the two sides (shown in Chinese, as the help is)
    "map_metavar": ("列名=字段", "HEADER=field"),
    "lang": ("输出语言", "output language."),
    "max_load": ("每名党员委员最多联系的党外委员数", "max non-party members per CPC member."),
    "max_depth": ("联系链最多几跳（默认不限）", "max hops of reach (default: unlimited)."),
    "as_of": ("按某日的网络分析（此后开始的联系、此后的活动不计）", "the network as it stood on DATE."),
    "until": ("活动统计截止日（默认：最近一次活动日）", "end of the period (default: latest activity)."),
    "since": (
        "活动统计起始日（默认：截止日前 12 个月）",
        "start of the period (default: the 12 months that end on --until).",
    ),
    "min_contacts": (
        "load：列出联系群众少于 N 人的党员委员（1+10 填 10）",
        "load: list the CPC members with fewer than N contacts (1+10: give 10).",
    ),
    "min_meetings": (
        "org_life：期内至少参加几次组织生活",
        "org_life: meetings each CPC member should attend.",
    ),
    "no_cache": (
        "不用数据集缓存，重新读取并检查文件",
        "read and check the files, without the dataset cache.",
    ),
    "format": ("输出格式", "output format."),
    "committee": ("只看这个政协（编号或名称）", "only this committee (id or name)."),
    "by_committee": ("各政协排名表，最差在前", "league table, worst first."),
    "export_to": (
        "xlsx：分析表格；graphml/gexf/json：关系图（Gephi、Cytoscape）；csv：数据集本身",
        "format.",
    ),
    "export_output": ("输出文件（csv 为文件夹）；默认 out/数据集名.格式", "output file (csv: folder)."),
    "export_committee": ("xlsx：只导出这个政协", "xlsx: only this committee."),
    "export_redact": (
        "姓名脱敏，备注隐去",
        "replace every person's name by a pseudonym, withhold notes.",
    ),
    "export_contacts": ("graphml/gexf/json：包含联系群众", "include contacts in the graph."),
    "export_force": ("csv：替换不为空的输出文件夹", "csv: replace an output folder that is not empty."),
    "scale": ("规模", "scale of the committee system."),
    "seed": ("随机种子（同一种子结果相同）", "seed."),
    "generate_contacts": ("生成联系群众", "contacts."),
    "generate_format": (
        "CSV 文件夹，或一个工作簿（只适合县、市规模）",
        "a folder of CSVs, or one workbook (county, city).",
    ),
    "generate_force": ("替换不为空的输出文件夹", "replace an output folder that is not empty."),
    "neo4j_push_dataset": ("数据集名称（默认取 PATH 的文件夹名）", "dataset name (default: PATH's name)."),
    "replace": ("先删除 Neo4j 中同名数据集的旧数据", "first delete the dataset's old data."),
    "batch_size": ("每个事务写入的行数", "rows per transaction."),
    "neo4j_import_database": ("导入到哪个（新）数据库", "the (new) database to import into."),
    "neo4j_import_force": ("覆盖非空的输出文件夹", "replace a non-empty output folder."),
    "neo4j_query_dataset": ("Neo4j 中的数据集名称", "dataset name in Neo4j."),
    "param": (
        "查询参数，可重复；以文本属性命名的参数（dataset、committee、id、name…）总是文"
        "本，其他的值按 JSON 读取；可写明类型 名称:int=值（str、int、float、bool、"
        "json）",
        "a parameter, repeatable; one named after a text property (dataset, committee, id, name …) is always"
        " text, others are read as JSON when they are JSON; or give the type: NAME:int=VALUE (str, int,"
        " float, bool, json).",
    ),
    "write": (
        "允许自己的 .cypher 文件写入数据（默认只读事务）",
        "let your own .cypher file change data (it runs in read transactions otherwise).",
    ),
    "neo4j_analyze_dataset": (
        "Neo4j 中的数据集名称（默认取 PATH 的文件夹名）",
        "dataset name in Neo4j (default: PATH's folder name).",
    ),
    "backend": ("在本机计算，或在 Neo4j 中用 Cypher 计算", "compute here, or in Neo4j with Cypher."),
    "import_output": ("写入规范数据集的文件夹", "folder for the canonical dataset."),
    "map": ("指定某列的含义，可重复（如 --map 人员=name）", "read a column as a field (repeatable)."),
    "import_force": ("替换已有的非空文件夹", "replace a non-empty folder."),
    "template_output": ("模板文件名（.xlsx）", "the template workbook to write."),
    "template_force": ("替换已有文件", "replace an existing file."),
    "fragile": ("也为仅一人联系的党外委员安排第二名联系人", "also a second liaison for fragile ones."),
    "plan_committee": ("只安排这个政协（编号或名称）", "only this committee (id or name)."),
    "apply": (
        "把安排加入数据集，写入这个文件夹（CSV）",
        "write the dataset with the plan added to this folder.",
    ),
    "plan_force": ("--apply 的文件夹不为空时也写入", "overwrite a non-empty --apply folder."),
    "sheets": (
        "xlsx：每个政协一个工作表，或每名联系人一个",
        "xlsx: a sheet per committee or per liaison source.",
    ),
    "match": (
        "按编号或按姓名对应委员（姓名重复时再按界别）；auto：两个名单都有“编号”列时按编号，否则按姓名",
        "match members by id or by name; auto: by id when both rosters have an 编号 (id) column, else by"
        " name.",
    ),
    "remove": (
        "离开的委员编号或姓名（可多次给出，或用逗号分隔）",
        "member id(s) or name(s) leaving; repeat or separate by commas.",
    ),
    "view": ("同时写出关系图（.html/.png/.svg）", "also write the graph view (.html, .png or .svg)."),
    "render_output": ("输出文件（默认 out/视图名.html）", "output file."),
    "render_format": (
        "html（默认）、fragment（可嵌入的 <div>）、png、svg；默认按文件后缀",
        "default: by suffix.",
    ),
    "render_committee": ("只看这个政协", "only this committee."),
    "color_by": ("委员着色依据", "member colour."),
    "depth": (
        "member 视图的跳数（默认 1）；reach 视图的最大跳数（默认与 0 = 不限，同分析）",
        "hops (member: default 1; reach: default every hop, as the analysis).",
    ),
    "node_limit": ("超过此节点数时聚合显示", "aggregate above this many nodes."),
    "element_id": ("fragment 的元素 id（同页多个视图时）", "element id of a fragment."),
    "report_output": ("报告文件", "the HTML file to write."),
    "report_committee": ("只报告这个政协（编号或名称）", "only this committee (id or name)."),
    "report_redact": (
        "姓名脱敏（委员A017 等代号），备注隐去，用于对外提供",
        "replace every person's name by a pseudonym, withhold notes.",
    ),
    "xlsx": ("同时导出完整表格到这个 Excel 文件", "also write every table to this workbook."),
    "max_rows": ("每个表格最多显示的行数", "rows shown per table."),
    "report_node_limit": ("关系图超过此节点数时聚合显示", "aggregate graph views above this many nodes."),
    "views": ("嵌入交互式关系图", "embed the interactive graph views."),
    "compare": (
        "与这个较早的数据集比较，报告末尾加“与上次比较”一节",
        "add a section on changes since this dataset.",
    ),
    "output_xlsx": ("写入文件而不是屏幕（xlsx 必须指定）", "write to a file (needed for xlsx)."),
    "write_output": ("写入文件而不是屏幕", "write to a file."),
    "neo4j_database": ("Neo4j 数据库（默认取 {env}，否则服务器默认库）", "database (default: ${env})."),
    "neo4j_username": (
        "Neo4j 用户名（默认取 {env}，否则 neo4j）。密码只从环境变量 {password} 读取",
        "user (default: ${env}). The password only from ${password}.",
    ),
    "neo4j_uri": ("Neo4j 地址（默认取 {env}，否则 {default}）", "address (default: ${env}, else {default})."),
}


SUMMARIES: dict[str, tuple[str, str]] = {
    "import": (
        "把办公室现有的 Excel/CSV（委员名单、联系名单…）转为规范数据集，并写出导入报告。",
        "Office files to a canonical dataset, with an import report.",
    ),
    "template": (
        "写出办公室格式的空白模板（委员名单、各联系表、组织、联系记录、组织生活记录…，含填表说明、下拉选项和示例行）。",
        "An empty workbook in the office form, with instructions.",
    ),
    "validate": (
        "检查数据集，列出全部错误和警告（有错误时退出码为 2）。",
        "Check a dataset; list its errors and warnings.",
    ),
    "info": (
        "数据集概况：按政协统计各类节点和联系的数量。",
        "Counts by kind, per committee.",
    ),
    "generate": (
        "生成一个虚构的政协系统数据集（用于试用和性能测试）。",
        "Generate a fictional committee system (county … national).",
    ),
    "analyze": (
        "运行分析：覆盖率、未联系、未组织、界别、镇街、平台、联系链、负担、关键联系人、联系实效、组织生活。",
        "Run an analysis (or all) and print its rows.",
    ),
    "plan": (
        "安排联系：为未联系的党外委员、无人联系的界别和镇街提出新的联系人（最小费用流，结果最优且可重复）。",
        "Propose the liaisons that close the coverage gaps.",
    ),
    "diff": (
        "比较两个数据集（换届、动态管理）：委员进出和变更、联系增减、组织变化、覆盖率前后、缺口出现、消除和加重。",
        "Compare two datasets: members, liaisons, rates, gaps.",
    ),
    "whatif": (
        "假如这些委员离开：谁变成未联系或仅一人联系，哪些界别、镇街失去唯一联系人，覆盖率会怎样。",
        "What if these members left: the gaps and rates after.",
    ),
    "render": (
        "生成交互式关系图（离线可用的单个 HTML 文件），或 PNG/SVG 静态图。",
        "Render an interactive graph view (HTML), or PNG/SVG.",
    ),
    "report": (
        "生成分析报告：一个可离线打开、可打印为 PDF 的 HTML 文件。",
        "Write the report: one offline HTML file, printable to PDF.",
    ),
    "export": (
        "导出：分析表格（Excel）、关系图（GraphML/GEXF/JSON）或数据集本身（CSV）。",
        "Export the tables, the graph (GraphML, GEXF, JSON) or CSV.",
    ),
    "neo4j": (
        "Neo4j：共享的多用户数据库（推送、读回、查询）/ Neo4j as the shared store: push, pull, query.",
        "Neo4j as the shared store: push, pull, query.",
    ),
    "cache": (
        "数据集缓存：第一次读取并检查过的数据集保存在这里，之后的命令直接使用（文件一改就重新读取）。",
        "The cache of validated datasets: where, how big, clear.",
    ),
}
"""What `pbgraph --help` lists for each command without importing the commands: the first paragraph of its
help (tests/test_lazy_imports.py checks each is the command's own); with `--lang en`, its gist in English."""
