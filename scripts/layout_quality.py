#!/usr/bin/env python3
"""Measures how readable Graphviz's layout of partnet's diagrams is, for candidate settings.

    scripts/layout_quality.py [--partnet BIN] [--data PATH] [--only NAME]... [--variant NAME]...

For each diagram (the whole programme, Westinghouse's ego network, a chain, the organisation
projection) and each candidate setting, it lays the DOT out with Graphviz (`-Tjson`) and counts,
from Graphviz's own output:

  crossings   pairs of lines that cross (lines sharing an end are not counted)
  through     (line, sector box) pairs where the line runs through a box that holds neither of
              its ends: the reader sees a link into a sector it has nothing to do with
  over        (line, node) pairs where the line runs over a node that is not one of its ends
  size        the drawing's width x height, in inches
  text        the size (points) of the 11-point labels once the drawing is shrunk to an 8-inch
              article column: below about 7 a reader cannot read them
  boxes       how many sector (or country) boxes the engine drew: neato and sfdp draw none, so
              their `through` says nothing

and prints one table per diagram, best first by (through, over, crossings, -text, area), after every
candidate that draws the boxes the diagram has (neato and sfdp draw none). Candidates are
either Graphviz attributes given on the command line (-G...) or changes to the DOT partnet writes
(moving blocks of statements); each DOT statement is one line, which is what makes the latter
simple. Needs only Python 3 and Graphviz; partnet from target/release unless --partnet says.
"""

import argparse
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DIAGRAMS = {
    "whole": [],
    "westinghouse": ["--focus", "westinghouse"],
    "hitachi-2": ["--focus", "hitachi", "--depth", "2"],
    "path": ["--path", "toshiba", "cameco"],
    "projection": ["--projection"],
    "projection-min-2": ["--projection", "--min-shared", "2"],
    "projection-umbrellas": ["--projection", "--with-umbrellas"],
}


# ---------- DOT text changes ----------

def blocks(dot):
    """Splits partnet's DOT into (head lines, [(name, lines)] top-level subgraph blocks, tail lines)."""
    lines = dot.rstrip("\n").split("\n")
    head, subs, tail = [], [], []
    i = 1
    while i < len(lines) - 1:
        line = lines[i]
        m = re.match(r"^  subgraph (\S+) \{$", line)
        if m:
            depth, j = 1, i + 1
            while depth:
                depth += lines[j].endswith("{") - (lines[j].strip() == "}")
                j += 1
            subs.append((m.group(1), lines[i:j]))
            i = j
            continue
        (tail if subs else head).append(line)
        i += 1
    return lines[0], head, subs, tail, lines[-1]


def join(first, head, subs, tail, last):
    out = [first] + head
    for _, body in subs:
        out += body
    return "\n".join(out + tail + [last]) + "\n"


def edges_of(lines):
    for line in lines:
        m = re.match(r"^\s*(n\d+) -- (n\d+)", line)
        if m:
            yield m.group(1), m.group(2)


def drop_project_rank(dot):
    first, head, subs, tail, last = blocks(dot)
    return join(first, head, [s for s in subs if s[0] != "projects"], tail, last)


def reorder_clusters(dot, key):
    first, head, subs, tail, last = blocks(dot)
    clusters = [s for s in subs if s[0].startswith("cluster_")]
    others = [s for s in subs if not s[0].startswith("cluster_")]
    return join(first, head, key(clusters, tail) + others, tail, last)


def by_size(clusters, _):
    return sorted(clusters, key=lambda s: -len(s[1]))


def reversed_order(clusters, _):
    return clusters[::-1]


def by_first_link(clusters, tail):
    """Clusters in the order their first project is reached by the link list."""
    member = {}
    for name, body in clusters:
        for line in body:
            m = re.match(r"^\s*(n\d+)\[", line)
            if m:
                member[m.group(1)] = name
    first = {}
    for i, (a, b) in enumerate(edges_of(tail)):
        for n in (a, b):
            if n in member:
                first.setdefault(member[n], i)
    return sorted(clusters, key=lambda s: first.get(s[0], 1 << 30))


def orgs_into_sectors(dot):
    """Moves each organisation whose every line goes into one sector box into that box."""
    first, head, subs, tail, last = blocks(dot)
    box_of = {}
    for name, body in subs:
        if name.startswith("cluster_"):
            for line in body:
                m = re.match(r"^\s*(n\d+)\[", line)
                if m:
                    box_of[m.group(1)] = name
    boxes = {}
    for a, b in edges_of(tail):
        for x, y in ((a, b), (b, a)):
            if x not in box_of:
                boxes.setdefault(x, set()).add(box_of.get(y))
    moved = {n: next(iter(b)) for n, b in boxes.items() if len(b) == 1 and None not in b}
    move = {}

    def keep(lines):
        kept = []
        for line in lines:
            m = re.match(r"^  (n\d+)\[", line)
            if m and m.group(1) in moved:
                move.setdefault(moved[m.group(1)], []).append("  " + line)
            else:
                kept.append(line)
        return kept

    head, tail = keep(head), keep(tail)
    new_subs = []
    for name, body in subs:
        if name in move:
            body = body[:-1] + move[name] + body[-1:]
        new_subs.append((name, body))
    return join(first, head, new_subs, tail, last)


