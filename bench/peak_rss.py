"""Peak RSS of one process, its own: ``python -m bench.peak_rss ARGS`` runs ``ledger ARGS`` in
this process and writes ``peak_rss_kb N`` as the last line of stderr.

``ru_maxrss`` (``getrusage``, ``wait4``) is no good for this: Linux carries the RSS of the
process that forked the child over the exec, so every child of a large harness reports the
harness's size. ``VmHWM`` in /proc/self/status belongs to the process's own memory, which
exec starts afresh.
"""

from __future__ import annotations

import atexit
import sys
from pathlib import Path

__all__ = ["MARK", "peak_kb"]

MARK = "peak_rss_kb"


def peak_kb() -> int:
    """This process's peak resident set (kB): VmHWM, or ru_maxrss where /proc has none."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    atexit.register(lambda: sys.stderr.write(f"\n{MARK} {peak_kb()}\n"))
    sys.argv = ["ledger", *sys.argv[1:]]
    from commands.cli.main import main as ledger_main

    ledger_main()


if __name__ == "__main__":
    main()
