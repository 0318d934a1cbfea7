"""`pug users`: accounts of the portal. No default password: one is read from standard input or generated and
printed once."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from rest_framework.authtoken.models import Token

from portal.models import ADMIN, OPD, REVIEWER, Profile


class AccountProblem(ValueError):
    pass


def add(username: str, role: str, regions: list[str], opd: str | None, password: str | None, reference) -> str | None:
    """Create an account; return the generated password when none was given."""
    if role not in (OPD, REVIEWER, ADMIN):
        raise AccountProblem(f"peran harus opd, reviewer atau admin / role must be opd, reviewer or admin, not {role!r}")
    if role in (OPD, REVIEWER) and not regions:
        raise AccountProblem("--region wajib untuk peran opd dan reviewer / --region is required for roles opd and reviewer")
    unknown = [r for r in regions if r not in reference.cities]
    if unknown:
        raise AccountProblem(f"kab/kota tidak ada di raw/reference/wilayah.csv / not a kab/kota of the reference data: {', '.join(unknown)}")
    if role == OPD:
        if not opd or len(regions) != 1 or (regions[0], opd) not in reference.opds:
            raise AccountProblem("akun opd perlu satu --region dan --opd yang terdaftar di raw/reference/opd.csv / an opd "
                                 "account needs one --region and an --opd of raw/reference/opd.csv")
    users = get_user_model()
    if users.objects.filter(username=username).exists():
        raise AccountProblem(f"akun {username} sudah ada / account {username} exists")
    generated = None if password else secrets.token_urlsafe(12)
    with transaction.atomic():
        user = users.objects.create_user(username, password=password or generated, is_staff=False)
        Profile.objects.create(user=user, role=role, regions=",".join(regions), opd_code=opd or "")
    return generated


def listing() -> list[dict]:
    return [{"username": u.username, "role": getattr(getattr(u, "profile", None), "role", ""),
             "regions": getattr(getattr(u, "profile", None), "regions", ""),
             "opd": getattr(getattr(u, "profile", None), "opd_code", ""), "active": u.is_active}
            for u in get_user_model().objects.order_by("username")]


def disable(username: str) -> None:
    user = _user(username)
    user.is_active = False
    user.save(update_fields=["is_active"])
    Token.objects.filter(user=user).delete()


def token(username: str) -> str:
    """A new bearer token for the API (the previous one stops working)."""
    user = _user(username)
    if not user.is_active:
        raise AccountProblem(f"akun {username} dinonaktifkan / account {username} is disabled")
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user).key


def _user(username: str):
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise AccountProblem(f"akun {username} tidak ada / no account {username}") from None
