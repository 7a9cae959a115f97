#!/usr/bin/env python3
"""Functional tests: the real `tcxd` binary against a real database, driven over HTTP.

Starts `tcxd demo` + `tcxd serve` on a free port (SQLite in a temp dir, or the PostgreSQL of
TCXD_TEST_PG_URL), then checks the API contract, scope, audit, bad input and crash safety.
"""
import argparse
import datetime
import threading
import unicodedata
import http.cookiejar
import json
import re
import html
import io
import zipfile
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

ARGS = None
PASSWORD = "TcxdDemo@2026"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Client:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.csrf = None

    def call(self, method, path, body=None, raw=None, csrf=True, headers=None):
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if csrf and self.csrf:
            req.add_header("X-CSRF-Token", self.csrf)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with self.opener.open(req, timeout=30) as resp:
                text = resp.read().decode()
                return resp.status, (json.loads(text) if text and resp.headers.get("Content-Type", "").startswith("application/json") else text), resp.headers
        except urllib.error.HTTPError as e:
            text = e.read().decode()
            try:
                return e.code, json.loads(text), e.headers
            except ValueError:
                return e.code, text, e.headers

    def login(self, login, password=PASSWORD):
        status, body, headers = self.call("POST", "/api/v1/auth/login", {"login": login, "password": password})
        if status == 200:
            self.csrf = body["csrf_token"]
        return status, body, headers


class Server:
    def __init__(self, tcxd, db, workdir, extra=()):
        self.tcxd, self.db, self.workdir, self.extra = tcxd, db, workdir, list(extra)
        self.proc = None
        self.port = None

    def start(self):
        self.port = free_port()
        self.log = open(os.path.join(self.workdir, "serve.log"), "ab")
        self.proc = subprocess.Popen([self.tcxd, "serve", "--db", self.db, "--port", str(self.port), "--threads", "2"] + self.extra,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/v1/health", timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not start")

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        if self.proc:
            self.log.close()

    def client(self):
        return Client(f"http://127.0.0.1:{self.port}")


SERVER = None


