"""Programs from Debian packages that some tests use, which .ci/run installs."""

import os

import pytest


def require_program(found: str | None, package: str) -> str:
    """The program's path, or a skip outside CI; in CI (CI=true) a missing program fails the test."""
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{package} is not installed; .ci/run installs the Debian package")
    pytest.skip(f"{package} is not installed (apt-get install {package})")
