"""The built-in example (src/survey/example) and the shapes Google Forms, SurveyMonkey,
Qualtrics, Excel and LibreOffice give it: rows of text, plus the writer that turns them into the
vendor's bytes. Used by make_corpus.py; standard library only."""

import csv
import datetime
import io
import os
import random
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


WRITTEN = {}  # name -> bytes, of every file saved in this run


def save(name, text, encoding="utf-8", bom=False):
    data = text.encode(encoding)
    if bom:
        data = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding] + data
    assert len(data) < 200_000, name
    WRITTEN[name] = data
    if not DRY_RUN:
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)


DRY_RUN = False  # make_corpus.py --check: compare with the files on disk instead of writing


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


# A survey whose author customised the recode values (VENDOR_EXPORTS: "Recode values can be
# customised per choice"): agreement 5 ... 1 with Don't know = 99, Yes = 1 / No = 0,
# Improved = 1 / Stayed the same = 0 / Got worse = -1. Here 0 is an answer, not "not applicable".
RECODES = {"agree": ["5", "4", "3", "2", "1", "99"], "yes": ["1", "0"], "change": ["1", "0", "-1"]}


def qx_code(k, v, recode):
    scale = QX_SCALE[scale_of(k)]
    codes = (recode or {}).get(scale_of(k)) or [str(j + 1) for j in range(len(scale))]
    return codes[scale.index(v)]


def qualtrics(numeric, recode=None):
    tags = qualtrics_tags()
    rows = [[m[0] for m in QX_META] + [t[0] for t in tags],
            [m[1] for m in QX_META] + [t[1] for t in tags],
            [m[2] for m in QX_META] + ['{"ImportId":"%s"}' % t[2] for t in tags]]
    for i, r in enumerate(P_ROWS):
        ts = cell(r, "timestamp")
        spanish = en(cell(r, "district_now")) != cell(r, "district_now") or any(
            en(cell(r, k)) != cell(r, k) for k in KEYS[5:18] + KEYS[19:22])
        alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
        # Unique per row: the first four characters are the base-59 digits of a number that
        # differs for every row; the rest is deterministic filler.
        v = i * 7919 + 104729
        head = "".join(alphabet[(v // 59 ** j) % 59] for j in range(4))
        rid = "R_" + head + "".join(alphabet[(i * 7 + j * 13 + j * j) % 59] for j in range(4, 15))
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
                out.append(qx_code(k, v, recode))
            else:
                out.append(v)
        rows.append(out)
    return rows


def qx_codebook(recode=None):
    out = [["column", "code", "label", "label_es", "missing"]]
    for tag, _, _, k in qualtrics_tags():
        scale = QX_SCALE.get(scale_of(k))
        if not scale or k == "changes_other":
            continue
        for label in scale:
            code = qx_code(k, label, recode) if k != "changes" else str(scale.index(label) + 1)
            out.append([tag, code, label, es(label) if label != "Other" else "Otro",
                        "true" if label == DONT_KNOW[0] else "false"])
    return out


def surveymonkey_legacy():
    """The older one-header SurveyMonkey export (VENDOR_EXPORTS: 2011-12 sample): `RespondentID,
    CollectorID, StartDate, …, Custom Data`, each matrix row and checkbox choice joined to its
    question as `Question - Row`, dates `2/15/2012 20:55`, newest first."""
    rows = surveymonkey(False, False)
    head = ["RespondentID", "CollectorID", "StartDate", "EndDate", "IP Address", "Email Address",
            "First Name", "LastName", "Custom Data"]
    carried = ""
    for q, sub in list(zip(rows[0], rows[1]))[len(head):]:
        carried = q or carried
        head.append(carried if sub in ("Response", "Open-Ended Response") else f"{carried} - {sub}")
    out = [head]
    for r in reversed(rows[2:]):  # surveymonkey() wrote oldest first
        ident = r[8]
        ts = cell(next(p for p in P_ROWS if cell(p, "id") == ident), "timestamp")
        out.append(r[:2] + [us_time(ts, False), us_time(later(ts, 7), False)] + r[4:])
    return out


def reordered(rows, seed):
    """The same table with its columns shuffled (a seeded, fixed order)."""
    order = list(range(len(rows[0])))
    random.Random(seed).shuffle(order)
    return [[r[i] for i in order] for r in rows]