def setUpModule():
    global SERVER
    workdir = tempfile.mkdtemp(prefix="tcxd-func-")
    if ARGS.backend == "postgres":
        url = os.environ.get("TCXD_TEST_PG_URL")
        if not url:
            raise RuntimeError("TCXD_TEST_PG_URL is not set: run through `make test`")
        # Tests running in parallel each have their own database.
        exists = subprocess.run(["psql", url, "-tAc", "SELECT 1 FROM pg_database WHERE datname = 'tcxd_func'"],
                                check=True, capture_output=True, text=True).stdout.strip()
        if not exists:
            subprocess.run(["psql", url, "-q", "-c", "CREATE DATABASE tcxd_func"], check=True)
        url = url.rsplit("/", 1)[0] + "/tcxd_func"
        subprocess.run(["psql", url, "-q", "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        db = url
    else:
        db = os.path.join(workdir, "tcxd.db")
    subprocess.run([ARGS.tcxd, "demo", "--db", db, "--members", "3000", "--seed", "3", "--accounts"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    SERVER = Server(ARGS.tcxd, db, workdir)
    SERVER.workdir_to_remove = workdir
    SERVER.start()


def tearDownModule():
    SERVER.stop()
    shutil.rmtree(SERVER.workdir_to_remove, ignore_errors=True)


def fetch_file(client, path, method="GET", body=None):
    """(status, content type, content disposition, bytes) of a file download."""
    req = urllib.request.Request(client.base + path, method=method,
                                 data=json.dumps(body).encode() if body is not None else None)
    if method != "GET":
        req.add_header("Content-Type", "application/json")
        req.add_header("X-CSRF-Token", client.csrf or "")
    try:
        with client.opener.open(req, timeout=60) as resp:
            return resp.status, resp.headers["Content-Type"], resp.headers["Content-Disposition"], resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers["Content-Type"], None, e.read()


def pdf_text(data):
    """The text of a PDF by pdftotext, or None when it is not installed."""
    if shutil.which("pdftotext") is None:
        return None
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "f.pdf")
        with open(path, "wb") as f:
            f.write(data)
        return subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], check=True,
                              capture_output=True).stdout.decode()


def docx_text(data):
    """The text of word/document.xml of a .docx (checked to be a zip of well-formed XML parts)."""
    import xml.dom.minidom
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        for part in ("[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"):
            if part not in names:
                raise AssertionError(f"{part} missing from the .docx")
            xml.dom.minidom.parseString(z.read(part))  # raises when not well-formed
        doc = xml.dom.minidom.parseString(z.read("word/document.xml"))
    return "".join(t.firstChild.data for t in doc.getElementsByTagName("w:t") if t.firstChild)


def assert_error(test, status, body, expected_status, field=None):
    test.assertEqual(status, expected_status, body)
    test.assertIn("error", body)
    err = body["error"]
    test.assertIsInstance(err["code"], str)
    test.assertTrue(err["message"], "empty message")
    if field is not None:
        test.assertEqual(err["field"], field, body)


class AuthTest(unittest.TestCase):
    def test_login_sets_httponly_strict_cookie_and_returns_csrf(self):
        c = SERVER.client()
        status, body, headers = c.login("bantochuc")
        self.assertEqual(status, 200, body)
        cookie = headers.get("Set-Cookie")
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Strict", cookie)
        self.assertNotIn(body["csrf_token"], cookie)
        self.assertEqual(body["user"]["role"], "province")
        status, me, _ = c.call("GET", "/api/v1/auth/me")
        self.assertEqual(me["user"]["login"], "bantochuc")

    def test_wrong_password_is_401_in_vietnamese_and_audited(self):
        c = SERVER.client()
        status, body, _ = c.login("chibo", "sai-mat-khau")
        assert_error(self, status, body, 401)
        self.assertIn("mật khẩu", body["error"]["message"])
        admin = SERVER.client()
        admin.login("admin")
        _, audit, _ = admin.call("GET", "/api/v1/audit?entity=session&limit=50")
        self.assertTrue(any(e["action"] == "auth.login_failed" and e["login"] == "chibo" for e in audit["items"]))

    def test_login_is_throttled_after_repeated_failures(self):
        admin = SERVER.client()
        admin.login("admin")
        _, me, _ = admin.call("GET", "/api/v1/auth/me")
        status, body, _ = admin.call("POST", "/api/v1/users", {"login": "thu.throttle", "role": "province",
                                                               "org_code": "T01", "password": PASSWORD})
        self.assertEqual(status, 201, body)
        c = SERVER.client()
        statuses = [c.login("thu.throttle", "sai")[0] for _ in range(6)]
        self.assertEqual(statuses[:5], [401] * 5)
        self.assertEqual(statuses[5], 429)
        status, body, _ = c.login("thu.throttle")  # even the right password waits
        assert_error(self, status, body, 429)
        self.assertIn("phút", body["error"]["message"])

    def test_requests_without_session_are_401(self):
        c = SERVER.client()
        status, body, _ = c.call("GET", "/api/v1/orgs")
        assert_error(self, status, body, 401)

    def test_writes_need_the_csrf_header(self):
        c = SERVER.client()
        c.login("bantochuc")
        _, roots, _ = c.call("GET", "/api/v1/orgs")
        status, body, _ = c.call("POST", "/api/v1/orgs", {"kind": "commune", "code": "CSRF1", "name": "Xã Thử",
                                                          "parent_id": roots["items"][0]["id"]}, csrf=False)
        assert_error(self, status, body, 403)

    def test_logout_ends_the_session(self):
        c = SERVER.client()
        c.login("dangbocoso")
        self.assertEqual(c.call("POST", "/api/v1/auth/logout")[0], 204)
        self.assertEqual(c.call("GET", "/api/v1/orgs")[0], 401)


class TreeAndMembersTest(unittest.TestCase):
    def setUp(self):
        self.c = SERVER.client()
        self.assertEqual(self.c.login("bantochuc")[0], 200)
        _, roots, _ = self.c.call("GET", "/api/v1/orgs")
        self.root = roots["items"][0]

    def test_tree_with_counts(self):
        self.assertEqual(self.root["kind"], "provincial")
        self.assertIn("code", self.root)
        counts = self.root["counts"]
        total_counted = sum(counts["by_status"][s] for s in ("probationary", "official", "exempt"))
        self.assertEqual(counts["members"], total_counted)
        status, children, _ = self.c.call("GET", f"/api/v1/orgs/{self.root['id']}/children")
        self.assertEqual(status, 200)
        self.assertGreater(len(children["items"]), 2)
        self.assertEqual(sum(ch["counts"]["members"] for ch in children["items"]), counts["members"])
        status, one, _ = self.c.call("GET", f"/api/v1/orgs/{children['items'][0]['id']}")
        self.assertEqual(one["counts"], children["items"][0]["counts"])

    def test_members_carry_their_branch_and_orgs_their_ancestors(self):
        _, page, _ = self.c.call("GET", f"/api/v1/members?org={self.root['id']}&limit=20")
        for m in page["items"]:
            _, branch, _ = self.c.call("GET", f"/api/v1/orgs/{m['org_id']}")
            self.assertEqual((m["org_code"], m["org_name"]), (branch["code"], branch["name"]))
            self.assertEqual(branch["ancestor_ids"][0], self.root["id"])
            self.assertEqual(branch["ancestor_ids"][-1], branch["id"])
            self.assertEqual(len(branch["ancestor_ids"]), branch["depth"] + 1)
        status, one, _ = self.c.call("GET", f"/api/v1/members/{page['items'][0]['id']}")
        self.assertEqual(status, 200)
        self.assertEqual(one["org_name"], page["items"][0]["org_name"])

    def test_dashboard_stats_add_up_and_match_the_register(self):
        root_id = self.root["id"]
        status, st, _ = self.c.call("GET", f"/api/v1/orgs/{root_id}/stats")
        self.assertEqual(status, 200, st)
        self.assertEqual(st["counted"], self.root["counts"]["members"])
        self.assertEqual(st["by_status"], self.root["counts"]["by_status"])
        self.assertEqual(sum(b["count"] for b in st["age_bands"]) + st["age_unknown"], st["counted"])
        self.assertEqual([b["label"] for b in st["age_bands"]],
                         ["Đến 30 tuổi", "31–40 tuổi", "41–50 tuổi", "51–60 tuổi", "Từ 61 tuổi"])
        # The percentage is exact: recomputed here with integers, rounded half up.
        expected = (st["female"] * 20000 + st["counted"]) // (2 * st["counted"])
        self.assertEqual(st["female_percent"], f"{expected // 100}.{expected % 100:02d}")
        # Admissions of a year equal the members listed with an admission date in that year.
        year = int(st["as_of"][:4]) - 1
        _, last, _ = self.c.call("GET", f"/api/v1/orgs/{root_id}/stats?year={year}")
        admitted, cursor = 0, None
        while True:
            path = f"/api/v1/members?org={root_id}&limit=500" + (f"&cursor={cursor}" if cursor else "")
            _, page, _ = self.c.call("GET", path)
            admitted += sum(1 for m in page["items"] if (m.get("admission_date") or "").startswith(str(year)))
            cursor = page["next"]
            if not cursor:
                break
        self.assertEqual(last["admitted_in_year"], admitted)
        self.assertGreater(admitted, 0)
        status, err, _ = self.c.call("GET", f"/api/v1/orgs/{root_id}/stats?year=20x6")
        self.assertEqual(status, 422, err)
        self.assertEqual(err["error"]["field"], "year")

    def test_search_without_diacritics_finds_the_same_people(self):
        results = []
        for q in ("nguyen van an", "Nguyễn Văn An", "NGUYEN VAN AN"):
            status, body, _ = self.c.call("GET", "/api/v1/members?q=" + urllib.parse.quote(q) + "&limit=500")
            self.assertEqual(status, 200, body)
            results.append([m["id"] for m in body["items"]])
        self.assertTrue(results[0])
        self.assertEqual(results[0], results[1])
        self.assertEqual(results[0], results[2])
        _, body, _ = self.c.call("GET", "/api/v1/members?q=dang&limit=50")
        self.assertTrue(any(m["full_name"].startswith("Đặng") for m in body["items"]))

    def test_cursor_pagination_visits_every_member_once(self):
        seen = []
        url = f"/api/v1/members?org={self.root['id']}&limit=400"
        cursor = None
        while True:
            status, body, _ = self.c.call("GET", url + (f"&cursor={cursor}" if cursor else ""))
            self.assertEqual(status, 200, body)
            seen += [m["id"] for m in body["items"]]
            cursor = body["next"]
            if not cursor:
                break
        self.assertEqual(len(seen), len(set(seen)))
        self.assertEqual(len(seen), sum(self.root["counts"]["by_status"].values()))

    def test_member_create_update_and_audit(self):
        branch = self._a_branch()
        new = {"org_id": branch["id"], "full_name": "  Hoàng   Thị  Thu  ", "gender": "female",
               "birth_date": "1990-02-14", "status": "probationary", "admission_date": "2026-03-02",
               "national_id": "099990000001", "residence": "Thôn 1, xã Tân An"}
        status, m, _ = self.c.call("POST", "/api/v1/members", new)
        self.assertEqual(status, 201, m)
        self.assertEqual(m["full_name"], "Hoàng Thị Thu")
        status, m2, _ = self.c.call("PATCH", f"/api/v1/members/{m['id']}", {"residence": "Số 5, phường Hòa Bình",
                                                                           "version": m["version"]})
        self.assertEqual(status, 200, m2)
        self.assertEqual(m2["residence"], "Số 5, phường Hòa Bình")
        self.assertEqual(m2["version"], m["version"] + 1)
        # A stale version is a conflict.
        status, body, _ = self.c.call("PATCH", f"/api/v1/members/{m['id']}", {"residence": "x", "version": 1})
        assert_error(self, status, body, 409, "version")
        status, audit, _ = self.c.call("GET", f"/api/v1/members/{m['id']}/audit")
        self.assertEqual(status, 200)
        update = next(e for e in audit["items"] if e["action"] == "member.update")
        self.assertEqual(update["before"]["residence"], "Thôn 1, xã Tân An")
        self.assertEqual(update["after"]["residence"], "Số 5, phường Hòa Bình")
        self.assertEqual(update["login"], "bantochuc")
        self.assertTrue(any(e["action"] == "member.create" for e in audit["items"]))

    def _a_branch(self):
        org = self.root
        while not org["holds_members"]:
            _, children, _ = self.c.call("GET", f"/api/v1/orgs/{org['id']}/children")
            org = next(ch for ch in children["items"] if ch["holds_members"] or ch["has_children"])
        return org


class ScopeTest(unittest.TestCase):
    def test_grassroots_account_gets_404_outside_its_subtree_and_the_attempt_is_audited(self):
        province = SERVER.client()
        province.login("bantochuc")
        grassroots = SERVER.client()
        grassroots.login("dangbocoso")
        _, me, _ = grassroots.call("GET", "/api/v1/auth/me")
        home = me["user"]["org_id"]
        _, inside, _ = grassroots.call("GET", f"/api/v1/members?org={home}&limit=1")
        self.assertEqual(len(inside["items"]), 1)
        self.assertEqual(grassroots.call("GET", f"/api/v1/members/{inside['items'][0]['id']}")[0], 200)
        # A member outside: search the whole province as the province account, pick one not in `home`.
        _, everyone, _ = province.call("GET", "/api/v1/members?limit=500")
        _, mine, _ = grassroots.call("GET", f"/api/v1/members?org={home}&limit=500")
        mine_ids = {m["id"] for m in mine["items"]}
        outside = next(m for m in everyone["items"] if m["id"] not in mine_ids)
        status, body, _ = grassroots.call("GET", f"/api/v1/members/{outside['id']}")
        assert_error(self, status, body, 404)
        admin = SERVER.client()
        admin.login("admin")
        _, audit, _ = admin.call("GET", f"/api/v1/audit?entity=member&entity_id={outside['id']}")
        self.assertTrue(any(e["action"] == "member.read_denied" and e["login"] == "dangbocoso" for e in audit["items"]),
                        audit)
        # Writes outside are refused the same way, and nothing changes.
        status, body, _ = grassroots.call("PATCH", f"/api/v1/members/{outside['id']}", {"residence": "x"})
        assert_error(self, status, body, 404)
        self.assertEqual(province.call("GET", f"/api/v1/members/{outside['id']}")[1]["residence"], outside["residence"])

    def test_branch_account_cannot_list_another_branch(self):
        a = SERVER.client()
        a.login("chibo")
        b = SERVER.client()
        b.login("chibo2")
        _, me_b, _ = b.call("GET", "/api/v1/auth/me")
        status, body, _ = a.call("GET", f"/api/v1/members?org={me_b['user']['org_id']}")
        assert_error(self, status, body, 422, "org")
        status, body, _ = a.call("GET", f"/api/v1/orgs/{me_b['user']['org_id']}")
        assert_error(self, status, body, 404)

    def test_member_sees_only_their_own_record(self):
        c = SERVER.client()
        c.login("dangvien")
        _, me, _ = c.call("GET", "/api/v1/auth/me")
        mid = me["user"]["member_id"]
        self.assertEqual(c.call("GET", f"/api/v1/members/{mid}")[0], 200)
        self.assertEqual(c.call("GET", f"/api/v1/members/{mid + 1}")[0], 404)
        self.assertEqual(c.call("GET", "/api/v1/members")[0], 403)


class BadInputTest(unittest.TestCase):
    def setUp(self):
        self.c = SERVER.client()
        self.c.login("bantochuc")
        _, roots, _ = self.c.call("GET", "/api/v1/orgs")
        self.root = roots["items"][0]
        _, kids, _ = self.c.call("GET", f"/api/v1/orgs/{self.root['id']}/children")
        self.commune = next(k for k in kids["items"] if k["kind"] == "commune")
        self.before = self.root["counts"]

    def tearDown(self):
        _, roots, _ = self.c.call("GET", "/api/v1/orgs")
        if getattr(self, "expect_unchanged", True):
            self.assertEqual(roots["items"][0]["counts"], self.before, "a refused write changed the counts")

    def member(self, **kw):
        body = {"org_id": self.commune["id"], "full_name": "Lê Văn Tám", "gender": "male", "birth_date": "1980-01-01",
                "status": "official", "admission_date": "2005-01-01", "official_date": "2006-01-01"}
        body.update(kw)
        return body

    def test_malformed_json_is_400(self):
        status, body, _ = self.c.call("POST", "/api/v1/members", raw=b"{not json")
        assert_error(self, status, body, 400)

    def test_unknown_field_wrong_type_and_impossible_date_name_the_field(self):
        status, body, _ = self.c.call("POST", "/api/v1/members", self.member(favourite_colour="red"))
        assert_error(self, status, body, 422, "favourite_colour")
        status, body, _ = self.c.call("POST", "/api/v1/members", self.member(full_name=42))
        assert_error(self, status, body, 422, "full_name")
        status, body, _ = self.c.call("POST", "/api/v1/members", self.member(birth_date="1980-02-30"))
        assert_error(self, status, body, 422, "birth_date")

    def test_member_in_a_non_branch_organization_is_refused(self):
        status, body, _ = self.c.call("POST", "/api/v1/members", self.member())
        assert_error(self, status, body, 422, "org_id")
        self.assertIn("chi bộ", body["error"]["message"])

    def test_duplicate_card_number_is_409(self):
        _, lst, _ = self.c.call("GET", "/api/v1/members?status=official&limit=5")
        taken = next(m for m in lst["items"] if m["card_number"])
        branch = taken["org_id"]
        status, body, _ = self.c.call("POST", "/api/v1/members", self.member(org_id=branch,
                                                                             card_number=taken["card_number"]))
        assert_error(self, status, body, 409, "card_number")

    def test_parent_cycle_is_refused(self):
        status, body, _ = self.c.call("PATCH", f"/api/v1/orgs/{self.root['id']}", {"parent_id": self.commune["id"]})
        self.assertIn(status, (422,))
        self.assertEqual(body["error"]["field"], "parent_id")

    def test_oversized_body_is_413(self):
        status, body, _ = self.c.call("POST", "/api/v1/members", raw=b'{"full_name":"' + b"a" * (2 << 20) + b'"}')
        assert_error(self, status, body, 413)

    def test_query_strings_are_read_leniently_and_bad_escapes_are_400(self):
        status, body, _ = self.c.call("GET", "/api/v1/members?status=official,probationary&q=a*&limit=5")
        self.assertEqual(status, 200, body)
        status, body, _ = self.c.call("GET", "/api/v1/members?q=%ZZ")
        assert_error(self, status, body, 400, "query")

    def test_unknown_route_is_404_json(self):
        status, body, _ = self.c.call("GET", "/api/v1/nothing-here")
        assert_error(self, status, body, 404)

    def test_openapi_describes_the_api(self):
        status, body, _ = self.c.call("GET", "/api/v1/openapi.json")
        self.assertEqual(status, 200)
        for path in ("/auth/login", "/orgs", "/orgs/{id}", "/orgs/{id}/children", "/members", "/members/{id}",
                     "/audit", "/users", "/catalogs", "/catalogs/commune/import", "/catalogs/{kind}",
                     "/catalogs/{kind}/{code}",
                     "/members/export", "/members/import-template", "/orgs/{id}/members/import",
                     "/members/{id}/dossier", "/members/{id}/dossier/history", "/members/{id}/ratings", "/members/{id}/sheet",
                     "/members/{id}/cv", "/members/{id}/photo",
                     "/orgs/{id}/supplements", "/supplements/{id}", "/supplements/{id}/members/{mid}",
                     "/supplements/{id}/close", "/orgs/{id}/ratings", "/orgs/{id}/rating-report", "/ratings/{id}",
                     "/ratings/{id}/branches/{bid}", "/ratings/{id}/members/{mid}/self", "/ratings/{id}/decisions",
                     "/ratings/{id}/members/{mid}/downgrade", "/ratings/{id}/orgs/{oid}", "/ratings/{id}/close",
                     "/admission/cases", "/admission/cases/{id}", "/admission/cases/{id}/steps", "/admission/inbox",
                     "/orgs/{id}/admission-quotas", "/orgs/{id}/admission-report", "/orgs/restructure",
                     "/orgs/{id}/restructures", "/transfers/{id}/letter.pdf", "/orgs/{id}/transfer-book",
                     "/document-templates", "/document-templates/{key}", "/document-templates/{key}/reset",
                     "/document-templates/{key}/preview", "/ratings/{id}/members/{mid}/form",
                     "/orgs/{id}/rating-report/document", "/admission/cases/{id}/documents/{kind}"):
            self.assertIn("/api/v1" + path, body["paths"])


class CatalogTest(unittest.TestCase):
    def setUp(self):
        self.c = SERVER.client()
        self.assertEqual(self.c.login("bantochuc")[0], 200)
        self.admin = SERVER.client()
        self.assertEqual(self.admin.login("admin")[0], 200)
        self.root = self.c.call("GET", "/api/v1/orgs")[1]["items"][0]

    def test_builtin_catalogs_are_listed(self):
        status, kinds, _ = self.c.call("GET", "/api/v1/catalogs")
        self.assertEqual(status, 200)
        self.assertIn("ethnicity", [k["kind"] for k in kinds["items"]])
        _, eth, _ = self.c.call("GET", "/api/v1/catalogs/ethnicity")
        self.assertEqual(len(eth["items"]), 56)
        self.assertEqual(eth["items"][0], {"catalog": "ethnicity", "code": "01", "name": "Kinh", "aliases": ["Việt"],
                                           "builtin": True, "retired": False})
        _, prov, _ = self.c.call("GET", "/api/v1/catalogs/province")
        self.assertEqual(len(prov["items"]), 34)
        status, body, _ = self.c.call("GET", "/api/v1/catalogs/no_such")
        assert_error(self, status, body, 404, None)

    def test_member_values_are_matched_to_the_catalog_without_diacritics(self):
        branch = TreeAndMembersTest._a_branch(self)
        new = {"org_id": branch["id"], "full_name": "Thạch Thị Sa Rum", "gender": "female",
               "birth_date": "1992-05-06", "status": "probationary", "admission_date": "2026-01-05",
               "ethnicity": "khmer", "religion": "phat giao"}
        status, m, _ = self.c.call("POST", "/api/v1/members", new)
        self.assertEqual(status, 201, m)
        self.assertEqual((m["ethnicity"], m["religion"]), ("Khơ-me", "Phật giáo"))
        # The list filter accepts any spelling too.
        _, found, _ = self.c.call("GET", f"/api/v1/members?org={branch['id']}&ethnicity=KHO%20ME&limit=200")
        self.assertIn(m["id"], [x["id"] for x in found["items"]])
        status, body, _ = self.c.call("PATCH", f"/api/v1/members/{m['id']}", {"ethnicity": "Klingon"})
        assert_error(self, status, body, 422, "ethnicity")
        self.assertIn("Klingon", body["error"]["message"])

    def test_administrators_add_retire_and_delete_entries(self):
        entry = {"code": "T1", "name": "Tôn giáo thử nghiệm", "aliases": ["Thử nghiệm"]}
        status, body, _ = self.c.call("POST", "/api/v1/catalogs/religion", entry)
        assert_error(self, status, body, 403, None)  # not an administrator
        status, body, _ = self.admin.call("POST", "/api/v1/catalogs/religion", dict(entry, name="phat GIAO"))
        assert_error(self, status, body, 422, "name")  # same as "Phật giáo" without diacritics
        status, added, _ = self.admin.call("POST", "/api/v1/catalogs/religion", entry)
        self.assertEqual(status, 201, added)
        self.assertFalse(added["builtin"])
        # In use by a member: cannot be deleted, only retired.
        branch = TreeAndMembersTest._a_branch(self)
        status, m, _ = self.c.call("POST", "/api/v1/members", {
            "org_id": branch["id"], "full_name": "Lò Văn Pọm", "gender": "male", "birth_date": "1985-01-01",
            "status": "probationary", "admission_date": "2026-02-02", "religion": "thu nghiem"})
        self.assertEqual(status, 201, m)
        self.assertEqual(m["religion"], "Tôn giáo thử nghiệm")
        status, body, _ = self.admin.call("DELETE", "/api/v1/catalogs/religion/T1")
        assert_error(self, status, body, 409, "code")
        status, retired, _ = self.admin.call("PATCH", "/api/v1/catalogs/religion/T1", {"retired": True})
        self.assertEqual((status, retired["retired"]), (200, True))
        # Retired: refused for a new value, kept where it is already used.
        status, body, _ = self.c.call("PATCH", f"/api/v1/members/{m['id']}", {"residence": "Bản Mường"})
        self.assertEqual(status, 200, body)
        status, body, _ = self.c.call("POST", "/api/v1/members", {
            "org_id": branch["id"], "full_name": "Lò Thị Ỏn", "gender": "female", "birth_date": "1986-01-01",
            "status": "probationary", "admission_date": "2026-02-02", "religion": "Tôn giáo thử nghiệm"})
        assert_error(self, status, body, 422, "religion")
        # Built-in entries are never deleted.
        status, body, _ = self.admin.call("DELETE", "/api/v1/catalogs/religion/01")
        assert_error(self, status, body, 409, "code")
        self.assertIn("danh mục gốc", body["error"]["message"])
        _, audit, _ = self.admin.call("GET", "/api/v1/audit?entity=catalog&limit=50")
        self.assertTrue({"catalog.create", "catalog.retire"} <= {e["action"] for e in audit["items"]})


class CommuneCatalogTest(unittest.TestCase):
    """The commune-level units: the demo's own, then the official list file loaded over them."""

    def setUp(self):
        self.admin = SERVER.client()
        self.assertEqual(self.admin.login("admin")[0], 200)

    def load(self, rows, dry_run=True, retire_missing=False, client=None):
        text = "\ufeff" + "\n".join(",".join(r) for r in rows) + "\n"
        q = f"dry_run={1 if dry_run else 0}&retire_missing={1 if retire_missing else 0}"
        return (client or self.admin).call("POST", f"/api/v1/catalogs/commune/import?{q}", raw=text.encode(),
                                           headers={"Content-Type": "text/csv"})

    def communes(self):
        return {e["code"]: e for e in self.admin.call("GET", "/api/v1/catalogs/commune")[1]["items"]}

    def test_official_list_is_previewed_then_loaded_all_or_nothing(self):
        before = self.communes()
        demo_units = {c: e for c, e in before.items() if c >= "90000"}
        self.assertTrue(demo_units, "the demo seeds its own commune-level units")
        # The demo province is Hà Nội (the small second province of the transfers, Huế, has its own units).
        first = {c: e for c, e in demo_units.items() if e["parent"] == "01"}
        self.assertTrue(first, "the demo province is Hà Nội")
        demo_code, demo = sorted(first.items())[0]
        header = ["Mã", "Tên", "Cấp", "Mã TP", "Tỉnh / Thành Phố"]
        good = [header,
                ["4", "Ba Đình", "Phường", "1", "Thành phố Hà Nội"],
                ["00008", "Phường Ngọc Hà", "Phường", "01", "Hà Nội"],
                ["26734", "Thạnh An", "Xã", "79", "TP Hồ Chí Minh"],
                [demo_code, demo["name"] + " mới", "", "01", ""]]
        bad = good + [["00002", "Xã Hai", "Huyện", "02", ""]]

        # Not an administrator: refused.
        staff = SERVER.client()
        self.assertEqual(staff.login("bantochuc")[0], 200)
        status, body, _ = self.load(good, client=staff)
        assert_error(self, status, body, 403)

        # The preview names the bad row and column; applying is refused and writes nothing.
        status, rep, _ = self.load(bad)
        self.assertEqual(status, 200, rep)
        self.assertEqual((rep["data_rows"], rep["bad_rows"]), (5, 1))
        self.assertEqual([(i["row"], i["column"]) for i in rep["issues"]], [(6, "Cấp"), (6, "Mã TP")])
        self.assertEqual(rep["added"]["count"], 3)
        self.assertEqual([e["name"] for e in rep["added"]["items"]],
                         ["Phường Ba Đình", "Phường Ngọc Hà", "Xã Thạnh An"])
        self.assertEqual(rep["changed"]["count"], 1)
        self.assertEqual(rep["missing"]["count"], len(before) - 1)
        status, body, _ = self.load(bad, dry_run=False)
        assert_error(self, status, body, 409, "file")
        self.assertEqual(self.communes(), before)

        # The fixed file: applied, with the units it no longer lists retired.
        status, rep, _ = self.load(good, dry_run=False, retire_missing=True)
        self.assertEqual(status, 200, rep)
        self.assertTrue(rep["applied"])
        after = self.communes()
        self.assertEqual(after["00004"]["name"], "Phường Ba Đình")
        self.assertEqual(after["26734"]["parent"], "79")
        self.assertEqual(after[demo_code]["name"], demo["name"] + " mới")
        self.assertFalse(after[demo_code]["retired"])
        retired = [c for c, e in after.items() if e["retired"]]
        self.assertEqual(len(retired), len(before) - 1)
        # Loading the same file again changes nothing.
        _, rep, _ = self.load(good)
        self.assertEqual((rep["added"]["count"], rep["changed"]["count"], rep["unchanged"]), (0, 0, 4))
        _, audit, _ = self.admin.call("GET", "/api/v1/audit?entity=catalog&limit=50")
        self.assertIn("catalog.import", [a["action"] for a in audit["items"]])

        # Not a spreadsheet, and no header: refused as a whole.
        status, body, _ = self.admin.call("POST", "/api/v1/catalogs/commune/import", raw=b"%PDF-1.4 x",
                                          headers={"Content-Type": "application/pdf"})
        assert_error(self, status, body, 422, "file")
        status, body, _ = self.load([["a", "b"], ["1", "2"]])
        assert_error(self, status, body, 422, "file")

    def test_an_added_unit_belongs_to_a_province(self):
        entry = {"code": "31999", "name": "Xã Thử Nghiệm"}
        status, body, _ = self.admin.call("POST", "/api/v1/catalogs/commune", entry)
        assert_error(self, status, body, 422, "parent")
        status, body, _ = self.admin.call("POST", "/api/v1/catalogs/commune", dict(entry, parent="02"))
        assert_error(self, status, body, 422, "parent")  # 02 (Hà Giang) was merged in 2025
        status, e, _ = self.admin.call("POST", "/api/v1/catalogs/commune", dict(entry, parent="31"))
        self.assertEqual(status, 201, e)
        self.assertEqual(e["parent"], "31")
        # The same name is another unit in another province, but not in the same one.
        status, e, _ = self.admin.call("POST", "/api/v1/catalogs/commune", dict(entry, code="48999", parent="48"))
        self.assertEqual(status, 201, e)
        status, body, _ = self.admin.call("POST", "/api/v1/catalogs/commune",
                                          dict(entry, code="31998", name="xa thu nghiem", parent="31"))
        assert_error(self, status, body, 422, "name")
        # Other catalogs have no parent.
        status, body, _ = self.admin.call("POST", "/api/v1/catalogs/religion",
                                          {"code": "X9", "name": "Thử", "parent": "01"})
        assert_error(self, status, body, 422, "parent")


class ImportExportTest(unittest.TestCase):
    HEADER = "STT;Họ và tên;Giới tính;Ngày sinh;Dân tộc;Số CCCD;Ngày vào Đảng;Trạng thái"

    def setUp(self):
        self.c = SERVER.client()
        self.assertEqual(self.c.login("bantochuc")[0], 200)
        self.root = self.c.call("GET", "/api/v1/orgs")[1]["items"][0]
        self.branch = TreeAndMembersTest._a_branch(self)

    def download(self, path):
        req = urllib.request.Request(self.c.base + path)
        with self.c.opener.open(req, timeout=60) as resp:
            return resp.status, resp.read(), resp.headers

    def csv(self, rows, seed):
        # Unique national IDs per test run: 12 digits from the seed and the row.
        lines = [self.HEADER]
        for i, r in enumerate(rows, 1):
            lines.append(r.replace("{id}", f"{seed:06d}{i:06d}"))
        return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()

    def import_(self, org_id, data, dry_run=True, skip_invalid=False):
        q = f"dry_run={1 if dry_run else 0}" + ("&skip_invalid=1" if skip_invalid else "")
        return self.c.call("POST", f"/api/v1/orgs/{org_id}/members/import?{q}", raw=data,
                           headers={"Content-Type": "text/csv"})

    def count(self, org_id):
        return self.c.call("GET", f"/api/v1/orgs/{org_id}")[1]["counts"]["members"]

    def test_preview_names_bad_rows_and_nothing_is_written_until_applied(self):
        nfd = "Nguye\u0302\u0303n Thi\u0323 Ba\u0301u"  # decomposed Unicode
        data = self.csv([
            f"1;{nfd};Nữ;02/09/1975;kinh;{{id}};15/03/2010;Chính thức",
            "2;Trần Văn Bình;Nam;31/02/1980;Kinh;{id};15/03/2010;",
            "3;=HYPERLINK(\"http://x\");Nam;1/1/1980;;{id};15/03/2010;",
            "4;Lê Văn Cường;Nam;1/1/1980;Klingon;{id};15/03/2010;",
        ], seed=int(time.time()) % 900000 + 100000)
        before = self.count(self.branch["id"])
        status, rep, _ = self.import_(self.branch["id"], data)
        self.assertEqual(status, 200, rep)
        self.assertEqual((rep["data_rows"], rep["valid_rows"], rep["bad_rows"], rep["applied"]), (4, 1, 3, False))
        self.assertEqual([(i["row"], i["column"]) for i in rep["issues"]],
                         [(3, "Ngày sinh"), (4, "Họ và tên"), (5, "Dân tộc")])
        self.assertIn("Klingon", rep["issues"][2]["message"])
        self.assertEqual(rep["preview"][0]["full_name"], "Nguyễn Thị Báu")  # stored NFC
        self.assertEqual(rep["preview"][0]["official_date"], "2011-03-15")
        self.assertEqual(self.count(self.branch["id"]), before)
        # Applying a file with bad rows is refused as a whole.
        status, body, _ = self.import_(self.branch["id"], data, dry_run=False)
        assert_error(self, status, body, 409, "file")
        self.assertEqual(self.count(self.branch["id"]), before)
        # Unless the user chooses to import the valid rows only.
        status, rep, _ = self.import_(self.branch["id"], data, dry_run=False, skip_invalid=True)
        self.assertEqual(status, 201, rep)
        self.assertEqual((rep["applied"], rep["imported"]), (True, 1))
        self.assertEqual(self.count(self.branch["id"]), before + 1)
        # The same file again: its valid row is now a duplicate of a stored member.
        status, rep, _ = self.import_(self.branch["id"], data)
        self.assertEqual(rep["valid_rows"], 0)
        self.assertIn((2, "national_id"), [(i["row"], i["field"]) for i in rep["issues"]])
        _, audit, _ = self.c.call("GET", f"/api/v1/audit?limit=20")
        self.assertIn("member.import", [e["action"] for e in audit["items"]])

    def test_twenty_thousand_rows_with_37_bad_ones(self):
        import random
        rnd = random.Random(20)
        seed = int(time.time() * 1000) % 900 + 100
        bad_kinds = [("Ngày sinh", "31/02/1980"), ("Giới tính", "không rõ"), ("Ngày vào Đảng", "2010"),
                     ("Dân tộc", "Sao Hỏa"), ("Họ và tên", "=1+1")]
        bad = dict((r, bad_kinds[i % len(bad_kinds)]) for i, r in enumerate(rnd.sample(range(2, 20002), 37)))
        lines = [self.HEADER]
        for row in range(2, 20002):
            cells = {"STT": str(row - 1), "Họ và tên": "Lê Văn Bình", "Giới tính": "Nam",
                     "Ngày sinh": "01/01/1980", "Dân tộc": "Kinh", "Số CCCD": f"{seed:03d}{row:09d}",
                     "Ngày vào Đảng": "15/03/2010", "Trạng thái": ""}
            if row in bad:
                col, value = bad[row]
                cells[col] = value
            lines.append(";".join(cells[h] for h in self.HEADER.split(";")))
        data = ("\r\n".join(lines) + "\r\n").encode()
        before = self.count(self.branch["id"])
        status, rep, _ = self.import_(self.branch["id"], data)
        self.assertEqual(status, 200, rep)
        self.assertEqual((rep["data_rows"], rep["bad_rows"], rep["valid_rows"]), (20000, 37, 19963))
        self.assertEqual(sorted((i["row"], i["column"]) for i in rep["issues"]),
                         sorted((r, c) for r, (c, _) in bad.items()))
        self.assertTrue(all(i["message"] for i in rep["issues"]))
        status, body, _ = self.import_(self.branch["id"], data, dry_run=False)
        assert_error(self, status, body, 409, "file")
        self.assertEqual(self.count(self.branch["id"]), before)

    def test_files_that_are_not_member_lists_are_refused_with_a_reason(self):
        for data, needle in ((b"", "rỗng"), (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "không phải bảng tính"),
                             (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".xls"),
                             ("a;b\r\n1;2\r\n".encode(), "tiêu đề"),
                             ("Họ và tên;Ngày sinh\r\nAn;1/1/1990\r\n".encode(), "Giới tính")):
            status, body, _ = self.import_(self.branch["id"], data)
            assert_error(self, status, body, 422, "file")
            self.assertIn(needle, body["error"]["message"])
        status, body, _ = self.import_(self.branch["id"], b"x" * (65 << 20))
        assert_error(self, status, body, 413, "file")
        # Into an organization that is not a branch, without a branch column.
        ok = self.csv(["1;Lê Văn Dũng;Nam;1/1/1980;Kinh;{id};15/03/2010;"], seed=999)
        status, body, _ = self.import_(self.root["id"], ok)
        assert_error(self, status, body, 422, "file")
        self.assertIn("Mã chi bộ", body["error"]["message"])
        # With the column, each row's branch is checked.
        with_branch = ("STT;Họ và tên;Giới tính;Ngày sinh;Ngày vào Đảng;Mã chi bộ\r\n"
                       "1;Lê Văn Dũng;Nam;1/1/1980;15/03/2010;KHONG-CO\r\n").encode()
        status, rep, _ = self.import_(self.root["id"], with_branch)
        self.assertEqual(status, 200, rep)
        self.assertEqual((rep["issues"][0]["field"], rep["issues"][0]["value"]), ("branch", "KHONG-CO"))

    def test_a_branch_secretary_imports_only_into_their_branch(self):
        other = SERVER.client()
        self.assertEqual(other.login("chibo")[0], 200)
        _, me, _ = other.call("GET", "/api/v1/auth/me")
        data = self.csv(["1;Lê Văn Dũng;Nam;1/1/1980;Kinh;{id};15/03/2010;"], seed=998)
        status, body, _ = other.call("POST", f"/api/v1/orgs/{self.root['id']}/members/import", raw=data)
        assert_error(self, status, body, 422, "org")
        status, body, _ = other.call("POST", f"/api/v1/orgs/{me['user']['org_id']}/members/import", raw=data)
        self.assertEqual(status, 200, body)

    def test_export_lists_the_filtered_members_and_imports_back(self):
        status, data, headers = self.download(f"/api/v1/members/export?org={self.branch['id']}&status=official")
        self.assertEqual(status, 200)
        self.assertIn("spreadsheetml", headers["Content-Type"])
        self.assertIn(".xlsx", headers["Content-Disposition"])
        _, listed, _ = self.c.call("GET", f"/api/v1/members?org={self.branch['id']}&status=official&limit=500")
        self.assertEqual(int(headers["X-Row-Count"]), len(listed["items"]))
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            sheet = z.read("xl/worksheets/sheet1.xml").decode()
        for m in listed["items"][:5]:
            self.assertIn(html.escape(m["full_name"], quote=False), sheet)
        self.assertNotIn("<f>", sheet)
        # The export read back as an import: every row is recognized, and is a duplicate of itself.
        status, rep, _ = self.import_(self.branch["id"], data)
        self.assertEqual(status, 200, rep)
        self.assertEqual(rep["data_rows"], len(listed["items"]))
        self.assertEqual(rep["ignored_columns"], [])
        self.assertTrue(all(i["message"].startswith("Số này đã có") for i in rep["issues"]), rep["issues"][:3])
        # CSV and the member book layout; a bad format names the field.
        status, data, headers = self.download(f"/api/v1/members/export?org={self.branch['id']}&format=csv&layout=book")
        self.assertTrue(data.startswith(b"\xef\xbb\xbfSTT,H\xe1\xbb\x8d v\xc3\xa0 t\xc3\xaan khai sinh"))
        _, everyone, _ = self.c.call("GET", f"/api/v1/members?org={self.branch['id']}&limit=500")
        # One CRLF per record (line breaks inside a cell are bare LF, within quotes).
        self.assertEqual(data.decode("utf-8-sig").count("\r\n"), 1 + len(everyone["items"]))
        self.assertEqual(int(headers["X-Row-Count"]), len(everyone["items"]))
        status, body, _ = self.c.call("GET", f"/api/v1/members/export?org={self.branch['id']}&format=docx")
        assert_error(self, status, body, 422, "format")
        status, data, headers = self.download("/api/v1/members/import-template")
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            self.assertIn("Họ và tên", z.read("xl/worksheets/sheet1.xml").decode())


def book_rows(client, org_id, card=None):
    """The member book of an organization as CSV rows keyed by the birth name (column 2), names met once;
    with `card`, the list of rows of that card number (column 8)."""
    req = urllib.request.Request(client.base + f"/api/v1/members/export?org={org_id}&format=csv&layout=book")
    with client.opener.open(req, timeout=60) as resp:
        text = resp.read().decode("utf-8-sig")
    import csv as csv_module
    rows = list(csv_module.reader(io.StringIO(text, newline="")))[1:]
    if card:
        return [r for r in rows if r[7].split("\n")[0] == card]
    names = [r[1] for r in rows]
    return {r[1]: r for r in rows if names.count(r[1]) == 1}


class DossierTest(unittest.TestCase):
    def setUp(self):
        self.c = SERVER.client()
        self.assertEqual(self.c.login("dangbocoso")[0], 200)
        _, me, _ = self.c.call("GET", "/api/v1/auth/me")
        self.root = self.c.call("GET", f"/api/v1/orgs/{me['user']['org_id']}")[1]
        self.branch = TreeAndMembersTest._a_branch(self)
        new = {"org_id": self.branch["id"], "full_name": "Đinh Thị Hồ Sơ", "gender": "female",
               "birth_date": "1970-04-05", "status": "official", "admission_date": "1990-03-10",
               "official_date": "1991-03-10"}
        status, self.m, _ = self.c.call("POST", "/api/v1/members", new)
        self.assertEqual(status, 201, self.m)

    def put(self, valid_from, dossier, note=""):
        return self.c.call("PUT", f"/api/v1/members/{self.m['id']}/dossier",
                           {"valid_from": valid_from, "note": note, "dossier": dossier})

    def test_versions_are_read_as_of_a_date_with_party_age_and_badge(self):
        status, v1, _ = self.put("2020-01-01", {"political_theory": "trung cap", "general_education": "THPT",
                                                "work_history": [{"from": "1992-01-01", "to": None,
                                                                  "place": "Sở Y tế", "position": "Chuyên viên"}]})
        self.assertEqual(status, 201, v1)
        self.assertEqual(v1["dossier"]["political_theory"], "Trung cấp")
        status, v2, _ = self.put("2025-07-01", dict(v1["dossier"], political_theory="Cao cấp",
                                                    interruptions=[{"from": "2000-01-01", "to": "2000-12-31",
                                                                    "reason": "Mất liên lạc"}]),
                                 note="Phiếu bổ sung 2025")
        self.assertEqual(status, 201, v2)
        path = f"/api/v1/members/{self.m['id']}/dossier"
        _, before, _ = self.c.call("GET", path + "?as_of=2024-12-31")
        self.assertEqual(before["dossier"]["political_theory"], "Trung cấp")
        self.assertEqual(before["version"]["valid_from"], "2020-01-01")
        self.assertEqual(before["party_age"], {"years": 34, "months": 9, "interrupted_days": 0})
        _, now, _ = self.c.call("GET", path + "?as_of=2026-11-23")
        self.assertEqual(now["dossier"]["political_theory"], "Cao cấp")
        self.assertEqual(now["version"]["note"], "Phiếu bổ sung 2025")
        # 366 days without party life: the 40-year badge moves from 10/3/2030 to 11/3/2031.
        self.assertEqual(now["party_age"], {"years": 35, "months": 8, "interrupted_days": 366})
        self.assertEqual(now["next_badge"], {"years": 40, "due": "2031-03-11"})
        _, early, _ = self.c.call("GET", path + "?as_of=2019-01-01")
        self.assertIsNone(early["version"])
        self.assertEqual(early["dossier"]["work_history"], [])
        _, hist, _ = self.c.call("GET", path + "/history")
        self.assertEqual([h["valid_from"] for h in hist["items"]], ["2025-07-01", "2020-01-01"])
        _, audit, _ = self.c.call("GET", f"/api/v1/members/{self.m['id']}/audit")
        self.assertIn("member.dossier_update", [e["action"] for e in audit["items"]])

    def test_the_member_book_writes_education_occupation_and_service_from_the_dossier(self):
        # A member of her own name (setUp's member is created again by every test of the class).
        status, self.m, _ = self.c.call("POST", "/api/v1/members", dict(
            org_id=self.branch["id"], full_name="Đinh Thị Sổ Sách", gender="female", birth_date="1968-04-05",
            status="official", admission_date="1990-03-10", official_date="1991-03-10"))
        self.assertEqual(status, 201, self.m)
        status, v, _ = self.put("2024-01-01", {
            "general_education": "THPT", "political_theory": "trung cap", "languages": "Tiếng Anh B",
            "qualifications": [{"level": "dai hoc", "field": "Y khoa"}],
            "occupation": "Bác sĩ",
            "work_history": [{"from": "1988-09-01", "to": "1995-12-31", "place": "Bệnh viện tỉnh", "position": "Y sĩ"},
                             {"from": "1996-01-01", "to": None, "place": "Sở Y tế", "position": "Bác sĩ"}],
            "armed_service": "army", "enlisted_on": "1986-03-01", "discharged_on": "1988-03-01",
            "retired_on": "2025-05-01"})
        self.assertEqual(status, 201, v)
        row = book_rows(self.c, self.branch["id"])["Đinh Thị Sổ Sách"]
        self.assertEqual(len(row), 14)
        self.assertEqual(row[4], "Trung học phổ thông\nLý luận chính trị: Trung cấp\nĐại học Y khoa\nNgoại ngữ: Tiếng Anh B")
        # Admitted 10/03/1990, while a "Y sĩ" at the provincial hospital.
        self.assertEqual(row[5], "Trước khi vào Đảng: Y sĩ, Bệnh viện tỉnh\nHiện nay: Bác sĩ")
        self.assertEqual(row[8], "Quân đội: nhập ngũ 01/03/1986, xuất ngũ 01/03/1988\nNghỉ hưu 01/05/2025")
        self.assertEqual(row[10], "")
        # A service date without the force is refused with its field; nothing is written.
        status, body, _ = self.put("2024-06-01", {"enlisted_on": "1986-03-01", "armed_service": "navy"})
        assert_error(self, status, body, 422)
        self.assertEqual(set(body["error"]["fields"]), {"dossier.armed_service"})
        _, hist, _ = self.c.call("GET", f"/api/v1/members/{self.m['id']}/dossier/history")
        self.assertEqual(len(hist["items"]), 1)

    def test_bad_input_names_each_field_and_writes_nothing(self):
        status, body, _ = self.put("2030-01-01", {"political_theory": "Tiến sĩ",
                                                  "family": [{"relation": "Bố", "birth_year": 1800}],
                                                  "work_history": [{"from": "2010-01-01", "to": "2009-01-01"}],
                                                  "nickname": "x"})
        assert_error(self, status, body, 422)
        self.assertEqual(set(body["error"]["fields"]), {"valid_from"})
        status, body, _ = self.put("2024-01-01", {"political_theory": "Tiến sĩ",
                                                  "family": [{"relation": "Bố", "birth_year": 1800}],
                                                  "work_history": [{"from": "2010-01-01", "to": "2009-01-01"}],
                                                  "nickname": "x"})
        assert_error(self, status, body, 422)
        self.assertIn("dossier.nickname", body["error"]["fields"])
        status, body, _ = self.put("2024-01-01", {"political_theory": "Tiến sĩ",
                                                  "family": [{"relation": "Bố", "birth_year": 1800}],
                                                  "work_history": [{"from": "2010-01-01", "to": "2009-01-01"}]})
        assert_error(self, status, body, 422)
        self.assertEqual(set(body["error"]["fields"]), {"dossier.political_theory", "dossier.family[0].full_name",
                                                        "dossier.family[0].birth_year", "dossier.work_history[0].to"})
        # Fields that cannot be read and rules broken by the others are reported together.
        status, body, _ = self.put("2024-01-01", {"interruptions": [{"reason": "Mất liên lạc"}],
                                                  "badges": [{"years": 35}],
                                                  "qualifications": [{"level": "xyz"}]})
        assert_error(self, status, body, 422)
        self.assertEqual(set(body["error"]["fields"]), {"dossier.interruptions[0].from", "dossier.interruptions[0].to",
                                                        "dossier.badges[0].years", "dossier.qualifications[0].level"})
        _, hist, _ = self.c.call("GET", f"/api/v1/members/{self.m['id']}/dossier/history")
        self.assertEqual(hist["items"], [])
        status, body, _ = self.c.call("GET", f"/api/v1/members/{self.m['id']}/dossier?as_of=31/12/2025")
        assert_error(self, status, body, 422, "as_of")

    def test_the_member_sheet_and_the_list_print_as_pdf(self):
        self.put("2020-01-01", {"birth_place": "Xã Nghĩa Trụ", "introducers": [{"full_name": "Trần Văn Đức"}]})
        req = urllib.request.Request(self.c.base + f"/api/v1/members/{self.m['id']}/sheet")
        with self.c.opener.open(req, timeout=60) as resp:
            self.assertEqual(resp.headers["Content-Type"], "application/pdf")
            self.assertTrue(resp.headers["Content-Disposition"].startswith("inline"))
            data = resp.read()
        self.assertTrue(data.startswith(b"%PDF"))
        self.assertGreaterEqual(data.count(b"/Type /Page\n") + data.count(b"/Type /Page>>") + data.count(b"/Type /Page "), 1)
        # The CV (Mẫu 1-HSĐV): its own file name, a cover page more than the sheet.
        req = urllib.request.Request(self.c.base + f"/api/v1/members/{self.m['id']}/cv")
        with self.c.opener.open(req, timeout=60) as resp:
            self.assertEqual(resp.headers["Content-Type"], "application/pdf")
            self.assertIn(f"ly-lich-dang-vien-{self.m['id']}.pdf", resp.headers["Content-Disposition"])
            cv = resp.read()
        pages = lambda pdf: len(re.findall(rb"/Type /Page[^s]", pdf))
        self.assertGreater(pages(cv), pages(data))
        req = urllib.request.Request(self.c.base + f"/api/v1/members/export?org={self.branch['id']}&format=pdf")
        with self.c.opener.open(req, timeout=60) as resp:
            self.assertEqual(resp.headers["Content-Type"], "application/pdf")
            self.assertTrue(resp.read().startswith(b"%PDF"))
        other = SERVER.client()
        self.assertEqual(other.login("chibo2")[0], 200)
        status, body, _ = other.call("GET", f"/api/v1/members/{self.m['id']}/sheet")
        assert_error(self, status, body, 404)
        status, body, _ = other.call("GET", f"/api/v1/members/{self.m['id']}/cv")
        assert_error(self, status, body, 404)

    def test_scope_applies_to_the_dossier(self):
        other = SERVER.client()
        self.assertEqual(other.login("chibo2")[0], 200)
        status, body, _ = other.call("GET", f"/api/v1/members/{self.m['id']}/dossier")
        assert_error(self, status, body, 404)
        status, body, _ = other.call("PUT", f"/api/v1/members/{self.m['id']}/dossier",
                                     {"valid_from": "2024-01-01", "dossier": {}})
        assert_error(self, status, body, 404)
        member = SERVER.client()
        self.assertEqual(member.login("dangvien")[0], 200)
        _, me, _ = member.call("GET", "/api/v1/auth/me")
        status, own, _ = member.call("GET", f"/api/v1/members/{me['user']['member_id']}/dossier")
        self.assertEqual(status, 200, own)
        status, body, _ = member.call("PUT", f"/api/v1/members/{me['user']['member_id']}/dossier",
                                      {"valid_from": "2024-01-01", "dossier": {}})
        assert_error(self, status, body, 403)


class SupplementTest(unittest.TestCase):
    def test_campaign_progress_per_branch_and_reminder_list(self):
        office = SERVER.client()
        self.assertEqual(office.login("dangbocoso")[0], 200)
        _, me, _ = office.call("GET", "/api/v1/auth/me")
        org_id = me["user"]["org_id"]
        year = 2026
        status, camp, _ = office.call("POST", f"/api/v1/orgs/{org_id}/supplements", {"year": year, "due": "2027-01-31"})
        if status == 409:  # the same server ran this test before (one campaign per year)
            _, lst, _ = office.call("GET", f"/api/v1/orgs/{org_id}/supplements")
            camp = next(c for c in lst["items"] if c["year"] == year and c["org_id"] == org_id)
        else:
            self.assertEqual(status, 201, camp)
        status, body, _ = office.call("POST", f"/api/v1/orgs/{org_id}/supplements", {"year": year})
        assert_error(self, status, body, 409, "year")
        status, body, _ = office.call("POST", f"/api/v1/orgs/{org_id}/supplements", {"year": 1990, "due": "2001-01-01"})
        assert_error(self, status, body, 422)
        self.assertEqual(set(body["error"]["fields"]), {"year", "due"})
        # A branch secretary cannot open one, but sees the campaign of the committee above, for the branch.
        branch = SERVER.client()
        self.assertEqual(branch.login("chibo")[0], 200)
        _, bme, _ = branch.call("GET", "/api/v1/auth/me")
        status, body, _ = branch.call("POST", f"/api/v1/orgs/{bme['user']['org_id']}/supplements", {"year": year})
        assert_error(self, status, body, 403)
        _, lst, _ = branch.call("GET", f"/api/v1/orgs/{bme['user']['org_id']}/supplements")
        self.assertIn(camp["id"], [c["id"] for c in lst["items"]])
        status, view, _ = branch.call("GET", f"/api/v1/supplements/{camp['id']}")
        self.assertEqual(status, 200, view)
        self.assertEqual([b["org_id"] for b in view["branches"]], [bme["user"]["org_id"]])
        before = view["total"]
        members = view["branches"][0]["members"]
        _, listed, _ = branch.call("GET", f"/api/v1/members?org={bme['user']['org_id']}&status=probationary,official,exempt&limit=500")
        self.assertEqual(members, len(listed["items"]))
        self.assertEqual(min(before["pending"], 200), len(view["pending"]))
        # Record two members: one "no change", one through a dossier version.
        first, second = view["pending"][0]["id"], view["pending"][1]["id"]
        status, body, _ = branch.call("PUT", f"/api/v1/supplements/{camp['id']}/members/{first}", {"state": "no_change"})
        self.assertEqual(status, 204, body)
        status, body, _ = branch.call("PUT", f"/api/v1/members/{second}/dossier",
                                      {"valid_from": "2026-11-01", "dossier": {"health": "Tốt"}, "supplement_id": camp["id"]})
        self.assertEqual(status, 201, body)
        status, body, _ = branch.call("PUT", f"/api/v1/supplements/{camp['id']}/members/{first}", {"state": "done"})
        assert_error(self, status, body, 422, "state")
        _, after, _ = branch.call("GET", f"/api/v1/supplements/{camp['id']}")
        self.assertEqual(after["total"]["no_change"], before["no_change"] + 1)
        self.assertEqual(after["total"]["changed"], before["changed"] + 1)
        self.assertEqual(after["total"]["pending"], before["pending"] - 2)
        self.assertNotIn(first, [m["id"] for m in after["pending"]])
        done = after["total"]["changed"] + after["total"]["no_change"]
        self.assertEqual(after["total"]["percent_done"], "%.2f" % (100 * done / after["total"]["members"]))
        # The committee's view adds up its branches.
        _, whole, _ = office.call("GET", f"/api/v1/supplements/{camp['id']}")
        self.assertEqual(whole["total"]["members"], sum(b["members"] for b in whole["branches"]))
        self.assertEqual(whole["total"]["members"], self.c_count(office, org_id))
        # A member of another branch of the province cannot be recorded by this secretary.
        other = SERVER.client()
        self.assertEqual(other.login("chibo2")[0], 200)
        _, ome, _ = other.call("GET", "/api/v1/auth/me")
        status, body, _ = other.call("GET", f"/api/v1/supplements/{camp['id']}")
        assert_error(self, status, body, 422, "org")
        status, body, _ = other.call("PUT", f"/api/v1/supplements/{camp['id']}/members/{first}", {"state": "changed"})
        assert_error(self, status, body, 404)

    @staticmethod
    def c_count(client, org_id):
        return client.call("GET", f"/api/v1/orgs/{org_id}")[1]["counts"]["members"]


class RatingTest(unittest.TestCase):
    """One branch's rating campaign (issue #6) from self-assessment to the committee's decisions, the caps,
    a downgrade and the report; every bad input of the issue refused with nothing changed."""

    YEAR, QUARTER, DATE = 2026, 4, "2026-11-20"  # a quarter: independent of the demo's yearly campaigns
    GOOD = {"scores": [18, 9, 48, 5], "tasks": {"assigned": 10, "completed": 10, "on_time": 10, "exceeded": 1}}
    EXCELLENT = {"scores": [20, 10, 56, 9], "tasks": {"assigned": 10, "completed": 10, "on_time": 10, "exceeded": 4}}

    def test_branch_campaign_caps_downgrade_and_report(self):
        office = SERVER.client()
        self.assertEqual(office.login("dangbocoso")[0], 200)
        _, me, _ = office.call("GET", "/api/v1/auth/me")
        org_id = me["user"]["org_id"]
        branch = SERVER.client()
        self.assertEqual(branch.login("chibo")[0], 200)
        _, bme, _ = branch.call("GET", "/api/v1/auth/me")
        branch_id = bme["user"]["org_id"]

        body = {"year": self.YEAR, "quarter": self.QUARTER, "rating_date": self.DATE, "self_due": "2026-11-25",
                "branch_due": "2026-11-30", "committee_due": "2026-12-05", "decision_due": "2026-12-15"}
        status, camp, _ = office.call("POST", f"/api/v1/orgs/{org_id}/ratings", body)
        self.assertEqual(status, 201, camp)
        self.assertTrue(camp["rule_version"].startswith("rating.member.criteria@"))
        status, err, _ = office.call("POST", f"/api/v1/orgs/{org_id}/ratings", body)
        assert_error(self, status, err, 409, "year")
        status, err, _ = office.call("POST", f"/api/v1/orgs/{org_id}/ratings", {"year": 1990})
        assert_error(self, status, err, 422, "year")
        status, err, _ = office.call("POST", f"/api/v1/orgs/{org_id}/ratings",
                                     dict(body, quarter=3, self_due="2026-11-01"))
        assert_error(self, status, err, 422, "self_due")
        status, err, _ = branch.call("POST", f"/api/v1/orgs/{branch_id}/ratings", {"year": self.YEAR})
        assert_error(self, status, err, 403)
        cid = camp["id"]
        _, lst, _ = branch.call("GET", f"/api/v1/orgs/{branch_id}/ratings")
        self.assertIn(cid, [c["id"] for c in lst["items"]])

        status, sheet, _ = branch.call("GET", f"/api/v1/ratings/{cid}/branches/{branch_id}")
        self.assertEqual(status, 200, sheet)
        self.assertEqual([c["max"] for c in sheet["criteria"]], [20, 10, 60, 10])
        # Members admitted after the rating date (the demo's admission cases are dated relative to today)
        # are refused one by one; they are left out here.
        eligible = [l["member"]["id"] for l in sheet["lines"]
                    if l["excluded"] is None and (l["member"]["admission_date"] or "9999") <= self.DATE]
        self.assertGreaterEqual(len(eligible), 12, "the demo branch is too small for this test")

        # Bad self-assessments: a score above its criterion's maximum (the total over 100), a negative score.
        member = eligible[0]
        status, err, _ = branch.call("PUT", f"/api/v1/ratings/{cid}/members/{member}/self",
                                     {"scores": [20, 10, 61, 10], "tasks": self.GOOD["tasks"]})
        assert_error(self, status, err, 422, "scores[2]")
        status, err, _ = branch.call("PUT", f"/api/v1/ratings/{cid}/members/{member}/self",
                                     {"scores": [-1, 10, 50, 10]})
        assert_error(self, status, err, 422, "scores[0]")
        # A decision before the self-assessment is refused.
        status, err, _ = office.call("POST", f"/api/v1/ratings/{cid}/decisions",
                                     {"org_id": branch_id, "entries": [{"member_id": member, "level": "good"}]})
        assert_error(self, status, err, 422, "entries[0].member_id")

        # The last eligible member is not rated for another reason; the others self-assess:
        # k "excellent" scores, the rest "good" — k chosen so that k > 20 % of the good ones.
        other, rated = eligible[-1], eligible[:-1]
        n = len(rated)
        k = n // 6 + 2
        excellent, good = rated[:k], rated[k:]
        for i, m in enumerate(rated):
            form = dict(self.EXCELLENT if m in excellent else self.GOOD)
            if i == 0:
                form["role"] = "secretary"
            status, row, _ = branch.call("PUT", f"/api/v1/ratings/{cid}/members/{m}/self", form)
            self.assertEqual(status, 200, row)
            self.assertEqual(row["derived_level"], "excellent" if m in excellent else "good")
        self.assertEqual(row["self_total"], 95 if rated[-1] in excellent else 80)
        status, row, _ = branch.call("PUT", f"/api/v1/ratings/{cid}/members/{good[0]}/proposal", {"level": "good"})
        self.assertEqual(status, 200, row)
        self.assertEqual(row["proposed_level"], "good")
        _, board, _ = office.call("GET", f"/api/v1/ratings/{cid}")
        mine = next(b for b in board["branches"] if b["org_id"] == branch_id)
        self.assertEqual((mine["self_assessed"], mine["proposed"], mine["decided"]), (n, 1, 0))

        entries = [{"member_id": m, "level": "excellent" if m in excellent else "good"} for m in rated]
        entries.append({"member_id": other, "not_rated": "other", "detail": "Đi học dài hạn ở nước ngoài"})
        # The branch secretary and a secretary of another branch may not decide.
        status, err, _ = branch.call("POST", f"/api/v1/ratings/{cid}/decisions", {"org_id": branch_id, "entries": entries})
        assert_error(self, status, err, 403)
        other_branch = SERVER.client()
        self.assertEqual(other_branch.login("chibo2")[0], 200)
        status, err, _ = other_branch.call("POST", f"/api/v1/ratings/{cid}/decisions",
                                           {"org_id": branch_id, "entries": entries})
        assert_error(self, status, err, 403)
        # Both attempts, the branch's own and the other branch's, are audited against the branch.
        _, audit, _ = office.call("GET", f"/api/v1/audit?entity=org&entity_id={branch_id}&limit=50")
        refused = [e for e in audit["items"] if e["action"] == "rating.refused"]
        self.assertIn("chibo", [e["login"] for e in refused])
        self.assertIn("chibo2", [e["login"] for e in refused])
        # The cap meter before saving, then the refusal with the numbers; nothing written.
        allowed = (20 * len(good)) // 100
        self.assertGreaterEqual(allowed, 1)
        status, dry, _ = office.call("POST", f"/api/v1/ratings/{cid}/decisions",
                                     {"org_id": branch_id, "entries": entries, "dry_run": True})
        self.assertEqual(status, 200, dry)
        share = next(c for c in dry["meter"] if c["kind"] == "excellent_share")
        self.assertEqual((share["ok"], share["count"], share["base"], share["allowed"]), (False, k, len(good), allowed))
        status, err, _ = office.call("POST", f"/api/v1/ratings/{cid}/decisions", {"org_id": branch_id, "entries": entries})
        assert_error(self, status, err, 422, "level")
        h = 20 * len(good)  # 20 % of the good ones, written as the server does ("1.8", "36")
        share_text = f"{h // 100}.{h % 100:02d}".rstrip("0").rstrip(".")
        self.assertIn(f"{k} xuất sắc > 20 % của {len(good)} tốt = {share_text} (tối đa {allowed})", err["error"]["message"])
        _, board, _ = office.call("GET", f"/api/v1/ratings/{cid}")
        self.assertEqual(next(b for b in board["branches"] if b["org_id"] == branch_id)["decided"], 0)
        # Lowering an excellent self-assessment needs a reason; with it the batch fits the cap.
        for e in entries[allowed:k]:
            e["level"] = "good"
        status, err, _ = office.call("POST", f"/api/v1/ratings/{cid}/decisions", {"org_id": branch_id, "entries": entries})
        assert_error(self, status, err, 422, f"entries[{allowed}].override_reason")
        for e in entries[allowed:k]:
            e["override_reason"] = "Giữ tỷ lệ xuất sắc theo quy định"
        status, done, _ = office.call("POST", f"/api/v1/ratings/{cid}/decisions", {"org_id": branch_id, "entries": entries})
        self.assertEqual(status, 200, done)
        self.assertEqual(done["saved"], n + 1)
        # Entered twice: refused.
        status, err, _ = office.call("POST", f"/api/v1/ratings/{cid}/decisions",
                                     {"org_id": branch_id, "entries": [{"member_id": good[0], "level": "good"}]})
        assert_error(self, status, err, 409, "entries[0].member_id")
        # A member who left before the rating date, when the branch has one.
        _, gone, _ = branch.call("GET", f"/api/v1/members?org={branch_id}&status=removed,expelled,withdrew,deceased,transferred_out&limit=5")
        gone = [m for m in gone["items"] if m.get("left_on") and m["left_on"] <= self.DATE]
        if gone:
            status, err, _ = office.call("POST", f"/api/v1/ratings/{cid}/decisions",
                                         {"org_id": branch_id, "entries": [{"member_id": gone[0]["id"], "level": "good"}]})
            assert_error(self, status, err, 422, "entries[0].member_id")

        # A higher committee lowers a rating; the grassroots committee that decided cannot.
        top = excellent[0]  # decided excellent (within the cap), and the branch's secretary
        status, err, _ = office.call("POST", f"/api/v1/ratings/{cid}/members/{top}/downgrade",
                                     {"level": "completed", "reason": "Chưa gương mẫu"})
        assert_error(self, status, err, 403)
        province = SERVER.client()
        self.assertEqual(province.login("bantochuc")[0], 200)
        status, err, _ = province.call("POST", f"/api/v1/ratings/{cid}/members/{top}/downgrade", {"level": "completed"})
        assert_error(self, status, err, 422, "reason")
        status, row, _ = province.call("POST", f"/api/v1/ratings/{cid}/members/{top}/downgrade",
                                       {"level": "completed", "reason": "Chưa gương mẫu"})
        self.assertEqual(status, 200, row)
        from_level = "excellent"
        self.assertEqual((row["downgraded_from"], row["level"]), (from_level, "completed"))

        # The branch's own rating: its assessment on the organization criteria; its members' levels come from
        # the register. Entered twice: refused.
        org_form = {"scores": [18, 17, 9, 36, 8], "tasks": {"assigned": 12, "completed": 12, "on_time": 12, "exceeded": 2},
                    "level": "good"}
        status, orow, _ = office.call("PUT", f"/api/v1/ratings/{cid}/orgs/{branch_id}", org_form)
        self.assertEqual(status, 200, orow)
        self.assertEqual((orow["self_total"], orow["derived_level"], orow["level"]), (88, "good", "good"))
        # The board shows it beside the branch, with the organization criteria the form asks for.
        _, oboard, _ = office.call("GET", f"/api/v1/ratings/{cid}?org={branch_id}")
        self.assertEqual([(r["org_id"], r["level"]) for r in oboard["org_ratings"]], [(branch_id, "good")])
        self.assertEqual([c["max"] for c in oboard["org_criteria"]], [20, 20, 10, 40, 10])
        self.assertEqual(oboard["org_bands"]["total"], 100)
        status, err, _ = office.call("PUT", f"/api/v1/ratings/{cid}/orgs/{branch_id}", org_form)
        assert_error(self, status, err, 409, "org_id")
        status, err, _ = branch.call("PUT", f"/api/v1/ratings/{cid}/orgs/{branch_id}", org_form)
        assert_error(self, status, err, 403)

        # The report of the branch: counts, percentages of the rated with the base, summing to 100.00.
        status, rep, _ = office.call("GET", f"/api/v1/orgs/{branch_id}/rating-report?year={self.YEAR}&quarter={self.QUARTER}")
        self.assertEqual(status, 200, rep)
        m = rep["members"]
        self.assertEqual((m["rated"], m["not_rated"], m["levels_base"]), (n, 1, n))
        counts = {l["level"]: l["count"] for l in m["levels"]}
        self.assertEqual(counts, {"excellent": allowed - 1, "good": n - allowed, "completed": 1, "not_completed": 0})
        self.assertEqual(sum(round(float(l["percent"]) * 100) for l in m["levels"]), 10000)
        self.assertEqual(m["pending"], len(sheet["lines"]) - n - 1)  # the campaign is open: counted members left
        self.assertEqual(next(r for r in m["reasons"] if r["reason"] == "other")["count"], 1)
        self.assertEqual(rep["downgrades"], [{"role": "secretary", "role_label": "Bí thư", "from": from_level,
                                              "to": "completed", "count": 1}])
        sec = next(r for r in rep["by_role"] if r["role"] == "secretary")
        self.assertEqual(sec["rated"], 1)
        # The committee's report includes the branch as one of its units.
        _, whole, _ = office.call("GET", f"/api/v1/orgs/{org_id}/rating-report?year={self.YEAR}&quarter={self.QUARTER}")
        unit = next(u for u in whole["units"] if u["org_id"] == branch_id)
        self.assertEqual(unit["members"]["rated"], n)
        self.assertEqual(whole["members"]["rated"], n)
        self.assertEqual((whole["orgs"]["rated"], whole["orgs"]["levels"][1]["count"]), (1, 1))
        # Excel export and the command line's report.
        out = os.path.join(SERVER.workdir, "rating.xlsx")
        code = next(b["code"] for b in board["branches"] if b["org_id"] == branch_id)
        r = subprocess.run([SERVER.tcxd, "rating", "report", "--db", SERVER.db, "--org", code, "--year", str(self.YEAR),
                            "--quarter", str(self.QUARTER)], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(f"được xếp loại {n}", r.stdout)
        r = subprocess.run([SERVER.tcxd, "rating", "report", "--db", SERVER.db, "--org", code, "--year", str(self.YEAR),
                            "--quarter", str(self.QUARTER), "-o", out], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, "rb") as f:
            self.assertEqual(f.read(2), b"PK")
        # After closing, nothing more is entered.
        status, err, _ = office.call("POST", f"/api/v1/ratings/{cid}/close")
        self.assertEqual(status, 204, err)
        status, err, _ = branch.call("PUT", f"/api/v1/ratings/{cid}/members/{other}/self", self.GOOD)
        assert_error(self, status, err, 409, "campaign")
    def test_the_report_as_of_a_day_sums_the_branches_under_that_days_units(self):
        province = SERVER.client()
        self.assertEqual(province.login("bantochuc")[0], 200)
        province_id = province.call("GET", "/api/v1/auth/me")[1]["user"]["org_id"]
        path = f"/api/v1/orgs/{province_id}/rating-report?year=2025"
        status, now, _ = province.call("GET", path)
        self.assertEqual(status, 200, now)
        status, then, _ = province.call("GET", path + "&as_of=2025-06-30")
        self.assertEqual(status, 200, then)
        # The demo's 2025 campaign rated members of branches that all existed on 30/06/2025: the same
        # members and levels, under the district committees of that day instead of today's communes.
        self.assertGreater(now["members"]["rated"], 0)
        for key in ("rated", "not_rated", "levels", "reasons"):
            self.assertEqual(then["members"][key], now["members"][key], key)
        self.assertEqual(sum(u["members"]["rated"] for u in then["units"]), then["members"]["rated"])
        self.assertNotEqual({u["org_id"] for u in then["units"]}, {u["org_id"] for u in now["units"]})
        # Organizations created on 01/07/2025 (the communes) are not in the structure of 30/06/2025.
        self.assertLessEqual(then["orgs"]["rated"], now["orgs"]["rated"])
        self.assertEqual(then["previous"]["rated"], now["previous"]["rated"])
        for as_of in ("2999-01-01", "2025-02-30"):
            status, body, _ = province.call("GET", path + f"&as_of={as_of}")
            assert_error(self, status, body, 422, "as_of")
        status, ctype, _, _ = fetch_file(province, path + "&as_of=2025-06-30&format=xlsx")
        self.assertEqual((status, "spreadsheetml" in ctype), (200, True))

    def test_member_reads_own_campaigns_and_self_assesses(self):
        """GET /members/{id}/ratings: the member account finds the campaigns covering it and its own line, fills
        in its form, then sees the branch's proposal; nobody else's line, and nobody outside the scope."""
        office = SERVER.client()
        self.assertEqual(office.login("dangbocoso")[0], 200)
        org_id = office.call("GET", "/api/v1/auth/me")[1]["user"]["org_id"]
        branch = SERVER.client()
        self.assertEqual(branch.login("chibo")[0], 200)
        member = SERVER.client()
        self.assertEqual(member.login("dangvien")[0], 200)
        me = member.call("GET", "/api/v1/auth/me")[1]["user"]["member_id"]
        # A third-quarter campaign: neither the demo's yearly one nor the fourth quarter of the test above.
        status, camp, _ = office.call("POST", f"/api/v1/orgs/{org_id}/ratings",
                                      {"year": self.YEAR, "quarter": 3, "rating_date": "2026-09-30"})
        self.assertEqual(status, 201, camp)
        cid = camp["id"]

        status, mine, _ = member.call("GET", f"/api/v1/members/{me}/ratings")
        self.assertEqual(status, 200, mine)
        card = next(c for c in mine["items"] if c["campaign"]["id"] == cid)
        self.assertEqual((card["campaign"]["year"], card["campaign"]["quarter"]), (self.YEAR, 3))
        self.assertEqual([c["max"] for c in card["criteria"]], [20, 10, 60, 10])
        self.assertEqual(card["bands"]["total"], 100)
        line = card["line"]
        self.assertEqual(line["member"]["id"], me)
        self.assertIsNone(line["excluded"], "the demo's member account must be rated")
        self.assertIsNone(line["rating"])
        # Newest first: the order the server gives (year, then quarter, descending).
        periods = [(c["campaign"]["year"], c["campaign"]["quarter"]) for c in mine["items"]]
        self.assertEqual(periods, sorted(periods, reverse=True))

        # The member's own form, then the result on its card.
        status, row, _ = member.call("PUT", f"/api/v1/ratings/{cid}/members/{me}/self", self.GOOD)
        self.assertEqual(status, 200, row)
        line = next(c for c in member.call("GET", f"/api/v1/members/{me}/ratings")[1]["items"]
                    if c["campaign"]["id"] == cid)["line"]
        self.assertEqual((line["rating"]["self_total"], line["rating"]["derived_level"]), (80, "good"))
        self.assertEqual(line["derived"]["level"], "good")
        self.assertIsNone(line["rating"]["proposed_level"])
        # The branch proposes; the member reads the proposal and its note.
        status, row, _ = branch.call("PUT", f"/api/v1/ratings/{cid}/members/{me}/proposal",
                                     {"level": "completed", "note": "Còn chậm một việc"})
        self.assertEqual(status, 200, row)
        line = next(c for c in member.call("GET", f"/api/v1/members/{me}/ratings")[1]["items"]
                    if c["campaign"]["id"] == cid)["line"]
        self.assertEqual((line["rating"]["proposed_level"], line["rating"]["proposal_note"]),
                         ("completed", "Còn chậm một việc"))
        # The member may not propose for itself.
        status, err, _ = member.call("PUT", f"/api/v1/ratings/{cid}/members/{me}/proposal", {"level": "excellent"})
        assert_error(self, status, err, 403)

        # Another member's campaigns: not found for the member account and for another branch's secretary;
        # the own branch and the committee read them.
        branch_id = branch.call("GET", "/api/v1/auth/me")[1]["user"]["org_id"]
        _, lst, _ = branch.call("GET", f"/api/v1/members?org={branch_id}&status=official&limit=5")
        other = next(m["id"] for m in lst["items"] if m["id"] != me)
        status, err, _ = member.call("GET", f"/api/v1/members/{other}/ratings")
        assert_error(self, status, err, 404)
        other_branch = SERVER.client()
        self.assertEqual(other_branch.login("chibo2")[0], 200)
        status, err, _ = other_branch.call("GET", f"/api/v1/members/{me}/ratings")
        assert_error(self, status, err, 404)
        for c in (branch, office):
            status, theirs, _ = c.call("GET", f"/api/v1/members/{other}/ratings")
            self.assertEqual(status, 200, theirs)
            self.assertIn(cid, [x["campaign"]["id"] for x in theirs["items"]])
        status, err, _ = office.call("GET", "/api/v1/members/999999999/ratings")
        assert_error(self, status, err, 404)


class AdmissionTest(unittest.TestCase):
    """Issue #5: a case from candidate to official member across the branch, the grassroots office and the
    competent committee (the commune committee), every bad input of the issue, the inbox and the quota report."""

    def setUp(self):
        self.branch = SERVER.client()
        self.assertEqual(self.branch.login("chibo")[0], 200)
        self.office = SERVER.client()
        self.assertEqual(self.office.login("dangbocoso")[0], 200)
        self.committee = SERVER.client()
        self.assertEqual(self.committee.login("danguyxa")[0], 200)
        self.province = SERVER.client()
        self.assertEqual(self.province.login("bantochuc")[0], 200)
        self.branch_id = self.branch.call("GET", "/api/v1/auth/me")[1]["user"]["org_id"]
        self.committee_id = self.committee.call("GET", "/api/v1/auth/me")[1]["user"]["org_id"]

    def members(self, status):
        _, lst, _ = self.branch.call("GET", f"/api/v1/members?org={self.branch_id}&status={status}&limit=50")
        return lst["items"]

    def new_case(self, **fields):
        body = {"branch_id": self.branch_id, "full_name": "Nguyễn Thị Lan", "gender": "female",
                "birth_date": "2000-05-10", "ethnicity": "Tày", "religion": "Không", "youth_union": True,
                "source": "youth_union", "general_education": "3", "awareness_certificate_date": "2024-09-01",
                "introducers": [{"kind": "member", "name": "Trần Văn Bình", "official_since": "2010-01-01",
                                 "together_since": "2020-01-01"},
                                {"kind": "youth_union", "name": "Ban Chấp hành Đoàn cơ sở"}]}
        body.update(fields)
        status, case, _ = self.branch.call("POST", "/api/v1/admission/cases", body)
        self.assertEqual(status, 201, case)
        return case

    def step(self, client, case, kind, date, votes=None, expected=201, field=None, **extra):
        body = {"kind": kind, "date": date, "document_number": f"{kind}-01"}
        if votes:
            body["votes"] = {"yes": votes[0], "no": votes[1], "entitled": votes[2]}
        body.update(extra)
        status, out, _ = client.call("POST", f"/api/v1/admission/cases/{case['id']}/steps", body)
        if expected == 201:
            self.assertEqual(status, 201, out)
        else:
            assert_error(self, status, out, expected, field)
        return out

    def unchanged(self, case):
        _, now, _ = self.province.call("GET", f"/api/v1/admission/cases/{case['id']}")
        self.assertEqual((now["version"], now["stage"], len(now["steps"])), (case["version"], case["stage"], len(case["steps"])))

    def report(self, frm, to):
        status, r, _ = self.province.call("GET", f"/api/v1/orgs/{self.committee_id}/admission-report?period=year&from={frm}&to={to}")
        self.assertEqual(status, 200, r)
        return r

    def test_full_case_across_three_accounts_with_every_refusal(self):
        year_before = self.report("2025-01-01", "2025-12-31")["total"]["admitted"]
        nine_before = self.report("2025-01-01", "2025-09-30")["total"]["admitted"]
        case = self.new_case()
        self.assertEqual(case["stage"], "candidate")
        self.assertEqual(case["competent"]["id"], self.committee_id)
        self.assertEqual(case["next"]["step"], "branch_vote")
        # Below 2/3 of the branch's official members: 7 of 12 (needs 8).
        self.step(self.branch, case, "branch_vote", "2025-03-10", (7, 1, 12), 422, "votes.yes")
        self.unchanged(case)
        # Someone outside the case's scope: another branch's secretary.
        other = SERVER.client()
        self.assertEqual(other.login("chibo2")[0], 200)
        self.step(other, case, "branch_vote", "2025-03-10", (9, 1, 12), 403)
        self.unchanged(case)
        case = self.step(self.branch, case, "branch_vote", "2025-03-10", (9, 1, 12))
        self.assertEqual(case["stage"], "branch_voted")
        self.assertEqual(case["next"]["actor"], "office")
        self.assertEqual(case["next"]["deadline"], "2025-06-05")  # 60 working days after 10/3/2025 (30/4, 1/5 off)
        vote = case["steps"][0]
        self.assertEqual(vote["recorded_by"], "chibo")
        self.assertIn("admission.branch_vote_min_ratio", [r["key"] for r in vote["rules"]])
        self.assertIn("2/3", [r["value"] for r in vote["rules"]])
        # A step recorded twice.
        self.step(self.branch, case, "branch_vote", "2025-03-11", (9, 1, 12), 409, "kind")
        # The branch is not the grassroots office.
        self.step(self.branch, case, "grassroots_vote", "2025-03-20", (5, 0, 7), 403)
        case = self.step(self.office, case, "grassroots_vote", "2025-03-20", (5, 0, 7))
        self.assertEqual(case["next"]["actor"], "competent")
        # The competent committee's inbox has it.
        _, inbox, _ = self.committee.call("GET", "/api/v1/admission/inbox")
        self.assertIn(case["id"], [c["id"] for c in inbox["waiting"]])
        # The grassroots office does not decide; a decision dated before the vote is refused.
        self.step(self.office, case, "decision", "2025-04-01", expected=403)
        self.step(self.committee, case, "decision", "2025-03-05", expected=422, field="date")  # before the vote
        self.unchanged(case)
        case = self.step(self.committee, case, "decision", "2025-04-01")
        self.assertEqual(case["stage"], "admitted")
        self.assertEqual(case["decision_date"], "2025-04-01")
        _, member, _ = self.branch.call("GET", f"/api/v1/members/{case['member_id']}")
        self.assertEqual(member["status"], "probationary")
        self.assertEqual(member["admission_date"], "2025-04-01")  # party age from the decision date
        case = self.step(self.branch, case, "ceremony", "2025-04-15")
        self.assertEqual(case["stage"], "probation")
        self.assertEqual(case["next"]["earliest"], "2026-04-01")
        # Recognition before the 12 months.
        self.step(self.branch, case, "recognition_branch_vote", "2026-03-31", (9, 0, 12), 422, "date")
        case = self.step(self.branch, case, "recognition_branch_vote", "2026-04-20", (9, 0, 12))
        case = self.step(self.office, case, "recognition_grassroots_vote", "2026-05-05", (6, 0, 7))
        case = self.step(self.committee, case, "recognition_decision", "2026-06-20")
        self.assertEqual(case["stage"], "official")
        self.assertTrue(case["steps"][-1]["late"])  # 30 working days after 20/4/2026 ended before 20/6
        self.assertEqual(case["official_date"], "2026-04-01")  # exactly 12 months after the decision
        self.assertIsNone(case["next"])
        _, member, _ = self.branch.call("GET", f"/api/v1/members/{case['member_id']}")
        self.assertEqual(member["status"], "official")
        self.assertEqual(member["official_date"], "2026-04-01")
        self.assertEqual(member["ceremony_date"], "2025-04-15")
        # The refusals were audited.
        status, audit, _ = self.province.call("GET", f"/api/v1/admission/cases/{case['id']}/audit")
        self.assertEqual(status, 200, audit)
        refused = [e for e in audit["items"] if e["action"] == "admission.refused"]
        self.assertGreaterEqual(len(refused), 7, refused)
        self.assertIn("chibo2", [e["login"] for e in refused])
        # The quota report counts the decision in the year and in its first 9 months.
        self.assertEqual(self.report("2025-01-01", "2025-12-31")["total"]["admitted"], year_before + 1)
        self.assertEqual(self.report("2025-01-01", "2025-09-30")["total"]["admitted"], nine_before + 1)

    def test_candidate_refusals(self):
        vote = "2025-03-10"
        young = self.new_case(full_name="Trẻ Quá", birth_date="2007-04-10")  # 17 years 11 months on the vote
        out = self.step(self.branch, young, "branch_vote", vote, (9, 1, 12), 422, "candidate.birth_date")
        self.assertIn("17 tuổi 11 tháng", out["error"]["message"])
        self.unchanged(young)
        old = self.new_case(full_name="Già Quá", birth_date="1964-01-01")  # 61 without the provincial flag
        self.step(self.branch, old, "branch_vote", vote, (9, 1, 12), 422, "candidate.birth_date")
        flagged = self.new_case(full_name="Có Đồng Ý", birth_date="1964-01-01", over_age_consent=True)
        self.step(self.branch, flagged, "branch_vote", vote, (9, 1, 12))
        probationary = self.members("probationary")
        self.assertTrue(probationary)
        intro = self.new_case(full_name="Người Giới Thiệu Dự Bị",
                              introducers=[{"kind": "member", "member_id": probationary[0]["id"],
                                            "together_since": "2020-01-01"},
                                           {"kind": "youth_union", "name": "Đoàn cơ sở"}])
        self.step(self.branch, intro, "branch_vote", vote, (9, 1, 12), 422, "candidate.introducers[0]")
        # Bad fields of the file itself.
        status, body, _ = self.branch.call("POST", "/api/v1/admission/cases",
                                           {"branch_id": self.branch_id, "full_name": "X", "gender": "x",
                                            "birth_date": "2000-02-30", "source": "abc", "colour": 1})
        assert_error(self, status, body, 422)
        self.assertEqual(set(body["error"]["fields"]), {"gender", "birth_date", "source", "colour"})
        # A member account cannot open a file; another branch's secretary cannot open one here.
        other = SERVER.client()
        self.assertEqual(other.login("chibo2")[0], 200)
        status, body, _ = other.call("POST", "/api/v1/admission/cases", {"branch_id": self.branch_id, "full_name": "Y",
                                                                         "gender": "male", "birth_date": "2000-01-01",
                                                                         "source": "other"})
        assert_error(self, status, body, 404)
        # The file can be completed before the vote, and only verifications and comments after it.
        status, body, _ = self.branch.call("PATCH", f"/api/v1/admission/cases/{flagged['id']}",
                                           {"version": flagged["version"] + 1, "full_name": "Đổi Tên"})
        assert_error(self, status, body, 422, "full_name")
        status, body, _ = self.branch.call("PATCH", f"/api/v1/admission/cases/{flagged['id']}",
                                           {"version": flagged["version"] + 1,
                                            "verifications": [{"place": "UBND xã", "sent": "2025-02-01",
                                                               "answered": "2025-02-20", "conclusion": "Tốt"}]})
        self.assertEqual(status, 200, body)
        self.assertEqual(body["verifications"][0]["conclusion"], "Tốt")

    def test_file_verifications_comments_and_the_introducers_judged_before_the_vote(self):
        official = self.members("official")
        probationary = self.members("probationary")
        self.assertTrue(official and probationary)
        case = self.new_case(full_name="Phan Thị Hoa",
                             introducers=[{"kind": "member", "member_id": probationary[0]["id"],
                                           "together_since": "2020-01-01"},
                                          {"kind": "youth_union", "name": "Đoàn cơ sở"}])
        # The server says now why the vote would refuse the probationary introducer.
        issues = case["introducer_issues"]
        self.assertEqual(list(issues), ["candidate.introducers[0]"], issues)
        self.assertIn(probationary[0]["full_name"], issues["candidate.introducers[0]"])
        self.assertIn("chính thức", issues["candidate.introducers[0]"])
        # An official member with the candidate for 6 months only; then a second introducer missing.
        recent = (datetime.date.today() - datetime.timedelta(days=183)).isoformat()
        status, case, _ = self.branch.call("PATCH", f"/api/v1/admission/cases/{case['id']}", {
            "version": case["version"],
            "introducers": [{"kind": "member", "member_id": official[0]["id"], "together_since": recent}]})
        self.assertEqual(status, 200, case)
        self.assertEqual(set(case["introducer_issues"]), {"candidate.introducers", "candidate.introducers[0]"})
        self.assertIn("12 tháng", case["introducer_issues"]["candidate.introducers[0]"])
        self.assertEqual(case["introducers"][0]["member_id"], official[0]["id"])
        status, case, _ = self.branch.call("PATCH", f"/api/v1/admission/cases/{case['id']}", {
            "version": case["version"],
            "introducers": [{"kind": "member", "member_id": official[0]["id"], "name": official[0]["full_name"],
                             "together_since": "2020-01-01"},
                            {"kind": "trade_union", "name": "Công đoàn cơ sở"}]})
        self.assertEqual(status, 200, case)
        self.assertEqual(case["introducer_issues"], {})
        _, again, _ = self.branch.call("GET", f"/api/v1/admission/cases/{case['id']}")
        self.assertEqual(again["introducer_issues"], {})
        # Verifications: every bad entry named by its index and key, nothing stored.
        bad = [{"place": "Công an xã", "sent": "2025-02-10", "answered": "2025-02-01", "conclusion": "Tốt"},
               {"place": " ", "sent": "2025-02-31", "colour": "x"},
               "not an object"]
        status, body, _ = self.branch.call("PATCH", f"/api/v1/admission/cases/{case['id']}",
                                           {"version": case["version"], "verifications": bad})
        assert_error(self, status, body, 422, "verifications[0].answered")
        self.assertEqual(set(body["error"]["fields"]), {"verifications[0].answered", "verifications[1].place",
                                                         "verifications[1].sent", "verifications[1].colour",
                                                         "verifications[2]"})
        good = [{"place": "UBND xã Tân Lập", "sent": "2025-02-01"},
                {"place": "Công an phường 3", "sent": "2025-02-01", "answered": "2025-02-20", "conclusion": "Lý lịch rõ ràng"}]
        status, case, _ = self.branch.call("PATCH", f"/api/v1/admission/cases/{case['id']}",
                                           {"version": case["version"], "verifications": good})
        self.assertEqual(status, 200, case)
        self.assertEqual(case["verifications"][0], {"place": "UBND xã Tân Lập", "sent": "2025-02-01",
                                                    "answered": None, "conclusion": ""})
        self.assertEqual(case["verifications"][1]["answered"], "2025-02-20")
        # Comments: of a mass organization or of the residence branch, each with its organization, date, content.
        status, body, _ = self.branch.call("PATCH", f"/api/v1/admission/cases/{case['id']}", {
            "version": case["version"],
            "comments": [{"source": "party", "organization": "X", "date": "2025-03-01", "content": "Tốt"},
                         {"source": "mass_org", "organization": "Công đoàn", "content": ""}]})
        assert_error(self, status, body, 422, "comments[0].source")
        self.assertEqual(set(body["error"]["fields"]), {"comments[0].source", "comments[1].date", "comments[1].content"})
        status, case, _ = self.branch.call("PATCH", f"/api/v1/admission/cases/{case['id']}", {
            "version": case["version"],
            "comments": [{"source": "residence_branch", "organization": "Chi bộ khu phố 4", "date": "2025-03-01",
                          "content": "Gương mẫu nơi cư trú"}]})
        self.assertEqual(status, 200, case)
        self.assertEqual(case["comments"][0]["source"], "residence_branch")
        self.assertEqual(len(case["verifications"]), 2)  # untouched by a PATCH of the comments

    def test_inbox_flags_overdue_demo_cases_and_quota_percentages(self):
        _, inbox, _ = self.province.call("GET", "/api/v1/admission/inbox")
        self.assertTrue(inbox["overdue"], inbox)
        for c in inbox["overdue"]:
            self.assertTrue(c["next"]["late"])
        deadlines = [c["next"]["deadline"] for c in inbox["overdue"]]
        self.assertEqual(deadlines, sorted(deadlines))
        _, board, _ = self.branch.call("GET", "/api/v1/admission/cases")
        stages = {c["stage"] for c in board["items"]}
        self.assertTrue({"candidate", "branch_voted", "admitted", "probation", "official"} <= stages, stages)
        # Targets: the province sets a year target for the commune; a branch secretary cannot.
        status, q, _ = self.province.call("PUT", f"/api/v1/orgs/{self.committee_id}/admission-quotas",
                                          {"period": "year", "first_year": 2025, "target": 7})
        self.assertEqual(status, 200, q)
        status, body, _ = self.branch.call("PUT", f"/api/v1/orgs/{self.branch_id}/admission-quotas",
                                           {"period": "year", "first_year": 2025, "target": 7})
        assert_error(self, status, body, 403)
        status, body, _ = self.province.call("PUT", f"/api/v1/orgs/{self.committee_id}/admission-quotas",
                                             {"period": "term", "first_year": 2025, "last_year": 2025, "target": -1})
        assert_error(self, status, body, 422)
        self.assertEqual(set(body["error"]["fields"]), {"last_year", "target"})
        r = self.report("2025-01-01", "2025-12-31")
        self.assertEqual(r["total"]["target"], 7)
        admitted = r["total"]["admitted"]
        self.assertGreaterEqual(admitted, 2)  # the demo's official and probationary cases were admitted in 2025
        hundredths = (admitted * 20000 + 7) // 14  # admitted / 7 in %, half up
        self.assertEqual(r["total"]["percent"], "%d.%02d" % (hundredths // 100, hundredths % 100))
        self.assertEqual(sum(u["admitted"] for u in r["units"]), admitted)
        self.assertEqual(r["total"]["reached"], admitted >= 7)
        self.assertEqual(r["total"]["breakdown"]["youth_union"], admitted)
        status, body, _ = self.province.call("GET", f"/api/v1/orgs/{self.committee_id}/admission-report?period=year&from=2025-01-01&to=2026-01-01")
        assert_error(self, status, body, 422, "to")
        req = urllib.request.Request(self.province.base + f"/api/v1/orgs/{self.committee_id}/admission-report"
                                     "?from=2025-01-01&to=2025-09-30&format=xlsx")
        with self.province.opener.open(req, timeout=60) as resp:
            self.assertIn("spreadsheetml", resp.headers["Content-Type"])
            with zipfile.ZipFile(io.BytesIO(resp.read())) as z:
                strings = z.read("xl/worksheets/sheet1.xml").decode()
        self.assertIn("Tỷ lệ (%)", strings)
        self.assertIn("Tổng cộng", strings)


    def test_the_report_as_of_a_day_counts_by_the_structure_of_that_day(self):
        province_id = self.province.call("GET", "/api/v1/auth/me")[1]["user"]["org_id"]
        path = f"/api/v1/orgs/{province_id}/admission-report?period=year&from=2025-01-01&to=2025-12-31"
        status, now, _ = self.province.call("GET", path)
        self.assertEqual(status, 200, now)
        status, then, _ = self.province.call("GET", path + "&as_of=2025-06-30")
        self.assertEqual(status, 200, then)
        # The same admissions, spread over the units of 30/06/2025 (the district committees, dissolved on
        # 01/07/2025) instead of today's communes and blocs.
        self.assertGreaterEqual(then["total"]["admitted"], 2)
        self.assertEqual(then["total"]["admitted"], now["total"]["admitted"])
        self.assertEqual(sum(u["admitted"] for u in then["units"]), then["total"]["admitted"])
        self.assertNotEqual({u["org"]["id"] for u in then["units"]}, {u["org"]["id"] for u in now["units"]})
        for u in then["units"]:
            status, unit, _ = self.province.call("GET", f"/api/v1/orgs/{u['org']['id']}?as_of=2025-06-30")
            self.assertEqual((status, unit["parent_id"]), (200, province_id), unit)
        # The commune committee did not exist then; a future day and a wrong date name the field.
        for client, org, as_of in ((self.committee, self.committee_id, "2025-06-30"),
                                   (self.province, province_id, "2999-01-01"),
                                   (self.province, province_id, "30/06/2025")):
            status, body, _ = client.call(
                "GET", f"/api/v1/orgs/{org}/admission-report?period=year&from=2025-01-01&to=2025-12-31&as_of={as_of}")
            assert_error(self, status, body, 422, "as_of")


class AdmissionSettingsTest(unittest.TestCase):
    """Issue #5: the competent committee as data, and the working-day calendar edited by administrators."""

    def test_competent_committee_is_set_per_subtree(self):
        province = SERVER.client()
        self.assertEqual(province.login("bantochuc")[0], 200)
        other = SERVER.client()
        self.assertEqual(other.login("chibo2")[0], 200)
        branch_id = other.call("GET", "/api/v1/auth/me")[1]["user"]["org_id"]
        _, branch, _ = province.call("GET", f"/api/v1/orgs/{branch_id}")
        parent_id = branch["parent_id"]
        # A branch secretary cannot change it; a branch is not a committee.
        status, body, _ = other.call("PUT", f"/api/v1/orgs/{branch_id}/competent-committee", {"committee_id": parent_id})
        assert_error(self, status, body, 403)
        status, body, _ = province.call("PUT", f"/api/v1/orgs/{parent_id}/competent-committee", {"committee_id": branch_id})
        assert_error(self, status, body, 422, "committee_id")
        status, body, _ = province.call("PUT", f"/api/v1/orgs/{branch_id}/competent-committee", {"committee_id": parent_id})
        self.assertEqual(status, 204, body)
        status, case, _ = other.call("POST", "/api/v1/admission/cases",
                                     {"branch_id": branch_id, "full_name": "Đỗ Văn Hùng", "gender": "male",
                                      "birth_date": "1999-02-03", "source": "other"})
        self.assertEqual(status, 201, case)
        self.assertEqual(case["competent"]["id"], parent_id)
        # Read back: set on the branch itself; the choices are the committees at or above it, nearest first.
        status, view, _ = province.call("GET", f"/api/v1/orgs/{branch_id}/competent-committee")
        self.assertEqual(status, 200, view)
        self.assertEqual((view["setting"]["id"], view["effective"]["id"], view["set_on"]["id"]),
                         (parent_id, parent_id, branch_id))
        choices = [o["id"] for o in view["choices"]]
        self.assertEqual(choices[0], parent_id)
        self.assertNotIn(branch_id, choices)
        # Back to the default: the nearest commune/ward, bloc or provincial committee above.
        status, body, _ = other.call("PUT", f"/api/v1/orgs/{branch_id}/competent-committee", {"committee_id": None})
        assert_error(self, status, body, 403)
        status, body, _ = province.call("PUT", f"/api/v1/orgs/{branch_id}/competent-committee", {"committee_id": None})
        self.assertEqual(status, 204, body)
        _, view, _ = province.call("GET", f"/api/v1/orgs/{branch_id}/competent-committee")
        self.assertIsNone(view["setting"])
        self.assertIsNone(view["set_on"])
        default = view["effective"]
        _, org, _ = province.call("GET", f"/api/v1/orgs/{default['id']}")
        self.assertIn(org["kind"], ("commune", "bloc", "provincial"))
        self.assertIn(default["id"], choices)
        _, case, _ = other.call("GET", f"/api/v1/admission/cases/{case['id']}")
        self.assertEqual(case["competent"]["id"], default["id"])
        # As it was for the tests that follow.
        status, body, _ = province.call("PUT", f"/api/v1/orgs/{branch_id}/competent-committee", {"committee_id": parent_id})
        self.assertEqual(status, 204, body)

    def test_administrators_edit_the_working_day_calendar(self):
        admin = SERVER.client()
        self.assertEqual(admin.login("admin")[0], 200)
        province = SERVER.client()
        self.assertEqual(province.login("bantochuc")[0], 200)
        _, cal, _ = province.call("GET", "/api/v1/admission/calendar")
        years = [y["year"] for y in cal["years"]]
        self.assertTrue({2024, 2025, 2026} <= set(years), years)  # seeded from rules/holidays.csv
        y2025 = next(y for y in cal["years"] if y["year"] == 2025)
        self.assertIn("2025-01-29", [d["date"] for d in y2025["days"]])  # Tết Ất Tỵ
        body = {"status": "provisional", "source": "dự kiến",
                "days": [{"date": "2031-01-01", "working": False, "name": "Tết Dương lịch"}]}
        status, err, _ = province.call("PUT", "/api/v1/admission/calendar/2031", body)
        assert_error(self, status, err, 403)
        bad = dict(body, days=[{"date": "2031-01-06", "working": True, "name": "thứ Hai"}])  # a weekday "worked"
        status, err, _ = admin.call("PUT", "/api/v1/admission/calendar/2031", bad)
        assert_error(self, status, err, 422, "holidays")
        status, err, _ = admin.call("PUT", "/api/v1/admission/calendar/2031", body)
        self.assertEqual(status, 204, err)
        _, cal, _ = province.call("GET", "/api/v1/admission/calendar")
        y2031 = next(y for y in cal["years"] if y["year"] == 2031)
        self.assertEqual((y2031["status"], y2031["days"][0]["date"]), ("provisional", "2031-01-01"))


class RestructureTest(unittest.TestCase):
    """Issue #7 item 4: rename, move, merge, dissolve by decision, with the hand-over and the tree "as of"."""

    DECISION = {"number": "15-QĐ/TU", "date": "2025-06-20", "body": "Ban Thường vụ Tỉnh ủy"}

    def setUp(self):
        self.c = SERVER.client()
        self.assertEqual(self.c.login("bantochuc")[0], 200)
        _, roots, _ = self.c.call("GET", "/api/v1/orgs")
        self.root = roots["items"][0]

    def org(self, kind, code, name, parent, founded):
        status, o, _ = self.c.call("POST", "/api/v1/orgs", {"kind": kind, "code": code, "name": name,
                                                            "parent_id": parent, "founded_on": founded})
        self.assertEqual(status, 201, o)
        return o

    def member(self, branch, name, official):
        m = {"org_id": branch, "full_name": name, "gender": "male", "birth_date": "1980-05-05"}
        if official:
            m.update(status="official", admission_date="2010-01-10", official_date="2011-01-10")
        else:
            m.update(status="probationary", admission_date="2026-03-02")
        status, body, _ = self.c.call("POST", "/api/v1/members", m)
        self.assertEqual(status, 201, body)

    def counted(self, org_id, as_of=None):
        status, o, _ = self.c.call("GET", f"/api/v1/orgs/{org_id}" + (f"?as_of={as_of}" if as_of else ""))
        self.assertEqual(status, 200, o)
        return o["counts"]["members"] if o["counts"] else None

    def children(self, org_id, as_of=None):
        status, body, _ = self.c.call("GET", f"/api/v1/orgs/{org_id}/children" + (f"?as_of={as_of}" if as_of else ""))
        self.assertEqual(status, 200, body)
        return [o["code"] for o in body["items"]]

    def restructure(self, body, dry_run=False, expect=201):
        status, out, _ = self.c.call("POST", "/api/v1/orgs/restructure" + ("?dry_run=1" if dry_run else ""),
                                     dict({"decision": self.DECISION}, **body))
        self.assertEqual(status, expect, out)
        return out

    def test_district_level_removed_then_branches_merged_with_history(self):
        root = self.root["id"]
        before_root = self.counted(root)
        d = self.org("district", "RS.D", "Đảng bộ Zeta huyện thử nghiệm", root, "1976-01-01")
        g = self.org("grassroots", "RS.G", "Đảng bộ Zeta xã cũ", d["id"], "1980-01-01")
        b1 = self.org("branch", "RS.B1", "Chi bộ Zeta thôn 1", g["id"], "1990-01-01")
        b2 = self.org("branch", "RS.B2", "Chi bộ Zeta thôn 2", g["id"], "1990-01-01")
        x = self.org("commune", "RS.X", "Đảng bộ Zeta xã mới", root, "2025-07-01")
        for i, name in enumerate(["Trần Văn Thử", "Trần Văn Nghiệm", "Trần Văn Sắp"]):
            self.member(b1["id"], name, official=i > 0)
        for name in ["Lê Thị Xếp", "Lê Thị Nhập"]:
            self.member(b2["id"], name, official=True)
        self.assertEqual(self.counted(d["id"]), 5)

        move = {"kind": "move", "subject": g["id"], "new_parent": x["id"], "effective": "2025-07-01"}
        preview = self.restructure(move, dry_run=True, expect=200)
        self.assertFalse(preview["applied"])
        self.assertEqual(preview["hand_overs"][0]["org"]["code"], "RS.X")
        self.assertEqual((preview["hand_overs"][0]["before_counted"], preview["hand_overs"][0]["received_counted"],
                          preview["hand_overs"][0]["after_counted"]), (0, 5, 5))
        self.assertEqual(preview["hand_overs"][0]["received"]["probationary"], 1)
        self.assertEqual(self.children(x["id"]), [])  # a preview writes nothing

        # Bad input: each refused with the field and nothing changed.
        for body, field in [
            ({"kind": "move", "subject": d["id"], "new_parent": g["id"], "effective": "2025-07-01"}, "new_parent"),
            (dict(move, effective="2025-06-30"), "effective"),  # before the commune committee existed
            (dict(move, effective="2099-01-01"), "effective"),
            ({"kind": "dissolve", "subject": d["id"], "receiver": b1["id"], "effective": "2025-07-01"}, "receiver"),
            ({"kind": "merge", "subject": b1["id"], "sources": [g["id"]], "effective": "2025-07-01"}, "sources[0]"),
            (dict(move, kind="reshuffle"), "kind"),
            (dict(move, colour="red"), "colour"),
        ]:
            status, err, _ = self.c.call("POST", "/api/v1/orgs/restructure", dict({"decision": self.DECISION}, **body))
            assert_error(self, status, err, 422, field)
        status, err, _ = self.c.call("POST", "/api/v1/orgs/restructure", dict(move, decision={"number": ""}))
        assert_error(self, status, err, 422)
        self.assertIn("decision.number", err["error"]["fields"])
        self.assertIn("decision.body", err["error"]["fields"])
        self.assertEqual(self.children(d["id"]), ["RS.G"])

        done = self.restructure(move)
        self.assertTrue(done["applied"])
        self.assertEqual(self.counted(x["id"]), 5)
        self.assertEqual(self.counted(d["id"]), 0)
        self.assertEqual(self.counted(root), before_root + 5)
        self.assertEqual(self.children(x["id"]), ["RS.G"])
        # As of the day before, the old structure: the grassroots organization under the district.
        self.assertEqual(self.children(d["id"], "2025-06-30"), ["RS.G"])
        self.assertEqual(self.children(x["id"], "2025-06-30"), [])
        _, g_then, _ = self.c.call("GET", f"/api/v1/orgs/{g['id']}?as_of=2025-06-30")
        self.assertEqual(g_then["parent_id"], d["id"])
        # ... with the members of that day: the probationary member admitted on 02/03/2026 not yet.
        self.assertEqual(g_then["counts"]["members"], 4)
        self.assertEqual(g_then["counts"]["by_status"]["probationary"], 0)
        self.assertEqual(self.counted(d["id"], "2025-06-30"), 4)
        self.assertEqual(self.counted(x["id"], "2025-07-01"), 4)
        self.assertEqual(self.counted(d["id"], "2025-07-01"), 0)
        _, kids_then, _ = self.c.call("GET", f"/api/v1/orgs/{d['id']}/children?as_of=2025-06-30")
        self.assertEqual([k["counts"]["members"] for k in kids_then["items"]], [4])
        # The dashboard's figures as of that day, and today's.
        status, st, _ = self.c.call("GET", f"/api/v1/orgs/{d['id']}/stats?as_of=2025-06-30")
        self.assertEqual(status, 200, st)
        self.assertEqual((st["as_of"], st["year"], st["counted"], st["probationary"]), ("2025-06-30", 2025, 4, 0))
        self.assertEqual(sum(b["count"] for b in st["age_bands"]), 4)
        _, st_now, _ = self.c.call("GET", f"/api/v1/orgs/{x['id']}/stats")
        self.assertEqual((st_now["counted"], st_now["probationary"]), (5, 1))
        for bad in ["2025-02-30", "30/06/2025", "2999-01-01"]:
            status, err, _ = self.c.call("GET", f"/api/v1/orgs/{d['id']}/stats?as_of={bad}")
            assert_error(self, status, err, 422, "as_of")
        status, err, _ = self.c.call("GET", f"/api/v1/orgs/{x['id']}?as_of=2025-06-30")
        assert_error(self, status, err, 422, "as_of")
        status, err, _ = self.c.call("GET", f"/api/v1/orgs/{x['id']}?as_of=30/06/2025")
        assert_error(self, status, err, 422, "as_of")

        # The district, now empty, is dissolved; then nothing can be done with it.
        self.restructure({"kind": "dissolve", "subject": d["id"], "effective": "2025-07-01"})
        _, d_now, _ = self.c.call("GET", f"/api/v1/orgs/{d['id']}")
        self.assertEqual(d_now["dissolved_on"], "2025-07-01")
        self.assertNotIn("RS.D", self.children(root))
        self.assertIn("RS.D", self.children(root, "2025-06-30"))
        status, err, _ = self.c.call("POST", "/api/v1/orgs/restructure",
                                     {"kind": "rename", "subject": d["id"], "new_name": "X", "effective": "2025-08-01",
                                      "decision": self.DECISION})
        assert_error(self, status, err, 422, "subject")

        # Two branches merged: the members of the second carried over, the second dissolved.
        merged = self.restructure({"kind": "merge", "subject": b1["id"], "sources": [b2["id"]],
                                   "effective": "2025-08-01"})
        self.assertEqual([s["kind"] for s in merged["steps"]], ["move_members", "dissolve"])
        self.assertEqual(self.counted(b1["id"]), 5)
        self.assertEqual(self.counted(b2["id"]), 0)
        self.assertEqual(self.counted(g["id"]), 5)
        self.assertEqual(self.children(g["id"], "2025-07-31"), ["RS.B1", "RS.B2"])
        # The day before the merge each branch had its own members; from that day, all are in the first.
        self.assertEqual((self.counted(b1["id"], "2025-07-31"), self.counted(b2["id"], "2025-07-31")), (2, 2))
        self.assertEqual(self.counted(b1["id"], "2025-08-01"), 4)
        self.assertEqual(self.children(g["id"]), ["RS.B1"])
        _, page, _ = self.c.call("GET", f"/api/v1/members?org={b1['id']}&limit=50")
        self.assertEqual(len(page["items"]), 5)
        # Not dated before the grassroots organization's own latest change (its move on 01/07/2025).
        status, err, _ = self.c.call("POST", "/api/v1/orgs/restructure",
                                     {"kind": "rename", "subject": g["id"], "new_name": "Đảng bộ Zeta xã mới 2",
                                      "effective": "2025-06-01", "decision": self.DECISION})
        assert_error(self, status, err, 422, "effective")
        renamed = self.restructure({"kind": "rename", "subject": g["id"], "new_name": "Đảng bộ Zeta thôn hợp nhất",
                                    "effective": "2025-09-01"})
        self.assertEqual(renamed["steps"][0]["new_name"], "Đảng bộ Zeta thôn hợp nhất")
        _, g_before, _ = self.c.call("GET", f"/api/v1/orgs/{g['id']}?as_of=2025-08-31")
        self.assertEqual(g_before["name"], "Đảng bộ Zeta xã cũ")

        # The decisions, newest first, and the audit trail.
        _, events, _ = self.c.call("GET", f"/api/v1/orgs/{x['id']}/restructures")
        self.assertEqual([e["kind"] for e in events["items"]], ["rename", "merge", "move"])
        self.assertEqual(events["items"][2]["decision"]["number"], "15-QĐ/TU")
        self.assertEqual(events["items"][2]["hand_overs"][0]["after_counted"], 5)
        _, audit, _ = self.c.call("GET", f"/api/v1/audit?entity=org&entity_id={g['id']}")
        actions = [e["action"] for e in audit["items"]]
        self.assertIn("org.restructure", actions)
        self.assertIn("org.restructure_refused", actions)

    def test_outside_scope_is_refused_and_audited(self):
        c = SERVER.client()
        self.assertEqual(c.login("dangbocoso")[0], 200)
        status, err, _ = c.call("POST", "/api/v1/orgs/restructure",
                                {"kind": "rename", "subject": self.root["id"], "new_name": "Tên khác",
                                 "effective": "2025-09-01", "decision": self.DECISION})
        assert_error(self, status, err, 422, "subject")
        self.assertEqual(self.root["name"], self.c.call("GET", f"/api/v1/orgs/{self.root['id']}")[1]["name"])
        c2 = SERVER.client()
        self.assertEqual(c2.login("chibo")[0], 200)
        status, err, _ = c2.call("POST", "/api/v1/orgs/restructure", {"kind": "rename"})
        assert_error(self, status, err, 403)


class MemberEventTest(unittest.TestCase):
    """Issue #7 items 2 and 3: status changes with their decisions (exemption and its end, reduction, removal,
    withdrawal, expulsion, death), their effect on the member, the counts and the party age; the refusals
    (future date, second leaving event, out-of-scope member, wrong body, branch recording a leaving event);
    the subtree's events of a year; and the watchlist."""

    def setUp(self):
        self.branch = SERVER.client()
        self.assertEqual(self.branch.login("chibo")[0], 200)
        self.office = SERVER.client()
        self.assertEqual(self.office.login("dangbocoso")[0], 200)
        self.admin = SERVER.client()
        self.assertEqual(self.admin.login("admin")[0], 200)
        self.branch_id = self.branch.call("GET", "/api/v1/auth/me")[1]["user"]["org_id"]
        self.grassroots_id = self.office.call("GET", "/api/v1/auth/me")[1]["user"]["org_id"]
        self.today = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 7 * 3600))
        self.year = int(self.today[:4])

    @staticmethod
    def days_ago(n):
        return time.strftime("%Y-%m-%d", time.gmtime(time.time() + 7 * 3600 - n * 86400))

    def members(self, org, status, limit=200):
        _, lst, _ = self.admin.call("GET", f"/api/v1/members?org={org}&status={status}&limit={limit}")
        return [m for m in lst["items"] if m.get("admission_date") and m["admission_date"] < "2020-01-01"]

    def counts(self, org):
        return self.admin.call("GET", f"/api/v1/orgs/{org}")[1]["counts"]

    def other_branch(self):
        _, children, _ = self.admin.call("GET", f"/api/v1/orgs/{self.grassroots_id}/children")
        for ch in children["items"]:
            org = ch.get("org", ch)
            if org["id"] != self.branch_id and len(self.members(org["id"], "official")) >= 10:
                return org["id"]
        self.fail("no second branch with official members under the grassroots organization")

    def record(self, client, mid, kind, on, body, expected=201, field=None, **extra):
        payload = {"kind": kind, "effective_on": on, "decision_number": f"{kind}-{mid}", "decision_date": on,
                   "decision_body": body}
        payload.update(extra)
        status, out, _ = client.call("POST", f"/api/v1/members/{mid}/events", payload)
        if expected == 201:
            self.assertEqual(status, 201, out)
        else:
            assert_error(self, status, out, expected, field)
        return out

    def status_of(self, mid):
        return self.admin.call("GET", f"/api/v1/members/{mid}")[1]["status"]

    def test_exemption_its_end_and_reduction_by_the_branch(self):
        m, n = self.members(self.branch_id, "official")[-2:]
        before = self.counts(self.branch_id)
        on = self.days_ago(20)
        # Wrong body: the rule set says the branch decides an exemption.
        self.record(self.branch, m["id"], "exemption", on, "grassroots", 422, "decision_body")
        self.assertEqual(self.status_of(m["id"]), "official")
        out = self.record(self.branch, m["id"], "exemption", on, "branch", until=self.days_ago(-300))
        self.assertEqual(out["member"]["status"], "exempt")
        self.assertTrue(out["effect"]["counted"])
        self.assertTrue(out["effect"]["badge_eligible"])
        after = self.counts(self.branch_id)
        self.assertEqual(after["members"], before["members"])  # exempt members are still counted
        self.assertEqual(after["by_status"]["official"], before["by_status"]["official"] - 1)
        self.assertEqual(after["by_status"]["exempt"], before["by_status"]["exempt"] + 1)
        # Exempt twice: a conflict.
        self.record(self.branch, m["id"], "exemption", on, "branch", 409, "kind")
        # The end: back to official, counts as before.
        out = self.record(self.branch, m["id"], "exemption_end", self.days_ago(2), "branch")
        self.assertEqual(out["member"]["status"], "official")
        self.assertEqual(self.counts(self.branch_id), before)
        # A reduction: a dated flag, no status change; its period is required.
        self.record(self.branch, n["id"], "reduction", on, "branch", 422, "until")
        out = self.record(self.branch, n["id"], "reduction", on, "branch", until=self.days_ago(-100))
        self.assertEqual(out["member"]["status"], "official")
        _, hist, _ = self.branch.call("GET", f"/api/v1/members/{n['id']}/events")
        self.assertEqual([e["kind"] for e in hist["events"]], ["reduction"])
        self.assertEqual(hist["events"][0]["recorded_by"], "chibo")
        self.assertEqual(self.counts(self.branch_id), before)
        # A branch secretary cannot record a leaving event; the refusal is audited.
        self.record(self.branch, n["id"], "death", on, "branch", 403)
        _, audit, _ = self.admin.call("GET", f"/api/v1/audit?entity=member&entity_id={n['id']}")
        self.assertTrue(any(e["action"] == "member_event.refused" and e["login"] == "chibo" for e in audit["items"]))
        self.assertEqual(self.status_of(n["id"]), "official")

    def test_leaving_events_change_status_counts_and_party_age(self):
        org = self.other_branch()
        removed, withdrew, expelled, deceased, spare = self.members(org, "official")[:5]
        on = self.days_ago(150)
        before_counts = self.counts(self.grassroots_id)
        _, before_report, _ = self.office.call("GET", f"/api/v1/orgs/{self.grassroots_id}/member-events?year={on[:4]}")
        _, age_before, _ = self.office.call("GET", f"/api/v1/members/{removed['id']}/dossier")

        # Refusals first: nothing changes.
        self.record(self.office, spare["id"], "death", self.days_ago(-2), "branch", 422, "effective_on")
        self.record(self.office, spare["id"], "removal", on, "branch", 422, "decision_body",
                    ground="unpaid_fees", ground_months=3)
        self.record(self.office, spare["id"], "removal", on, "grassroots", 422, "ground_months",
                    ground="unpaid_fees", ground_months=2)
        self.assertEqual(self.status_of(spare["id"]), "official")
        self.assertEqual(self.counts(self.grassroots_id), before_counts)

        out = self.record(self.office, removed["id"], "removal", on, "grassroots", ground="unpaid_fees",
                          ground_months=3, card_returned_on=self.days_ago(140))
        self.assertEqual(out["member"]["status"], "removed")
        self.assertEqual(out["member"]["left_on"], on)
        self.assertTrue(out["event"]["card_returned"])
        self.assertTrue(out["effect"]["party_age_stops"])
        self.record(self.office, withdrew["id"], "withdrawal", on, "grassroots")
        out = self.record(self.office, expelled["id"], "expulsion", on, "upper", decision_body_name="Ủy ban Kiểm tra")
        self.assertTrue(out["effect"]["card_return_required"])
        out = self.record(self.office, deceased["id"], "death", on, "branch")
        self.assertFalse(out["effect"]["card_return_required"])  # the family keeps the card
        self.assertEqual([self.status_of(x["id"]) for x in (removed, withdrew, expelled, deceased)],
                         ["removed", "withdrew", "expelled", "deceased"])
        # A second leaving event: refused.
        self.record(self.office, removed["id"], "death", self.days_ago(5), "branch", 409, "kind")

        # Counts over the grassroots organization: four official members fewer, one of each leaving status.
        after = self.counts(self.grassroots_id)
        self.assertEqual(after["members"], before_counts["members"] - 4)
        self.assertEqual(after["by_status"]["official"], before_counts["by_status"]["official"] - 4)
        for st in ("removed", "withdrew", "expelled", "deceased"):
            self.assertEqual(after["by_status"][st], before_counts["by_status"][st] + 1, st)
        # The year's events of the subtree, by kind.
        _, report, _ = self.office.call("GET", f"/api/v1/orgs/{self.grassroots_id}/member-events?year={on[:4]}")
        for k in ("removal", "withdrawal", "expulsion", "death"):
            self.assertEqual(report["counts"][k], before_report["counts"][k] + 1, k)
        _, only, _ = self.office.call("GET",
                                      f"/api/v1/orgs/{self.grassroots_id}/member-events?year={on[:4]}&kind=removal")
        self.assertTrue(only["items"] and all(e["kind"] == "removal" for e in only["items"]))
        self.assertIn(removed["id"], [e["member_id"] for e in only["items"]])

        # Party age stops on the day the member left: today's equals that day's, and no badge is due.
        _, age_now, _ = self.office.call("GET", f"/api/v1/members/{removed['id']}/dossier")
        _, age_then, _ = self.office.call("GET", f"/api/v1/members/{removed['id']}/dossier?as_of={on}")
        self.assertEqual(age_now["party_age"], age_then["party_age"])
        self.assertLess(age_now["party_age"]["years"] * 12 + age_now["party_age"]["months"],
                        age_before["party_age"]["years"] * 12 + age_before["party_age"]["months"])
        self.assertIsNone(age_now["next_badge"])
        _, hist, _ = self.office.call("GET", f"/api/v1/members/{removed['id']}/events")
        self.assertEqual(hist["party_age_end"], on)
        self.assertEqual(hist["party_age"], age_then["party_age"])
        self.assertFalse(hist["badge_eligible"])

        # A correction supersedes the removal: the new date is the member's left_on; counted once.
        fixed_on = self.days_ago(148)
        out = self.record(self.office, removed["id"], "removal", fixed_on, "grassroots", ground="unpaid_fees",
                          ground_months=3, supersedes=hist["events"][0]["id"], decision_number="removal-fixed")
        self.assertEqual(out["member"]["left_on"], fixed_on)
        self.assertEqual(self.counts(self.grassroots_id), after)
        _, report2, _ = self.office.call("GET", f"/api/v1/orgs/{self.grassroots_id}/member-events?year={on[:4]}")
        self.assertEqual(report2["counts"]["removal"], report["counts"]["removal"])
        self.record(self.office, removed["id"], "removal", fixed_on, "grassroots", 409, "supersedes",
                    ground="unpaid_fees", ground_months=3, supersedes=hist["events"][0]["id"])

    def test_out_of_scope_member_is_not_found_and_audited(self):
        other = SERVER.client()
        self.assertEqual(other.login("chibo2")[0], 200)
        home = other.call("GET", "/api/v1/auth/me")[1]["user"]["org_id"]
        outside = self.members(home, "official")[0]
        self.record(self.office, outside["id"], "death", self.days_ago(3), "branch", 404)
        self.assertEqual(self.status_of(outside["id"]), "official")
        _, audit, _ = self.admin.call("GET", f"/api/v1/audit?entity=member&entity_id={outside['id']}")
        self.assertTrue(any(e["action"] == "member.read_denied" and e["login"] == "dangbocoso" for e in audit["items"]))
        status, body, _ = other.call("GET", f"/api/v1/orgs/{self.grassroots_id}/watchlist")
        assert_error(self, status, body, 404)

    def test_watchlist_lists_what_needs_review(self):
        org = self.other_branch()
        ex, red, moved = self.members(org, "official")[-3:]
        # An exemption whose period is over, a reduction that ended, a workplace changed in the dossier.
        self.record(self.admin, ex["id"], "exemption", self.days_ago(100), "branch", until=self.days_ago(10))
        self.record(self.admin, red["id"], "reduction", self.days_ago(60), "branch", until=self.days_ago(5))
        for valid_from, place in (("2021-01-01", "Trường THCS Tân An"), (self.days_ago(30), "Công ty Điện lực")):
            status, body, _ = self.office.call("PUT", f"/api/v1/members/{moved['id']}/dossier", {
                "valid_from": valid_from, "note": "",
                "dossier": {"work_history": [{"from": "2020-01-01", "to": None, "place": place, "position": "Giáo viên"}]}})
            self.assertEqual(status, 201, body)
        # A probationary member admitted 18 months ago and never recognized.
        status, prob, _ = self.admin.call("POST", "/api/v1/members", {
            "org_id": org, "full_name": "Đinh Thị Dự Bị", "gender": "female", "birth_date": "1995-04-01",
            "status": "probationary", "admission_date": self.days_ago(540)})
        self.assertEqual(status, 201, prob)
        status, w, _ = self.office.call("GET", f"/api/v1/orgs/{self.grassroots_id}/watchlist")
        self.assertEqual(status, 200, w)
        lists = {l["code"]: l for l in w["lists"]}
        self.assertEqual(set(lists), {"recognition_overdue", "moved_without_transfer", "exemption_ended",
                                      "reduction_ended"})
        for l in w["lists"]:
            self.assertEqual(l["count"], len(l["items"]))
            self.assertTrue(l["title"])
            for it in l["items"]:
                self.assertTrue(it["reason"])

        def find(code, mid):
            return next((it for it in lists[code]["items"] if it["id"] == mid), None)

        self.assertIsNotNone(find("exemption_ended", ex["id"]))
        self.assertIn("exemption-", find("exemption_ended", ex["id"])["reason"])
        self.assertIsNotNone(find("reduction_ended", red["id"]))
        hit = find("moved_without_transfer", moved["id"])
        self.assertIsNotNone(hit, lists["moved_without_transfer"])
        self.assertIn("Công ty Điện lực", hit["reason"])
        self.assertIn("nơi công tác", hit["reason"])
        self.assertIsNotNone(find("recognition_overdue", prob["id"]))
        self.assertIsNone(find("recognition_overdue", ex["id"]))
        # Ending the exemption takes the member off the list; so does recording the recognition (official).
        self.record(self.admin, ex["id"], "exemption_end", self.days_ago(1), "branch")
        _, w2, _ = self.office.call("GET", f"/api/v1/orgs/{self.grassroots_id}/watchlist")
        ended = next(l for l in w2["lists"] if l["code"] == "exemption_ended")
        self.assertNotIn(ex["id"], [it["id"] for it in ended["items"]])


class TransferTest(unittest.TestCase):
    """Issue #7: a transfer between two provinces seen and driven by both sides' accounts (the sending
    branch, the sending province's organization department that issues the letter, the receiving branch),
    and every bad input of the issue: a member under review, a receiving unit outside the tree, a late
    presentation (accepted, the delay recorded and listed), two staff registering at once, scope refusals."""

    def setUp(self):
        self.branch = self.client("chibo")
        self.province = self.client("bantochuc")
        self.receiving = self.client("chibo3")
        self.province2 = self.client("bantochuc2")
        self.branch_id = self.me(self.branch)["org_id"]
        self.branch3_id = self.me(self.receiving)["org_id"]
        self.province_id = self.me(self.province)["org_id"]
        self.province2_id = self.me(self.province2)["org_id"]

    def client(self, login):
        c = SERVER.client()
        self.assertEqual(c.login(login)[0], 200, login)
        return c

    def me(self, c):
        return c.call("GET", "/api/v1/auth/me")[1]["user"]

    @staticmethod
    def day(days_ago):
        return (datetime.date.today() - datetime.timedelta(days=days_ago)).isoformat()

    def free_member(self):
        """An official member of the sending branch without an open transfer."""
        _, lst, _ = self.branch.call("GET", f"/api/v1/members?org={self.branch_id}&status=official&limit=200")
        for m in reversed(lst["items"]):
            _, cases, _ = self.branch.call("GET", f"/api/v1/transfers?member_id={m['id']}")
            if m["id"] in TransferTest.used or any(c["next"] is not None for c in cases["items"]):
                continue
            TransferTest.used.add(m["id"])
            return m
        self.fail("no free member")

    used = set()

    def request(self, member, **fields):
        body = {"member_id": member["id"], "kind": "official", "to_branch_id": self.branch3_id,
                "decision_number": "25/QĐ-SNV", "decision_date": self.day(10), "decision_body": "Sở Nội vụ",
                "decision_effective": self.day(10), "requested_on": self.day(9)}
        body.update(fields)
        return {k: v for k, v in body.items() if v is not None}

    def create(self, member, expected=201, field=None, client=None, **fields):
        status, out, _ = (client or self.branch).call("POST", "/api/v1/transfers", self.request(member, **fields))
        if expected == 201:
            self.assertEqual(status, 201, out)
        else:
            assert_error(self, status, out, expected, field)
        return out

    def step(self, client, case, kind, date, expected=201, field=None, **extra):
        body = {"kind": kind, "date": date}
        body.update(extra)
        status, out, _ = client.call("POST", f"/api/v1/transfers/{case['id']}/steps", body)
        if expected == 201:
            self.assertEqual(status, 201, out)
        else:
            assert_error(self, status, out, expected, field)
        return out

    def unchanged(self, case):
        _, now, _ = self.province.call("GET", f"/api/v1/transfers/{case['id']}")
        self.assertEqual((now["version"], now["state"], len(now["steps"])), (case["version"], case["state"], len(case["steps"])))

    def counted(self, client, org_id):
        _, org, _ = client.call("GET", f"/api/v1/orgs/{org_id}")
        return org["counts"]

    def test_official_transfer_between_two_provinces_with_both_sides(self):
        member = self.free_member()
        before_from = self.counted(self.branch, self.branch_id)
        before_to = self.counted(self.receiving, self.branch3_id)
        # The sending branch finds the receiving unit in the directory, typed without diacritics.
        _, branch3, _ = self.receiving.call("GET", f"/api/v1/orgs/{self.branch3_id}")
        plain = unicodedata.normalize("NFD", branch3["name"].replace("đ", "d").replace("Đ", "D"))
        q = branch3["code"].lower() + " " + plain.encode("ascii", "ignore").decode().lower()
        status, found, _ = self.branch.call("GET", "/api/v1/orgs/directory?q=" + urllib.parse.quote(q))
        self.assertEqual(status, 200, found)
        hit = [e for e in found["items"] if e["id"] == self.branch3_id]
        self.assertEqual(len(hit), 1, found)
        self.assertIn("Đảng bộ tỉnh", hit[0]["path_names"][0])

        case = self.create(member)
        self.assertEqual((case["state"], case["from"]["id"], case["to"]["id"]), ("requested", self.branch_id, self.branch3_id))
        self.assertEqual(case["next"]["step"], "sending_review")
        # Both sides see the same case; another branch of the sending province does not.
        self.assertEqual(self.receiving.call("GET", f"/api/v1/transfers/{case['id']}")[1]["state"], "requested")
        self.assertEqual(self.client("chibo2").call("GET", f"/api/v1/transfers/{case['id']}")[0], 404)
        # Who acts where.
        self.step(self.receiving, case, "sending_review", self.day(8), 403)
        self.unchanged(case)
        case = self.step(self.branch, case, "sending_review", self.day(8))
        self.assertEqual(case["state"], "approved")
        self.step(self.branch, case, "letter", self.day(7), 403, fees_paid_to=self.day(7)[:7])
        self.step(self.province, case, "letter", self.day(7), 422, "fees_paid_to", fees_paid_to="tháng 11")
        self.unchanged(case)
        case = self.step(self.province, case, "letter", self.day(7), fees_paid_to=self.day(7)[:7])
        self.assertEqual(case["state"], "letter_issued")
        self.assertRegex(case["letter"]["number"], r"^\d+/\d{4}/GGT-")
        self.assertEqual(case["next"]["actor"], "receiving")
        # The boards of both provinces list it.
        _, out_board, _ = self.province.call("GET", f"/api/v1/orgs/{self.province_id}/transfers")
        self.assertIn(case["id"], [c["id"] for c in out_board["outgoing"]])
        _, in_board, _ = self.province2.call("GET", f"/api/v1/orgs/{self.province2_id}/transfers?state=open")
        self.assertIn(case["id"], [c["id"] for c in in_board["incoming"]])
        self.assertNotIn(case["id"], [c["id"] for c in in_board["outgoing"]])
        # The receiving side presents and registers; the sending side cannot.
        self.step(self.branch, case, "presented", self.day(5), 403)
        case = self.step(self.receiving, case, "presented", self.day(5))
        self.step(self.receiving, case, "registered", self.day(4), 422, "dossier_complete")
        self.unchanged(case)
        # Two staff of the receiving side register the member at once: one wins, the other gets 409.
        results = []
        barrier = threading.Barrier(2)

        def register(c):
            barrier.wait()
            results.append(c.call("POST", f"/api/v1/transfers/{case['id']}/steps",
                                  {"kind": "registered", "date": self.day(4), "dossier_complete": True,
                                   "version": case["version"]})[:2])

        threads = [threading.Thread(target=register, args=(c,)) for c in (self.receiving, self.province2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(r[0] for r in results), [201, 409], results)
        refused = [r[1] for r in results if r[0] == 409][0]
        self.assertTrue(refused["error"]["message"])
        # The member moved in the same transaction: status kept, counts on both sides.
        status, moved, _ = self.receiving.call("GET", f"/api/v1/members/{member['id']}")
        self.assertEqual(status, 200, moved)
        self.assertEqual((moved["org_id"], moved["status"]), (self.branch3_id, "official"))
        self.assertEqual(self.branch.call("GET", f"/api/v1/members/{member['id']}")[0], 404)
        # The dossier "as of" a day tells where the member was registered then, and their status.
        for as_of, org_id in ((self.day(5), self.branch_id), (self.day(4), self.branch3_id), (None, self.branch3_id)):
            query = f"?as_of={as_of}" if as_of else ""
            status, view, _ = self.receiving.call("GET", f"/api/v1/members/{member['id']}/dossier{query}")
            self.assertEqual(status, 200, view)
            self.assertEqual(view["on_day"]["org_id"], org_id, as_of)
            # A member on each day (today official; earlier days may differ: another test may have exempted
            # the member for a while).
            self.assertIsNotNone(view["on_day"]["status"], as_of)
            if as_of is None:
                self.assertEqual(view["on_day"]["status"], "official")
        _, sending_branch, _ = self.branch.call("GET", f"/api/v1/orgs/{self.branch_id}")
        _, then, _ = self.receiving.call("GET", f"/api/v1/members/{member['id']}/dossier?as_of={self.day(5)}")
        self.assertEqual(then["on_day"]["branch_name"], sending_branch["name"])
        _, before_admission, _ = self.receiving.call("GET", f"/api/v1/members/{member['id']}/dossier?as_of=1900-01-01")
        self.assertIsNone(before_admission["on_day"]["status"])
        # The receiving branch's member book writes the day and the branch the member came from (column 11).
        self.assertTrue(member["card_number"])
        [row] = book_rows(self.receiving, self.branch3_id, card=member["card_number"])
        self.assertEqual(row[10].split("\n")[0], datetime.date.fromisoformat(self.day(4)).strftime("%d/%m/%Y"))
        self.assertTrue(row[10].split("\n")[1].startswith("Từ: " + sending_branch["name"]), row[10])
        self.assertEqual(self.counted(self.branch, self.branch_id)["members"], before_from["members"] - 1)
        self.assertEqual(self.counted(self.receiving, self.branch3_id)["members"], before_to["members"] + 1)
        _, done, _ = self.province.call("GET", f"/api/v1/transfers/{case['id']}")
        self.assertEqual((done["state"], done["next"]), ("registered", None))
        self.assertEqual([s["kind"] for s in done["steps"]], ["sending_review", "letter", "presented", "registered"])
        # The refusals were audited.
        _, audit, _ = self.province.call("GET", f"/api/v1/audit?entity=transfer&entity_id={case['id']}")
        actions = [e["action"] for e in audit["items"]]
        self.assertIn("transfer.refused", actions)
        self.assertEqual(actions.count("transfer.step"), 4)

    def test_refusals_at_request(self):
        member = self.free_member()
        # A member under review is not transferred (the committee records the review).
        self.assertEqual(self.branch.call("PUT", f"/api/v1/members/{member['id']}/review",
                                          {"under_review": True, "reason": "Đang bị kiểm tra"})[0], 403)
        status, review, _ = self.province.call("PUT", f"/api/v1/members/{member['id']}/review",
                                               {"under_review": True, "reason": "Đang bị kiểm tra khi có dấu hiệu vi phạm"})
        self.assertEqual((status, review["under_review"]), (200, True), review)
        out = self.create(member, 409, "member_id")
        self.assertIn("kiểm tra", out["error"]["message"])
        self.province.call("PUT", f"/api/v1/members/{member['id']}/review", {"under_review": False})
        # A receiving unit outside the tree, one that is not a branch, and the same branch.
        self.create(member, 422, "to_branch_id", to_branch_id=987654321)
        self.create(member, 422, "to_branch_id", to_branch_id=self.province2_id)
        self.create(member, 422, "to_branch_id", to_branch_id=self.branch_id)
        self.create(member, 422, "to_branch_id", to_branch_id=None)
        self.create(member, 422, "decision_number", decision_number="")
        self.create(member, 422, "decision_effective", decision_effective="2026-02-30")
        self.create(member, 422, "temporary_until", kind="temporary", temporary_until=self.day(-800))
        # Scope: another branch's secretary, a member's own account.
        self.create(member, 404, client=self.client("chibo2"))
        self.create(member, 403, client=self.client("dangvien"))
        _, cases, _ = self.branch.call("GET", f"/api/v1/transfers?member_id={member['id']}")
        self.assertEqual(cases["items"], [], "a refused request left a case")
        # The attempts were audited against the member.
        _, audit, _ = self.province.call("GET", f"/api/v1/audit?entity=member&entity_id={member['id']}")
        self.assertGreaterEqual([e["action"] for e in audit["items"]].count("transfer.refused"), 5)
        # A second open case for the same member.
        self.create(member)
        self.create(member, 409, "member_id")

    def test_late_presentation_is_recorded_and_listed_for_both_sides(self):
        member = self.free_member()
        case = self.create(member, decision_date=self.day(200), decision_effective=self.day(200), requested_on=self.day(199))
        case = self.step(self.branch, case, "sending_review", self.day(190))
        case = self.step(self.province, case, "letter", self.day(100), fees_paid_to=self.day(100)[:7])
        self.assertGreater(case["steps"][1]["late_working_days"], 0)  # the letter itself came late
        self.assertTrue(case["next"]["overdue"])
        for client, org in ((self.province, self.province_id), (self.province2, self.province2_id)):
            _, board, _ = client.call("GET", f"/api/v1/orgs/{org}/transfers")
            self.assertIn(case["id"], [c["id"] for c in board["overdue"]])
        out = self.step(self.receiving, case, "presented", self.day(1), 422, "reason")
        self.assertIn("chậm", out["error"]["message"])
        self.unchanged(case)
        case = self.step(self.receiving, case, "presented", self.day(1), reason="Đảng viên ốm, nằm viện")
        late = case["steps"][2]
        self.assertGreater(late["late_working_days"], 0)
        self.assertEqual(late["rule_key"], "transfer.present_working_days")
        self.assertEqual(case["late_working_days"], max(s["late_working_days"] for s in case["steps"]))

    def test_temporary_and_external_transfers(self):
        member = self.free_member()
        before_to = self.counted(self.receiving, self.branch3_id)
        case = self.create(member, kind="temporary", temporary_reason="study", temporary_until=self.day(-400))
        for client, kind, days in ((self.branch, "sending_review", 8), (self.province, "letter", 7),
                                   (self.receiving, "presented", 6), (self.receiving, "registered", 5)):
            extra = {"fees_paid_to": self.day(7)[:7]} if kind == "letter" else {}
            if kind == "registered":
                extra["dossier_complete"] = True
            case = self.step(client, case, kind, self.day(days), **extra)
        self.assertEqual((case["state"], case["next"]["step"]), ("registered", "returned"))
        # Visible at the receiving branch, not counted there, still registered at home.
        _, temp, _ = self.receiving.call("GET", f"/api/v1/orgs/{self.branch3_id}/temporary-members")
        self.assertIn(member["id"], [t["member_id"] for t in temp["items"]])
        self.assertEqual(self.counted(self.receiving, self.branch3_id), before_to)
        self.assertEqual(self.branch.call("GET", f"/api/v1/members/{member['id']}")[1]["org_id"], self.branch_id)
        case = self.step(self.branch, case, "returned", self.day(0))
        self.assertEqual((case["state"], case["next"]), ("returned", None))
        _, temp, _ = self.receiving.call("GET", f"/api/v1/orgs/{self.branch3_id}/temporary-members")
        self.assertNotIn(member["id"], [t["member_id"] for t in temp["items"]])

        # To the army: outside the tree, the sending side records the confirmation; the member leaves.
        other = self.free_member()
        self.create(other, 422, "external_kind", to_branch_id=None, external_kind="navy", external_name="x")
        case = self.create(other, to_branch_id=None, external_kind="army", external_name="Đảng ủy Sư đoàn 312")
        self.assertEqual((case["to"], case["external"]["kind"]), (None, "army"))
        case = self.step(self.branch, case, "sending_review", self.day(8))
        case = self.step(self.province, case, "letter", self.day(7), fees_paid_to=self.day(7)[:7])
        case = self.step(self.branch, case, "presented", self.day(6))
        case = self.step(self.branch, case, "registered", self.day(5), dossier_complete=True)
        _, gone, _ = self.branch.call("GET", f"/api/v1/members/{other['id']}")
        self.assertEqual((gone["status"], gone["left_on"]), ("transferred_out", self.day(7)))

    def fetch(self, client, path):
        return fetch_file(client, path)

    @staticmethod
    def pdf_text(data):
        return pdf_text(data)

    def test_the_introduction_letter_and_the_transfer_book(self):
        member = self.free_member()
        _, full, _ = self.branch.call("GET", f"/api/v1/members/{member['id']}")
        # The member-book line recorded in the dossier is printed on the letter (số SĐV).
        status, v, _ = self.branch.call("PUT", f"/api/v1/members/{member['id']}/dossier",
                                        {"valid_from": self.day(30), "dossier": {"book_line_number": "0427-SĐV"}})
        self.assertEqual(status, 201, v)
        case = self.create(member)
        # No letter yet: 404 with a message.
        status, _, _, body = self.fetch(self.province, f"/api/v1/transfers/{case['id']}/letter.pdf")
        self.assertEqual(status, 404)
        self.assertIn("chưa được cấp giấy giới thiệu", json.loads(body)["error"]["message"])
        case = self.step(self.branch, case, "sending_review", self.day(8))
        fees = self.day(7)[:7]
        case = self.step(self.province, case, "letter", self.day(7), fees_paid_to=fees)
        number = case["letter"]["number"]
        # The letter, printed by the issuing side and by the receiving branch.
        for client in (self.province, self.branch, self.receiving):
            status, ctype, disposition, pdf = self.fetch(client, f"/api/v1/transfers/{case['id']}/letter.pdf")
            self.assertEqual((status, ctype), (200, "application/pdf"))
            self.assertTrue(disposition.startswith("inline"), disposition)
            self.assertTrue(pdf.startswith(b"%PDF"))
        text = self.pdf_text(pdf)
        if text is not None:
            self.assertIn(number, text)
            self.assertIn(full["full_name"].upper(), text)
            if full["card_number"]:
                self.assertIn(full["card_number"], text)
            self.assertIn(f"{fees[5:7]}/{fees[:4]}", text)
            self.assertIn("GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG", text)
            self.assertIn("0427-SĐV", text)
        # Out of scope: another branch, a member's account; a case that does not exist.
        self.assertEqual(self.fetch(self.client("chibo2"), f"/api/v1/transfers/{case['id']}/letter.pdf")[0], 404)
        self.assertEqual(self.fetch(self.client("dangvien"), f"/api/v1/transfers/{case['id']}/letter.pdf")[0], 404)
        self.assertEqual(self.fetch(self.province, "/api/v1/transfers/987654321/letter.pdf")[0], 404)

        # The transfer book of the issuing committee: every letter of the year, in number order.
        year = self.day(7)[:4]
        status, book, _ = self.province.call("GET", f"/api/v1/orgs/{self.province_id}/transfer-book?year={year}")
        self.assertEqual(status, 200, book)
        self.assertEqual((book["org"]["id"], book["year"]), (self.province_id, int(year)))
        seqs = [r["seq"] for r in book["rows"]]
        self.assertEqual(seqs, sorted(seqs))
        self.assertEqual(len(seqs), len(set(seqs)))
        for r in book["rows"]:
            self.assertTrue(r["number"].startswith(f"{r['seq']}/{year}/GGT-"), r)
        row = [r for r in book["rows"] if r["case_id"] == case["id"]]
        self.assertEqual(len(row), 1, book)
        row = row[0]
        self.assertEqual((row["number"], row["member"]["id"], row["member"]["full_name"], row["fees_paid_to"]),
                         (number, member["id"], full["full_name"], fees))
        self.assertEqual((row["card_number"], row["date"], row["kind"]), (full["card_number"], self.day(7), "official"))
        self.assertEqual((row["from"]["code"], row["to"]["code"]), (case["from"]["code"], case["to"]["code"]))
        self.assertEqual(row["scope"], "out_of_province")  # the receiving branch is in the second province
        # Another year's book is empty; the receiving province's book does not hold this letter.
        status, empty, _ = self.province.call("GET", f"/api/v1/orgs/{self.province_id}/transfer-book?year=1999")
        self.assertEqual((status, empty["rows"]), (200, []))
        _, other, _ = self.province2.call("GET", f"/api/v1/orgs/{self.province2_id}/transfer-book?year={year}")
        self.assertNotIn(case["id"], [r["case_id"] for r in other["rows"]])
        # As PDF and .xlsx.
        status, ctype, _, pdf = self.fetch(self.province, f"/api/v1/orgs/{self.province_id}/transfer-book?year={year}&format=pdf")
        self.assertEqual((status, ctype), (200, "application/pdf"))
        text = self.pdf_text(pdf)
        if text is not None:
            self.assertIn(number, text)
            self.assertIn("Mẫu 10-SHĐ", text)
        status, ctype, disposition, xlsx = self.fetch(
            self.province, f"/api/v1/orgs/{self.province_id}/transfer-book?year={year}&format=xlsx")
        self.assertEqual(status, 200)
        self.assertTrue(ctype.startswith("application/vnd.openxmlformats"), ctype)
        self.assertIn(f"-{year}.xlsx", disposition)
        self.assertTrue(xlsx.startswith(b"PK"))
        # Once the receiving branch registers the member, the receiving province's book lists them in its
        # incoming block (the day of registration, the letter, where from); the sending one's does not.
        case = self.step(self.receiving, case, "presented", self.day(5))
        case = self.step(self.receiving, case, "registered", self.day(4), dossier_complete=True)
        year4 = self.day(4)[:4]
        _, received, _ = self.province2.call("GET", f"/api/v1/orgs/{self.province2_id}/transfer-book?year={year4}")
        hit = [r for r in received["incoming"] if r["case_id"] == case["id"]]
        self.assertEqual(len(hit), 1, received["incoming"])
        self.assertEqual((hit[0]["received_on"], hit[0]["number"], hit[0]["member"]["id"], hit[0]["from"]["code"]),
                         (self.day(4), number, member["id"], case["from"]["code"]))
        self.assertEqual(hit[0]["scope_label"], "Chính thức – ngoài tỉnh đến")
        self.assertTrue(hit[0]["issuer"])
        _, sent, _ = self.province.call("GET", f"/api/v1/orgs/{self.province_id}/transfer-book?year={year4}")
        self.assertNotIn(case["id"], [r["case_id"] for r in sent["incoming"]])
        status, _, _, pdf = self.fetch(self.province2, f"/api/v1/orgs/{self.province2_id}/transfer-book?year={year4}&format=pdf")
        text = self.pdf_text(pdf)
        if text is not None:
            self.assertIn("TIẾP NHẬN ĐẢNG VIÊN ĐẾN", text)
            self.assertIn(number, text)
        status, _, _, xlsx = self.fetch(self.province2, f"/api/v1/orgs/{self.province2_id}/transfer-book?year={year4}&format=xlsx")
        with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
            self.assertIn("xl/worksheets/sheet2.xml", z.namelist())
            self.assertIn(html.escape(full["full_name"], quote=False), z.read("xl/sharedStrings.xml").decode()
                          if "xl/sharedStrings.xml" in z.namelist() else z.read("xl/worksheets/sheet2.xml").decode())
        # Bad input and scope: the year, the format, a branch (no book), staff outside the committee.
        for client, org, query, expected, field in (
                (self.province, self.province_id, "year=26", 422, "year"),
                (self.province, self.province_id, f"year={year}&format=doc", 422, "format"),
                (self.branch, self.branch_id, f"year={year}", 422, "org"),
                (self.branch, self.province_id, f"year={year}", 404, None),
                (self.province2, self.province_id, f"year={year}", 404, None)):
            status, out, _ = client.call("GET", f"/api/v1/orgs/{org}/transfer-book?{query}")
            assert_error(self, status, out, expected, field)


class DocumentTemplateTest(unittest.TestCase):
    """Documents from templates (issue #6 item 6, issue #5 item 7): the administrators' templates (a bad one
    refused with its line and column and nothing stored; save, use, reset), the rating form and report and
    the admission documents as PDF and DOCX, and scope (404 outside the caller's subtree)."""

    KEY = "rating_member"

    def client(self, login):
        c = SERVER.client()
        self.assertEqual(c.login(login)[0], 200, login)
        return c

    def setUp(self):
        self.admin = self.client("admin")
        self.branch = self.client("chibo")
        self.office = self.client("dangbocoso")
        self.other = self.client("chibo2")
        self.branch_id = self.branch.call("GET", "/api/v1/auth/me")[1]["user"]["org_id"]
        self.office_id = self.office.call("GET", "/api/v1/auth/me")[1]["user"]["org_id"]

    def tearDown(self):
        # Back to the built-in template whatever happened (409 when it already is).
        self.admin.call("POST", f"/api/v1/document-templates/{self.KEY}/reset")

    def rating_member(self):
        """(campaign id, member id, full name) of a member of the branch in one of the demo's campaigns."""
        _, lst, _ = self.branch.call("GET", f"/api/v1/orgs/{self.branch_id}/ratings")
        self.assertTrue(lst["items"], "the demo has no rating campaign")
        camp = lst["items"][0]
        status, sheet, _ = self.branch.call("GET", f"/api/v1/ratings/{camp['id']}/branches/{self.branch_id}")
        self.assertEqual(status, 200, sheet)
        line = next(l for l in sheet["lines"] if l["excluded"] is None)
        return camp, line["member"]["id"], line["member"]["full_name"]

    def test_templates_are_listed_validated_saved_used_and_reset(self):
        status, lst, _ = self.branch.call("GET", "/api/v1/document-templates")
        self.assertEqual(status, 200, lst)
        self.assertEqual([t["key"] for t in lst["items"]],
                         ["rating_member", "rating_report", "admission_branch_resolution",
                          "admission_committee_resolution", "admission_decision", "admission_ceremony"])
        self.assertTrue(all(t["label"] for t in lst["items"]))
        status, tpl, _ = self.admin.call("GET", f"/api/v1/document-templates/{self.KEY}")
        self.assertEqual(status, 200, tpl)
        self.assertFalse(tpl["customized"])
        self.assertEqual(tpl["text"], tpl["default_text"])
        self.assertIn("full_name", [f["name"] for f in tpl["fields"]])
        history = len(tpl["history"])
        self.assertEqual(self.admin.call("GET", "/api/v1/document-templates/nothing")[0], 404)

        # A bad template: an unknown field on line 2, column 9 — refused, nothing stored.
        status, err, _ = self.admin.call("PUT", f"/api/v1/document-templates/{self.KEY}",
                                         {"text": "@title PHIẾU\nHọ tên: {{ho_ten}}"})
        assert_error(self, status, err, 422, "text")
        self.assertEqual((err["error"]["fields"]["line"], err["error"]["fields"]["column"]), ("2", "9"))
        self.assertTrue(err["error"]["message"].startswith("Dòng 2, cột 9:"), err)
        self.assertIn("ho_ten", err["error"]["message"])
        status, err, _ = self.admin.call("PUT", f"/api/v1/document-templates/{self.KEY}",
                                         {"text": "@table 10 | 90\n@row a"})
        assert_error(self, status, err, 422, "text")
        self.assertEqual(err["error"]["fields"]["line"], "1")
        _, after, _ = self.admin.call("GET", f"/api/v1/document-templates/{self.KEY}")
        self.assertEqual((after["customized"], len(after["history"])), (False, history))
        # Only administrators change templates; unknown body fields are refused.
        good = "@title PHIẾU ĐÃ SỬA\nĐồng chí **{{full_name}}**, {{branch}}: {{self_level}}"
        status, err, _ = self.office.call("PUT", f"/api/v1/document-templates/{self.KEY}", {"text": good})
        assert_error(self, status, err, 403)
        status, err, _ = self.admin.call("PUT", f"/api/v1/document-templates/{self.KEY}", {"text": good, "x": 1})
        assert_error(self, status, err, 422, "x")

        # Preview of a draft, with sample values, before saving.
        status, ctype, _, pdf = fetch_file(self.admin, f"/api/v1/document-templates/{self.KEY}/preview",
                                           "POST", {"text": good})
        self.assertEqual((status, ctype), (200, "application/pdf"), pdf[:300])
        text = pdf_text(pdf)
        if text is not None:
            self.assertIn("PHIẾU ĐÃ SỬA", text)
            self.assertIn("Nguyễn Thị Hằng", text)  # the sample value
        status, ctype, _, body = fetch_file(self.admin, f"/api/v1/document-templates/{self.KEY}/preview",
                                            "POST", {"text": "{{nope}}"})
        self.assertEqual(status, 422, body)

        status, saved, _ = self.admin.call("PUT", f"/api/v1/document-templates/{self.KEY}", {"text": good})
        self.assertEqual(status, 200, saved)
        self.assertTrue(saved["customized"])
        self.assertEqual(saved["saved_by"], "admin")
        self.assertEqual(len(saved["history"]), history + 1)
        _, audit, _ = self.admin.call("GET", "/api/v1/audit?entity=doc_template&limit=20")
        self.assertIn("doc_template.save", [e["action"] for e in audit["items"]])

        # The saved template is the one documents use.
        camp, member, name = self.rating_member()
        status, ctype, _, docx = fetch_file(self.branch, f"/api/v1/ratings/{camp['id']}/members/{member}/form?format=docx")
        self.assertEqual(status, 200, docx[:300])
        self.assertEqual(ctype, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        text = docx_text(docx)
        self.assertIn("PHIẾU ĐÃ SỬA", text)
        self.assertIn(unicodedata.normalize("NFC", name), text)

        status, reset, _ = self.admin.call("POST", f"/api/v1/document-templates/{self.KEY}/reset")
        self.assertEqual(status, 200, reset)
        self.assertFalse(reset["customized"])
        self.assertEqual(reset["text"], reset["default_text"])
        status, err, _ = self.admin.call("POST", f"/api/v1/document-templates/{self.KEY}/reset")
        assert_error(self, status, err, 409)
        status, _, _, docx = fetch_file(self.branch, f"/api/v1/ratings/{camp['id']}/members/{member}/form?format=docx")
        self.assertEqual(status, 200)
        self.assertIn("PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN", docx_text(docx))

    def test_rating_form_and_report_as_pdf_and_docx_within_scope(self):
        camp, member, name = self.rating_member()
        path = f"/api/v1/ratings/{camp['id']}/members/{member}/form"
        status, ctype, disposition, pdf = fetch_file(self.branch, path + "?format=pdf")
        self.assertEqual((status, ctype), (200, "application/pdf"), pdf[:300])
        self.assertTrue(disposition.startswith("attachment"), disposition)
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = pdf_text(pdf)
        if text is not None:
            self.assertIn("PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN", text)
            self.assertIn(unicodedata.normalize("NFC", name), text)
        self.assertEqual(fetch_file(self.branch, path + "?format=odt")[0], 422)
        # Outside the caller's subtree, or no such campaign: 404.
        self.assertEqual(fetch_file(self.other, path)[0], 404)
        self.assertEqual(fetch_file(self.branch, f"/api/v1/ratings/987654321/members/{member}/form")[0], 404)

        year = camp["year"]
        path = f"/api/v1/orgs/{self.office_id}/rating-report/document?year={year}"
        status, report, _ = self.office.call("GET", f"/api/v1/orgs/{self.office_id}/rating-report?year={year}")
        self.assertEqual(status, 200, report)
        status, ctype, _, docx = fetch_file(self.office, path + "&format=docx")
        self.assertEqual(status, 200, docx[:300])
        text = docx_text(docx)
        self.assertIn("KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG", text)
        m = report["members"]
        self.assertIn(f"Tổng số đảng viên tại thời điểm đánh giá: {m['on_rating_date']} đồng chí", text)
        self.assertIn(f"Số được đánh giá, xếp loại: {m['rated']} đồng chí", text)
        for unit in report["units"]:
            self.assertIn(unit["name"], text)
        status, ctype, _, pdf = fetch_file(self.office, path)
        self.assertEqual((status, ctype), (200, "application/pdf"))
        self.assertEqual(fetch_file(self.other, path)[0], 404)

    def test_admission_documents_of_a_case(self):
        status, lst, _ = self.branch.call("GET", "/api/v1/admission/cases")
        self.assertEqual(status, 200, lst)
        self.assertTrue(lst["items"], "the demo has no admission case")
        case = lst["items"][0]
        name = unicodedata.normalize("NFC", case["full_name"])
        for kind in ("branch_resolution", "committee_resolution", "decision", "ceremony"):
            path = f"/api/v1/admission/cases/{case['id']}/documents/{kind}"
            status, ctype, _, docx = fetch_file(self.branch, path + "?format=docx")
            self.assertEqual(status, 200, (kind, docx[:300]))
            self.assertIn(name, docx_text(docx), kind)
            status, ctype, _, pdf = fetch_file(self.branch, path)
            self.assertEqual((status, ctype), (200, "application/pdf"), kind)
            text = pdf_text(pdf)
            if text is not None:
                self.assertIn("ĐẢNG CỘNG SẢN VIỆT NAM", text)
            self.assertEqual(fetch_file(self.other, path)[0], 404, kind)
        self.assertEqual(fetch_file(self.branch, f"/api/v1/admission/cases/{case['id']}/documents/minutes")[0], 404)
        self.assertEqual(fetch_file(self.branch, "/api/v1/admission/cases/987654321/documents/decision")[0], 404)


def png_bytes(width, height):
    """A real PNG (8-bit RGB, a grey gradient) of width x height."""
    import zlib
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes(v for x in range(width) for v in (x * 255 // width, y * 255 // height, 128))
                    for y in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def jpeg_bytes(width, height):
    """The headers of a baseline JPEG of width x height (SOI, JFIF, SOF0, EOI): what the server reads."""
    return (b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
            + b"\xFF\xC0\x00\x11\x08" + struct.pack(">HH", height, width)
            + b"\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01\xFF\xD9")


class PhotoTest(unittest.TestCase):
    """The member's photo (issue #4): the file in and out, scope, audit, bad files refused."""

    def setUp(self):
        DossierTest.setUp(self)  # grassroots staff (self.c) and a new member (self.m) in one of its branches
        self.path = f"/api/v1/members/{self.m['id']}/photo"

    def put(self, client, data, content_type="application/octet-stream"):
        return client.call("PUT", self.path, raw=data, headers={"Content-Type": content_type})

    def audit(self):
        _, audit, _ = self.c.call("GET", f"/api/v1/members/{self.m['id']}/audit")
        return audit["items"]

    def test_upload_read_back_replace_and_delete(self):
        self.assertEqual(fetch_file(self.c, self.path)[0], 404)
        png = png_bytes(60, 80)
        status, body, _ = self.put(self.c, png, "image/jpeg")  # the type sent is not believed
        self.assertEqual(status, 200, body)
        self.assertEqual({k: body[k] for k in ("content_type", "size", "width", "height", "updated_by")},
                         {"content_type": "image/png", "size": len(png), "width": 60, "height": 80,
                          "updated_by": "dangbocoso"})
        req = urllib.request.Request(self.c.base + self.path)
        with self.c.opener.open(req, timeout=30) as resp:
            self.assertEqual(resp.headers["Content-Type"], "image/png")
            self.assertEqual(resp.headers["Cache-Control"], "private")
            self.assertEqual(resp.headers["X-Content-Type-Options"], "nosniff")
            self.assertEqual(resp.read(), png)
        # The printed forms embed it.
        for form in ("sheet", "cv"):
            status, ctype, _, pdf = fetch_file(self.c, f"/api/v1/members/{self.m['id']}/{form}")
            self.assertEqual((status, ctype), (200, "application/pdf"))
            self.assertEqual(pdf.count(b"/Subtype /Image"), 1, form)
        # A JPEG replaces it.
        jpeg = jpeg_bytes(300, 400)
        status, body, _ = self.put(self.c, jpeg)
        self.assertEqual(status, 200, body)
        self.assertEqual((body["content_type"], body["width"], body["height"]), ("image/jpeg", 300, 400))
        status, ctype, disposition, data = fetch_file(self.c, self.path)
        self.assertEqual((status, ctype, data), (200, "image/jpeg", jpeg))
        self.assertIn(f"anh-{self.m['id']}.jpg", disposition)
        status, _, _, pdf = fetch_file(self.c, f"/api/v1/members/{self.m['id']}/sheet")
        self.assertIn(jpeg, pdf)
        # Deleted: 404, and a second delete is 404 too.
        self.assertEqual(self.c.call("DELETE", self.path)[0], 204)
        status, ctype, _, body = fetch_file(self.c, self.path)
        self.assertEqual(status, 404)
        self.assertEqual(json.loads(body)["error"]["code"], "not_found")
        assert_error(self, *self.c.call("DELETE", self.path)[:2], 404)
        status, _, _, pdf = fetch_file(self.c, f"/api/v1/members/{self.m['id']}/sheet")
        self.assertEqual(pdf.count(b"/Subtype /Image"), 0)
        # Audited without the bytes: type, size and dimensions.
        entries = [e for e in self.audit() if e["action"] in ("member.photo.set", "member.photo.delete")]
        actions = [e["action"] for e in entries]
        self.assertIn("member.photo.read", [e["action"] for e in self.audit()])
        self.assertEqual(actions[:3], ["member.photo.delete", "member.photo.set", "member.photo.set"], actions)
        self.assertEqual(entries[1]["before"], {"content_type": "image/png", "size": len(png), "width": 60,
                                                "height": 80})
        self.assertEqual(entries[1]["after"], {"content_type": "image/jpeg", "size": len(jpeg), "width": 300,
                                               "height": 400})
        self.assertIsNone(entries[2]["before"])
        self.assertEqual(entries[0]["before"]["content_type"], "image/jpeg")
        self.assertIsNone(entries[0]["after"])

    def test_bad_files_are_refused_by_field_and_nothing_is_written(self):
        png = png_bytes(40, 40)
        self.assertEqual(self.put(self.c, png)[0], 200)
        over = png + b"\x00" * (2 * 1024 * 1024 + 1 - len(png))
        cases = [
            (b"", 422, "rỗng"),
            ("Lý lịch đảng viên\n".encode(), 422, "JPEG"),
            (b"GIF89a\x01\x00\x01\x00\x00\x00", 422, "JPEG"),
            (png[:20], 422, "hỏng"),
            (jpeg_bytes(300, 400)[:24], 422, "hỏng"),
            (png_bytes(8, 8), 422, "Kích thước"),
            (jpeg_bytes(300, 9000), 422, "Kích thước"),
            (over, 413, "2048 KB"),
        ]
        for data, expected, words in cases:
            status, body, _ = self.put(self.c, data, "image/png")
            assert_error(self, status, body, expected, "photo")
            self.assertIn(words, body["error"]["message"], data[:30])
        status, ctype, _, data = fetch_file(self.c, self.path)
        self.assertEqual((status, data), (200, png), "a refused upload changed the photo")
        sets = [e for e in self.audit() if e["action"] == "member.photo.set"]
        self.assertEqual(len(sets), 1)
        # A member that does not exist.
        status, body, _ = self.c.call("PUT", "/api/v1/members/987654321/photo", raw=png)
        assert_error(self, status, body, 404)

    def test_scope_and_rights_are_those_of_the_member(self):
        png = png_bytes(40, 50)
        self.assertEqual(self.put(self.c, png)[0], 200)
        # Another branch's secretary: 404 for reads and writes, audited, nothing changes.
        other = SERVER.client()
        self.assertEqual(other.login("chibo2")[0], 200)
        self.assertEqual(fetch_file(other, self.path)[0], 404)
        assert_error(self, *self.put(other, png_bytes(50, 50))[:2], 404)
        assert_error(self, *other.call("DELETE", self.path)[:2], 404)
        # A grassroots account elsewhere (another grassroots organization, when the demo has one).
        admin = SERVER.client()
        admin.login("admin")
        _, siblings, _ = admin.call("GET", f"/api/v1/orgs/{self.root['parent_id']}/children")
        elsewhere = next((o for o in siblings["items"] if o["id"] != self.root["id"]), None)
        outsiders = [other]
        if elsewhere is not None:
            login = f"coso.anh{self.m['id']}"
            status, body, _ = admin.call("POST", "/api/v1/users", {"login": login, "role": "grassroots",
                                                                  "org_code": elsewhere["code"],
                                                                  "password": PASSWORD})
            self.assertEqual(status, 201, body)
            grassroots = SERVER.client()
            self.assertEqual(grassroots.login(login)[0], 200)
            self.assertEqual(fetch_file(grassroots, self.path)[0], 404)
            assert_error(self, *self.put(grassroots, png_bytes(50, 50))[:2], 404)
            outsiders.append(grassroots)
        self.assertEqual(fetch_file(self.c, self.path)[3], png)
        _, audit, _ = admin.call("GET", f"/api/v1/audit?entity=member&entity_id={self.m['id']}&limit=100")
        for who in outsiders:
            _, me, _ = who.call("GET", "/api/v1/auth/me")
            login = me["user"]["login"]
            actions = {e["action"] for e in audit["items"] if e["login"] == login}
            self.assertIn("member.read_denied", actions, login)
            self.assertIn("member.write_denied", actions, login)
        # Reading someone else's photo is an audited access.
        self.assertTrue(any(e["action"] == "member.photo.read" and e["login"] == "dangbocoso"
                            for e in audit["items"]), audit)

    def test_a_member_sees_their_own_photo_and_cannot_change_it(self):
        member = SERVER.client()
        self.assertEqual(member.login("dangvien")[0], 200)
        _, me, _ = member.call("GET", "/api/v1/auth/me")
        own = f"/api/v1/members/{me['user']['member_id']}/photo"
        admin = SERVER.client()
        admin.login("admin")
        png = png_bytes(48, 64)
        status, body, _ = admin.call("PUT", own, raw=png)
        self.assertEqual(status, 200, body)
        self.assertEqual(fetch_file(member, own)[3], png)
        assert_error(self, *member.call("PUT", own, raw=png_bytes(50, 50))[:2], 403)
        assert_error(self, *member.call("DELETE", own)[:2], 403)
        self.assertEqual(fetch_file(member, self.path)[0], 404)
        self.assertEqual(admin.call("DELETE", own)[0], 204)


class StaticFileTest(unittest.TestCase):
    """The web app's files: a browser that closes its connection in the middle of a download (a closed tab)
    ends that download only. sendfile(2) to a closed socket raises SIGPIPE, which used to end the server."""

    def test_aborted_downloads_leave_the_server_up(self):
        web = tempfile.mkdtemp(prefix="tcxd-web-")
        os.makedirs(os.path.join(web, "assets"))
        with open(os.path.join(web, "index.html"), "w") as f:
            f.write("<!doctype html><title>TCXD</title>")
        with open(os.path.join(web, "assets", "big.js"), "wb") as f:
            f.write(b"/*" + b"x" * (8 << 20) + b"*/")
        server = Server(ARGS.tcxd, SERVER.db, web, ["--web", web])
        server.start()
        try:
            for i in range(200):
                s = socket.create_connection(("127.0.0.1", server.port))
                s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                s.sendall(b"GET /assets/big.js HTTP/1.1\r\nHost: t\r\n\r\n")
                try:
                    s.recv(1000 + (i % 7) * 3000)
                except ConnectionResetError:
                    pass
                if i % 2:  # half of them reset the connection, half close it
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                s.close()
                time.sleep(0.002 * (i % 5))
                self.assertIsNone(server.proc.poll(), f"the server ended after {i + 1} aborted downloads")
            with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/assets/big.js", timeout=10) as r:
                self.assertEqual(len(r.read()), (8 << 20) + 4)
            self.assertIsNone(server.proc.poll())
        finally:
            server.stop()
            shutil.rmtree(web, ignore_errors=True)


class ZzCrashTest(unittest.TestCase):
    """Runs last (classes run in name order): kill -9 during writes loses no committed data and the server starts again."""

    def test_zz_kill9_during_writes(self):
        c = SERVER.client()
        c.login("bantochuc")
        _, lst, _ = c.call("GET", "/api/v1/members?status=official&limit=60")
        committed = {}
        for i, m in enumerate(lst["items"][:60]):
            status, after, _ = c.call("PATCH", f"/api/v1/members/{m['id']}", {"residence": f"Địa chỉ mới {i}"})
            self.assertEqual(status, 200, after)
            committed[m["id"]] = after["residence"]
        SERVER.kill9()
        SERVER.start()
        c = SERVER.client()
        self.assertEqual(c.login("bantochuc")[0], 200)
        for mid, residence in committed.items():
            self.assertEqual(c.call("GET", f"/api/v1/members/{mid}")[1]["residence"], residence)


if __name__ == "__main__":
    import urllib.parse  # noqa: F401
    parser = argparse.ArgumentParser()
    parser.add_argument("--tcxd", required=True)
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)
