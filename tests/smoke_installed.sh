#!/usr/bin/env bash
# Smoke test of pbgraph installed the way an analyst installs it: the built wheel, in a fresh virtual
# environment outside the repository, every command run from another working directory on a copy of the sample.
#
#   tests/smoke_installed.sh DIST_DIR      (DIST_DIR holds the wheel; `make smoke` builds it first)
#
# To cover a new command, add one line to COMMANDS below: `expect EXIT_CODE TEXT_IN_OUTPUT -- ARGS…` runs
# `pbgraph ARGS…` and checks its exit code and that its output contains TEXT_IN_OUTPUT ("" for anything).
# A command that does not exist (yet) is reported as skipped, so lines can land before their command does.
set -euo pipefail

dist=$(cd "${1:?usage: tests/smoke_installed.sh DIST_DIR}" && pwd)
repo=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-python3}
wheels=("$dist"/pbgraph-*.whl)
[ -f "${wheels[0]}" ] || { echo "no pbgraph wheel in $dist" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/pbgraph-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$python" -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check --no-compile "${wheels[0]}"
pbgraph="$work/venv/bin/pbgraph"

# another working directory, with nothing of the repository in it but a copy of the sample data
mkdir "$work/run"
cp -R "$repo/data/sample" "$work/run/sample"
[ -f "$repo/data/sample-office.xlsx" ] && cp "$repo/data/sample-office.xlsx" "$work/run/"
cd "$work/run"
# no server here: the Neo4j commands must get as far as the connection error (port 1 is never Neo4j)
export NEO4J_URI=bolt://127.0.0.1:1 NEO4J_PASSWORD=smoke-test-password
unset PYTHONPATH

failures=0 ran=0 skipped=0
expect() {
    local code=$1 text=$2
    shift 3  # the code, the text and "--"
    # the command (and the subcommand of a group) exist when their --help works
    local probe=("$1")
    case "$1" in neo4j | cache) probe+=("$2") ;; esac
    if ! "$pbgraph" "${probe[@]}" --help >/dev/null 2>&1; then
        echo "skipped (no such command yet): pbgraph $*"
        skipped=$((skipped + 1))
        return
    fi
    local output status=0
    output=$("$pbgraph" "$@" 2>&1) || status=$?
    ran=$((ran + 1))
    if [ "$status" -ne "$code" ] || [[ "$output" != *"$text"* ]] || [[ "$output" == *Traceback* ]]; then
        echo "FAILED: pbgraph $* (exit $status, expected $code and output containing '$text'):"
        echo "$output" | tail -n 20
        failures=$((failures + 1))
    else
        echo "ok: pbgraph $*"
    fi
}

version=$(basename "${wheels[0]}" | cut -d- -f2)
COMMANDS() {
    expect 0 "$version" -- --version
    expect 0 "" -- validate sample
    expect 0 "" -- info sample
    expect 0 "" -- analyze all sample --format json -o out/all.json
    expect 0 "" -- analyze coverage sample --by-committee
    expect 0 "" -- render gaps sample -o out/gaps.html
    expect 0 "" -- render network sample --format fragment -o out/network.html
    expect 0 "" -- report sample -o out/report.html --xlsx out/report.xlsx
    expect 0 "" -- export sample --to xlsx -o out/tables.xlsx
    expect 0 "" -- export sample --to graphml -o out/graph.graphml
    expect 0 "" -- export sample --to csv -o out/csv
    expect 0 "" -- validate out/csv
    expect 0 "" -- generate --scale county --seed 1 out/generated
    expect 0 "" -- validate out/generated
    expect 0 "" -- template -o out/template.xlsx
    expect 0 "" -- import sample-office.xlsx -o out/imported
    expect 0 "" -- analyze dormant sample
    expect 0 "" -- plan sample --format xlsx -o out/plan.xlsx
    expect 0 "" -- diff sample out/imported --match name
    expect 0 "" -- whatif sample --remove M0001
    expect 0 "" -- cache info
    # the shipped Cypher is found (no "no query"), then the connection fails in one line
    expect 1 "127.0.0.1:1" -- neo4j query datasets
    expect 1 "127.0.0.1:1" -- neo4j push sample
    expect 1 "127.0.0.1:1" -- analyze coverage sample --backend neo4j
    expect 0 "neo4j-admin database import full" -- neo4j bulk sample out/bulk
}
COMMANDS

for file in out/all.json out/plan.xlsx out/gaps.html out/report.html out/report.xlsx out/tables.xlsx out/graph.graphml; do
    [ -s "$file" ] || { echo "FAILED: $file was not written"; failures=$((failures + 1)); }
done
echo "smoke test of the installed wheel: $ran ran, $skipped skipped, $failures failed"
[ "$failures" -eq 0 ]
