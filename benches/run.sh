#!/usr/bin/env bash
# partnet's scale benchmark: builds release, generates synthetic datasets of 10k, 100k and
# 1M companies (cached between runs), times every command end to end (process start to exit,
# load included) with its peak memory, measures load throughput against serde_json's raw
# parse speed, and runs the same `stats` task in networkx and python-igraph (benches/compare.py)
# for the table in benches/README.md.
#
#   benches/run.sh                      # all sizes
#   SIZES="10000 100000" benches/run.sh # some sizes
#   SIZES=10000000 benches/run.sh       # 10M companies (about 4.4 GB of JSON, generated once)
#
# Environment:
#   SIZES               companies per dataset (default "10000 100000 1000000"; 10000000
#                       only when named: networkx and igraph are not run above PYTHON_MAX)
#   PARTNET_BENCH_DIR   where datasets and results go (default $TMPDIR/partnet-bench)
#   RUNS                runs per command; the fastest is reported (default 3; 1 for python)
#   BETWEENNESS_MAX     largest size to time `rank --by betweenness` at (default 100000:
#                       1,000 sampled sources on a million nodes take about five minutes)
#   DIAGRAM_MAX         largest size to time `diagram --format dot` at (default 1000000)
#   TIES                the fraction of companies tied to another for the "stats, with ties"
#                       row, on a second dataset of the same seed (default 0.03; 0: none)
# Commands that take more than a few seconds (betweenness, diagram) run once.
#   FRESH=1             re-run networkx and igraph instead of using their cached results
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"10000 100000 1000000"}
DIR=${PARTNET_BENCH_DIR:-${TMPDIR:-/tmp}/partnet-bench}
RUNS=${RUNS:-3}
BETWEENNESS_MAX=${BETWEENNESS_MAX:-100000}
DIAGRAM_MAX=${DIAGRAM_MAX:-1000000}
TIES=${TIES:-0.03}
mkdir -p "$DIR"

if [ ! -x /usr/bin/time ]; then
    echo "== installing GNU time (Debian package 'time')" >&2
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
    else
        echo "benches/run.sh: /usr/bin/time is missing; install the 'time' package" >&2
        exit 2
    fi
fi

echo "== cargo build --release" >&2
cargo build --release --quiet --bin partnet --example generate --example parse_speed
BIN=target/release
PARTNET=$BIN/partnet

# Datasets are cached by size and by the generator's source: a changed generator makes new ones.
GEN=$(sha256sum examples/generate.rs | cut -c1-12)

RESULTS=$DIR/results.tsv
printf 'size\tcommand\tfile\twall_s\trss_kb\tcpu\tload_mb_s\tignored_mb_s\tanswer\n' >"$RESULTS"

# measure SIZE NAME ARGS...: runs partnet RUNS times with PARTNET_TIMING=1, output to a file,
# and appends the fastest run's wall time, peak RSS and CPU use to the results.
measure() {
    local size=$1 name=$2
    shift 2
    local best="" best_rss="" best_cpu="" load="" runs=$RUNS
    case $name in "rank betweenness" | "diagram dot") runs=1 ;; esac
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s%N)
        PARTNET_TIMING=1 /usr/bin/time -f "%M %P" -o "$DIR/time" \
            "$PARTNET" --data "$FILE" "$@" >"$DIR/out" 2>"$DIR/err" || {
            echo "benches/run.sh: partnet $* failed:" >&2
            cat "$DIR/err" >&2
            exit 1
        }
        end=$(date +%s%N)
        read -r rss cpu <"$DIR/time"
        wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
        if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$wall best_rss=$rss best_cpu=$cpu
            load=$(awk '/^partnet-timing: load/ { print $3 }' "$DIR/err")
        fi
    done
    local load_mb_s="" answer=""
    if [ "$name" = stats ]; then
        load_mb_s=$(awk -v b="$BYTES" -v s="$load" 'BEGIN { if (s > 0) printf "%.0f", b / 1e6 / s }')
    fi
    case $name in stats | "stats, snapshot") answer=$(tr -d ' \n' <"$DIR/out") ;; esac
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$name" "$FILE" "$best" "$best_rss" "$best_cpu" \
        "$load_mb_s" "$IGNORED" "$answer" >>"$RESULTS"
    printf '  %-22s %7.2f s %7.0f MB  cpu %s\n' "$name" "$best" "$((best_rss / 1024))" "$best_cpu" >&2
}

