# Reference schedules for waterline's critical path method, computed independently with
# networkx (topological order) and Python's datetime, following the rules documented in
# src/toc/schedule.rs: ASAP starts no earlier than the project start, the phase start and a
# stated start; deadlines are the stated end, the phase end and the project deadline; late
# dates run back from the deadline or the project's early finish; slack = late − early start.
# Produces tests/data/toc_cpm.json (first line a comment). Run from the repository root:
#   python3 tests/data/toc_cpm.py
import datetime, json, random, sys
import networkx as nx

D = datetime.date.fromisoformat
def iso(n): return datetime.date.fromordinal(n).isoformat()

def cpm(model, options):
    goals = model["goals"]
    phases = {p["id"]: p for p in model["phases"]}
    g = nx.DiGraph()
    g.add_nodes_from(x["id"] for x in goals)
    for x in goals:
        for d in x["dependsOn"]:
            g.add_edge(d["goal"], x["id"])
    starts = [D(p["start"]["value"]).toordinal() for p in model["phases"] if p.get("start")]
    starts += [D(x["start"]["value"]).toordinal() for x in goals if x.get("start")]
    anchor = D(options["start"]).toordinal() if options.get("start") else min(starts)
    by = {x["id"]: x for x in goals}
    dur, floor, due = {}, {}, {}
    for x in goals:
        s = D(x["start"]["value"]).toordinal() if x.get("start") else None
        e = D(x["end"]["value"]).toordinal() if x.get("end") else None
        d = x["durationDays"]["value"] if x.get("durationDays") else e - s + 1
        dur[x["id"]] = d
        ph = phases.get(x.get("phase"))
        lo = [anchor]
        if ph and ph.get("start"): lo.append(D(ph["start"]["value"]).toordinal())
        if s is not None: lo.append(s)
        floor[x["id"]] = max(lo)
        hi = []
        if e is not None: hi.append(e if d == 0 else e + 1)
        if ph and ph.get("end"): hi.append(D(ph["end"]["value"]).toordinal() + 1)
        if options.get("deadline"): hi.append(D(options["deadline"]).toordinal() + 1)
        due[x["id"]] = min(hi) if hi else None
    es, ef = {}, {}
    for v in nx.topological_sort(g):
        es[v] = max([floor[v]] + [ef[p] for p in g.predecessors(v)])
        ef[v] = es[v] + dur[v]
    finish = max(ef.values())
    end = D(options["deadline"]).toordinal() + 1 if options.get("deadline") else finish
    ls, lf = {}, {}
    for v in reversed(list(nx.topological_sort(g))):
        cand = [end] + [ls[s] for s in g.successors(v)]
        if due[v] is not None: cand.append(due[v])
        lf[v] = min(cand)
        ls[v] = lf[v] - dur[v]
    last = lambda s, f: iso(f - 1 if f > s else s)
    out = {}
    for v in by:
        out[v] = {"earlyStart": iso(es[v]), "earlyFinish": last(es[v], ef[v]),
                  "lateStart": iso(ls[v]), "lateFinish": last(ls[v], lf[v]),
                  "slackDays": ls[v] - es[v]}
    slack = [ls[v] - es[v] for v in by]
    return {"projectStart": iso(anchor), "projectFinish": last(anchor, finish),
            "feasible": min(slack) >= 0, "goals": out}

def F(v): return {"value": v, "provenance": None}

def random_model(rng, k):
    n = rng.randint(1, 25)
    ids = [f"g{i}" for i in range(n)]
    topo = ids[:]; rng.shuffle(topo)            # model order differs from dependency order
    base = D("2021-07-01").toordinal()
    phases = [
        {"id": "p1", "name": {"en": "One", "es": None}, "start": F(iso(base)), "end": F(iso(base + rng.randint(200, 900))), "provenance": None},
        {"id": "p2", "name": {"en": "Two", "es": None}, "start": F(iso(base + rng.randint(30, 200))), "end": None, "provenance": None},
    ]
    goals = []
    for i, gid in enumerate(ids):
        pos = topo.index(gid)
        deps = sorted({topo[j] for j in range(pos) if rng.random() < 2.5 / (pos + 1)})
        x = {"id": gid, "title": {"en": gid, "es": None}, "owner": None,
             "phase": rng.choice([None, "p1", "p2"]), "start": None, "end": None, "durationDays": None,
             "dependsOn": [{"goal": d, "provenance": None} for d in deps], "status": "not_started", "provenance": None}
        kind = rng.random()
        if kind < 0.08:      # fixed window
            s = base + rng.randint(-10, 300)
            x["start"] = F(iso(s)); x["end"] = F(iso(s + rng.randint(0, 60)))
        else:
            x["durationDays"] = F(rng.choice([0, 1, 2, 5, 7, 14, 30, 45, 60]))
            if rng.random() < 0.15: x["start"] = F(iso(base + rng.randint(0, 300)))
            if rng.random() < 0.06:
                lo = D(x["start"]["value"]).toordinal() if x["start"] else base
                x["end"] = F(iso(lo + rng.randint(100, 800)))
        goals.append(x)
    model = {"schemaVersion": 1, "id": f"random{k}", "title": {"en": "random", "es": None}, "source": None,
             "phases": phases, "goals": goals}
    options = {}
    if rng.random() < 0.3: options["deadline"] = iso(base + rng.randint(300, 1200))
    if rng.random() < 0.2: options["start"] = iso(base - rng.randint(0, 30))
    return model, options

rng = random.Random(4)
cases = []
with open("src/toc/example/pass.json") as f:
    pass_model = json.load(f)
cases.append({"name": "pass", "model": pass_model, "options": {}, "expected": cpm(pass_model, {})})
cases.append({"name": "pass with a 2023-06-30 deadline", "model": pass_model, "options": {"deadline": "2023-06-30"},
              "expected": cpm(pass_model, {"deadline": "2023-06-30"})})
for k in range(60):
    model, options = random_model(rng, k)
    cases.append({"name": model["id"], "model": model, "options": options, "expected": cpm(model, options)})
with open("tests/data/toc_cpm.json", "w") as f:
    f.write(f"# generated by: python3 tests/data/toc_cpm.py (Python {sys.version.split()[0]}, networkx {nx.__version__})\n")
    json.dump(cases, f, ensure_ascii=False, separators=(",", ":"))
    f.write("\n")
print(len(cases), "cases;", sum(not c["expected"]["feasible"] for c in cases), "infeasible")
