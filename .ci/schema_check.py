"""The JSON Schema against the loader: the jsonschema package validates the shipped data and
the fixtures partnet reads (they must pass), and a grid of dates, countries (every pair
of letters) and sector paths, each in a one-record dataset, must be valid for the schema exactly when
`partnet check` takes it.

    python3 .ci/schema_check.py target/debug/partnet
"""

import json
import subprocess
import sys
from pathlib import Path

import jsonschema


def refused(partnet, dataset):
    """The subjects of the errors `partnet check` finds in a dataset given on stdin."""
    run = subprocess.run(
        [partnet, "--data", "/dev/stdin", "--json", "check"],
        input=json.dumps(dataset),
        capture_output=True,
        text=True,
    )
    report = json.loads(run.stdout)
    return {d.get("subject") for d in report["diagnostics"] if d["severity"] == "error"}


def dates():
    """Dates of every shape: the ends of months, February of century and leap years, days
    and months out of range, other shapes."""
    out = ["2025", "0000", "9999", "2025-1", "25-01-01", "2025-01-01T00:00", " 2025", "2025/01/01", "", "２０２５"]
    for year in ["0000", "1900", "2000", "2024", "2025", "2100", "2400"]:
        for month in range(0, 14):
            out.append(f"{year}-{month:02}")
            for day in [0, 1, 28, 29, 30, 31, 32]:
                out.append(f"{year}-{month:02}-{day:02}")
    return out


def countries():
    """Every pair of ASCII letters in upper case (assigned or not: AA, UK, EU, XK, ZZ, ...),
    assigned and unassigned ones in other cases, and other shapes."""
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    out = [a + b for a in letters for b in letters]
    out += ["jp", "Jp", "jP", "gb", "uk", "Uk", "eu", "xk", "zz"]
    return out + ["USA", "J", "", "J1", "日本", "GB ", "É1", "ＪＰ"]


def sectors():
    """Sector paths, with and without an empty part."""
    return ["energy", "energy/nuclear", " energy/nuclear ", "a b/c", "/energy", "energy/", "/energy/",
            "energy//nuclear", "energy/ /nuclear", "", " ", "/", "//", "energy/nuclear/"]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    partnet = sys.argv[1]
    root = Path(__file__).resolve().parent.parent
    schema = json.loads(subprocess.run([partnet, "schema"], check=True, capture_output=True, text=True).stdout)
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    shipped = [root / "data/us-japan-2025.json"] + sorted((root / "tests/fixtures").glob("*.json"))
    for path in shipped:
        data = json.loads(path.read_text())
        if "nodes" in data:
            continue
        for error in validator.iter_errors(data):
            problems.append(f"{path.name}: the schema refuses {list(error.absolute_path)}: {error.message}")
    # One dataset holds every value, each in a record of its own: a source per date, a tie
    # per end date, an entity per country; partnet names the records it refuses.
    dated, until, countried = dates(), ["2025-02-29", "2024-02-29", "2025-13", "2025-12-31"], countries()
    sectored = sectors()
    dataset = {
        "sources": [{"id": f"s{i}", "date": d} for i, d in enumerate(dated)],
        "entities": [{"id": f"e{i}", "name": "E", "country": c} for i, c in enumerate(countried)]
        + [{"id": f"a{i}", "name": "A"} for i in range(len(until))]
        + [{"id": "b", "name": "B"}]
        + [{"id": f"es{i}", "name": "S", "sectors": [s]} for i, s in enumerate(sectored)],
        "projects": [{"id": f"p{i}", "name": "P", "sector": s} for i, s in enumerate(sectored)],
        "ties": [{"from": f"a{i}", "to": "b", "kind": "owner", "until": d} for i, d in enumerate(until)],
    }
    errors = refused(partnet, dataset)
    cases = [(f"source \"s{i}\"", {"sources": [r]}, f"date {r['date']!r}") for i, r in enumerate(dataset["sources"])]
    cases += [
        (f"entity \"e{i}\"", {"entities": [r]}, f"country {r['country']!r}")
        for i, r in enumerate(dataset["entities"][: len(countried)])
    ]
    cases += [(f"entity \"es{i}\"", {"entities": [{"id": "x", "name": "X", "sectors": [s]}]}, f"sectors [{s!r}]")
              for i, s in enumerate(sectored)]
    cases += [(f"project \"p{i}\"", {"projects": [{"id": "x", "name": "X", "sector": s}]}, f"sector {s!r}")
              for i, s in enumerate(sectored)]
    for subject, alone, what in cases:
        schema_says = validator.is_valid(alone)
        partnet_says = subject not in errors
        if schema_says != partnet_says:
            problems.append(
                f"{what}: the schema {'accepts' if schema_says else 'refuses'} it, partnet "
                f"{'accepts' if partnet_says else 'refuses'} it"
            )
    for i, d in enumerate(until):
        schema_says = validator.is_valid({"ties": [{"from": "a", "to": "b", "kind": "owner", "until": d}]})
        partnet_says = f"tie \"a{i}\" owner \"b\"" not in errors
        if schema_says != partnet_says:
            problems.append(f"until {d!r}: the schema {'accepts' if schema_says else 'refuses'} it, partnet does not")
    for p in problems:
        print(p)
    print(f"schema check: {len(shipped)} files and {len(cases) + len(until)} values, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
