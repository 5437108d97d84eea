#!/usr/bin/env python3
"""End-to-end peer benchmark driver: for each size and peer, start the server against the shared database, check
every query's normalised answer against the reference SQL, then load it with wrk (16 connections) and record rps,
p50/p99, SQL statements per request (pg_stat_statements delta / requests), peak RSS; plus pgbench on the floor SQL.
Overhead at concurrency 1: Railgun's p50 with one connection (wrk -c1) against the p50 of the same SQL sent directly
(pgbench -c1 -M prepared, per-transaction log), i.e. what HTTP + GraphQL + planning add to the database's own time.
Usage: peers.py <out-dir> [--quick]. Writes bench/results/<date>-<commit>.md, .png and latest.json."""
import datetime, decimal, glob, json, os, re, signal, subprocess, sys, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, "bench")
PEERS = [("railgun", "/graphql"), ("postgraphile", "/graphql"), ("graphene_django", "/graphql/"),
         ("strawberry_django", "/graphql/"), ("rail_django", "/graphql/")]
CONNECTIONS = 16


def post(url, query, timeout=30):
    req = urllib.request.Request(url, json.dumps({"query": query}).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read())


def norm_key(k):
    return k.replace("_", "").lower()


def normalise(v):
    """Peer-independent form: connections unwrapped to lists, keys case/underscore-free, scalars as canonical text."""
    if isinstance(v, dict):
        if set(v) <= {"edges", "totalCount", "total_count", "pageInfo"} and "edges" in v:
            v = dict(v, nodes=[e["node"] for e in v["edges"]]); del v["edges"]
        out = {}
        for k, x in v.items():
            if norm_key(k) == "pageinfo" and isinstance(x, dict):
                if "total_count" in x or "totalCount" in x:
                    out["totalcount"] = normalise(x.get("total_count", x.get("totalCount")))
                continue
            out[norm_key(k)] = normalise(x)
        if set(out) == {"nodes"}:
            return out["nodes"]
        return out
    if isinstance(v, list):
        return [normalise(x) for x in v]
    if isinstance(v, bool) or v is None:
        return v
    try:
        d = decimal.Decimal(str(v))
        return format(d.normalize(), "f") if d == d.to_integral() else str(d.normalize())
    except decimal.InvalidOperation:
        return v


def psql(url, sql):
    return subprocess.run(["psql", "-X", "-qAt", url, "-c", sql], capture_output=True, text=True, check=True).stdout


def tree_rss_mb(pid):
    pids, seen = [pid], set()
    total = 0
    while pids:
        p = pids.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open(f"/proc/{p}/status") as f:
                total += next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as f:
                    pids += [int(c) for c in f.read().split()]
        except (OSError, StopIteration):
            pass
    return total / 1024


def wrk(url, body_file, seconds, pid=None, connections=CONNECTIONS):
    cmd = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", "-s",
           os.path.join(BENCH, "tools", "post.lua"), url, "--", body_file, str(time.time_ns())]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    peak = 0.0
    while proc.poll() is None:
        if pid:
            peak = max(peak, tree_rss_mb(pid))
        time.sleep(0.2)
    out = proc.stdout.read()
    def lat(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)", out, re.M)
        if not m:
            return None
        return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    reqs = re.search(r"(\d+) requests in", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return dict(rps=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), p50_ms=lat(50), p99_ms=lat(99),
                requests=int(reqs.group(1)) if reqs else 0, errors=int(non2xx.group(1)) if non2xx else 0,
                peak_rss_mb=round(peak, 1) if pid else None)


