#!/usr/bin/env bash
# Checks that two commits of partnet give byte-identical output: every command's JSON and
# text, DOT (whole graph, focus, path, projection, clusters), SVG from Graphviz and from the
# built-in engine, the HTML explorer and every export format, on the shipped data and on each
# fixture in tests/fixtures. A refactor that claims "behaviour does not change" runs it.
#
#   scripts/same-output.sh BASE [OTHER]     # OTHER defaults to the work tree
#
# BASE and OTHER are git revisions; each is built (debug) in a temporary worktree. Prints the
# files that differ and exits 1 if any does; exits 0 with a count when all are equal.
# SKIP_HTML=1 leaves the explorer pages out (their embedded JSON may legitimately reorder
# keys); HTML_AS_JSON=1 compares the explorer's embedded data as parsed JSON instead of bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: scripts/same-output.sh BASE [OTHER]}
other=${2:-}
work=$(mktemp -d "${TMPDIR:-/tmp}/partnet-same.XXXXXX")
trap 'git worktree remove --force "$work/base-src" >/dev/null 2>&1 || true;
      git worktree remove --force "$work/other-src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# build REV DIR: the partnet binary of REV, built in a worktree under DIR; prints its path.
build() {
    local rev=$1 dir=$2
    git worktree add --quiet --detach "$dir" "$rev"
    (cd "$dir" && CARGO_TARGET_DIR="$work/target-$(basename "$dir")" cargo build --quiet --bin partnet)
    echo "$work/target-$(basename "$dir")/debug/partnet"
}

base_bin=$(build "$base" "$work/base-src")
if [ -n "$other" ]; then
    other_bin=$(build "$other" "$work/other-src")
else
    cargo build --quiet --bin partnet
    other_bin=$PWD/target/debug/partnet
fi

# ids DATA KIND N: the first N entity or project ids of a dataset (by the base binary's list).
ids() {
    "$base_bin" --data "$1" --json list "$2" | python3 -c \
        'import json,sys; print(" ".join(r["id"] for r in json.load(sys.stdin)[:int(sys.argv[1])]))' "$3"
}

# capture BIN OUT DATA: runs every command on DATA into files under OUT.
capture() {
    local bin=$1 out=$2 data=$3
    mkdir -p "$out"
    local n=0
    run() {
        n=$((n + 1))
        # Exit codes are part of the answer; stderr too (notes, warnings).
        (cd "$out" && "$bin" --data "$data" "$@" >"$n.out" 2>"$n.err"; echo "$?" >"$n.code") || true
        printf '%s\n' "$*" >"$out/$n.cmd"
    }
    read -r -a ents <<<"$(ids "$data" entities 3)"
    read -r -a projs <<<"$(ids "$data" projects 2)"
    local e0=${ents[0]:-x} e1=${ents[1]:-${ents[0]:-x}} e2=${ents[2]:-${ents[0]:-x}} p0=${projs[0]:-x}
    for json in "" --json; do
        run $json check
        run $json stats
        run $json list entities
        run $json list projects
        run $json show "$e0"
        run $json show "$p0"
        run $json partners "$e0"
        run $json partners "$e1" --depth 2
        run $json path "$e0" "$e2"
        run $json path "$e1" "$e2" --all
        run $json components
        run $json components --top 2
        for by in partners projects betweenness value; do
            run $json rank --by "$by"
        done
        run $json rank --by betweenness --samples 5 --seed 3
        run $json sectors
        run $json sectors --level 1
        run $json --country JP stats
        run $json --sector energy list projects
        run $json --as-of 2025-10-28 rank --by partners
        run $json --status agreed --role partner components
    done
    for f in json cytoscape graphml gexf csv cypher; do
        run export --format "$f"
        run --country US export --format "$f"
    done
    run export --format json --focus "$e0" --depth 2
    run diagram --format dot
    run diagram --format dot --focus "$e0"
    run diagram --format dot --focus "$e1" --depth 2
    run diagram --format dot --path "$e0" "$e2"
    run diagram --format dot --projection
    run diagram --format dot --cluster country
    run --sector energy diagram --format dot
    run diagram --engine builtin --focus "$e0" -o builtin.svg
    if command -v dot >/dev/null 2>&1; then
        run diagram --engine graphviz -o whole.svg
        run diagram --engine graphviz --focus "$e0" -o focus.svg
        run diagram --engine graphviz --projection -o projection.svg
    fi
    if [ -z "${SKIP_HTML:-}" ]; then
        run diagram --engine builtin -o page.html
        run diagram --engine builtin --focus "$e0" -o focus-page.html
    fi
}

datasets=(data/us-japan-2025.json tests/fixtures/*.json)
for data in "${datasets[@]}"; do
    name=$(basename "$data" .json)
    capture "$base_bin" "$work/base/$name" "$PWD/$data"
    capture "$other_bin" "$work/other/$name" "$PWD/$data"
done

if [ -n "${HTML_AS_JSON:-}" ]; then
    # The explorer's embedded data, parsed: key order inside objects does not count.
    for page in "$work"/base/*/*page.html "$work"/other/*/*page.html; do
        [ -f "$page" ] || continue
        python3 - "$page" <<'PY'
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<script type="application/json" id="partnet-data">(.*?)</script>', text, re.S)
data = json.loads(m.group(1)) if m else None
rest = text[:m.start(1)] + text[m.end(1):] if m else text
open(sys.argv[1], "w", encoding="utf-8").write(json.dumps(data, sort_keys=True) + "\n" + rest)
PY
    done
fi

if diff -r "$work/base" "$work/other" >"$work/diff"; then
    echo "same output: $(find "$work/base" -type f | wc -l) files on ${#datasets[@]} datasets"
else
    grep -E "^(diff|Only)" "$work/diff" | sed "s|$work/||g" | head -80
    echo "output differs (first lines of the diff):"
    grep -vE "^(diff|Only)" "$work/diff" | cut -c1-300 | head -40
    exit 1
fi
