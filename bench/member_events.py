"""Times the member-event endpoints on a demo database: recording events, the subtree's events of a year,
the watchlist of a grassroots committee and of the province. Usage: bench_events.py TCXD DB"""
import json, statistics, subprocess, sys, time, urllib.request, http.cookiejar, socket, os
tcxd, db = sys.argv[1], sys.argv[2]
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
proc = subprocess.Popen([tcxd, "serve", "--db", db, "--port", str(port), "--threads", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
base = f"http://127.0.0.1:{port}/api/v1"
for _ in range(300):
    try:
        urllib.request.urlopen(base + "/health", timeout=1); break
    except OSError:
        time.sleep(0.1)
jar = http.cookiejar.CookieJar(); op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)); csrf = None
def call(method, path, body=None):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode() if body is not None else None, method=method)
    req.add_header("Content-Type", "application/json")
    if csrf: req.add_header("X-CSRF-Token", csrf)
    t0 = time.perf_counter()
    try:
        with op.open(req, timeout=120) as r: out = json.loads(r.read() or b"null"); code = r.status
    except urllib.error.HTTPError as e: out = json.loads(e.read() or b"null"); code = e.code
    return code, out, (time.perf_counter() - t0) * 1000
code, me, _ = call("POST", "/auth/login", {"login": "admin", "password": "TcxdDemo@2026"}); csrf = me["csrf_token"]
_, roots, _ = call("GET", "/orgs"); prov = roots["items"][0]["id"]
_, lst, _ = call("GET", f"/members?org={prov}&status=official&limit=500")
ids = [m["id"] for m in lst["items"] if (m.get("admission_date") or "9") < "2020"][:400]
day = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 7 * 3600 - 30 * 86400))
rec = []
for i, mid in enumerate(ids):
    kind = ["exemption", "reduction", "death", "withdrawal"][i % 4]
    body = {"kind": kind, "effective_on": day, "decision_number": f"B-{i}", "decision_date": day,
            "decision_body": "branch" if kind in ("exemption", "reduction", "death") else "grassroots"}
    if kind == "reduction": body["until"] = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 7 * 3600 - 86400))
    if kind == "exemption": body["until"] = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 7 * 3600 - 2 * 86400))
    code, out, ms = call("POST", f"/members/{mid}/events", body)
    assert code == 201, out
    rec.append(ms)
_, me2, _ = call("GET", "/auth/me")
def times(path, n=20):
    out = []
    for _ in range(n):
        code, body, ms = call("GET", path); assert code == 200, body; out.append(ms)
    return statistics.median(out), max(out), body
_, ch, _ = call("GET", f"/orgs/{prov}/children")
first = ch["items"][0]["id"]
_, ch2, _ = call("GET", f"/orgs/{first}/children")
grass = ch2["items"][0]["id"] if ch2["items"] else first
res = {"events recorded": len(rec), "POST /members/{id}/events median ms": round(statistics.median(rec), 2),
       "POST p95 ms": round(sorted(rec)[int(len(rec) * 0.95)], 2)}
for name, path in [("member-events province", f"/orgs/{prov}/member-events"), ("watchlist province", f"/orgs/{prov}/watchlist"),
                   ("watchlist unit", f"/orgs/{grass}/watchlist"), ("member events of one member", f"/members/{ids[0]}/events")]:
    med, mx, body = times(path)
    res[name] = {"median ms": round(med, 2), "max ms": round(mx, 2)}
    if "lists" in body: res[name]["counts"] = {l["code"]: l["count"] for l in body["lists"]}
    if "counts" in body: res[name]["counts"] = body["counts"]
print(json.dumps(res, ensure_ascii=False, indent=1))
proc.terminate(); proc.wait()
