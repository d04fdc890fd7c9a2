#!/bin/sh
# Regenerates the diagram gallery from the shipped data with Graphviz:
#   output/partnerships.svg  the whole programme
#   output/westinghouse.svg  Westinghouse's reactor consortium (--focus westinghouse)
#   output/projection.svg    organisations linked by shared projects (--projection)
# Usage: scripts/gallery.sh [DIR]   (DIR defaults to output/)
# Set PARTNET to a built binary to skip `cargo run`. tests/diagram.rs runs this script and
# fails when the committed files are stale.
set -eu
cd "$(dirname "$0")/.."
out="${1:-output}"
partnet() {
    if [ -n "${PARTNET:-}" ]; then
        "$PARTNET" --data data "$@"
    else
        cargo run --quiet --release -- --data data "$@"
    fi
}
partnet diagram --engine graphviz -o "$out/partnerships.svg" >/dev/null
partnet diagram --engine graphviz --focus westinghouse -o "$out/westinghouse.svg" >/dev/null
partnet diagram --engine graphviz --projection -o "$out/projection.svg" >/dev/null
echo "wrote $out/partnerships.svg $out/westinghouse.svg $out/projection.svg"
