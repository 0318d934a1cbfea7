"""Accounts: Django's users, each with the role that decides what it may see and do (portal.access)."""

from django.conf import settings
from django.db import models

OPD, REVIEWER, ADMIN = "opd", "reviewer", "admin"
ROLES = ((OPD, "OPD"), (REVIEWER, "Pemeriksa"), (ADMIN, "Admin"))


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(max_length=16, choices=ROLES)
    regions = models.CharField(max_length=2000, blank=True, help_text="kab/kota codes, comma-separated")
    opd_code = models.CharField(max_length=64, blank=True)

    @property
    def region_codes(self) -> list[str]:
        return [r for r in self.regions.split(",") if r]


class Upload(models.Model):
    """Every file a user submitted, with who and when (decisions are recorded in raw/decisions/)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    stored_as = models.CharField(max_length=500)  # relative to raw/submissions/
    submission_id = models.CharField(max_length=16)
    region_code = models.CharField(max_length=16)
    opd_code = models.CharField(max_length=64)
    report_year = models.IntegerField()
    status = models.CharField(max_length=32)
    uploaded_at = models.DateTimeField(auto_now_add=True)
