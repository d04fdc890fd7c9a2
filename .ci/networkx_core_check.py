"""Checks partnet's core answers against networkx, answer for answer.

Usage: networkx_core_check.py PARTNET DATASET.json [SAMPLES]

Builds the same graph with networkx straight from the dataset file (one node per entity and
project, one edge per distinct (entity, project) pair and per tied pair of organisations) and
compares `stats`, `partners` (depth 1 and 2: a step is a shared project or a tie), `path`
lengths and `rank --by partners` for a sample of organisations, and exact betweenness on
graphs of up to 3,000 nodes, computed by networkx on the same edges. Prints 'N passed, M
failed' and exits 1 on any mismatch.
"""

import json
import random
import subprocess
import sys

import networkx as nx


def partnet(binary, data, *args):
    run = subprocess.run([binary, "--json", "--data", data, *args], capture_output=True, text=True)
    if run.returncode not in (0, 1):
        raise SystemExit(f"partnet {' '.join(args)} exited {run.returncode}: {run.stderr}")
    return json.loads(run.stdout)


def main():
    binary, data = sys.argv[1], sys.argv[2]
    samples = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    with open(data, encoding="utf-8") as f:
        ds = json.load(f)
    g = nx.Graph()
    entities = [e["id"] for e in ds.get("entities", [])]
    g.add_nodes_from(entities)
    g.add_nodes_from(p["id"] for p in ds.get("projects", []))
    g.add_edges_from((p["entity"], p["project"]) for p in ds.get("participations", []))
    ties = [(t["from"], t["to"]) for t in ds.get("ties", [])]
    g.add_edges_from(ties)
    is_entity = set(entities)
    # Steps between organisations: a shared project is two hops, a tie one step too.
    steps = nx.Graph()
    steps.add_nodes_from(g.nodes)
    steps.add_edges_from((p["entity"], p["project"], {"w": 1}) for p in ds.get("participations", []))
    steps.add_edges_from((a, b, {"w": 2}) for a, b in ties)

    passed, failed = 0, []

    def check(what, ours, theirs):
        nonlocal passed
        if ours == theirs:
            passed += 1
        else:
            failed.append(f"{what}: partnet {ours!r:.300} != networkx {theirs!r:.300}")

    stats = partnet(binary, data, "stats")
    comps = list(nx.connected_components(g))
    tied = {frozenset(t) for t in ties}
    check("stats", {k: stats[k] for k in ("nodes", "edges", "ties", "components", "largest_component")},
          {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "ties": len(tied),
           "components": len(comps), "largest_component": max(map(len, comps), default=0)})

    rng = random.Random(7)
    picks = rng.sample(entities, min(samples, len(entities)))
    for a in picks:
        lengths = nx.single_source_dijkstra_path_length(steps, a, cutoff=4, weight="w")
        for depth in (1, 2):
            ours = {p["id"]: p["depth"] for p in partnet(binary, data, "partners", a, "--depth", str(depth))["partners"]}
            theirs = {n: d // 2 for n, d in lengths.items() if n in is_entity and n != a and d <= 2 * depth}
            check(f"partners {a} --depth {depth}", ours, theirs)
        b = rng.choice(entities)
        answer = partnet(binary, data, "path", a, b)
        try:
            want = nx.shortest_path_length(g, a, b) + 1
        except nx.NetworkXNoPath:
            want = 0
        check(f"path {a} {b}", len(answer["nodes"]), want)

    ranked = partnet(binary, data, "rank", "--by", "partners")
    degree2 = {}
    for e in entities:
        partners = {m for p in g[e] if p not in is_entity for m in g[p]} | {t for t in g[e] if t in is_entity}
        partners -= {e}
        degree2[e] = len(partners)
    theirs = sorted(degree2.items(), key=lambda kv: (-kv[1], kv[0]))
    check("rank --by partners", [(r["id"], r["score"]) for r in ranked], [(k, float(v)) for k, v in theirs])

    if g.number_of_nodes() <= 3000:
        exact = nx.betweenness_centrality(g)
        ours = partnet(binary, data, "rank", "--by", "betweenness")
        worst = max((abs(r["score"] - exact[r["id"]]) for r in ours), default=0.0)
        check("rank --by betweenness (max abs difference < 1e-9)", worst < 1e-9, True)
        order = sorted(((-round(exact[e], 12), e) for e in entities))
        check("rank --by betweenness order", [r["id"] for r in ours], [e for _, e in order])

    for line in failed:
        print("MISMATCH", line)
    print(f"{passed} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


main()
