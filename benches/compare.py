#!/usr/bin/env python3
"""The same `stats` task as `partnet --json stats` in networkx and in python-igraph, for the
benchmark table of benches/run.sh.

    compare.py table RESULTS.tsv DATADIR   # runs networkx and igraph, prints the table
    compare.py task networkx|igraph FILE   # one run in this process; prints one JSON line

The task: load the dataset file, build the graph (one node per entity and per project, one
edge per distinct entity-project pair), count nodes, edges, connected components and the
size of the largest component. networkx reads the file with the standard json module,
igraph with orjson, as a Python user of each would.

The table mode creates its own virtual environment (benches/.venv) with networkx, igraph
and orjson from PyPI on first use, runs each task in a fresh process under
`/usr/bin/time`-like accounting (wall time and peak RSS of that process), and caches the
results per dataset file in DATADIR/python-results.json: the libraries do not change
between partnet runs. `--fresh` ignores the cache. Datasets above PYTHON_MAX companies
(default 2,000,000) are not given to them: 10M companies do not fit networkx in 24 GB.

The table ends with the speed targets of issues 17 and 19 and whether this run meets them.
"""

import json
import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(HERE, ".venv")
PACKAGES = ["networkx", "igraph", "orjson"]
PYTHON_MAX = int(os.environ.get("PYTHON_MAX", "2000000"))


def task_networkx(path):
    import networkx as nx

    with open(path, "rb") as f:
        data = json.load(f)
    g = nx.Graph()
    g.add_nodes_from(e["id"] for e in data.get("entities", []))
    g.add_nodes_from(p["id"] for p in data.get("projects", []))
    g.add_edges_from((p["entity"], p["project"]) for p in data.get("participations", []))
    sizes = [len(c) for c in nx.connected_components(g)]
    return g.number_of_nodes(), g.number_of_edges(), len(sizes), max(sizes, default=0)


def task_igraph(path):
    import igraph as ig
    import orjson

    with open(path, "rb") as f:
        data = orjson.loads(f.read())
    index = {}
    for e in data.get("entities", []):
        index.setdefault(e["id"], len(index))
    for p in data.get("projects", []):
        index.setdefault(p["id"], len(index))
    pairs = {(index[p["entity"]], index[p["project"]]) for p in data.get("participations", [])}
    g = ig.Graph(n=len(index), edges=list(pairs))
    sizes = g.connected_components().sizes()
    return g.vcount(), g.ecount(), len(sizes), max(sizes, default=0)


def run_task(lib, path):
    start = time.perf_counter()
    nodes, edges, components, largest = {"networkx": task_networkx, "igraph": task_igraph}[lib](path)
    task = time.perf_counter() - start
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"nodes": nodes, "edges": edges, "components": components,
                      "largest_component": largest, "task_s": task, "rss_kb": rss_kb}))
    sys.stdout.flush()
    # Like partnet, do not spend time freeing what the process is about to give back.
    os._exit(0)


def venv_python():
    python = os.path.join(VENV, "bin", "python")
    stamp = os.path.join(VENV, ".installed")
    if not os.path.exists(stamp):
        print(f"compare.py: creating {VENV} with {', '.join(PACKAGES)} (once)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check", *PACKAGES], check=True)
        with open(stamp, "w") as f:
            f.write(" ".join(PACKAGES) + "\n")
    return python


