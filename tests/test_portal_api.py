"""The portal's JSON API and pages against a real server and HTTP client: what an OPD user, a reviewer, an admin and
no user at all may do (DESIGN "Portal"), and hostile requests."""

from __future__ import annotations

import re

import duckdb
import openpyxl
import pytest
import requests

from portal_server import PASSWORDS, running_portal


@pytest.fixture(scope="module")
def portal(built_sample, tmp_path_factory):
    with running_portal(built_sample, tmp_path_factory.mktemp("portal"), max_upload_mb=1) as running:
        yield running


def _as(portal, user: str) -> dict:
    return {"Authorization": f"Bearer {portal['tokens'][user]}"}


def _published(portal, sql: str, params=()) -> list:
    with duckdb.connect(str(portal["warehouse"] / "pug.duckdb"), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def _id_of(portal, region: str, opd: str, year: int = 2025) -> str:
    return _published(portal, "SELECT submission_id FROM fct_submission WHERE region_code = ? AND opd_code = ? "
                              "AND report_year = ? AND is_current", [region, opd, year])[0][0]


def _workbook(portal, relative: str) -> bytes:
    return (portal["raw"] / "submissions" / relative).read_bytes()


def test_no_user_is_refused_everywhere(portal):
    base, sid = portal["base"], _id_of(portal, "33.75", "DPMPPA")
    for method, path in (("GET", "/api/submissions"), ("GET", f"/api/submissions/{sid}"),
                         ("GET", f"/api/submissions/{sid}/feedback.xlsx"), ("POST", "/api/check"),
                         ("POST", "/api/submissions"), ("POST", f"/api/submissions/{sid}/decision")):
        answer = requests.request(method, base + path, timeout=30)
        assert answer.status_code == 401, (method, path, answer.status_code)
    wrong = requests.get(base + "/api/submissions", headers={"Authorization": "Bearer 0123456789abcdef"}, timeout=30)
    assert wrong.status_code == 401
    for page in ("/", "/opd/", "/pemeriksa/", f"/pengiriman/{sid}/", "/pemeriksa/33.75/2025/"):
        answer = requests.get(base + page, allow_redirects=False, timeout=30)
        assert answer.status_code == 302 and answer.headers["Location"].startswith("/masuk/"), page


def test_an_opd_user_sees_and_submits_only_its_own_opd(portal):
    base, me = portal["base"], _as(portal, "opd")
    listed = requests.get(base + "/api/submissions", headers=me, timeout=30).json()
    assert listed and {(s["region_code"], s["opd_code"]) for s in listed} == {("33.75", "KEC_PEKALONGAN_BARAT")}
    assert set(listed[0]) == {"submission_id", "region_code", "opd_code", "report_year", "version", "submitted_on",
                              "status", "review_status"}
    assert {s["report_year"] for s in requests.get(base + "/api/submissions?year=2024", headers=me, timeout=30).json()} == {2024}
    other = _id_of(portal, "33.75", "DPMPPA")
    assert requests.get(f"{base}/api/submissions/{other}", headers=me, timeout=30).status_code == 404
    assert requests.get(f"{base}/api/submissions/{other}/feedback.xlsx", headers=me, timeout=30).status_code == 404
    assert requests.get(f"{base}/pengiriman/{other}/", headers=me, timeout=30, allow_redirects=False).status_code == 302  # pages: sessions only
    own = _id_of(portal, "33.75", "KEC_PEKALONGAN_BARAT")
    detail = requests.get(f"{base}/api/submissions/{own}", headers=me, timeout=30).json()
    assert detail["opd_code"] == "KEC_PEKALONGAN_BARAT" and "findings" in detail and "row_changes" in detail
    feedback = requests.get(f"{base}/api/submissions/{own}/feedback.xlsx", headers=me, timeout=30)
    assert feedback.status_code == 200 and feedback.content[:2] == b"PK"
    decided = requests.post(f"{base}/api/submissions/{own}/decision", json={"decision": "approved"}, headers=me, timeout=30)
    assert decided.status_code == 403
    someone_else = requests.post(base + "/api/submissions", headers=me, timeout=60,
                                 files={"file": ("DPMPPA.xlsx", _workbook(portal, "2025/33.75/DPMPPA.xlsx"))})
    assert someone_else.status_code == 403 and "bukan OPD Anda" in someone_else.json()["error"]


def test_check_answers_like_pug_check_and_stores_nothing(portal):
    base, me = portal["base"], _as(portal, "opd")
    before = sorted(p.name for p in (portal["raw"] / "submissions").rglob("*"))
    workbook = openpyxl.load_workbook(portal["raw"] / "submissions" / "2025/33.75/KEC_PEKALONGAN_BARAT.xlsx")
    budget = workbook["anggaran"]
    header = [c.value for c in budget[1]]
    budget.cell(row=2, column=header.index("pagu") + 1).value = -5
    faulty = portal["raw"].parent / "faulty.xlsx"
    workbook.save(faulty)
    answer = requests.post(base + "/api/check", headers=me, files={"file": ("laporan saya.xlsx", faulty.read_bytes())}, timeout=60)
    assert answer.status_code == 200
    result = answer.json()
    assert result["file"] == "laporan saya.xlsx" and result["status"] == "accepted_with_errors"
    negative = next(f for f in result["errors"] if f["code"] == "BUDGET_NEGATIVE")
    assert negative["sheet"] == "anggaran" and negative["row"] == 2 and negative["cell"] == f"{chr(65 + header.index('pagu'))}2"
    assert sorted(p.name for p in (portal["raw"] / "submissions").rglob("*")) == before
    not_a_workbook = requests.post(base + "/api/check", headers=me, files={"file": ("x.exe", b"MZ")}, timeout=30)
    assert not_a_workbook.status_code == 400


def test_a_submission_is_stored_under_a_name_the_portal_makes(portal):
    base, me = portal["base"], _as(portal, "opd")
    content = _workbook(portal, "2025/33.75/KEC_PEKALONGAN_BARAT.xlsx")
    stored = requests.post(base + "/api/submissions", headers=me, timeout=60,
                           files={"file": ("../../../../tmp/evil name.xlsx", content)})
    assert stored.status_code == 201
    body = stored.json()
    assert set(body) == {"submission_id", "status", "errors"} and body["status"] == "accepted"
    made = [p for p in (portal["raw"] / "submissions" / "2025" / "33.75").iterdir() if "portal" in p.name]
    assert len(made) == 1 and re.fullmatch(r"KEC_PEKALONGAN_BARAT_portal_\d{8}T\d{6}_[0-9a-f]{8}\.xlsx", made[0].name)
    assert made[0].read_bytes() == content and not (portal["raw"].parent / "tmp" / "evil name.xlsx").exists()
    listed = requests.get(base + "/api/submissions?year=2025", headers=me, timeout=30).json()
    assert any(s["submission_id"] == body["submission_id"] for s in listed)


def test_a_reviewer_decides_in_its_regions_only(portal):
    base, me = portal["base"], _as(portal, "reviewer")
    listed = requests.get(base + "/api/submissions?year=2025", headers=me, timeout=30).json()
    assert listed and {s["region_code"] for s in listed} == {"33.75"}
    bekasi = _id_of(portal, "32.75", "DPPPA")
    assert requests.get(f"{base}/api/submissions/{bekasi}", headers=me, timeout=30).status_code == 404
    assert requests.post(f"{base}/api/submissions/{bekasi}/decision", json={"decision": "approved"}, headers=me,
                         timeout=30).status_code == 403
    assert requests.post(base + "/api/submissions", headers=me, timeout=30,
                         files={"file": ("a.xlsx", _workbook(portal, "2025/33.75/DPMPPA.xlsx"))}).status_code == 403
    own = _id_of(portal, "33.75", "DPMPPA")
    no_note = requests.post(f"{base}/api/submissions/{own}/decision", json={"decision": "returned", "note": " "}, headers=me, timeout=30)
    assert no_note.status_code == 400 and "catatan" in no_note.json()["error"]
    odd = requests.post(f"{base}/api/submissions/{own}/decision", json={"decision": "ditolak"}, headers=me, timeout=30)
    assert odd.status_code == 400
    for hostile in (["approved"], "approved", None):
        assert requests.post(f"{base}/api/submissions/{own}/decision", json=hostile, headers=me, timeout=30).status_code == 400
    garbled = requests.post(f"{base}/api/submissions/{own}/decision", data=b"{not json", timeout=30,
                            headers={**me, "Content-Type": "application/json"})
    assert garbled.status_code == 400
    returned = requests.post(f"{base}/api/submissions/{own}/decision", headers=me, timeout=30,
                             json={"decision": "returned", "note": "Lengkapi lembar krppa."})
    assert returned.status_code == 201 and returned.json()["decision"] == "returned"
    lines = (portal["raw"] / "decisions" / "2025.jsonl").read_text(encoding="utf-8").splitlines()
    assert any('"reviewer": "reviewer"' in line and own in line for line in lines)


def test_an_admin_sees_and_decides_everywhere(portal):
    base, me = portal["base"], _as(portal, "admin")
    listed = requests.get(base + "/api/submissions?year=2025", headers=me, timeout=30).json()
    assert {s["region_code"] for s in listed} == {"32.75", "33.75"}
    bekasi = _id_of(portal, "32.75", "DPPPA")
    assert requests.get(f"{base}/api/submissions/{bekasi}", headers=me, timeout=30).status_code == 200
    assert requests.post(f"{base}/api/submissions/{bekasi}/decision", json={"decision": "approved"}, headers=me,
                         timeout=30).status_code == 201
    assert requests.post(base + "/api/submissions", headers=me, timeout=30,
                         files={"file": ("a.xlsx", _workbook(portal, "2025/33.75/DPMPPA.xlsx"))}).status_code == 403


def _login(portal, user: str, password: str | None = None) -> tuple[requests.Session, requests.Response]:
    session = requests.Session()
    page = session.get(portal["base"] + "/masuk/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = session.post(portal["base"] + "/masuk/", timeout=30, allow_redirects=False,
                          data={"username": user, "password": password or PASSWORDS[user], "csrfmiddlewaretoken": token},
                          headers={"Referer": portal["base"] + "/masuk/"})
    return session, answer


def test_sessions_are_httponly_samesite_and_forms_need_their_csrf_token(portal):
    session, answer = _login(portal, "reviewer")
    assert answer.status_code == 302
    cookie = answer.headers["Set-Cookie"]
    assert "sessionid=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    own = _id_of(portal, "33.75", "DPMPPA")
    forged = session.post(f"{portal['base']}/pengiriman/{own}/", data={"decision": "approved"}, timeout=30,
                          headers={"Referer": portal["base"] + "/"})
    assert forged.status_code == 403
    api_forged = session.post(f"{portal['base']}/api/submissions/{own}/decision", json={"decision": "approved"}, timeout=30)
    assert api_forged.status_code == 403 and "CSRF" in api_forged.text


def test_repeated_failed_logins_lock_the_account_out(portal):
    for _ in range(4):
        _, answer = _login(portal, "bekasi", "salah")
        assert answer.status_code == 200 and "salah" in answer.text  # the form again, with its message
    _, answer = _login(portal, "bekasi", "salah")
    assert answer.status_code == 429
    _, answer = _login(portal, "bekasi")  # the right password, too late
    assert answer.status_code == 429 and "dikunci" in answer.text


def test_an_upload_over_the_limit_is_refused_before_it_is_read(portal):
    answer = requests.post(portal["base"] + "/api/check", headers=_as(portal, "opd"), timeout=60,
                           files={"file": ("besar.xlsx", b"\0" * (1536 * 1024))})
    assert answer.status_code == 413 and "terlalu besar" in answer.json()["error"]


def test_notes_and_names_are_shown_escaped_and_no_nik_is_answered(portal):
    base = portal["base"]
    own = _id_of(portal, "33.75", "KEC_PEKALONGAN_BARAT")
    note = '<img src=x onerror="alert(1)"> perbaiki'
    assert requests.post(f"{base}/api/submissions/{own}/decision", headers=_as(portal, "reviewer"), timeout=30,
                         json={"decision": "returned", "note": note}).status_code == 201
    session, _ = _login(portal, "reviewer")
    page = session.get(f"{base}/pengiriman/{own}/", timeout=30).text
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; perbaiki" in page and "<img src=x" not in page
    workbook = openpyxl.load_workbook(portal["raw"] / "submissions" / "2025/33.75/KEC_PEKALONGAN_BARAT.xlsx")
    budget = workbook["anggaran"]
    budget.cell(row=2, column=2).value = "3375011204880001"  # a NIK typed into a name
    with_nik = portal["raw"].parent / "nik.xlsx"
    workbook.save(with_nik)
    answer = requests.post(base + "/api/check", headers=_as(portal, "opd"), timeout=60,
                           files={"file": ("nik.xlsx", with_nik.read_bytes())})
    assert answer.status_code == 200 and "NIK_DETECTED" in answer.text and "3375011204880001" not in answer.text
    assert "3375011204880001" not in portal["log"].read_text(encoding="utf-8")
