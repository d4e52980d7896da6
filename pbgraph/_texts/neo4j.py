"""The words of the Neo4j store: one line each, saying what to do (Chinese, English)."""

from __future__ import annotations

NEO4J: dict[str, tuple[str, str]] = {
    "unreachable": (
        (
            "无法连接 Neo4j（{uri}）：服务器未运行或地址有误。请启动 Neo4j，或用 --uri / NEO4J_"
            "URI 指定正确地址"
        ),
        ("Neo4j is unreachable at {uri}: start it, or give the right address with --uri or NEO4J_URI"),
    ),
    "auth": (
        ("Neo4j（{uri}）拒绝了用户“{username}”的登录。请设置正确的 NEO4J_USERNAME / NEO4J_PASSWORD 环境变量"),
        (
            "Neo4j at {uri} refused the credentials of user {username!r}: set NEO4J_USERNAME an"
            "d NEO4J_PASSWORD"
        ),
    ),
    "too_old": (
        (
            "Neo4j {version}（{uri}）版本过旧，pbgraph 需要 Neo4j {needed} 或更高版本（联系链分"
            "析用到 ANY SHORTEST），请升级，或不加 --backend neo4j 在本机计算"
        ),
        (
            "Neo4j {version} at {uri} is too old: pbgraph needs Neo4j {needed} or later (ANY SH"
            "ORTEST for reach); upgrade it, or use the embedded backend"
        ),
    ),
    "bad_uri": (
        "Neo4j 地址“{uri}”无效，应形如 neo4j://localhost:7687。请修正 --uri / NEO4J_URI",
        "invalid Neo4j URI {uri!r}: use e.g. neo4j://localhost:7687 in --uri or NEO4J_URI",
    ),
    "no_database": (
        (
            "Neo4j（{uri}）中没有数据库“{database}”。请修正 --database / NEO4J_DATABASE，或不指"
            "定以使用默认数据库"
        ),
        ("no database {database!r} in Neo4j at {uri}: fix --database or NEO4J_DATABASE, or leave it unset"),
    ),
    "no_dataset": (
        ("Neo4j 中没有数据集“{dataset}”。请先运行 pbgraph neo4j push 数据集路径 --dataset {dataset}"),
        ("no dataset {dataset!r} in Neo4j: push it first with pbgraph neo4j push PATH --dataset {dataset}"),
    ),
    "stale": (
        (
            "Neo4j 中的数据集“{dataset}”含有旧版本遗留的数据（{details}）。请用 pbgraph neo4j p"
            "ush 数据集路径 --dataset {dataset} --replace 重新推送"
        ),
        (
            "dataset {dataset!r} in Neo4j holds rows left over from an older version ({details}"
            "): push it again with --replace"
        ),
    ),
    "no_name": (
        "请用 --dataset 指定数据集名称",
        "name the dataset with --dataset",
    ),
    "query_failed": (
        "Neo4j 执行查询 {query} 失败：{detail}",
        "Neo4j failed on query {query}: {detail}",
    ),
    "no_query": (
        "找不到查询“{name}”：既不是文件，也不是 cypher/ 中的查询（可用：{known}）",
        "no query {name!r}: neither a file nor a query of cypher/ (known: {known})",
    ),
    "unknown_parameter": (
        "查询 {query} 没有参数 {names}（它的参数：{known}）",
        "query {query} has no parameter {names} (its parameters: {known})",
    ),
    "missing_parameter": (
        "查询 {query} 需要参数 {names}，请用 --param 名称=值 给出",
        "query {query} needs the parameter(s) {names}: give them with --param NAME=VALUE",
    ),
    "no_query_file": (
        "找不到查询文件“{path}”。请检查路径；cypher/ 中的查询请直接写名称（如 datasets）",
        ("no query file {path!r}: check the path; name a query of cypher/ without a path (e.g. datasets)"),
    ),
    "bad_parameter": (
        "参数应为 名称=值 或 名称:类型=值：{text!r}",
        "expected NAME=VALUE or NAME:TYPE=VALUE: {text!r}",
    ),
    "bad_parameter_type": (
        "参数 {text!r} 的类型未知（可用：{types}）",
        "unknown type in {text!r} (choose from {types})",
    ),
    "bad_parameter_value": (
        "参数 {text!r} 的值不是 {kind}",
        "the value of {text!r} is not a valid {kind}",
    ),
    "bad_scheme": (
        (
            "Neo4j 地址“{uri}”的协议不受支持（可用：{schemes}）。http:// 是 Neo4j Browser 的网"
            "页地址，请改用 neo4j://主机:7687"
        ),
        (
            "unsupported Neo4j URI {uri!r}: use one of {schemes} (http:// is Neo4j Browser's we"
            "b address), e.g. neo4j://host:7687"
        ),
    ),
    "table_left_out": (
        "表 {table} 尚未存入 Neo4j，未推送也未读回",
        "table {table} is not stored in Neo4j yet: neither pushed nor pulled",
    ),
    "properties_left_out": (
        "{table}: 属性 {names} 未读回",
        "{table}: property {names} not pulled",
    ),
    "as_of_not_in_cypher": (
        "Neo4j 中只有活动分析（dormant、org_life）支持 --as-of，分析 {name} 请不加 --backend neo4j 运行",
        (
            "--as-of works in Neo4j for the activity analyses (dormant, org_life) only: "
            "run {name} without --backend neo4j"
        ),
    ),
    "not_in_cypher": (
        "分析 {name} 尚不能在 Neo4j 中计算（可用：{known}），请不加 --backend neo4j",
        ("the analysis {name!r} has no Cypher yet (available: {known}): run it without --backend neo4j"),
    ),
    # what the neo4j commands print
    "warning": ("警告：{note}", "Warning: {note}"),
    "writing": ("写入 Neo4j", "writing to Neo4j"),
    "deleted": ("已删除旧数据 {n} 个节点。", "Deleted {n} old node(s)."),
    "pushed": (
        "已推送数据集“{dataset}”到 Neo4j（{where}）：{counts}。",
        "Pushed dataset {dataset!r} to Neo4j at {where}: {counts}.",
    ),
    "bulk_written": (
        "已写入 {files} 个文件（{rows} 行）到 {folder}。停止 Neo4j 后运行：",
        "Wrote {files} file(s) ({rows} rows) to {folder}. Stop Neo4j, then run:",
    ),
    "bulk_then": (
        "然后启动 Neo4j，并运行 pbgraph neo4j query schema 建立约束和索引。",
        "Then start Neo4j and create the constraints and indexes with: pbgraph neo4j query schema",
    ),
}
