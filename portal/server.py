"""`pug serve`: the portal on a WSGI server (waitress), with Great Expectations loaded before the first upload."""

from __future__ import annotations

import logging
import tempfile
import threading
from pathlib import Path

log = logging.getLogger(__name__)


def prepare() -> None:
    """Django set up and the accounts database up to date."""
    import portal

    portal.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def warm_up() -> None:
    """Check one template workbook, so that the rule engine is loaded and the first upload answers quickly."""
    from django.conf import settings

    from portal import submitting
    from pug.outputs.template import write_template
    from pug.validation.lone_file import check_file

    try:
        reference = submitting.reference()
        opd = reference.tables["opd"].iloc[0]
        year = max(reference.report_years())
        with tempfile.TemporaryDirectory(dir=settings.FILE_UPLOAD_TEMP_DIR) as folder:
            path = write_template(Path(folder) / "warm.xlsx", reference, opd_code=opd["kode_opd"], year=year,
                                  region_code=opd["kode_wilayah"])
            check_file(path, reference, None)
    except Exception:  # noqa: BLE001 - warming is an optimisation; a failure shows on the first real check
        log.exception("warming up the checks failed")


def serve(host: str, port: int, threads: int = 4) -> None:
    import waitress
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    waitress.serve(application, host=host, port=port, threads=threads, ident="pug",
                   max_request_body_size=settings.MAX_UPLOAD_BYTES + 8 * 1024 * 1024)  # far above: refused by waitress unread
