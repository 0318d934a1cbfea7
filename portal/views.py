"""The pages, in Bahasa Indonesia. Every view checks the user's permission itself (portal.access)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods

from portal import access, api, data, submitting
from portal.models import ADMIN, OPD
from pug.ingest import decisions
from pug.outputs.template import write_template

STATUS_TEXT = {"accepted": "Diterima", "accepted_with_warnings": "Diterima, ada peringatan",
               "accepted_with_errors": "Diterima, ada galat", "rejected": "Ditolak", "missing": "Belum ada"}
REVIEW_TEXT = {"approved": "Disetujui", "returned": "Dikembalikan", "pending": "Menunggu pemeriksaan"}
BUILD_TEXT = {"waiting": "Menunggu diproses", "validated": "Sudah diperiksa, belum terbit", "published": "Terbit"}
CHANGE_TEXT = {"added": "baris baru", "removed": "baris dihapus", "changed": "diubah"}


def locked_out(request, credentials, *args, **kwargs):
    return HttpResponse(render_to_string("portal/locked.html", request=request), status=429)


def _context(request, **more) -> dict:
    return {"role": access.role(request.user), "status_text": STATUS_TEXT, "review_text": REVIEW_TEXT,
            "build_text": BUILD_TEXT, "change_text": CHANGE_TEXT, **more}


def _years() -> list[int]:
    reference = submitting.reference()
    return sorted(reference.report_years(), reverse=True)


def _year(request) -> int:
    try:
        year = int(request.GET.get("tahun") or request.POST.get("tahun") or 0)
    except ValueError:
        year = 0
    years = _years()
    return year if year in years else min(dt.date.today().year - 1, max(years))


@login_required
def home(request):
    role = access.role(request.user)
    if role == OPD:
        return redirect("opd")
    if role is None:
        return HttpResponseForbidden("Akun ini belum diberi peran. / This account has no role.")
    return redirect("reviewer")


@login_required
@require_http_methods(["GET", "POST"])
def opd_home(request):
    profile = access.profile(request.user)
    if profile is None or profile.role != OPD:
        return HttpResponseForbidden("Halaman ini untuk akun OPD. / This page is for OPD accounts.")
    year, result, stored, problem = _year(request), None, None, None
    if request.method == "POST":
        uploaded = request.FILES.get("file")
        try:
            if uploaded is None:
                raise submitting.Refused(400, "Pilih berkas laporan lebih dulu.")
            if request.POST.get("action") == "submit":
                stored = api.submit(request.user, uploaded)
                result = stored
            else:
                result = submitting.check(uploaded)
        except submitting.Refused as refused:
            problem, result = refused.message, ({"errors": refused.errors} if refused.errors else None)
    versions = data.submissions(request.user, year)
    return render(request, "portal/opd.html", _context(
        request, profile=profile, year=year, years=_years(), result=result, stored=stored, problem=problem,
        versions=versions))


@login_required
def template_download(request):
    profile = access.profile(request.user)
    if profile is None or profile.role != OPD:
        return HttpResponseForbidden("Halaman ini untuk akun OPD. / This page is for OPD accounts.")
    year = _year(request)
    folder = Path(tempfile.mkdtemp(dir=submitting.LAYOUT.state / "uploads"))
    out = folder / f"{profile.opd_code}_{year}.xlsx"
    write_template(out, submitting.reference(), opd_code=profile.opd_code, year=year,
                   region_code=profile.region_codes[0], published=submitting.LAYOUT.published)
    response = FileResponse(open(out, "rb"), as_attachment=True, filename=out.name)
    out.unlink()
    folder.rmdir()
    return response


@login_required
def reviewer_home(request):
    profile = access.profile(request.user)
    if profile is None or profile.role == OPD:
        return HttpResponseForbidden("Halaman ini untuk pemeriksa. / This page is for reviewers.")
    reference = submitting.reference()
    regions = sorted(reference.cities) if profile.role == ADMIN else profile.region_codes
    names = reference.tables["wilayah"].set_index("code")["name"].to_dict()
    return render(request, "portal/reviewer.html", _context(
        request, regions=[(code, names.get(code, code)) for code in regions], years=_years()))


@login_required
def review_table(request, region_code: str, year: int):
    if not access.may_decide(request.user, region_code):  # the region's reviewers and admins
        return HttpResponseForbidden("Wilayah ini bukan wilayah Anda. / This region is not yours.")
    names = submitting.reference().tables["wilayah"].set_index("code")["name"].to_dict()
    return render(request, "portal/review_table.html", _context(
        request, region_code=region_code, region_name=names.get(region_code, region_code), year=year,
        rows=data.status_table(region_code, year)))


@login_required
@require_http_methods(["GET", "POST"])
def submission_page(request, submission_id: str):
    found = data.submission(request.user, submission_id)
    if found is None:
        raise Http404("Tidak ditemukan.")
    may_decide = access.may_decide(request.user, found["region_code"])
    problem = None
    if request.method == "POST":
        if not may_decide:
            return HttpResponseForbidden("Hanya pemeriksa wilayah ini yang dapat memutuskan. / Only a reviewer of this "
                                         "region may decide.")
        try:
            api.decide(request.user, found, request.POST.get("decision", ""), request.POST.get("note", ""))
            return redirect("submission", submission_id=submission_id)
        except decisions.DecisionRefused as refused:
            problem = str(refused)
    return render(request, "portal/submission.html", _context(request, item=found, may_decide=may_decide,
                                                              problem=problem))
