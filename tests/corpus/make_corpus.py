#!/usr/bin/env python3
"""Writes the survey-export corpus beside this script: the built-in SYNTHETIC parent and staff
surveys (src/survey/example/parents.csv, staff.csv) as Google Forms, SurveyMonkey, Qualtrics,
Excel and LibreOffice would write them, plus the problem cases of issue 14.

Run: python3 tests/corpus/make_corpus.py   (Python 3.11, standard library only, deterministic)
Then: python3 tests/corpus/expected.py     (the independently computed truth, expected.json)

Each shape follows /work/shared/VENDOR_EXPORTS.md; what it marks "unverified" is an assumption
here too and is listed per file in README.md. This script knows nothing of the expected counts:
expected.py reads the files it writes (and the canonical example) on its own.
"""

import csv
import datetime
import io
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EXAMPLE = os.path.join(ROOT, "src", "survey", "example")

# ---------------------------------------------------------------------------------------------
# The canonical respondent-level data: the built-in example, read as it is.


def read_example(name):
    with open(os.path.join(EXAMPLE, name), encoding="utf-8", newline="") as f:
        rows = [r for r in csv.reader(f) if r and not r[0].startswith("#")]
    return rows[0], rows[1:]


P_HEAD, P_ROWS = read_example("parents.csv")
S_HEAD, S_ROWS = read_example("staff.csv")
N = len(P_ROWS)

# Column order of parents.csv, by name.
KEYS = ["timestamp", "id", "residence", "gender", "age",
        "conf_teachers", "conf_staff", "resources", "power",
        "district_before", "district_now", "lcap_before", "lcap_now", "recruit_before", "recruit_now",
        "respect", "listening", "communicating", "changes", "zumbas", "noches", "lunadas", "comments"]
assert len(KEYS) == len(P_HEAD)
COL = {k: i for i, k in enumerate(KEYS)}
AGREE_ITEMS = ["conf_teachers", "conf_staff", "resources", "power"]
PAIR_ITEMS = ["district_before", "district_now", "lcap_before", "lcap_now", "recruit_before", "recruit_now"]
CHANGE_ITEMS = ["respect", "listening", "communicating"]
YES_ITEMS = ["zumbas", "noches", "lunadas"]

# Canonical (English) label of each answer the example holds, and its Spanish form.
AGREE = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"]
AGREE_ES = ["Totalmente de acuerdo", "De acuerdo", "Ni de acuerdo ni en desacuerdo", "En desacuerdo",
            "Totalmente en desacuerdo"]
DONT_KNOW = ("Don't know", "No sé")
YESNO = ["Yes", "No"]
YESNO_ES = ["Sí", "No"]
CHANGE = ["Improved", "Stayed the same", "Got worse"]
CHANGE_ES = ["Mejoró", "Sigue igual", "Empeoró"]
PLACES = ["Salton City", "Thermal", "Desert Shores", "Coachella", "Mecca", "Oasis", "North Shore"]
GENDER = ["Female", "Male"]
GENDER_ES = ["Mujer", "Hombre"]
AGES = ["25-34", "35-44", "45-54", "55+"]
CHOICES = ["Greater confidence and self-esteem", "More confident advocating for my children",
           "Greater understanding of the school system", "I see myself as a leader in my community"]
CHOICES_ES = ["Mayor confianza y autoestima", "Más confianza para abogar por mis hijos",
              "Mayor comprensión del sistema escolar", "Me veo como líder en mi comunidad"]
TO_EN = {"Muy de acuerdo": "Strongly agree", "Totalmente de acuerdo": "Strongly agree", "De acuerdo": "Agree",
         "Ni de acuerdo ni en desacuerdo": "Neither agree nor disagree", "En desacuerdo": "Disagree",
         "Totalmente en desacuerdo": "Strongly disagree", "No sé": "Don't know",
         "Sí": "Yes", "Si": "Yes", "Mejoró": "Improved", "Mejoro": "Improved", "Igual": "Stayed the same",
         "Empeoró": "Got worse", "Empeoro": "Got worse"}


def en(value):
    """The canonical English label of an example cell ('' stays '')."""
    return TO_EN.get(value, value)


def es(value):
    """The Spanish label of a canonical English label."""
    for src, dst in [(AGREE, AGREE_ES), (YESNO, YESNO_ES), (CHANGE, CHANGE_ES), (GENDER, GENDER_ES),
                     (CHOICES, CHOICES_ES), ([DONT_KNOW[0]], [DONT_KNOW[1]])]:
        if value in src:
            return dst[src.index(value)]
    return value