def unframe(dot):
    """Takes the frame that carries the footnote (`subgraph cluster_frame`) apart: the DOT
    without it, and its opening lines (None when there is no frame)."""
    lines = dot.rstrip("\n").split("\n")
    if len(lines) < 3 or not any(l == "  subgraph cluster_frame {" for l in lines):
        return dot, None
    i = lines.index("  subgraph cluster_frame {")
    opening = lines[i:i + 2]
    inner = [l[2:] for l in lines[i + 2:-2]]
    return "\n".join(lines[:i] + inner + lines[-1:]) + "\n", opening


def framed(change):
    """A change to the statements inside the frame."""
    def run(dot):
        inner, opening = unframe(dot)
        inner = change(inner)
        if opening is None:
            return inner
        lines = inner.rstrip("\n").split("\n")
        i = next(k for k, l in enumerate(lines) if k > 0 and not re.match(r"^  (graph|node|edge)\[", l))
        body = ["  " + l for l in lines[i:-1]]
        return "\n".join(lines[:i] + opening + body + ["  }", lines[-1]]) + "\n"
    return run


def no_frame(dot):
    return unframe(dot)[0]


def all_orgs_left(dot):
    """Writes every line organisation first, as partnet did before it put organisations
    with one link right of the projects."""
    projects = set(re.findall(r"^\s*(n\d+)\[id=\"n\d+\" class=\"project", dot, re.M))
    out = []
    for line in dot.split("\n"):
        m = re.match(r"^(\s*)(n\d+) -- (n\d+)(.*)$", line)
        if m and m.group(2) in projects and m.group(3) not in projects:
            line = f"{m.group(1)}{m.group(3)} -- {m.group(2)}{m.group(4)}"
        out.append(line)
    return "\n".join(out)


def engine(name):
    return lambda dot: re.sub(r'layout="\w+"', f'layout="{name}"', dot, count=1)


def compose(*changes):
    def run(dot):
        for change in changes:
            dot = change(dot)
        return dot
    return run


def same(dot):
    return dot


VARIANTS = {
    # name: (change to the DOT text, extra Graphviz arguments)
    "as-written": (same, []),
    "all-orgs-left": (all_orgs_left, []),
    "all-orgs-left+no-frame": (compose(all_orgs_left, no_frame), []),
    "no-frame": (no_frame, []),
    "no-project-column": (framed(drop_project_rank), []),
    "old-rank": (same, ["-Gnewrank=false"]),
    "concentrate": (same, ["-Gconcentrate=true"]),
    "ortho": (same, ["-Gsplines=ortho"]),
    "polyline": (same, ["-Gsplines=polyline"]),
    "clusters-by-size": (framed(lambda d: reorder_clusters(d, by_size)), []),
    "clusters-reversed": (framed(lambda d: reorder_clusters(d, reversed_order)), []),
    "clusters-by-first-link": (framed(lambda d: reorder_clusters(d, by_first_link)), []),
    "orgs-in-sectors": (framed(orgs_into_sectors), []),
    "orgs-in-sectors+no-project-column": (framed(compose(orgs_into_sectors, drop_project_rank)), []),
    "top-to-bottom": (same, ["-Grankdir=TB"]),
    "left-to-right": (same, ["-Grankdir=LR", "-Granksep=1.1"]),
    "engine=neato": (engine("neato"), []),
    "engine=fdp": (engine("fdp"), []),
    "engine=sfdp": (engine("sfdp"), []),
}


# ---------- geometry from Graphviz's -Tjson ----------

def bezier_points(points, steps=12):
    """Samples a piecewise cubic Bezier (Graphviz's 'b' op: 1 + 3k points) into a polyline."""
    out = [tuple(points[0])]
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i:i + 4]
        for s in range(1, steps + 1):
            t = s / steps
            u = 1 - t
            out.append(tuple(u**3 * a + 3 * u * u * t * b + 3 * u * t * t * c + t**3 * d
                             for a, b, c, d in zip(p0, p1, p2, p3)))
    return out


def segments_cross(p, q, r, s):
    def orient(a, b, c):
        v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return (v > 1e-9) - (v < -1e-9)
    return (orient(p, q, r) * orient(p, q, s) < 0) and (orient(r, s, p) * orient(r, s, q) < 0)


def polylines_cross(a, b):
    ba = bbox_of(a)
    bb = bbox_of(b)
    if ba[2] < bb[0] or bb[2] < ba[0] or ba[3] < bb[1] or bb[3] < ba[1]:
        return False
    for i in range(len(a) - 1):
        for j in range(len(b) - 1):
            if segments_cross(a[i], a[i + 1], b[j], b[j + 1]):
                return True
    return False


