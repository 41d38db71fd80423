#!/usr/bin/env python3
"""Writes the survey-export corpus beside this script: the built-in SYNTHETIC parent and staff
surveys (src/survey/example/parents.csv, staff.csv) as Google Forms, SurveyMonkey, Qualtrics,
Excel and LibreOffice would write them, plus the problem cases of issue 14.

Run: python3 tests/corpus/make_corpus.py   (Python 3.11, standard library only, deterministic)
Then: python3 tests/corpus/expected.py     (the independently computed truth, *.expected.json)

Each shape follows VENDOR_EXPORTS.md (in the project's shared notes); what it marks "unverified" is an assumption
here too and is listed per file in README.md. This script knows nothing of the expected counts:
expected.py reads the files it writes (and the canonical example) on its own.
The vendor shapes are in vendors.py; the problem cases of issue 14 are here.
"""

import os
import random
import sys

import vendors

from vendors import (AGES, AGREE, CHANGE, COL, DONT_KNOW, GENDER, HERE, KEYS, N, P_HEAD, P_ROWS, PAIR_ITEMS,
                     PLACES, S_HEAD, S_ROWS, YES_ITEMS, YESNO, cell, choices_of, csv_text, en, es, google,
                     google_bilingual, later, qualtrics, qx_codebook, RECODES, save, scale_of, sm_codebook,
                     reordered, spreadsheet, surveymonkey, surveymonkey_legacy, us_time)

# ---------------------------------------------------------------------------------------------
# Problem cases.

CODED_AGREE = list(reversed(AGREE))  # 1 = Strongly disagree ... 5 = Strongly agree (SPSS habit)
NON_ANSWER = [("9", "Don't know", "No sé"), ("0", "Not applicable", "No aplica"), ("-99", "Skipped", "Omitida")]


def coded_scale(k):
    return {"agree": CODED_AGREE, "yes": YESNO, "change": CHANGE, "residence": PLACES, "gender": GENDER,
            "age": AGES}.get(scale_of(k))


def parents_codes():
    """Every closed item as a number; 9 / 0 / -99 non-answers; six extra respondents who gave only
    non-answers (so every headline keeps its published value) and one stray code 7."""
    keys = [k for k in KEYS if k != "changes"]
    rows = [[P_HEAD[COL[k]] for k in keys]]
    blanks = 0
    for r in P_ROWS:
        out = []
        for k in keys:
            v, scale = en(cell(r, k)), coded_scale(k)
            if scale and v == DONT_KNOW[0]:
                v = "9"
            elif scale and v == "" and k == "conf_teachers":
                blanks += 1
                v = "0" if blanks == 1 else ""
            elif scale and v:
                v = str(scale.index(v) + 1)
            out.append(v)
        rows.append(out)
    for j in range(6):
        ident = f"P{N + 1 + j:03d}"
        out = []
        for n, k in enumerate(keys):
            if k == "timestamp":
                out.append(later(cell(P_ROWS[-1], "timestamp"), 60 * 24 * (j + 1)))
            elif k == "id":
                out.append(ident)
            elif k in ("residence", "gender", "age", "comments"):
                out.append("")
            elif j == 4 and k in PAIR_ITEMS + YES_ITEMS:
                out.append("-99")
            else:
                out.append("9" if (n + j) % 3 else "0")
        if j == 5:
            out[keys.index("conf_staff")] = "7"
        rows.append(out)
    book = [["column", "code", "label", "label_es", "missing"]]
    for k in keys:
        scale = coded_scale(k)
        if not scale:
            continue
        for j, label in enumerate(scale):
            book.append([P_HEAD[COL[k]], str(j + 1), label, es(label), "false"])
        for code, label, label_es in NON_ANSWER:
            book.append([P_HEAD[COL[k]], code, label, label_es, "true"])
    return rows, book


STAFF_Q = S_HEAD[2]
NEARLY = {"Strongly agree": "Nearly all adults", "Agree": "Most adults", "Disagree": "Some adults",
          "Strongly disagree": "Nearly no adults"}
STAFF_SCALE = ["Strongly agree", "Agree", "Disagree", "Strongly disagree"]  # codes 1..4


def staff_wording():
    rows = [S_HEAD]
    for wave, ident, v in S_ROWS:
        rows.append([wave, ident, NEARLY[v] if wave == "2014-15" else v])
    return rows


