"""Executes the notebooks headless (nbclient) against fresh result folders; fails on any
error. The notebooks in git stay without outputs; the executed copies and their figures
go to RESULTS/notebooks/. Used by `make notebooks`.

    python Notebooks/run.py --results Results/check [NOTEBOOK ...]
"""
import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

HERE = Path(__file__).resolve().parent


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--results", required=True, help="folder made by `make check-results`")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    parser.add_argument("notebooks", nargs="*", help="default: every Notebooks/*.ipynb")
    args = parser.parse_args()
    results = Path(args.results).resolve()
    out = results / "notebooks"
    out.mkdir(parents=True, exist_ok=True)
    os.environ.update(KETENSIM_RESULTS=str(results),
                      KETENSIM_FIGURES=str(out / "figures"), MPLBACKEND="Agg")
    paths = [Path(p) for p in args.notebooks] or sorted(HERE.glob("*.ipynb"))
    passed, failed = 0, 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if any(cell.get("outputs") for cell in nb.cells if cell.cell_type == "code"):
            print(f"{path.name}: has outputs in git; strip them (outputs belong in the executed copy only)")
            failed += 1
            continue
        start = time.time()
        try:
            NotebookClient(nb, timeout=args.timeout, kernel_name="python3", resources={"metadata": {"path": str(HERE)}}).execute()
            passed += 1
            print(f"{path.name}: ok in {time.time() - start:.1f} s")
        except CellExecutionError as error:
            failed += 1
            print(f"{path.name}: FAILED\n{error}")
        nbformat.write(nb, out / path.name)
    print(f"notebooks: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
