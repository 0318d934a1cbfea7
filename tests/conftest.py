import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from pug import paths  # noqa: E402
from pug.reference import Reference  # noqa: E402


@pytest.fixture(scope="session")
def reference() -> Reference:
    return Reference.load(paths.PROJECT_ROOT / "raw" / "reference")


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory):
    """The synthetic sample generated into a temporary raw/ and built, through Dagster, into a temporary warehouse/."""
    import json
    import os
    import shutil

    from pug.synthetic.sample import generate_sample

    root = tmp_path_factory.mktemp("sample")
    raw, warehouse = root / "raw", root / "warehouse"
    shutil.copytree(paths.PROJECT_ROOT / "raw" / "reference", raw / "reference")
    generate_sample(raw)
    raw_digest = _tree_digest(raw / "submissions")
    from pipelines.build import run_build
    from pipelines.instance import project_env

    environment = project_env(raw, warehouse)
    saved = {k: os.environ.get(k) for k in environment}
    os.environ.update(environment)

    report = run_build(log=lambda message: None)
    yield {"raw": raw, "warehouse": warehouse, "report": report, "raw_digest_before_build": raw_digest,
           "truth": json.loads((raw / "sample_truth.json").read_text(encoding="utf-8"))}
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def warehouse_con(built_sample):
    import duckdb

    with duckdb.connect(str(built_sample["report"].published), read_only=True) as con:
        yield con


def _tree_digest(folder):
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()
