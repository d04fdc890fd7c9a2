#!/bin/sh
# Regenerates the README's gallery from the shipped data, in output/gallery/ (or DIR):
# for each picture, the DOT partnet writes (tests/gallery.rs compares it byte for byte)
# and the SVG this machine's Graphviz lays out from it (the test checks its structure:
# nodes, lines and texts, never its bytes, which differ between Graphviz versions).
# Each `draw NAME ARGS...` line below is one picture: `partnet diagram ARGS -o DIR/NAME.svg`,
# the command the README shows under it.
# Usage: scripts/gallery.sh [DIR]. Set PARTNET to a built binary to skip `cargo run`.
set -eu
cd "$(dirname "$0")/.."
out="${1:-output/gallery}"
mkdir -p "$out"
partnet() {
    if [ -n "${PARTNET:-}" ]; then
        "$PARTNET" --data data "$@"
    else
        cargo run --quiet --release -- --data data "$@"
    fi
}
draw() {
    name=$1
    shift
    partnet diagram "$@" -o "$out/$name.dot" >/dev/null
    partnet diagram --engine graphviz "$@" -o "$out/$name.svg" >/dev/null
    echo "wrote $out/$name.dot $out/$name.svg"
}
draw programme
draw westinghouse --focus westinghouse
draw path --path toshiba cameco
draw projection --projection --min-shared 2 --with-umbrellas
