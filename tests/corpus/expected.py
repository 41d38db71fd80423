#!/usr/bin/env python3
"""Computes the truth for every corpus file, independently of waterline and of make_corpus.py.

Run: python3 tests/corpus/expected.py   (Python 3.11, standard library only)
Writes <file>.expected.json beside every corpus file, and index.json. Reading and counting
live in counting.py.

It shares no code with the generator. It decodes each file's bytes with the codec the vendor
uses (see README.md), splits records with its own small RFC 4180 scanner (which keeps the line
where every record and field starts), finds each question by its wording (English or Spanish),
maps each cell to a canonical label with its own label table or with the file's codebook, and
counts. Then it checks itself: every clean file must give exactly the counts of the canonical
example (src/survey/example/parents.csv, staff.csv), which it reads the same way.

A "denominator" counts answers on the scale: blanks, declared non-answer codes (don't know, not
applicable, skipped) and codes outside the declared scale are left out. "share_positive" is the
positive end (agree + strongly agree, improved, yes) over the denominator.
"""

import csv
import io
import json
import os
import re
import sys
from collections import Counter

from counting import (HEADER_ROWS, HERE, ROOT, SCALES, columns, decode, describe_items, fold, item_stats,
                      label, read_codebook, report, respondents, role, scan)

# ---------------------------------------------------------------------------------------------
# The files: codec, delimiter, header layout, how multi-select answers are joined, and what the
# file imitates (VENDOR_EXPORTS.md sections). This table is written here, not read from the
# generator.

GF, SM, QX = ("Google Forms", "SurveyMonkey", "Qualtrics")
XL = "Spanish-locale Excel \"CSV\""
LO = "LibreOffice Calc (not in VENDOR_EXPORTS.md; its save dialog settings)"
EX = "the built-in example's own CSV (src/survey/example)"
FILES = {
    "google_forms_en.csv": ("utf-8", ",", "one", ", ", None, GF),
    "google_forms_es.csv": ("utf-8", ",", "one", ", ", None, GF),
    "google_forms_bilingual.csv": ("utf-8", ",", "one", ", ", None, GF),
    "surveymonkey_expanded_text.csv": ("utf-8", ",", "sm", None, None, SM),
    "surveymonkey_expanded_numeric.csv": ("utf-8", ",", "sm", None, "surveymonkey_expanded_numeric.codebook.csv", SM),
    "surveymonkey_condensed_text.csv": ("utf-8", ",", "sm", ", ", None, SM),
    "surveymonkey_condensed_numeric.csv": ("utf-8", ",", "sm", ", ", "surveymonkey_condensed_numeric.codebook.csv", SM),
    "surveymonkey_other_only.csv": ("utf-8", ",", "sm", None, None, SM),
    "qualtrics_text.csv": ("utf-8", ",", "qx", ",", None, QX),
    "qualtrics_numeric.csv": ("utf-8", ",", "qx", ",", "qualtrics_numeric.codebook.csv", QX),
    "qualtrics_numeric_recoded.csv": ("utf-8", ",", "qx", ",", "qualtrics_numeric_recoded.codebook.csv", QX),
    "surveymonkey_legacy_one_header.csv": ("utf-8", ",", "dash", None, None, SM),
    "google_forms_en_reordered.csv": ("utf-8", ",", "one", ", ", None, GF),
    "excel_utf8bom_comma_en.csv": ("utf-8", ",", "one", ";", None, XL),
    "excel_utf8bom_semicolon_es.csv": ("utf-8", ";", "one", ";", None, XL),
    "excel_cp1252_comma_en.csv": ("cp1252", ",", "one", ";", None, XL),
    "excel_cp1252_semicolon_es.csv": ("cp1252", ";", "one", ";", None, XL),
    "excel_utf16le_tab_en.txt": ("utf-16-le", "\t", "one", ";", None, XL),
    "utf16be_bom_tab_es.txt": ("utf-16-be", "\t", "one", ";", None, XL),
    "libreoffice_utf8_comma_en.csv": ("utf-8", ",", "one", ", ", None, LO),
    "libreoffice_cp1252_semicolon_es.csv": ("cp1252", ";", "one", ";", None, LO),
    "parents_codes_dk_na.csv": ("utf-8", ",", "one", None, "parents_codes_dk_na.codebook.csv", EX),
    "parents_duplicate_ids.csv": ("utf-8", ",", "one", ", ", None, GF),
    "parents_unclosed_quote.csv": ("utf-8", ",", "one", ";", None, EX),
    "parents_bare_values.csv": ("utf-8", ",", "one", ", ", None, GF),
    "google_forms_other_only.csv": ("utf-8", ",", "one", ", ", None, GF),
    "staff_two_waves.csv": ("utf-8", ",", "one", None, None, EX),
    "staff_wording_changed.csv": ("utf-8", ",", "one", None, None, EX),
    "staff_codes_dk_na.csv": ("utf-8", ",", "one", None, "staff_codes_dk_na.codebook.csv", EX),
    "staff_panel_ids.csv": ("utf-8", ",", "one", None, None, EX),
}
# ---------------------------------------------------------------------------------------------
# Problem cases.


