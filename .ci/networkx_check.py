#!/usr/bin/env python3
"""Reads partnet's GraphML, GEXF and node-link JSON exports with networkx and checks them
against partnet's own `--json stats` and the dataset file.

    python .ci/networkx_check.py PARTNET DATASET.json [DATASET.json ...]

For each dataset: the node and edge counts equal partnet's stats, the node ids are the
dataset's ids, every name is intact (exact in JSON; in the XML formats, the characters XML 1.0
cannot carry are U+FFFD), all three formats link the same pairs, every tie record of the JSON export (its `ties`, or
the link itself) is one GraphML and one GEXF edge with its own `from`, `to`, kind, share,
title, until, value and sources (a pair tied both ways is two parallel edges: networkx reads
a MultiGraph), and every list attribute of GraphML and GEXF (a JSON array in a string)
decodes to the JSON export's list. Exits 1 on any mismatch.
"""

import json
import re
from pathlib import Path

import networkx as nx

from checks import run, run_datasets

# What XML 1.0 cannot carry; partnet writes U+FFFD instead (src/export/xml.rs).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# The list attributes partnet writes (src/export/mod.rs).
NODE_LISTS = ("sectors", "aliases", "sources")
EDGE_LISTS = ("roles", "sources", "evidence")


def xml_safe(text):
    return NOT_XML.sub("\ufffd", text)



def check(partnet, dataset, tmp):
    problems = []

    def expect(what, got, want):
        if got != want:
            problems.append(f"{dataset}: {what}: got {got!r}, want {want!r}")

    stats = json.loads(run(partnet, "--data", dataset, "--json", "stats"))
    data = json.loads(Path(dataset).read_text(encoding="utf-8"))
    names = {r["id"]: r["name"] for r in data.get("entities", []) + data.get("projects", [])}

    files = {}
    for fmt in ("graphml", "gexf", "json"):
        files[fmt] = tmp / f"{Path(dataset).stem}.{fmt}"
        run(partnet, "--data", dataset, "export", "--format", fmt, "-o", str(files[fmt]))

    graphs = {
        "graphml": nx.read_graphml(files["graphml"]),
        "gexf": nx.read_gexf(files["gexf"], version="1.3"),
        "json": nx.node_link_graph(json.loads(files["json"].read_text(encoding="utf-8")), edges="links"),
    }
    # One XML edge per participation link and per tie record.
    links = json.loads(files["json"].read_text(encoding="utf-8"))["links"]
    xml_edges = sum(len(link.get("ties") or [link]) for link in links)
    label = {"graphml": "name", "gexf": "label", "json": "name"}
    edge_sets = {}
    for fmt, g in graphs.items():
        expect(f"{fmt} is undirected", g.is_directed(), False)
        expect(f"{fmt} nodes", g.number_of_nodes(), stats["nodes"])
        expect(f"{fmt} edges", g.number_of_edges(), stats["edges"] if fmt == "json" else xml_edges)
        expect(f"{fmt} node ids", sorted(g.nodes), sorted(names))
        for node_id, attrs in g.nodes(data=True):
            want = names.get(node_id, "")
            if fmt != "json":
                want = xml_safe(want)
            expect(f"{fmt} name of {node_id!r}", attrs.get(label[fmt]), want)
        edge_sets[fmt] = sorted({tuple(sorted(e[:2])) for e in g.edges})
    # Lists: GraphML and GEXF carry each as a JSON array in a string; json.loads gives the
    # JSON export's list back, item for item (control characters travel as JSON escapes).
    lists = 0
    for node_id, attrs in graphs["json"].nodes(data=True):
        for key in NODE_LISTS:
            if key not in attrs:
                continue
            lists += 1
            for fmt in ("graphml", "gexf"):
                text = graphs[fmt].nodes[node_id].get(key)
                expect(f"{fmt} {key} of {node_id!r}", json.loads(text) if text else None, attrs[key])
    # The XML edges of each pair, as networkx gives them (a MultiGraph when a pair has two).
    def between(fmt, a, b):
        g = graphs[fmt]
        if not g.has_edge(a, b):
            return []
        return list(g[a][b].values()) if g.is_multigraph() else [g.edges[a, b]]

    def tie_record(t, decode):
        # An empty list is no XML attribute at all.
        return tuple(
            ((json.loads(t[k]) if decode and k == "sources" else t[k]) if k in t else None) or None
            for k in ("from", "to", "kind", "share", "title", "until", "value", "sources")
        )

    ties = 0
    for link in links:
        a, b = link["source"], link["target"]
        if link.get("type") == "tie":
            want = sorted(map(repr, (tie_record(t | {"from": t.get("from", a), "to": t.get("to", b)}, False)
                                     for t in link.get("ties") or [link | {"from": a, "to": b}])))
            ties += len(want)
            for fmt in ("graphml", "gexf"):
                got = sorted(repr(tie_record(e, True)) for e in between(fmt, a, b) if e.get("type") == "tie")
                expect(f"{fmt} ties of {a!r}-{b!r}", got, want)
            continue
        for key in EDGE_LISTS:
            if not link.get(key):
                continue
            lists += 1
            for fmt in ("graphml", "gexf"):
                texts = [e.get(key) for e in between(fmt, a, b) if e.get("type") != "tie"]
                got = [json.loads(t) if t else None for t in texts]
                expect(f"{fmt} {key} of {a!r}-{b!r}", got, [link[key]])
    expect("GEXF edges equal GraphML edges", edge_sets["gexf"], edge_sets["graphml"])
    expect("JSON edges equal GraphML edges", edge_sets["json"], edge_sets["graphml"])
    if not problems:
        print(f"networkx check: {dataset}: {stats['nodes']} nodes, {stats['edges']} edges, "
              f"names intact in GraphML, GEXF and node-link JSON, {lists} lists decode alike, "
              f"{ties} tie records each an edge of their own")
    return problems


def main():
    run_datasets("networkx", __doc__, check)


if __name__ == "__main__":
    main()
