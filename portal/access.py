"""Who may see and do what: every page and API call asks here, on the server."""

from __future__ import annotations

from portal.models import ADMIN, OPD, REVIEWER


def profile(user):
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return getattr(user, "profile", None)


def role(user) -> str | None:
    p = profile(user)
    return p.role if p else None


def may_see(user, region_code: str | None, opd_code: str | None) -> bool:
    """An OPD user sees its own OPD's reports only; a reviewer its regions'; an admin everything."""
    p = profile(user)
    if p is None:
        return False
    if p.role == ADMIN:
        return True
    if p.role == REVIEWER:
        return region_code in p.region_codes
    return p.role == OPD and region_code in p.region_codes and opd_code == p.opd_code


def may_decide(user, region_code: str | None) -> bool:
    p = profile(user)
    return p is not None and (p.role == ADMIN or (p.role == REVIEWER and region_code in p.region_codes))


def may_submit(user, region_code: str | None, opd_code: str | None) -> bool:
    p = profile(user)
    return p is not None and p.role == OPD and region_code in p.region_codes and opd_code == p.opd_code


def visible_where(user, table: str) -> tuple[str, list]:
    """A SQL condition on `table`.region_code and .opd_code for what the user may see."""
    p = profile(user)
    if p is None:
        return "false", []
    if p.role == ADMIN:
        return "true", []
    if p.role == REVIEWER:
        return f"{table}.region_code IN (SELECT unnest(?::VARCHAR[]))", [p.region_codes]
    return f"{table}.region_code IN (SELECT unnest(?::VARCHAR[])) AND {table}.opd_code = ?", [p.region_codes, p.opd_code]
