"""Run one pipeline command and append its wall time, CPU time and peak memory to a log
(one JSON line). Used by bench_schaal.py as `make KOSTPRIJS="python meetstap.py LOG kostprijs"`.

    python benchmarks/meetstap.py LOG COMMAND [ARGS...]
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main() -> int:
    log, opdracht = sys.argv[1], sys.argv[2:]
    start = time.perf_counter()
    rc = subprocess.call(opdracht)
    kinderen = resource.getrusage(resource.RUSAGE_CHILDREN)
    stap = opdracht[1] if len(opdracht) > 1 else opdracht[0]
    with open(log, "a", encoding="utf-8") as f:
        f.write(
            json.dumps(
                {
                    "stap": stap,
                    "seconden": round(time.perf_counter() - start, 2),
                    "cpu": round(kinderen.ru_utime + kinderen.ru_stime, 2),
                    "piek_mib": round(kinderen.ru_maxrss / 1024),
                    "rc": rc,
                }
            )
            + "\n"
        )
    return rc


if __name__ == "__main__":
    sys.exit(main())
