"""`pug check` run as a process, as an OPD runs it before the year's warehouse exists: with no published warehouse,
whose register and last year's values would otherwise join in (and the sample's, built by other tests, would make
the corpora's expected findings depend on the order the tests run in)."""

import os
import sys
import tempfile

PUG = [sys.executable, "-m", "pipelines.cli"]
WITHOUT_WAREHOUSE = {**os.environ, "PUG_WAREHOUSE_DIR": tempfile.mkdtemp(prefix="pug-no-warehouse-")}