def by_id(people):
    """Rows per respondent id; in a file with waves, per (wave, id): one person per wave."""
    groups = {}
    for r in people:
        groups.setdefault((r["wave"] or "", r["id"]), []).append(r)
    return groups


def duplicate_issues(people, cols):
    out = []
    for (wave, ident), copies in sorted(by_id(people).items()):
        if len(copies) < 2:
            continue
        first = [f for f, _ in copies[0]["raw"]]
        differ = sorted({c["key"] for r in copies[1:] for c, (f, _) in zip(cols, r["raw"])
                         if f != first[c["index"] - 1]}, key=lambda k: [c["key"] for c in cols].index(k))
        answers = [k for k in differ if k.lower() not in ("timestamp", "marca temporal")]
        kind = "identical" if not differ else ("identical_answers" if not answers else "conflicting")
        code = "duplicate_respondent" if answers else "duplicate_resubmission"
        out.append(dict(code=code, value=ident, line=copies[0]["line"], lines=[r["line"] for r in copies],
                        count=len(copies), kind=kind, differing_columns=differ, **({"wave": wave} if wave else {})))
    return out


def policies(people, count):
    """`count(rows)` under each duplicate policy the issue names."""
    groups = by_id(people).values()
    keep = {
        "keep_first": [rs[0] for rs in groups],
        "keep_last": [rs[-1] for rs in groups],
        "keep_all": people,
        "drop_all": [rs[0] for rs in groups if len(rs) == 1],
    }
    return {name: count(sorted(rs, key=lambda r: r["line"])) for name, rs in keep.items()}


def compact(rep):
    """A report without the per-item wording (given once in 'items' of the file)."""
    short = ("counts", "denominator", "non_answers", "positive_count", "share_positive", "percent")
    return dict(rep, items={k: {f: v[f] for f in short if f in v} for k, v in rep["items"].items()})


def unclosed(text, delim, opened):
    """Outcomes for a file whose last quote never closes: where it opened, how many lines follow,
    and the reports of an importer that recovers at the next line (keeping or dropping the row)."""
    line, field = opened
    lines = re.split(r"\r\n|\n|\r", text)
    broken = lines[line - 1]
    head, _, rest = broken.partition('"')
    fixed = "\r\n".join(lines[:line - 1] + [head + '"' + rest.replace('"', '""') + '"'] + lines[line:])
    records, still = scan(fixed, delim)
    assert still is None
    cols = columns(records, "one")
    people = respondents(records, cols, ";", None)
    after = sum(1 for s in lines[line:] if s)
    return dict(code="unclosed_quote", line=line, column=field + 1, column_key=cols[field]["key"],
                rows_affected=after), {
        "stop": None,
        "recover_keep_row": report(people, cols, None)[0],
        "recover_drop_row": report([r for r in people if r["line"] != line], cols, None)[0],
    }


def waves(people, cols, book):
    """Per-wave counts on each wave's own labels, and the comparison (refused unless one scale)."""
    where = describe_items(cols)
    key = "staff_belief"
    per, scales, issues = {}, {}, []
    info = where[key]
    for wave in sorted({r["wave"] for r in people}):
        group = [r for r in people if r["wave"] == wave]
        labels = {label(*r["items"][key], book) for r in group} - {"blank"}
        seen = {g[1] for g in labels if g[0] == "point"}
        scales[wave] = next(s for s in ("agree4", "adults4") if seen <= set(SCALES[s][0]))
        stats, lines = item_stats(group, key, scales[wave], book)
        per[wave] = dict(info, **stats, scale=scales[wave])
        for value, at in sorted(lines.items()):
            issues.append(dict(code="code_out_of_range", line=at[0], lines=at, column=info["column"],
                               column_key=info["column_key"], value=value, count=len(at), wave=wave))
    mapping = {"Nearly all adults": "Strongly agree", "Most adults": "Agree", "Some adults": "Disagree",
               "Nearly no adults": "Strongly disagree"}
    common = {}
    for wave, st in per.items():
        counts = {mapping.get(k, k): v for k, v in st["counts"].items()}
        k = counts["Strongly agree"] + counts["Agree"]
        common[wave] = dict(positive_count=k, denominator=st["denominator"],
                            share_positive=round(k / st["denominator"], 6),
                            percent=int(100 * k / st["denominator"] + 0.5))
    same = len(set(scales.values())) == 1
    comparison = dict(same_scale=same)
    if same:
        comparison["result"] = common
    else:
        comparison["without_mapping"] = dict(refused=True, reason="waves_use_different_scales",
                                             scales=scales)
        comparison["with_mapping"] = dict(mapping=mapping, result=common)
    return per, comparison, issues