def split_header(h):
    """'Q en / Q es [S en / S es]' -> (q_en, q_es, s_en, s_es)."""
    q, s = (h[:-1].rsplit(" [", 1) if h.endswith("]") else (h, ""))
    q_en, _, q_es = q.partition(" / ")
    s_en, _, s_es = s.partition(" / ")
    return q_en, q_es or q_en, s_en, s_es or s_en


HEAD = {k: split_header(h) for k, h in zip(KEYS, P_HEAD)}


def cell(row, key):
    return row[COL[key]]


def choices_of(row):
    return [c for c in cell(row, "changes").split(";") if c]


# ---------------------------------------------------------------------------------------------
# Writing: text -> bytes, with the vendor's delimiter, quoting, line ends and encoding.


def csv_text(rows, delimiter=",", eol="\r\n", quote_all=False):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=eol,
                   quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    w.writerows(rows)
    return buf.getvalue()


def save(name, text, encoding="utf-8", bom=False):
    data = text.encode(encoding)
    if bom:
        data = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding] + data
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)
    assert len(data) < 200_000, name


def later(ts, minutes):
    """'YYYY-MM-DD HH:MM:SS' plus some minutes, same format."""
    t = datetime.datetime.strptime(ts, "%Y-%m-%d %H:%M:%S") + datetime.timedelta(minutes=minutes)
    return t.strftime("%Y-%m-%d %H:%M:%S")


def us_time(ts, seconds=True):
    """'2019-10-01 17:00:00' -> '10/1/2019 17:00:00' (Google Sheets en-US) or without seconds."""
    d, t = ts.split(" ")
    y, m, day = d.split("-")
    hh, mm, ss = t.split(":")
    return f"{int(m)}/{int(day)}/{y} {int(hh)}:{mm}" + (f":{ss}" if seconds else "")


def es_time(ts, seconds=True):
    d, t = ts.split(" ")
    y, m, day = d.split("-")
    hh, mm, ss = t.split(":")
    return f"{int(day)}/{int(m)}/{y} {int(hh)}:{mm}" + (f":{ss}" if seconds else "")


def ampm(ts, minutes_later=0):
    """SurveyMonkey-style 'MM/DD/YYYY hh:mm:ss AM' (unverified format)."""
    d, t = later(ts, minutes_later).split(" ")
    y, m, day = d.split("-")
    hh, mm, ss = (int(x) for x in t.split(":"))
    return f"{m}/{day}/{y} {(hh - 1) % 12 + 1:02d}:{mm:02d}:{ss:02d} {'PM' if hh >= 12 else 'AM'}"


# ---------------------------------------------------------------------------------------------
# Google Forms: one header, full question titles, grids as "Question [Row]", checkboxes ", ".


def google(lang):
    pick = (lambda e, s: e) if lang == "en" else (lambda e, s: s)
    head = ["Timestamp" if lang == "en" else "Marca temporal"]
    for k in KEYS[1:]:
        q_en, q_es, s_en, s_es = HEAD[k]
        if k == "id":
            head.append("Respondent ID" if lang == "en" else "ID de participante")
        elif s_en:
            head.append(f"{pick(q_en, q_es)} [{pick(s_en, s_es)}]")
        else:
            head.append(pick(q_en, q_es))
    rows = [head]
    for r in P_ROWS:
        out = [us_time(cell(r, "timestamp")) if lang == "en" else es_time(cell(r, "timestamp"))]
        for k in KEYS[1:]:
            v = en(cell(r, k))
            if k == "changes":
                v = ", ".join(c if lang == "en" else es(c) for c in choices_of(r))
            elif k not in ("id", "comments", "residence", "age") and lang == "es":
                v = es(v)
            out.append(v)
        rows.append(out)
    return rows


def google_bilingual():
    """The example as its bilingual Google Form would give it (each respondent's own language)."""
    rows = [P_HEAD]
    for r in P_ROWS:
        out = list(r)
        out[COL["timestamp"]] = us_time(cell(r, "timestamp"))
        out[COL["changes"]] = ", ".join(choices_of(r))
        rows.append(out)
    return rows


# ---------------------------------------------------------------------------------------------
# Excel / LibreOffice: the bilingual example re-saved (timestamps reformatted by the locale).


def spreadsheet(locale):
    rows = [P_HEAD]
    for r in P_ROWS:
        out = list(r)
        ts = cell(r, "timestamp")
        out[COL["timestamp"]] = us_time(ts, False) if locale == "en" else es_time(ts, False)
        rows.append(out)
    return rows


