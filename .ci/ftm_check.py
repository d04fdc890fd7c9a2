#!/usr/bin/env python3
"""Validates partnet's FollowTheMoney export with the followthemoney package, then reads it
back with partnet and compares the answers.

    python .ci/ftm_check.py PARTNET DATASET.json [DATASET.json ...]

For each dataset, every line of `partnet export --format ftm`:
- parses with `model.get_proxy(data, cleaned=False)` into the schema it names, keeping every
  property it carries (FtM drops properties a schema does not have) and the ones the schema
  requires;
- has an id FtM accepts, used once;
- refers (in every entity-typed property) to an entity of the file whose schema is in the
  property's range: no dangling reference.
Then `--data` the export gives the same graph as the dataset: its node-link export (every
node, link, tie and source with all their fields, in order) is byte-identical. And it gives the
same answers: `stats`, `partners` of up to SAMPLE organisations spread through the dataset (all
of them in a small one) and `path` between consecutive ones. The sample keeps the check to a
few hundred runs of a debug binary on a large dataset; the whole-graph comparison already
covers every organisation. Exits 1 on any mismatch.
"""

import json
import subprocess
from pathlib import Path

from followthemoney import model
from followthemoney.types import registry

from checks import run_datasets

# Organisations whose `partners` (and paths between) are compared: the whole graph is
# compared anyway, so more runs would find nothing new and cost minutes on a slow machine.
SAMPLE = 100


def run(*args):
    done = subprocess.run(args, capture_output=True, text=True)
    return done.returncode, done.stdout


def first_difference(want, got):
    """Where two node-link exports first differ: the graph's own fields, or the first node or
    link that is not the same in both, shown as the source has it and as the export reads back."""
    try:
        want, got = json.loads(want), json.loads(got)
    except ValueError as e:
        return f"a node-link export is not JSON ({e})"
    for part in ("nodes", "links"):
        for i, (w, g) in enumerate(zip(want[part], got[part])):
            if w != g:
                return f"{part}[{i}] is {g!r}, want {w!r}"
        if len(want[part]) != len(got[part]):
            return f"{len(got[part])} {part}, want {len(want[part])}"
    return f"the graph's fields are {got.get('graph')!r}, want {want.get('graph')!r}"


def check(partnet, dataset, tmp):
    problems = []

    def expect(what, got, want):
        if got != want:
            problems.append(f"{dataset}: {what}: got {got!r}, want {want!r}")

    out = tmp / f"{Path(dataset).stem}.ftm.json"
    code, _ = run(partnet, "--data", dataset, "export", "--format", "ftm", "-o", str(out))
    expect("export exit status", code, 0)
    entities = {}
    cleaned = []
    # Split on newlines only: str.splitlines() would also split at a U+2028 inside a name.
    lines = out.read_bytes().decode("utf-8").split("\n")
    for number, line in enumerate(lines, 1):
        if not line:
            continue
        data = json.loads(line)
        proxy = model.get_proxy(data, cleaned=False)
        where = f"line {number} ({data['id']!r})"
        expect(f"{where} schema", proxy.schema.name, data["schema"])
        expect(f"{where} id is an FtM id", registry.entity.validate(data["id"]), True)
        for name, values in data["properties"].items():
            prop = proxy.schema.get(name)
            if prop is None:
                problems.append(f"{dataset}: {where}: {data['schema']} has no property {name!r}")
            elif name not in proxy.properties:
                # FtM's own cleaning refuses some values (a javascript: URL): partnet writes
                # what the dataset says, and FtM readers drop it. Anything else is a failure.
                if any(prop.type.clean(v) is not None for v in values):
                    problems.append(f"{dataset}: {where}: {name} was dropped")
                else:
                    cleaned.append(f"{where} {name} {values!r}")
        for required in proxy.schema.required:
            expect(f"{where} has required {required}", required in data["properties"], True)
        expect(f"{where} id used once", data["id"] in entities, False)
        entities[data["id"]] = proxy
    references = 0
    for proxy in entities.values():
        for prop, value in proxy.itervalues():
            if prop.type != registry.entity:
                continue
            references += 1
            target = entities.get(value)
            if target is None:
                problems.append(f"{dataset}: {proxy.id}: {prop.name} names {value!r}, which is not in the file")
            elif prop.range is not None and not target.schema.is_a(prop.range):
                problems.append(
                    f"{dataset}: {proxy.id}: {prop.name} names a {target.schema.name}, not a {prop.range.name}"
                )

    def same(*args):
        want = run(partnet, "--data", dataset, *args)
        got = run(partnet, "--data", str(out), *args)
        expect(" ".join(args), got, want)

    graphs = []
    for data, name in ((dataset, "source"), (str(out), "readback")):
        graph = tmp / f"{Path(dataset).stem}.{name}.node-link.json"
        code, _ = run(partnet, "--data", data, "export", "--format", "json", "-o", str(graph))
        expect(f"node-link export of the {name} exit status", code, 0)
        graphs.append(graph.read_bytes() if code == 0 else b"")
    if graphs[0] != graphs[1]:
        problems.append(f"{dataset}: the export read back is not the same graph: {first_difference(*graphs)}")
    same("--json", "stats")
    code, listed = run(partnet, "--data", dataset, "--json", "list", "entities")
    organisations = [e["id"] for e in json.loads(listed)]
    step = max(1, -(-len(organisations) // SAMPLE))
    ids = organisations[::step]
    for entity in ids:
        same("--json", "partners", entity)
    for a, b in zip(ids, ids[1:]):
        same("--json", "path", a, b)
    if not problems:
        print(f"ftm check: {dataset}: {len(entities)} entities valid, {references} references resolve; "
              f"the whole graph ({len(graphs[0])} bytes of node-link JSON), stats, partners of {len(ids)} "
              f"of {len(organisations)} organisations and {max(len(ids) - 1, 0)} paths read back alike"
              + (f"; FtM's cleaning refuses {len(cleaned)} values: {'; '.join(cleaned)}" if cleaned else ""))
    return problems


def main():
    run_datasets("ftm", __doc__, check)


if __name__ == "__main__":
    main()