# ---------------------------------------------------------------------------------------------


def load(name, codec, delim):
    with open(os.path.join(HERE, name), "rb") as f:
        data = f.read()
    text, bom = decode(data, codec)
    records, opened = scan(text, delim)
    eol = "CRLF" if "\r\n" in text else "LF"
    return text, bom, records, opened, eol


def truth(name, spec):
    codec, delim, layout, join, codebook, vendor = spec
    text, bom, records, opened, eol = load(name, codec, delim)
    cols = columns(records, layout)
    out = dict(imitates=vendor, encoding={"cp1252": "windows-1252"}.get(codec, codec), bom=bom,
               delimiter=delim, line_end=eol, header_rows=HEADER_ROWS[layout],
               codebook=codebook, issues=[])
    assert "\ufffd" not in text
    out["non_ascii_cells"] = sum(1 for _, fields in records for f, _ in fields if not f.isascii())
    if not opened:  # the standard library's reader must split the file the same way
        ours = [[f for f, _ in fields] for _, fields in records]
        theirs = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True)]
        assert ours == theirs, name
    if opened:
        issue, outcomes = unclosed(text, delim, opened)
        out["issues"].append(issue)
        out["outcomes"] = outcomes
        out["withheld"] = False
        return out
    book = read_codebook(codebook) if codebook else None
    people = respondents(records, cols, join, book)
    out["data_rows"] = len(people)
    if codebook:  # without it, the codes mean nothing: every coded item is withheld
        out["without_codebook"] = withheld(people, cols)
        out["with_codebook"] = {}
    dups = duplicate_issues(people, cols)
    out["issues"] += dups
    if any(role(c)[0] == "wave" for c in cols):
        per, comparison, issues = waves(people, cols, book)
        target = out["with_codebook"] if codebook else out
        target.update(waves=per, comparison=comparison, withheld=False)
        out["issues"] += issues
        if dups:
            target["policies"] = policies(people, lambda rs: waves(rs, cols, book)[1])
        return out
    if dups:
        out["items"] = {k: {f: v[f] for f in ("column", "column_key", "scale", "question", "statement")}
                        for k, v in report(people, cols, None)[0]["items"].items()}
        out["policies"] = policies(people, lambda rs: compact(report(rs, cols, None)[0]))
        out["withheld"] = False
        return out
    rep, outside = report(people, cols, book)
    out.update(rep) if not codebook else out["with_codebook"].update(rep, withheld=False)
    if not codebook:
        out["withheld"] = False
    out["issues"] += outside
    return out


def withheld(people, cols):
    codes = {}
    for key, info in describe_items(cols).items():
        counts = Counter(fold(r["items"][key][0]) for r in people if key in r["items"] and fold(r["items"][key][0]))
        codes[key] = dict(column=info["column"], column_key=info["column_key"],
                          statement=info["statement"] or info["question"],
                          code_counts=dict(sorted(counts.items(), key=lambda kv: float(kv[0]))))
    return dict(withheld=True, reason="codes_without_labels", items=codes)


def canonical(name):
    """The built-in example itself (its '#' note lines dropped), counted the same way."""
    with open(os.path.join(ROOT, "src", "survey", "example", name), "rb") as f:
        text = f.read().decode("utf-8")
    text = "".join(line for line in text.splitlines(True) if not line.startswith("#"))
    records, _ = scan(text, ",")
    cols = columns(records, "one")
    people = respondents(records, cols, ";", None)
    if name == "staff.csv":
        return waves(people, cols, None)
    return report(people, cols, None)[0]


def headline(rep):
    """What must not move between files of the same survey: counts, denominators, pairs, choices."""
    items = {k: (v["counts"], v["denominator"]) for k, v in rep["items"].items()}
    multi = {k: (v["counts"], v["denominator"]) for k, v in rep.get("multi", {}).items()}
    return items, rep.get("pairs"), multi


