import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from pug import paths  # noqa: E402
from pug.reference import Reference  # noqa: E402


@pytest.fixture(scope="session")
def reference() -> Reference:
    return Reference.load(paths.PROJECT_ROOT / "raw" / "reference")
