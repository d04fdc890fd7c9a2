"""What the cross-checks against real readers share: running partnet, and the loop over the
datasets given on the command line with its report (`NAME: P passed, F failed`, exit 1 on
any problem). Each check script imports it from its own directory."""

import subprocess
import sys
import tempfile
from pathlib import Path


def run(*args):
    """partnet's stdout; a failing run is an error."""
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def run_datasets(name, usage, check, context=None):
    """Runs `check(partnet, dataset, tmp[, ctx])` on each dataset of `sys.argv` (after the
    binary) and exits with the verdict. `context(tmp)`, when given, makes what every check
    shares (a database), inside the same temporary directory."""
    if len(sys.argv) < 3:
        sys.exit(usage)
    partnet, datasets = sys.argv[1], sys.argv[2:]
    problems, failed = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        extra = [context(tmp)] if context else []
        for dataset in datasets:
            found = check(partnet, dataset, Path(tmp), *extra)
            failed += bool(found)
            problems += found
    for p in problems:
        print(f"{name} check FAILED:", p, file=sys.stderr)
    print(f"{name}: {len(datasets) - failed} passed, {failed} failed")
    sys.exit(1 if problems else 0)