def bbox_of(points):
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def runs_through(line, box, margin=2.0):
    """Whether a polyline has a point well inside a box (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box[0] + margin, box[1] + margin, box[2] - margin, box[3] - margin
    return any(x0 < x < x1 and y0 < y < y1 for x, y in line)


def measure(layout):
    objects = layout.get("objects", [])
    nodes = {}
    for o in objects:
        if "nodes" in o or "pos" not in o:
            continue
        x, y = map(float, o["pos"].split(","))
        w, h = float(o["width"]) * 72, float(o["height"]) * 72
        nodes[o["_gvid"]] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    boxes = []
    for o in objects:
        # The frame around everything (it carries the footnote) holds both ends of every line.
        if o.get("name", "").startswith("cluster_") and o["name"] != "cluster_frame" and "bb" in o:
            x0, y0, x1, y1 = map(float, o["bb"].split(","))
            boxes.append(((x0, y0, x1, y1), set(o.get("nodes", []))))
    lines = []
    for e in layout.get("edges", []):
        points = []
        for op in e.get("_draw_", []):
            if op["op"] in ("b", "B"):
                points += bezier_points(op["points"])
            elif op["op"] in ("L", "l"):
                points += [tuple(p) for p in op["points"]]
        # Clip the line to the outside of its own end nodes.
        ends = (e["tail"], e["head"])
        points = [p for p in points if not any(inside(p, nodes[n]) for n in ends if n in nodes)]
        if len(points) >= 2:
            lines.append((ends, points))
    crossings = 0
    for i in range(len(lines)):
        for j in range(i + 1, len(lines)):
            (a, pa), (b, pb) = lines[i], lines[j]
            if set(a) & set(b):
                continue
            crossings += polylines_cross(pa, pb)
    through = sum(
        1 for ends, pts in lines for box, members in boxes
        if not (set(ends) & members) and runs_through(pts, box)
    )
    over = sum(
        1 for ends, pts in lines for n, box in nodes.items()
        if n not in ends and runs_through(pts, box)
    )
    x0, y0, x1, y1 = map(float, layout["bb"].split(","))
    return {
        "boxes": len(boxes),
        "crossings": crossings,
        "through": through,
        "over": over,
        # The size of 11-point text once the drawing is scaled to an 8-inch article column.
        "text": 11 * min(1.0, 8 * 72 / (x1 - x0)),
        "width": (x1 - x0) / 72,
        "height": (y1 - y0) / 72,
        "lines": len(lines),
    }


def inside(p, box):
    return box[0] <= p[0] <= box[2] and box[1] <= p[1] <= box[3]


def layout(dot, args, engine="dot"):
    run = subprocess.run(["dot", "-K" + engine, "-Tjson"] + args, input=dot.encode(), capture_output=True)
    if run.returncode != 0:
        raise RuntimeError(run.stderr.decode(errors="replace"))
    return json.loads(run.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--partnet", default=os.path.join(ROOT, "target/release/partnet"))
    parser.add_argument("--data", default=os.path.join(ROOT, "data"))
    parser.add_argument("--only", action="append", help="a diagram: " + ", ".join(DIAGRAMS))
    parser.add_argument("--variant", action="append", help="a candidate: " + ", ".join(VARIANTS))
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    opts = parser.parse_args()
    results = {}
    for name in opts.only or DIAGRAMS:
        cmd = [opts.partnet, "--data", opts.data, "diagram", "--format", "dot"] + DIAGRAMS[name]
        dot = subprocess.run(cmd, capture_output=True, check=True).stdout.decode()
        written = re.search(r'layout="?(\w+)', dot)
        written = written.group(1) if written else "dot"
        rows = []
        for variant in opts.variant or VARIANTS:
            change, args = VARIANTS[variant]
            try:
                changed = change(dot)
                used = re.search(r'layout="?(\w+)', changed)
                m = measure(layout(changed, args, used.group(1) if used else "dot"))
            except (RuntimeError, KeyError) as e:
                print(f"{name} {variant}: {str(e).strip()[:200]}", file=sys.stderr)
                continue
            m["variant"] = variant
            rows.append(m)
        # An engine that drops the sector boxes loses what they say: it ranks last.
        boxes = max((m["boxes"] for m in rows), default=0)
        rows.sort(key=lambda m: (m["boxes"] < boxes, m["through"], m["over"], m["crossings"], -m["text"],
                                 m["width"] * m["height"]))
        results[name] = rows
        if not opts.json:
            print(f"## {name} (written for {written}; {rows[0]['lines'] if rows else 0} lines)")
            print(f"{'candidate':36} {'boxes':>5} {'through':>7} {'over':>5} {'crossings':>9} {'text':>5} {'size (in)':>13}")
            for m in rows:
                size = f"{m['width']:.1f} x {m['height']:.1f}"
                print(f"{m['variant']:36} {m['boxes']:5} {m['through']:7} {m['over']:5} {m['crossings']:9} "
                      f"{m['text']:5.1f} {size:>13}")
            print()
    if opts.json:
        json.dump(results, sys.stdout, indent=1)
        print()


if __name__ == "__main__":
    main()