def pgbench_c1_p50(dburl, sql_file, seconds, prefix):
    """p50 latency (ms) of one client sending the statement back to back, prepared (pgbench's per-transaction log)."""
    for old in glob.glob(prefix + ".*"):
        os.remove(old)
    subprocess.run(["pgbench", "-n", "-M", "prepared", "-c", "1", "-j", "1", "-T", str(seconds), "-f", sql_file,
                    "-l", f"--log-prefix={prefix}", dburl], capture_output=True, text=True)
    lat = sorted(int(line.split()[2]) for log in glob.glob(prefix + ".*") for line in open(log) if line.strip())
    return lat[len(lat) // 2] / 1000 if lat else None


def statements(dburl):
    return int(psql(dburl, "SELECT COALESCE(sum(calls),0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = "
                           "s.dbid WHERE d.datname = current_database() AND query NOT ILIKE '%pg_stat_statements%'")
               .strip() or 0)


def start_peer(name, dburl, port, log):
    setup = os.path.join(BENCH, "peers", name, "setup")
    if os.path.exists(setup):
        r = subprocess.run([setup], capture_output=True, text=True)
        if r.returncode:
            return None, "setup failed: " + (r.stderr or r.stdout).strip().splitlines()[-1][:200]
    proc = subprocess.Popen([os.path.join(BENCH, "peers", name, "start"), dburl, str(port)], stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    return proc, None


def stop(proc):
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def main():
    out_dir, quick = sys.argv[1], "--quick" in sys.argv
    sizes = ["small"] if quick else ["small", "large"]
    warm, run = (1, 3) if quick else (3, 15)
    queries = [json.load(open(f)) for f in sorted(glob.glob(os.path.join(BENCH, "queries", "*.json")))]
    rows, notes, railgun_answers, overhead = [], [], {}, []
    for size in sizes:
        dburl = subprocess.run([os.path.join(BENCH, "load-data"), size], capture_output=True, text=True,
                               check=True).stdout.strip().splitlines()[-1]
        reference = {q["name"]: q["expected"] if "expected" in q else normalise(json.loads(psql(dburl, q["reference_sql"])))
                     for q in queries}
        for q in queries:  # the floor: the same SQL through pgbench, prepared
            f = os.path.join(out_dir, f"floor-{q['name']}.sql")
            open(f, "w").write(q["floor_sql"] + ";\n")
            r = subprocess.run(["pgbench", "-n", "-M", "prepared", "-c", str(CONNECTIONS), "-j", "2", "-T", str(run),
                                "-f", f, dburl], capture_output=True, text=True)
            tps = re.search(r"tps = ([\d.]+)", r.stdout)
            lat = re.search(r"latency average = ([\d.]+) ms", r.stdout)
            rows.append(dict(system="pgbench-floor", query=q["name"], size=size, rps=float(tps.group(1)) if tps else None,
                             p50_ms=float(lat.group(1)) if lat else None, p99_ms=None, sql_per_request=1,
                             peak_rss_mb=None, correct=None))
        sql_c1 = {q["name"]: pgbench_c1_p50(dburl, os.path.join(out_dir, f"floor-{q['name']}.sql"), run,
                                            os.path.join(out_dir, f"c1-{size}-{q['name']}")) for q in queries}
        for i, (name, path) in enumerate(PEERS):
            port = 18300 + i
            url = f"http://127.0.0.1:{port}{path}"
            log = open(os.path.join(out_dir, f"{name}-{size}.log"), "w")
            proc, why = start_peer(name, dburl, port, log)
            ready = False
            deadline = time.time() + 90
            while proc and not why and time.time() < deadline and proc.poll() is None and not ready:
                for candidate in (url, url.rstrip("/") if url.endswith("/") else url + "/"):  # either path style
                    try:
                        if "data" in post(candidate, "{ __typename }", 5):
                            ready, url = True, candidate
                            break
                    except Exception:
                        pass
                time.sleep(0.5)
            if not ready:
                why = why or ("not yet serving" if name == "railgun" else "did not start")
                notes.append(f"{name} ({size}): {why}; log: {log.name}")
                rows += [dict(system=name, query=q["name"], size=size, rps=None, p50_ms=None, p99_ms=None,
                              sql_per_request=None, peak_rss_mb=None, correct=None, status=why) for q in queries]
                if proc:
                    stop(proc)
                continue
            for q in queries:
                text = q["peers"].get(name)
                row = dict(system=name, query=q["name"], size=size, rps=None, p50_ms=None, p99_ms=None,
                           sql_per_request=None, peak_rss_mb=None, correct=False)
                if text is None:
                    why = q.get("unsupported", {}).get(name, "no query written for this peer")
                    rows.append(dict(row, correct=None, status="n/a"))
                    notes.append(f"{name} {q['name']}: n/a: {why}")
                    continue
                if name in q.get("peer_notes", {}):
                    notes.append(f"{name} {q['name']}: {q['peer_notes'][name]}")
                try:
                    resp = post(url, text.replace("__SEQ__", f"check-{time.time_ns()}"))
                    got = normalise(resp.get("data"))
                    row["correct"] = not resp.get("errors") and got == reference[q["name"]]
                    if name == "railgun" and row["correct"]:  # compare others with Railgun only where it is right
                        railgun_answers[(size, q["name"])] = got
                    elif (size, q["name"]) in railgun_answers and railgun_answers[(size, q["name"])] != got:
                        notes.append(f"{name} {q['name']} ({size}): answer differs from Railgun's")
                    if not row["correct"]:
                        notes.append(f"{name} {q['name']} ({size}): differs from reference: "
                                     f"{json.dumps(resp)[:300]}")
                except Exception as e:
                    detail = e.read()[:300].decode(errors="replace") if hasattr(e, "read") else ""
                    notes.append(f"{name} {q['name']} ({size}): request failed: {e} {detail}")
                if name in q.get("skip_load", []):  # answer not comparable and too slow to time in a bounded run
                    row.update(status="NO, not timed")
                    rows.append(row)
                    continue
                if q.get("mutation") and not row["correct"]:  # a failing write is not a comparable load
                    row.update(status="write failed")
                    rows.append(row)
                    continue
                body = os.path.join(out_dir, f"body-{name}-{q['name']}.json")
                json.dump({"query": text}, open(body, "w"))
                wrk(url, body, warm)  # warm-up, not recorded
                psql(dburl, "SELECT pg_stat_statements_reset()")
                res = wrk(url, body, run, proc.pid)
                stmts = statements(dburl)
                row.update(rps=res["rps"], p50_ms=res["p50_ms"], p99_ms=res["p99_ms"], peak_rss_mb=res["peak_rss_mb"],
                           sql_per_request=round(stmts / res["requests"], 2) if res["requests"] else None)
                if row["sql_per_request"] == 0:
                    notes.append(f"{name} {q['name']} ({size}): no SQL during the timed run: answered from a cache")
                if not res["requests"] or res["errors"] > res["requests"] / 2:  # mostly failing: no throughput figure
                    row.update(rps=None, p50_ms=None, p99_ms=None, sql_per_request=None)
                if name == "railgun" and row["p50_ms"] is not None:
                    c1 = wrk(url, body, run, connections=1)
                    base = sql_c1.get(q["name"])
                    overhead.append(dict(query=q["name"], size=size, railgun_p50_ms=c1["p50_ms"], sql_p50_ms=base,
                                         overhead_ms=round(c1["p50_ms"] - base, 3) if base and c1["p50_ms"] else None,
                                         overhead_pct=round(100 * (c1["p50_ms"] - base) / base) if base and c1["p50_ms"]
                                         else None))
                if res["errors"]:
                    notes.append(f"{name} {q['name']} ({size}): {res['errors']} non-2xx responses under load")
                rows.append(row)
                print(f"  {size} {name:18} {q['name']:32} {row['rps'] or 0:9.1f} rps  correct={row['correct']}",
                      flush=True)
            stop(proc)
    write_results(rows, notes, quick, overhead)


def write_results(rows, notes, quick, overhead=()):
    res_dir = os.path.join(BENCH, "results")
    os.makedirs(res_dir, exist_ok=True)
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    stem = f"{datetime.date.today().isoformat()}-{commit}"
    json.dump(rows, open(os.path.join(res_dir, "latest.json"), "w"), indent=1)
    rg = {(r["query"], r["size"]): r["rps"] for r in rows if r["system"] == "railgun" and r["rps"]}
    lines = [f"# Peer benchmark {stem}{' (quick)' if quick else ''}", "",
             f"wrk -c{CONNECTIONS}, same duration per system, warm-up excluded; server, PostgreSQL and wrk share the "
             "machine. ratio = system rps / railgun rps (blank while Railgun is not serving).", "",
             "| size | query | system | rps | p50 ms | p99 ms | SQL/req | peak RSS MB | correct | ratio |",
             "|---|---|---|---:|---:|---:|---:|---:|---|---:|"]
    f = lambda v, d=1: "" if v is None else f"{v:,.{d}f}"
    for r in rows:
        base = rg.get((r["query"], r["size"]))
        ratio = f"{r['rps'] / base:.2f}" if base and r["rps"] else ""
        lines.append(f"| {r['size']} | {r['query']} | {r['system']} | {f(r['rps'])} | {f(r['p50_ms'], 2)} | "
                     f"{f(r['p99_ms'], 2)} | {f(r['sql_per_request'], 2)} | {f(r['peak_rss_mb'])} | "
                     f"{r.get('status') or ('' if r['correct'] is None else 'yes' if r['correct'] else 'NO')} | {ratio} |")
    if overhead:
        lines += ["", "## Overhead at concurrency 1", "",
                  "One client, back to back: Railgun over HTTP (wrk -c1, p50) vs the same SQL sent directly "
                  "(pgbench -c1 -M prepared, p50). The difference is what HTTP, GraphQL parsing/validation, the plan "
                  "cache and response writing add.", "",
                  "| size | query | railgun p50 ms | SQL p50 ms | added ms | added % |", "|---|---|---:|---:|---:|---:|"]
        for o in overhead:
            lines.append(f"| {o['size']} | {o['query']} | {f(o['railgun_p50_ms'], 3)} | {f(o['sql_p50_ms'], 3)} | "
                         f"{f(o['overhead_ms'], 3)} | {'' if o['overhead_pct'] is None else o['overhead_pct']} |")
        json.dump(list(overhead), open(os.path.join(res_dir, "latest-overhead.json"), "w"), indent=1)
    lines += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    md = "\n".join(lines) + "\n"
    open(os.path.join(res_dir, stem + ".md"), "w").write(md)
    print(md)
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        systems = [s for s in dict.fromkeys(r["system"] for r in rows) if any(x["rps"] for x in rows if x["system"] == s)]
        qs = list(dict.fromkeys(r["query"] for r in rows))
        fig, ax = plt.subplots(figsize=(12, 5))
        w = 0.8 / max(1, len(systems))
        for i, s in enumerate(systems):
            vals = [next((r["rps"] or 0 for r in rows if r["system"] == s and r["query"] == q), 0) for q in qs]
            ax.bar([j + i * w for j in range(len(qs))], vals, w, label=s)
        ax.set_xticks([j + 0.4 - w / 2 for j in range(len(qs))], [q.split("_", 1)[0] for q in qs])
        ax.set_yscale("log"); ax.set_ylabel("requests/s (log)"); ax.legend(fontsize=8); ax.set_title(stem)
        fig.savefig(os.path.join(res_dir, stem + ".png"), dpi=90, bbox_inches="tight")
    except Exception as e:
        print("plot skipped:", e)


if __name__ == "__main__":
    main()