# ---------------------------------------------------------------------------------------------
# SurveyMonkey: two header rows, metadata columns, matrix rows in row 2, data from line 3.

SM_META = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
           "First Name", "Last Name", "Custom Data 1"]
OTHER = "Other (please specify)"
# The order in which the SurveyMonkey form lists each scale; numeric values are positions + 1.
SM_SCALE = {"agree": list(reversed(AGREE)) + [DONT_KNOW[0]], "yes": YESNO, "change": CHANGE,
            "residence": PLACES, "gender": GENDER, "age": AGES, "changes": CHOICES}


def scale_of(k):
    if k in AGREE_ITEMS:
        return "agree"
    if k in PAIR_ITEMS or k in YES_ITEMS:
        return "yes"
    if k in CHANGE_ITEMS:
        return "change"
    return k


def surveymonkey(numeric, condensed, other_only=None):
    row1, row2 = list(SM_META), [""] * len(SM_META)
    last_q = None
    for k in KEYS[2:]:
        q_en, _, s_en, _ = HEAD[k]
        if k == "changes" and not condensed:
            for j, c in enumerate(CHOICES + [OTHER]):
                row1.append(q_en if j == 0 else "")
                row2.append(c)
        else:
            row1.append(q_en if q_en != last_q else "")
            row2.append(s_en or ("Open-Ended Response" if k == "comments" else "Response"))
        last_q = q_en
    if condensed:  # "Other (please specify)" as its own open-ended column after the question
        at = len(SM_META) + KEYS[2:].index("changes") + 1
        row1.insert(at, "")
        row2.insert(at, OTHER)
    rows = [row1, row2]
    order = range(N) if not condensed else reversed(range(N))  # condensed: newest first
    for i in order:
        r = P_ROWS[i]
        ts = cell(r, "timestamp")
        out = [str(114052219061 + 7919 * i), "446111201", ampm(ts), ampm(ts, 7), f"10.0.{i // 200}.{i % 200 + 2}",
               "", "", "", cell(r, "id")]
        for k in KEYS[2:]:
            v = en(cell(r, k))
            scale = SM_SCALE.get(scale_of(k))
            if k == "changes":
                picked = choices_of(r)
                other = ""
                if other_only == cell(r, "id"):
                    picked, other = [], "Aprendí a hablar en público / I learned to speak in public"
                codes = [str(CHOICES.index(c) + 1) if numeric else c for c in CHOICES if c in picked]
                if condensed:
                    out += [", ".join(codes), other]
                else:
                    out += [(str(j + 1) if numeric else c) if c in picked else "" for j, c in enumerate(CHOICES)]
                    out.append(other)
            elif numeric and scale and v:
                out.append(str(scale.index(v) + 1))
            else:
                out.append(v)
        rows.append(out)
    return rows


def sm_codebook(condensed):
    """Codebook of a SurveyMonkey numeric export; `column` is 'Question - Row' as row 1 + row 2 read."""
    out = [["column", "code", "label", "label_es", "missing"]]
    for k in KEYS[2:]:
        q_en, _, s_en, _ = HEAD[k]
        scale = SM_SCALE.get(scale_of(k))
        if not scale:
            continue
        if k == "changes" and not condensed:
            for j, c in enumerate(CHOICES):
                out.append([f"{q_en} - {c}", str(j + 1), c, es(c), "false"])
            continue
        col = f"{q_en} - {s_en}" if s_en else q_en
        for j, label in enumerate(scale):
            out.append([col, str(j + 1), label, es(label), "true" if label == DONT_KNOW[0] else "false"])
    return out


# ---------------------------------------------------------------------------------------------
# Qualtrics: export tags, question text, ImportId JSON; metadata; base-language choice text.

