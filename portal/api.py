"""The JSON API (DESIGN "Portal"): the same permissions as the pages, for scripts and tests. Authenticated by a
bearer token (`pug users token USER`: Django REST framework's tokens, sent as `Authorization: Bearer <token>`) or the
session, whose writes need the CSRF token."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response

from portal import access, data, submitting
from portal.builds import BUILDS
from portal.models import Upload
from pug.ingest import decisions


def _file(request):
    uploaded = request.FILES.get("file")
    if uploaded is None:
        raise submitting.Refused(400, "Lampirkan berkas pada kolom 'file'. / Attach the file in field 'file'.")
    return uploaded


def _refused(refused: submitting.Refused) -> Response:
    return Response({"error": refused.message, "errors": refused.errors}, status=refused.status)


@api_view(["POST"])
def check(request):
    try:
        return Response(submitting.check(_file(request)))
    except submitting.Refused as refused:
        return _refused(refused)


@api_view(["GET", "POST"])
def submissions(request):
    if request.method == "GET":
        year = request.query_params.get("year")
        try:
            year = int(year) if year else None
        except ValueError:
            return Response({"error": "year harus angka tahun. / year must be a year."}, status=400)
        return Response([{k: s[k] for k in data.SUBMISSION_FIELDS} for s in data.submissions(request.user, year)])
    if access.role(request.user) != "opd":
        return Response({"error": "Hanya akun OPD yang mengirim laporan. / Only OPD accounts submit reports."}, status=403)
    try:
        stored = submit(request.user, _file(request))
    except submitting.Refused as refused:
        return _refused(refused)
    return Response({k: stored[k] for k in ("submission_id", "status", "errors")}, status=status.HTTP_201_CREATED)


def submit(user, uploaded) -> dict:
    """Store an upload as a new version of the user's OPD, record who sent it, and have the year built."""
    stored = submitting.store(uploaded, lambda region, opd: access.may_submit(user, region, opd))
    Upload.objects.create(user=user, stored_as=stored["stored_as"], submission_id=stored["submission_id"],
                          region_code=stored["region_code"], opd_code=stored["opd_code"],
                          report_year=stored["report_year"], status=stored["status"])
    BUILDS.request()
    return stored


@api_view(["GET"])
def submission(request, submission_id: str):
    found = data.submission(request.user, submission_id)
    if found is None:
        return Response({"error": "Tidak ditemukan. / Not found."}, status=404)
    found.pop("feedback")
    return Response(found)


@api_view(["GET"])
def feedback(request, submission_id: str):
    found = data.submission(request.user, submission_id)
    if found is None or found["feedback"] is None:
        return Response({"error": "Tidak ditemukan. / Not found."}, status=404)
    return FileResponse(open(found["feedback"], "rb"), as_attachment=True, filename=found["feedback"].name)


@api_view(["POST"])
def decision(request, submission_id: str):
    found = data.submission(request.user, submission_id)
    if found is None or not access.may_decide(request.user, found["region_code"]):
        return Response({"error": "Hanya pemeriksa wilayah ini yang dapat memutuskan. / Only a reviewer of this region "
                                  "may decide."}, status=403)
    payload = request.data if hasattr(request.data, "get") else {}  # a JSON list or string is no decision
    try:
        recorded = decide(request.user, found, str(payload.get("decision", "")), str(payload.get("note", "")))
    except decisions.DecisionRefused as refused:
        return Response({"error": str(refused)}, status=400)
    return Response(recorded, status=status.HTTP_201_CREATED)


def decide(user, found: dict, decision: str, note: str) -> dict:
    if found["build_state"] != "published":
        raise decisions.DecisionRefused("Versi ini belum selesai dibangun; putuskan setelah terbit. / This version is "
                                        "not published yet; decide once it is.")
    recorded = decisions.record(settings.LAYOUT, decisions.Decision(
        submission_id=found["submission_id"], region_code=found["region_code"], report_year=found["report_year"],
        opd_code=found["opd_code"], version=found["version"], decision=decision, note=note.strip(),
        reviewer=user.get_username(), decided_at=decisions.now()))
    BUILDS.request()
    return {"submission_id": recorded.submission_id, "decision": recorded.decision, "note": recorded.note,
            "decided_at": recorded.decided_at}

