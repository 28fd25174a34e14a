"""Runs every benchmark and prints its figures."""

from benchmarks import catalog

if __name__ == "__main__":
    catalog.main()