def staff_codes():
    """Codes 1 = Strongly agree ... 4 = Strongly disagree (the top box is the LOWEST code), plus staff
    who answered 9 = don't know or 0 = not applicable, and one stray 7."""
    rows = [S_HEAD] + [[w, i, str(STAFF_SCALE.index(v) + 1)] for w, i, v in S_ROWS]
    extra = {"2014-15": ["9"] * 6 + ["0"] * 3, "2017-18": ["9"] * 4 + ["0"] * 2 + ["7"]}
    for wave, codes in extra.items():
        for k, code in enumerate(codes):
            rows.append([wave, f"S{wave[:4]}-{101 + k:03d}", code])
    book = [["column", "code", "label", "label_es", "missing"]]
    labels_es = ["Totalmente de acuerdo", "De acuerdo", "En desacuerdo", "Totalmente en desacuerdo"]
    for j, label in enumerate(STAFF_SCALE):
        book.append([STAFF_Q, str(j + 1), label, labels_es[j], "false"])
    for code, label, label_es in NON_ANSWER[:2]:
        book.append([STAFF_Q, code, label, label_es, "true"])
    return rows, book


def staff_panel():
    """The staff waves with ids reused across waves (S001... in both: one person per wave, not a
    duplicate), and S042 of 2017-18 sent twice with different answers (a real duplicate)."""
    rows, seen = [S_HEAD], {}
    for wave, _, v in S_ROWS:
        seen[wave] = seen.get(wave, 0) + 1
        rows.append([wave, f"S{seen[wave]:03d}", v])
    twin = next(r for r in rows if r[:2] == ["2017-18", "S042"])
    flipped = "Strongly disagree" if twin[2] in ("Strongly agree", "Agree") else "Strongly agree"
    rows.append([twin[0], twin[1], flipped])  # so that keep-first and keep-last differ
    return rows


def duplicates():
    """P010 twice in a row (byte-identical), P020 resubmitted days later with the same answers,
    P030 resubmitted with different answers."""
    rows = google_bilingual()
    at = 1 + next(i for i, r in enumerate(P_ROWS) if cell(r, "id") == "P010")
    rows.insert(at + 1, list(rows[at]))
    for ident, change in [("P020", False), ("P030", True)]:
        src = next(r for r in rows[1:] if r[COL["id"]] == ident)
        copy = list(src)
        r = next(r for r in P_ROWS if cell(r, "id") == ident)
        copy[COL["timestamp"]] = us_time(later(cell(r, "timestamp"), 3 * 24 * 60 + 17))
        if change:
            copy[COL["conf_teachers"]] = "Disagree" if en(src[COL["conf_teachers"]]) != "Disagree" else "Agree"
            now = en(src[COL["district_now"]])
            copy[COL["district_now"]] = "No" if now == "Yes" else "Yes"
        rows.append(copy)
    return rows


BROKEN = '"I went to every Lunada, and my son came too'


def unclosed_quote():
    """The built-in example itself (its ';'-joined choices keep later rows free of quotes) with
    P096's comment opening a quote that is never closed."""
    rows = [P_HEAD] + [list(r) for r in P_ROWS]
    at = 1 + next(i for i, r in enumerate(P_ROWS) if cell(r, "id") == "P096")
    assert not any('"' in c or "," in c or "\n" in c for r in rows[at:] for c in r), "rows after must be plain"
    rows[at][COL["comments"]] = "@@BROKEN@@"
    text = csv_text(rows)
    assert text.count("@@BROKEN@@") == 1
    return text.replace("@@BROKEN@@", BROKEN)


def bare_values():
    """Bilingual Google Forms where P050 typed '5' for an agreement and P051 'Better' for a change:
    neither is a label of its scale."""
    rows = google_bilingual()
    for ident, key, value in [("P050", "conf_teachers", "5"), ("P051", "respect", "Better")]:
        row = next(r for r in rows[1:] if r[COL["id"]] == ident)
        row[COL[key]] = value
    return rows


def google_other_only():
    """Google Forms (English): the other-only respondent's checkbox cell holds just the typed text."""
    rows = google("en")
    ident = other_only_id()
    row = next(r for r in rows[1:] if r[COL["id"]] == ident)
    row[COL["changes"]] = "I learned to speak in public"
    return rows


def other_only_id():
    """The first respondent who ticked exactly one change; the problem file gives them only 'Other'."""
    return next(cell(r, "id") for r in P_ROWS if len(choices_of(r)) == 1)


# ---------------------------------------------------------------------------------------------