QX_META = [("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"America/Los_Angeles"}'),
           ("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"America/Los_Angeles"}'),
           ("Status", "Response Type", '{"ImportId":"status"}'),
           ("IPAddress", "IP Address", '{"ImportId":"ipAddress"}'),
           ("Progress", "Progress", '{"ImportId":"progress"}'),
           ("Duration (in seconds)", "Duration (in seconds)", '{"ImportId":"duration"}'),
           ("Finished", "Finished", '{"ImportId":"finished"}'),
           ("RecordedDate", "Recorded Date", '{"ImportId":"recordedDate","timeZone":"America/Los_Angeles"}'),
           ("ResponseId", "Response ID", '{"ImportId":"_recordId"}'),
           ("RecipientLastName", "Recipient Last Name", '{"ImportId":"recipientLastName"}'),
           ("RecipientFirstName", "Recipient First Name", '{"ImportId":"recipientFirstName"}'),
           ("RecipientEmail", "Recipient Email", '{"ImportId":"recipientEmail"}'),
           ("ExternalReference", "External Data Reference", '{"ImportId":"externalDataReference"}'),
           ("LocationLatitude", "Location Latitude", '{"ImportId":"locationLatitude"}'),
           ("LocationLongitude", "Location Longitude", '{"ImportId":"locationLongitude"}'),
           ("DistributionChannel", "Distribution Channel", '{"ImportId":"distributionChannel"}'),
           ("UserLanguage", "User Language", '{"ImportId":"userLanguage"}')]
# Qualtrics lists agreement from "Strongly agree" down: recode values 1..5, "Don't know" 6.
QX_SCALE = {"agree": AGREE + [DONT_KNOW[0]], "yes": YESNO, "change": CHANGE,
            "residence": PLACES, "gender": GENDER, "age": AGES, "changes": CHOICES + ["Other"]}


def qualtrics_tags():
    """(export tag, question text, import id, key) per question column."""
    tags, q = [], 0
    last = None
    for k in KEYS[2:]:
        q_en, _, s_en, _ = HEAD[k]
        if s_en:  # matrix row
            if q_en != last:
                q, sub = q + 1, 0
            sub += 1
            tags.append((f"Q{q}_{sub}", f"{q_en} - {s_en}", f"QID{q}_{sub}", k))
        elif k == "changes":
            q += 1
            tags.append((f"Q{q}", f"{q_en} - Selected Choice", f"QID{q}", k))
            tags.append((f"Q{q}_5_TEXT", f"{q_en} - Other - Text", f"QID{q}_5_TEXT", "changes_other"))
        else:
            q += 1
            tags.append((f"Q{q}", q_en, f"QID{q}_TEXT" if k == "comments" else f"QID{q}", k))
        last = q_en
    return tags


def qualtrics(numeric):
    tags = qualtrics_tags()
    rows = [[m[0] for m in QX_META] + [t[0] for t in tags],
            [m[1] for m in QX_META] + [t[1] for t in tags],
            [m[2] for m in QX_META] + ['{"ImportId":"%s"}' % t[2] for t in tags]]
    for i, r in enumerate(P_ROWS):
        ts = cell(r, "timestamp")
        spanish = en(cell(r, "district_now")) != cell(r, "district_now") or any(
            en(cell(r, k)) != cell(r, k) for k in KEYS[5:18] + KEYS[19:22])
        rid = "R_" + "".join("0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"[(i * 7 + j * 13 + j * j) % 59]
                             for j in range(15))
        end = later(ts, 5 + i % 11)
        out = [ts, end, "0" if numeric else "IP Address", f"10.1.{i // 200}.{i % 200 + 2}", "100",
               str(300 + (i * 37) % 400), "1" if numeric else "True", end, rid, "", "", "", cell(r, "id"),
               "33.5", "-116.1", "anonymous", "ES" if spanish else "EN"]
        for _, _, _, k in tags:
            if k == "changes_other":
                out.append("")
                continue
            v = en(cell(r, k))
            scale = QX_SCALE.get(scale_of(k))
            if k == "changes":
                picked = choices_of(r)
                out.append(",".join(str(CHOICES.index(c) + 1) if numeric else c for c in CHOICES if c in picked))
            elif numeric and scale and v:
                out.append(str(scale.index(v) + 1))
            else:
                out.append(v)
        rows.append(out)
    return rows


def qx_codebook():
    out = [["column", "code", "label", "label_es", "missing"]]
    for tag, _, _, k in qualtrics_tags():
        scale = QX_SCALE.get(scale_of(k))
        if not scale or k == "changes_other":
            continue
        for j, label in enumerate(scale):
            out.append([tag, str(j + 1), label, es(label) if label != "Other" else "Otro",
                        "true" if label == DONT_KNOW[0] else "false"])
    return out


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
    save("parents_unclosed_quote.csv", unclosed_quote())
    save("parents_bare_values.csv", csv_text(bare_values()))
    save("google_forms_other_only.csv", csv_text(google_other_only()))
    save("surveymonkey_other_only.csv", csv_text(surveymonkey(False, False, other_only=other_only_id())))


if __name__ == "__main__":
    main()
