"""Check each file named on the command line alone, as `pug check` does, and print per file one JSON line: the
result, the seconds it took, and the peak resident memory of this process while checking it (VmHWM, reset before
each file through /proc/self/clear_refs). Run by tests/test_public_corpus.py in a process of its own."""

import json
import re
import sys
import time
import traceback
from pathlib import Path

from pug.reference import Reference
from pug.validation.lone_file import check_file


def peak_mib() -> int:
    return int(re.search(r"VmHWM:\s+(\d+) kB", Path("/proc/self/status").read_text())[1]) // 1024


if __name__ == "__main__":
    reference = Reference.load(Path(sys.argv[1]))
    for name in sys.argv[2:]:
        Path("/proc/self/clear_refs").write_text("5")  # the peak starts again from what is resident now
        started = time.monotonic()
        try:
            result, failure = check_file(Path(name), reference), None
        except BaseException:  # noqa: BLE001 - whatever escapes is what the test looks for
            result, failure = None, traceback.format_exc()
        print(json.dumps({"file": name, "seconds": round(time.monotonic() - started, 3), "peak_mib": peak_mib(),
                          "result": result, "failure": failure}), flush=True)