def check(files):
    parents = canonical("parents.csv")
    staff_waves, staff_cmp, _ = canonical("staff.csv")
    # Published figures (seed 000, DOMAIN.md) as the example's own notes state them.
    pct = {k: v["percent"] for k, v in parents["items"].items() if "percent" in v}
    assert [pct[k] for k in ("conf_teachers", "conf_staff", "resources", "power")] == [89, 93, 93, 94], pct
    assert [pct[k] for k in ("respect", "listening", "communicating")] == [81, 78, 76], pct
    assert [pct[k] for k in ("zumbas", "noches", "lunadas")] == [62, 59, 50], pct
    assert [p["percent_started"] for p in parents["pairs"].values()] == [62, 61, 56]
    assert list(parents["multi"]["changes"]["percent"].values()) == [72, 58, 56, 53]
    assert [w["percent"] for w in staff_cmp["result"].values()] == [48, 72]
    same = headline(parents)
    accents = {files[n]["non_ascii_cells"] for n in files if n.startswith(("excel_", "libreoffice_", "utf16"))}
    assert len(accents) == 1 and accents.pop() > 100, "every re-save must keep every accented cell"
    for name, t in files.items():
        rep = t.get("with_codebook", t)
        if "items" in rep and not name.startswith(("parents_", "surveymonkey_other", "google_forms_other")):
            assert headline(rep) == same, name
            assert not t["issues"], name
    codes = files["parents_codes_dk_na.csv"]["with_codebook"]
    issues = files["parents_codes_dk_na.csv"]["issues"]
    assert {k: v for k, v in headline(codes)[0].items()} == {k: same[0][k] for k in codes["items"]}
    assert headline(codes)[1] == same[1]
    assert [i["value"] for i in issues] == ["7"]
    for name in ("staff_two_waves.csv", "staff_codes_dk_na.csv"):
        t = files[name].get("with_codebook", files[name])
        assert t["comparison"]["result"] == staff_cmp["result"], name
    assert [i["value"] for i in files["staff_codes_dk_na.csv"]["issues"]] == ["7"]
    assert not files["staff_wording_changed.csv"]["issues"]
    assert files["staff_wording_changed.csv"]["comparison"]["with_mapping"]["result"] == staff_cmp["result"]
    for name in ("surveymonkey_other_only.csv", "google_forms_other_only.csv"):
        other = files[name]["multi"]["changes"]
        assert other["denominator"] == 113 and other["only_other"] == 1, name
        assert headline(files[name])[:2] == same[:2], name
    bare = files["parents_bare_values.csv"]
    assert [(i["value"], i["lines"]) for i in bare["issues"]] == [("5", [52]), ("Better", [53])]
    for key in ("conf_teachers", "respect"):
        assert bare["items"][key]["denominator"] == same[0][key][1] - 1, key
    dup = files["parents_duplicate_ids.csv"]
    assert headline(dup["policies"]["keep_first"]) == same
    assert [i["kind"] for i in dup["issues"]] == ["identical", "identical_answers", "conflicting"]
    panel = files["staff_panel_ids.csv"]
    assert [(i["code"], i["value"], i["wave"]) for i in panel["issues"]] == [
        ("duplicate_respondent", "S042", "2017-18")], "an id in two waves is one person per wave"
    assert panel["policies"]["keep_first"]["result"] == staff_cmp["result"]
    quote = files["parents_unclosed_quote.csv"]
    assert headline(quote["outcomes"]["recover_keep_row"]) == same


def main():
    files = {name: truth(name, spec) for name, spec in FILES.items()}
    check(files)
    out = dict(generated_by="tests/corpus/expected.py (independent of waterline and of make_corpus.py)",
               definitions=dict(
                   denominator="answers on the scale: blanks, declared non-answers and codes outside the "
                               "scale left out",
                   share_positive="positive_count / denominator; percent rounds half up",
                   line="physical line in the file, 1 = first header row, counting lines inside quoted fields",
                   column="1-based column index; column_key: the header (one header row), 'Question - Row' "
                          "(SurveyMonkey rows 1 and 2; the question alone under 'Response'), or the export tag "
                          "(Qualtrics row 1)"),
               files=files)
    texts = {f"{name}.expected.json": dict(file=name, **t) for name, t in files.items()}
    summary = {name: dict(expected=f"{name}.expected.json",
                          **{k: t.get(k) for k in ("imitates", "encoding", "bom", "delimiter", "header_rows",
                                                   "codebook")},
                          issues=sorted({i["code"] for i in t["issues"]})) for name, t in files.items()}
    texts["index.json"] = dict(out, files=summary)
    texts = {name: json.dumps(data, ensure_ascii=False, indent=1) + "\n" for name, data in texts.items()}
    assert all(len(t.encode("utf-8")) < 100_000 for t in texts.values())
    old = {n for n in os.listdir(HERE) if n.endswith(".expected.json") or n == "index.json"}
    if sys.argv[1:] == ["--check"]:  # the committed truth is what this script computes now
        stale = sorted(n for n, t in texts.items() if n not in old or read(n) != t)
        stale += sorted(old - set(texts))
        print("expected files up to date" if not stale else f"stale: {', '.join(stale)}")
        sys.exit(1 if stale else 0)
    for name in old - set(texts):
        os.remove(os.path.join(HERE, name))
    for name, text in texts.items():
        with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


def read(name):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
        return f.read()


if __name__ == "__main__":
    main()