def measure(python, lib, path):
    """Runs one task in a fresh process; wall time from fork to exit, peak RSS of the child."""
    start = time.perf_counter()
    out = subprocess.run([python, os.path.abspath(__file__), "task", lib, path],
                         check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["wall_s"] = wall
    return result


def fmt_time(s):
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def fmt_mb(kb):
    return f"{kb / 1024:.0f} MB"


def read_results(path):
    """The TSV benches/run.sh writes: one row per (size, command)."""
    rows = {}
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            rec = dict(zip(header, line.rstrip("\n").split("\t")))
            rows.setdefault(int(rec["size"]), {})[rec["command"]] = rec
    return rows


def python_results(rows, datadir, fresh):
    """networkx and igraph on each dataset, from the cache when the file is unchanged."""
    cache_path = os.path.join(datadir, "python-results.json")
    cache = {}
    if os.path.exists(cache_path) and not fresh:
        with open(cache_path) as f:
            cache = json.load(f)
    python = venv_python()
    out = {}
    for size, recs in sorted(rows.items()):
        if size > PYTHON_MAX:
            out[size] = None
            continue
        path = recs["stats"]["file"]
        st = os.stat(path)
        key = f"{os.path.basename(path)}:{st.st_size}:{int(st.st_mtime)}"
        if key not in cache:
            cache[key] = {}
            for lib in ("networkx", "igraph"):
                print(f"compare.py: {lib} on {os.path.basename(path)} ...", file=sys.stderr)
                cache[key][lib] = measure(python, lib, path)
            with open(cache_path, "w") as f:
                json.dump(cache, f, indent=1)
        out[size] = cache[key]
    return out


def table(results_path, datadir, fresh):
    rows = read_results(results_path)
    libs = python_results(rows, datadir, fresh)
    print("### `stats` end to end: partnet, networkx, python-igraph\n")
    print("| companies | file | tool | time | peak memory | partnet is faster | partnet uses less memory | "
          "answer agrees |")
    print("|---:|---:|---|---:|---:|---:|---:|---|")
    for size, recs in sorted(rows.items()):
        pn = recs["stats"]
        wall, rss = float(pn["wall_s"]), int(pn["rss_kb"])
        counts = json.loads(pn["answer"])
        mb = os.stat(pn["file"]).st_size / 1e6
        print(f"| {size:,} | {mb:.0f} MB | partnet | {fmt_time(wall)} | {fmt_mb(rss)} | | | |")
        for lib in ("networkx", "igraph"):
            if libs[size] is None:
                print(f"| | | {lib} | not run (above PYTHON_MAX) | | | | |")
                continue
            r = libs[size][lib]
            agree = all(r[k] == counts[k] for k in ("nodes", "edges", "components", "largest_component"))
            print(f"| | | {lib} | {fmt_time(r['wall_s'])} | {fmt_mb(r['rss_kb'])} | "
                  f"{r['wall_s'] / wall:.1f}x | {r['rss_kb'] / rss:.1f}x | {'yes' if agree else 'NO'} |")
    print("\n### Load throughput (file MB over the load phase) against serde_json's parse into `IgnoredAny`\n")
    print("| companies | load | IgnoredAny | load / IgnoredAny |")
    print("|---:|---:|---:|---:|")
    for size, recs in sorted(rows.items()):
        load, ignored = float(recs["stats"]["load_mb_s"] or 0), float(recs["stats"]["ignored_mb_s"] or 0)
        ratio = f"{load / ignored:.2f}" if ignored else "?"
        print(f"| {size:,} | {load:.0f} MB/s | {ignored:.0f} MB/s | {ratio} |")
    names = []
    for recs in rows.values():
        for name in recs:
            if name not in names:
                names.append(name)
    print("\n### Every command end to end (time, peak memory; CPU use where above one core)\n")
    print("| command | " + " | ".join(f"{size:,}" for size in sorted(rows)) + " |")
    print("|---|" + "---:|" * len(rows))
    for name in names:
        cells = []
        for size in sorted(rows):
            r = rows[size].get(name)
            if r is None:
                cells.append("not run")
                continue
            cpu = int(r["cpu"].rstrip("%") or 0)
            extra = f", cpu {cpu}%" if cpu > 110 else ""
            cells.append(f"{fmt_time(float(r['wall_s']))}, {fmt_mb(int(r['rss_kb']))}{extra}")
        print(f"| {name} | " + " | ".join(cells) + " |")
    targets(rows, libs)


def targets(rows, libs):
    """The speed targets of issues 17 and 19, with what this run measured."""
    print("\n### Targets (issues 17 and 19)\n")
    print("| target | measured | met |")
    print("|---|---:|---|")

    def line(what, measured, ok):
        print(f"| {what} | {measured} | {'yes' if ok else 'no'} |")

    for size, recs in sorted(rows.items()):
        stats = recs["stats"]
        wall, rss = float(stats["wall_s"]), int(stats["rss_kb"])
        if size == 1_000_000 and libs.get(size):
            ratio = libs[size]["networkx"]["wall_s"] / wall
            line("1M companies: `stats` at least 50x faster than networkx", f"{ratio:.1f}x", ratio >= 50)
            line("1M companies: `stats` peak memory at most 400 MB", fmt_mb(rss), rss <= 400 * 1024)
        if size == 10_000_000:
            line("10M companies: `stats` in at most 8 s", fmt_time(wall), wall <= 8)
            line("10M companies: `stats` in at most 4 GB", fmt_mb(rss), rss <= 4 * 1024 * 1024)
            for name in ("partners typical", "path", "components"):
                if name in recs:
                    r = float(recs[name]["wall_s"]) / wall
                    line(f"10M companies: `{name}` within 1.3x of `stats`", f"{r:.2f}x", r <= 1.3)
        if size == 1_000_000:
            for name in ("changes month", "changes quarter", "changes year", "timeline hub"):
                if name in recs:
                    r = float(recs[name]["wall_s"]) / wall
                    line(f"1M companies: `{name}` within 1.5x of `stats`", f"{r:.2f}x", r <= 1.5)
        snap = recs.get("stats, snapshot")
        if snap and size in (1_000_000, 10_000_000):
            swall, srss = float(snap["wall_s"]), int(snap["rss_kb"])
            tag = f"{size // 1_000_000}M companies, from a snapshot (`partnet index`)"
            line(f"{tag}: the same `stats` answer as from the JSON", "", snap["answer"] == stats["answer"])
            if size == 1_000_000 and libs.get(size):
                ratio = libs[size]["networkx"]["wall_s"] / swall
                line(f"{tag}: `stats` at least 50x faster than networkx", f"{ratio:.1f}x", ratio >= 50)
                line(f"{tag}: `stats` peak memory at most 400 MB", fmt_mb(srss), srss <= 400 * 1024)
            if size == 10_000_000:
                line(f"{tag}: `stats` in at most 8 s", fmt_time(swall), swall <= 8)
                line(f"{tag}: `stats` in at most 4 GB", fmt_mb(srss), srss <= 4 * 1024 * 1024)
                for name in ("partners typical", "path", "components"):
                    if f"{name}, snapshot" in recs:
                        r = float(recs[f"{name}, snapshot"]["wall_s"]) / swall
                        line(f"{tag}: `{name}` within 1.3x of `stats`", f"{r:.2f}x", r <= 1.3)
        if size in (1_000_000, 10_000_000):
            load, ignored = float(stats["load_mb_s"] or 0), float(stats["ignored_mb_s"] or 0)
            if ignored:
                r = load / ignored
                line(f"{size // 1_000_000}M companies: load at least 0.7 of `IgnoredAny`", f"{r:.2f}", r >= 0.7)


def main(argv):
    if len(argv) >= 3 and argv[0] == "task":
        run_task(argv[1], argv[2])
    elif len(argv) >= 3 and argv[0] == "table":
        table(argv[1], argv[2], "--fresh" in argv)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv[1:])