def main():
    if not vendors.DRY_RUN:
        for old in os.listdir(HERE):
            if old.endswith((".csv", ".txt")):
                os.remove(os.path.join(HERE, old))
    # Google Forms (one header row).
    save("google_forms_en.csv", csv_text(google("en")))
    save("google_forms_es.csv", csv_text(google("es"), eol="\n"))
    save("google_forms_bilingual.csv", csv_text(google_bilingual()))
    # SurveyMonkey (two header rows).
    save("surveymonkey_expanded_text.csv", csv_text(surveymonkey(False, False)))
    save("surveymonkey_expanded_numeric.csv", csv_text(surveymonkey(True, False)))
    save("surveymonkey_expanded_numeric.codebook.csv", csv_text(sm_codebook(False)))
    save("surveymonkey_condensed_text.csv", csv_text(surveymonkey(False, True)))
    save("surveymonkey_condensed_numeric.csv", csv_text(surveymonkey(True, True)))
    save("surveymonkey_condensed_numeric.codebook.csv", csv_text(sm_codebook(True)))
    # Qualtrics (three header rows): text with a BOM and CRLF, numeric without and LF.
    save("qualtrics_text.csv", csv_text(qualtrics(False)), bom=True)
    save("qualtrics_numeric.csv", csv_text(qualtrics(True), eol="\n"))
    save("qualtrics_numeric.codebook.csv", csv_text(qx_codebook()))
    save("qualtrics_numeric_recoded.csv", csv_text(qualtrics(True, RECODES), eol="\n"))
    save("qualtrics_numeric_recoded.codebook.csv", csv_text(qx_codebook(RECODES)))
    save("surveymonkey_legacy_one_header.csv", csv_text(surveymonkey_legacy()))
    save("google_forms_en_reordered.csv", csv_text(reordered(google("en"), 14)))
    # Excel and LibreOffice re-saves of the bilingual file.
    save("excel_utf8bom_comma_en.csv", csv_text(spreadsheet("en")), bom=True)
    save("excel_utf8bom_semicolon_es.csv", csv_text(spreadsheet("es"), ";"), bom=True)
    save("excel_cp1252_comma_en.csv", csv_text(spreadsheet("en")), "cp1252")
    save("excel_cp1252_semicolon_es.csv", csv_text(spreadsheet("es"), ";"), "cp1252")
    save("excel_utf16le_tab_en.txt", csv_text(spreadsheet("en"), "\t"), "utf-16-le", bom=True)
    save("utf16be_bom_tab_es.txt", csv_text(spreadsheet("es"), "\t"), "utf-16-be", bom=True)
    save("libreoffice_utf8_comma_en.csv", csv_text(google_bilingual(), eol="\n"))
    save("libreoffice_cp1252_semicolon_es.csv", csv_text(spreadsheet("es"), ";", eol="\n"), "cp1252")
    # Problem cases.
    rows, book = parents_codes()
    save("parents_codes_dk_na.csv", csv_text(rows))
    save("parents_codes_dk_na.codebook.csv", csv_text(book))
    save("staff_two_waves.csv", csv_text([S_HEAD] + S_ROWS))
    save("staff_wording_changed.csv", csv_text(staff_wording()))
    rows, book = staff_codes()
    save("staff_codes_dk_na.csv", csv_text(rows))
    save("staff_codes_dk_na.codebook.csv", csv_text(book))
    save("parents_duplicate_ids.csv", csv_text(duplicates()))
    save("staff_panel_ids.csv", csv_text(staff_panel()))
    save("parents_unclosed_quote.csv", unclosed_quote())
    save("parents_bare_values.csv", csv_text(bare_values()))
    save("google_forms_other_only.csv", csv_text(google_other_only()))
    save("surveymonkey_other_only.csv", csv_text(surveymonkey(False, False, other_only=other_only_id())))


def check():
    """--check: the files on disk are exactly what this script writes (exit 1 if not)."""
    vendors.DRY_RUN = True
    main()
    on_disk = {n for n in os.listdir(HERE) if n.endswith((".csv", ".txt"))}
    stale = sorted(n for n, data in vendors.WRITTEN.items() if n not in on_disk
                   or open(os.path.join(HERE, n), "rb").read() != data)
    stale += sorted(on_disk - set(vendors.WRITTEN))
    print("corpus files up to date" if not stale else f"stale: {', '.join(stale)}")
    sys.exit(1 if stale else 0)


if __name__ == "__main__":
    check() if sys.argv[1:] == ["--check"] else main()
