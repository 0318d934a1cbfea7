"""Spreadsheets of public origin (tests/public/README.md), checked as a new user would send them: 252 real files from
the test suites of calamine, xlrd and XlsxWriter, none of them a PUG submission."""

import json
import re
import resource
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from lone_check import PUG, WITHOUT_WAREHOUSE

from pug import paths
from pug.findings import FILE_LEVEL_CODES

PUBLIC = Path(__file__).parent / "public"
FILES = sorted(p for p in PUBLIC.rglob("*") if p.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"))
ENCRYPTED = {"tests__pass_protected.xlsx", "tests__pass_protected.xlsb", "tests__pass_protected.ods", "tests__issue_385.xls"}
# What a library says, never meant for OPD staff: exception names, errno, zip and XML jargon.
LIBRARY_TEXT = re.compile(r"\w(Error|Exception)\b|Errno|zip file|central directory|magic number|entity|_rels|Cfb|sector",
                          re.I)


def _limited_memory():  # a file that made the reader allocate without bound fails the check, not the machine
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


@pytest.fixture(scope="module")
def checked():
    done = subprocess.run([sys.executable, str(Path(__file__).parent / "check_each.py"), str(paths.PROJECT_ROOT / "raw" / "reference"),
                           *map(str, FILES)], capture_output=True, text=True, cwd=paths.PROJECT_ROOT,
                          preexec_fn=_limited_memory, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return {Path(line["file"]).name: line for line in map(json.loads, done.stdout.splitlines())}


def test_every_public_file_is_refused_with_one_clear_reason_in_bounded_time_and_memory(checked):
    assert len(FILES) >= 200 and len(checked) == len(FILES)
    kinds = Counter(path.suffix.lower() for path in FILES)
    assert all(kinds[kind] >= 4 for kind in (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")), kinds
    for name, line in checked.items():
        assert line["failure"] is None, (name, line["failure"])
        assert line["seconds"] < 60 and line["peak_mib"] < 600, (name, line["seconds"], line["peak_mib"])
        result = line["result"]
        errors = [e for e in result["errors"] if e["severity"] == "error"]
        # Not a PUG submission: refused, for one reason that concerns the whole file.
        assert result["status"] == "rejected" and len(errors) == 1 and errors[0]["code"] in FILE_LEVEL_CODES, (name, errors)
        assert (errors[0]["code"] == "FILE_ENCRYPTED") == (name in ENCRYPTED), (name, errors)
        for finding in result["errors"]:
            assert not LIBRARY_TEXT.search(finding["message"]), (name, finding["message"])
            assert finding["message_en"], name


def test_pug_check_of_all_of_them_exits_1_without_a_traceback():
    done = subprocess.run([*PUG, "check", "--json", *map(str, FILES)], capture_output=True,
                          text=True, cwd=paths.PROJECT_ROOT, env=WITHOUT_WAREHOUSE, preexec_fn=_limited_memory, timeout=900)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-3000:]
    assert len(done.stdout.splitlines()) == len(FILES)
