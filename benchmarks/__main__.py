# SPDX-License-Identifier: EUPL-1.2
"""Runs benchmarks and prints their figures:
``./dev bench [catalog|sync|stall|pull|start|printing|pins|soak [N]|platform [KIOSKS ...]
[--sqlite]|chaos [KIOSKS] [--late]]`` (``stall``: only the UI stall figures of ``sync``;
``pull``: only its pull figures; ``start``: only the cold start of ``catalog``;
``chaos``, run only when named: a fleet's kiosks and its platform killed and started
again, every record checked to arrive exactly once; its status is 1 when one did not)."""

import sys

from benchmarks import catalog, fleet_chaos, pins, platform, printing, soak, sync

SUITES = {"catalog": catalog.main, "sync": sync.main, "printing": printing.main, "pins": pins.main}
# A part of a suite above, run only when named.
ONLY_WHEN_NAMED = {"stall": sync.stall_main, "pull": sync.pull_main, "start": catalog.start_main}

if __name__ == "__main__":
    args = sys.argv[1:]
    chosen = [name for name in args if name.isalpha()] or [*SUITES, "soak", "platform"]
    for name in chosen:
        if name == "soak":
            soak.main([a for a in args if a.isdigit()])
        elif name == "chaos":
            if fleet_chaos.main([a for a in args if a != "chaos"]) != 0:
                sys.exit(1)
        elif name == "platform":
            platform.main([a for a in args if not a.isalpha()])
        else:
            {**SUITES, **ONLY_WHEN_NAMED}[name]()
