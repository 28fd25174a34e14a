# SPDX-License-Identifier: EUPL-1.2
"""Runs benchmarks and prints their figures:
``./dev bench [catalog|sync|printing|pins|soak [N]]``."""

import sys

from benchmarks import catalog, pins, printing, soak, sync

SUITES = {"catalog": catalog.main, "sync": sync.main, "printing": printing.main, "pins": pins.main}

if __name__ == "__main__":
    args = sys.argv[1:]
    chosen = [name for name in args if not name.isdigit()] or [*SUITES, "soak"]
    for name in chosen:
        if name == "soak":
            soak.main([a for a in args if a.isdigit()])
        else:
            SUITES[name]()