for size in $SIZES; do
    FILE=$DIR/companies-$size-$GEN.json
    if [ ! -s "$FILE" ] || [ ! -s "$FILE.meta" ]; then
        echo "== generating $size companies" >&2
        $BIN/examples/generate --companies "$size" --seed 7 -o "$FILE.tmp" >"$FILE.meta.tmp"
        mv "$FILE.tmp" "$FILE"
        mv "$FILE.meta.tmp" "$FILE.meta"
    fi
    BYTES=$(stat -c %s "$FILE")
    meta() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" "$FILE.meta"; }
    HUB=$(meta hub) TYPICAL=$(meta typical) FAR=$(meta far)
    IGNORED=$($BIN/examples/parse_speed "$FILE" --json | sed -n 's/.*"ignored_any_mb_s":\([0-9.]*\).*/\1/p')
    printf '== %s companies: %s, %.0f MB, IgnoredAny %.0f MB/s\n' "$size" "$(basename "$FILE")" \
        "$(awk -v b="$BYTES" 'BEGIN { print b / 1e6 }')" "$IGNORED" >&2
    measure "$size" stats --json stats
    measure "$size" "partners hub" --json partners "$HUB"
    measure "$size" "partners typical" --json partners "$TYPICAL"
    measure "$size" path --json path "$TYPICAL" "$FAR"
    measure "$size" "rank partners" --json rank --by partners --top 20
    measure "$size" components --json components
    # What changed (issue 17) over a month, a quarter and a year of the records' dates
    # (examples/generate.rs dates them in 2015-2026), and the biggest hub's timeline.
    measure "$size" "changes month" --json changes --since 2026-11-30
    measure "$size" "changes quarter" --json changes --since 2025-12-31 --until 2026-03-31
    measure "$size" "changes year" --json changes --since 2025-12-31
    measure "$size" "timeline hub" --json timeline "$HUB"
    measure "$size" "export json" export --format json
    if [ "$size" -le "$DIAGRAM_MAX" ]; then
        measure "$size" "diagram dot" diagram --format dot
    fi
    if [ "$size" -le "$BETWEENNESS_MAX" ]; then
        measure "$size" "rank betweenness" --json rank --by betweenness --top 20
    fi
    # The queries a session repeats, from a snapshot (`partnet index`, issue 19). It is made
    # again on every run: its layout follows the binary.
    SNAP=$DIR/companies-$size-$GEN.pnet
    measure "$size" index index -o "$SNAP" --force
    PLAIN=$FILE
    FILE=$SNAP
    measure "$size" "stats, snapshot" --json stats
    measure "$size" "partners typical, snapshot" --json partners "$TYPICAL"
    measure "$size" "path, snapshot" --json path "$TYPICAL" "$FAR"
    measure "$size" "components, snapshot" --json components
    FILE=$PLAIN
    # The same companies with a few percent tied (owners, parents, families, ...): ties must
    # not slow the common case.
    if [ "$TIES" != 0 ]; then
        PLAIN=$FILE
        FILE=$DIR/companies-$size-ties$TIES-$GEN.json
        if [ ! -s "$FILE" ]; then
            $BIN/examples/generate --companies "$size" --seed 7 --ties "$TIES" -o "$FILE.tmp" >/dev/null
            mv "$FILE.tmp" "$FILE"
        fi
        measure "$size" "stats, $TIES tied" --json stats
        FILE=$PLAIN
    fi
done
rm -f "$DIR/out" "$DIR/err" "$DIR/time"

FRESH_FLAG=()
if [ "${FRESH:-}" = 1 ]; then
    FRESH_FLAG=(--fresh)
fi
python3 benches/compare.py table "$RESULTS" "$DIR" "${FRESH_FLAG[@]}"
