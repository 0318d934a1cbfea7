"""The portal (`pug serve`): OPD staff check and submit their workbooks, reviewers approve or return them.

A Django application: its authentication, sessions, CSRF protection and password hashing are Django's own, the
lock-out of repeated failed logins django-axes', the API's bearer tokens Django REST framework's. Its state
(accounts, sessions, the record of uploads) is a SQLite file under warehouse/state/. It reads the published
warehouse and writes only the two kinds of source data: submitted files under raw/submissions/ and decisions under
raw/decisions/ (pug.ingest.decisions).
"""

import os


def setup(raw: str | None = None, warehouse: str | None = None) -> None:
    """Configure Django for this deployment (PUG_RAW_DIR / PUG_WAREHOUSE_DIR, or the given directories)."""
    if raw:
        os.environ["PUG_RAW_DIR"] = str(raw)
    if warehouse:
        os.environ["PUG_WAREHOUSE_DIR"] = str(warehouse)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
