"""Runs every benchmark and prints its figures: ``./dev bench [catalog|sync|printing|pins]``."""

import sys

from benchmarks import catalog, pins, printing, sync

SUITES = {"catalog": catalog.main, "sync": sync.main, "printing": printing.main, "pins": pins.main}

if __name__ == "__main__":
    chosen = sys.argv[1:] or list(SUITES)
    for name in chosen:
        SUITES[name]()
