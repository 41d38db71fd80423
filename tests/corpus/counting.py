"""Reading and counting for expected.py: the label table, the question matcher, an RFC 4180
scanner that keeps lines, the column layouts of the three header shapes, and the counts.
Standard library only; shares no code with make_corpus.py."""

import os
import re
import unicodedata
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# ---------------------------------------------------------------------------------------------
# Scales: canonical points (English), the positive end, and the words that mean each point.

SCALES = {
    "agree5": (["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"],
               ["Strongly agree", "Agree"]),
    "agree4": (["Strongly agree", "Agree", "Disagree", "Strongly disagree"], ["Strongly agree", "Agree"]),
    "adults4": (["Nearly all adults", "Most adults", "Some adults", "Nearly no adults"], None),
    "yesno": (["Yes", "No"], ["Yes"]),
    "change3": (["Improved", "Stayed the same", "Got worse"], ["Improved"]),
    "residence": (["Salton City", "Thermal", "Desert Shores", "Coachella", "Mecca", "Oasis", "North Shore"], None),
    "gender": (["Female", "Male"], None),
    "age": (["25-34", "35-44", "45-54", "55+"], None),
}
NON_ANSWERS = ["Don't know", "Not applicable", "Skipped"]
WORDS = {  # lower-case spellings seen in the files -> canonical label
    "muy de acuerdo": "Strongly agree", "totalmente de acuerdo": "Strongly agree", "de acuerdo": "Agree",
    "ni de acuerdo ni en desacuerdo": "Neither agree nor disagree", "en desacuerdo": "Disagree",
    "totalmente en desacuerdo": "Strongly disagree", "no sé": "Don't know", "no se": "Don't know",
    "no aplica": "Not applicable", "omitida": "Skipped",
    "sí": "Yes", "si": "Yes", "mejoró": "Improved", "mejoro": "Improved", "igual": "Stayed the same",
    "sigue igual": "Stayed the same", "empeoró": "Got worse", "empeoro": "Got worse",
    "mujer": "Female", "hombre": "Male",
    "mayor confianza y autoestima": "Greater confidence and self-esteem",
    "más confianza para abogar por mis hijos": "More confident advocating for my children",
    "mayor comprensión del sistema escolar": "Greater understanding of the school system",
    "me veo como líder en mi comunidad": "I see myself as a leader in my community",
}
CHOICES = ["Greater confidence and self-esteem", "More confident advocating for my children",
           "Greater understanding of the school system", "I see myself as a leader in my community"]
for _points, _ in SCALES.values():
    for _p in _points:
        WORDS[_p.lower()] = _p
for _p in NON_ANSWERS + CHOICES + ["Other"]:
    WORDS[_p.lower()] = _p

# Questions: key, scale, and a test on the column's wording (lower case; Spanish or English).
PAIRS = [("district", ("district meetings", "juntas del distrito")),
         ("lcap", ("lcap meetings", "juntas del lcap")),
         ("recruit", ("recruiting other parents", "reclutar a otros padres"))]
ITEMS = [
    ("residence", "residence", ("where do you live", "dónde vive")),
    ("gender", "gender", ("gender", "género")),
    ("age", "age", (re.compile(r"(^|\| |/ )(age|edad)\b"),)),
    ("conf_teachers", "agree5", ("child's teachers", "maestros de mi hijo")),
    ("conf_staff", "agree5", ("staff and administrators", "personal y la administración")),
    ("resources", "agree5", ("resources to advocate", "conozco recursos")),
    ("power", "agree5", ("power to make a change", "poder de lograr")),
    ("respect", "change3", ("with respect", "con respeto")),
    ("listening", "change3", ("listens to parent", "escucha la voz")),
    ("communicating", "change3", ("communicates opportunities", "comunica oportunidades")),
    ("zumbas", "yesno", ("part in zumbas", "participó en zumbas")),
    ("noches", "yesno", ("part in noches", "participó en noches")),
    ("lunadas", "yesno", ("part in lunadas", "participó en lunadas")),
    ("staff_belief", "agree4", ("every student can be a success", "todo estudiante puede")),
]
for _key, _words in PAIRS:
    for _when, _marks in (("before", ("before", "antes")), ("now", ("(now)", "(ahora)"))):
        ITEMS.append((f"{_key}_{_when}", "yesno",
                      tuple((w, m) for w in _words for m in _marks)))


def matches(test, text):
    if isinstance(test, tuple):
        return all(t in text for t in test)
    if isinstance(test, str):
        return test in text
    return bool(test.search(text))


def item_of(text):
    text = text.lower()
    found = [(k, s) for k, s, tests in ITEMS if any(matches(t, text) for t in tests)]
    assert len(found) <= 1, (text, found)
    return found[0] if found else None


# ---------------------------------------------------------------------------------------------
# Bytes -> records, with the physical line where each record and each field starts.


def scan(text, delim):
    """RFC 4180 records: [(line, [(field, field_line)])], and an unclosed quote if the text ends
    inside one: (line, field index) where that field opened."""
    records, fields, field, i, line = [], [], [], 0, 1
    rec_line, f_line, quoted, opened = 1, 1, False, None
    while i < len(text):
        c = text[i]
        if quoted:
            if c == '"' and text[i + 1:i + 2] == '"':
                field.append('"')
                i += 1
            elif c == '"':
                quoted = False
            else:
                if c == "\n":
                    line += 1
                field.append(c)
        elif c == '"' and not field:
            quoted, opened = True, (f_line, len(fields))
        elif c == delim:
            fields.append(("".join(field), f_line))
            field, f_line = [], line
        elif c in "\r\n":
            if c == "\r" and text[i + 1:i + 2] == "\n":
                i += 1
            fields.append(("".join(field), f_line))
            records.append((rec_line, fields))
            line += 1
            fields, field, rec_line, f_line = [], [], line, line
        else:
            field.append(c)
        i += 1
    if field or fields:
        fields.append(("".join(field), f_line))
        records.append((rec_line, fields))
    return records, (opened if quoted else None)


def decode(data, codec):
    for bom, name in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            assert codec == name, (codec, name)
            return data[len(bom):].decode(codec), True
    if codec == "cp1252":  # a detector must fall back: these bytes are not UTF-8
        try:
            data.decode("utf-8")
            raise AssertionError("a Windows-1252 file that is valid UTF-8 tests nothing")
        except UnicodeDecodeError:
            pass
    return data.decode(codec), False


PLAIN_SUB = ("", "response", "open-ended response")
HEADER_ROWS = {"one": 1, "dash": 1, "sm": 2, "qx": 3}  # "dash": one header, "Question - Row"


def columns(records, layout):
    """Per column: index (1-based), the key an importer would use, the wording to match on, the
    question and the statement (a grid's row)."""
    heads = [[f for f, _ in fields] for _, fields in records[:HEADER_ROWS[layout]]]
    out, carried = [], ""
    for i, h in enumerate(heads[0]):
        if layout == "one":
            q, _, s = h[:-1].partition(" [") if h.endswith("]") else (h, "", "")
            out.append(dict(index=i + 1, key=h, text=h, question=q, statement=s))
        elif layout == "dash":
            q, _, s = h.rpartition(" - ") if " - " in h else (h, "", "")
            out.append(dict(index=i + 1, key=h, text=h, question=q, statement=s))
        elif layout == "sm":
            carried = h or carried
            sub = heads[1][i]
            plain = sub.lower() in PLAIN_SUB
            out.append(dict(index=i + 1, key=carried if plain else f"{carried} - {sub}",
                            text=f"{carried} | {sub}", question=carried, statement="" if plain else sub))
        else:
            text = heads[1][i]
            q, _, s = text.rpartition(" - ") if re.fullmatch(r"Q\d+_\d+", h) else (text, "", "")
            out.append(dict(index=i + 1, key=h, text=text, question=q, statement=s, import_id=heads[2][i]))
    for c in out:
        c["layout"] = layout
    return out


def role(col):
    """What a column holds: ('item', key, scale), ('multi', ...), ('other',), ('id',), ('wave',)."""
    t = col["text"].lower()
    if "positive changes" in t or "cambios positivos" in t:
        if "other" in t:
            return ("other",)
        sub = col["statement"]
        return ("choice", WORDS[sub.lower()]) if sub.lower() in WORDS else ("multi",)
    ids = ("Custom Data 1", "Custom Data", "ExternalReference")
    if t in ("respondent id", "id de participante", "staff id") or col["key"] in ids:
        return ("id",)
    if t == "wave":
        return ("wave",)
    found = item_of(t)
    return ("item",) + found if found else (None,)


def read_codebook(name):
    """{column key: {code: (canonical label, missing)}} from a codebook CSV."""
    with open(os.path.join(HERE, name), "rb") as f:
        text, _ = decode(f.read(), "utf-8")
    records, _ = scan(text, ",")
    head = [f for f, _ in records[0][1]]
    book = {}
    for _, fields in records[1:]:
        row = dict(zip(head, (f for f, _ in fields)))
        book.setdefault(row["column"], {})[row["code"]] = (WORDS[row["label"].lower()], row["missing"] == "true")
    return book


def fold(v):
    return unicodedata.normalize("NFC", v.strip())


def label(value, col, book):
    """'blank' | ('point', label) | ('non', label) | ('outside', raw)."""
    v = fold(value)
    if not v:
        return "blank"
    if book is not None:
        entry = book.get(col["key"], {}).get(v)
        if entry is None:
            return ("outside", v)
        return ("non", entry[0]) if entry[1] else ("point", entry[0])
    canon = WORDS.get(v.lower())
    if canon in NON_ANSWERS:
        return ("non", canon)
    return ("point", canon) if canon else ("outside", v)


# ---------------------------------------------------------------------------------------------
# Counting.


def respondents(records, cols, join, book):
    """One dict per data record: line, id, wave, item cells, chosen choices, 'other' text."""
    roles = [role(c) for c in cols]
    nhead = HEADER_ROWS[cols[0]["layout"]]
    out = []
    for line, fields in records[nhead:]:
        assert len(fields) == len(cols), (line, len(fields), len(cols))
        r = dict(line=line, id=None, wave=None, items={}, choices=set(), other="", raw=fields)
        for col, rl, (value, _) in zip(cols, roles, fields):
            if rl[0] == "id":
                r["id"] = value
            elif rl[0] == "wave":
                r["wave"] = value
            elif rl[0] == "item":
                r["items"][rl[1]] = (value, col)
            elif rl[0] == "other":
                r["other"] = value.strip()
            elif rl[0] == "choice" and value.strip():
                if book is not None:
                    assert book[col["key"]][value.strip()][0] == rl[1]
                r["choices"].add(rl[1])
            elif rl[0] == "multi" and value.strip():
                for part in value.split(join):
                    if book is not None:
                        r["choices"].add(book[col["key"]][part.strip()][0])
                    elif fold(part).lower() in WORDS:
                        r["choices"].add(WORDS[fold(part).lower()])
                    else:  # Google Forms: typed "Other" text sits in the same cell
                        r["other"] = ", ".join(filter(None, [r["other"], fold(part)]))
        out.append(r)
    return out


def item_stats(people, key, scale, book):
    points, positive = SCALES[scale]
    counts, non, outside, blank = Counter(), Counter(), Counter(), 0
    lines = {}
    for r in people:
        if key not in r["items"]:
            continue
        value, col = r["items"][key]
        got = label(value, col, book)
        if got == "blank":
            blank += 1
        elif got[0] == "point" and got[1] in points:
            counts[got[1]] += 1
        elif got[0] == "non":
            non[got[1]] += 1
        else:
            outside[got[1]] += 1
            lines.setdefault(got[1], []).append(r["line"])
    n = sum(counts.values())
    out = dict(counts={p: counts[p] for p in points}, denominator=n, blank=blank,
               non_answers=dict(sorted(non.items())), outside_scale=dict(sorted(outside.items())))
    if positive:
        k = sum(counts[p] for p in positive)
        out.update(positive=positive, positive_count=k, share_positive=round(k / n, 6) if n else None,
                   percent=int(100 * k / n + 0.5) if n else None)
    return out, lines


def pair_stats(people, key, book):
    table = Counter()
    for r in people:
        got = [label(*r["items"][f"{key}_{w}"], book) for w in ("before", "now")]
        if all(g != "blank" and g[0] == "point" for g in got):
            table[f"{got[0][1].lower()}_{got[1][1].lower()}"] += 1
    n = sum(table.values())
    return dict(before=f"{key}_before", after=f"{key}_now", n=n,
                table={k: table[k] for k in ("yes_yes", "no_yes", "yes_no", "no_no")},
                started_after=table["no_yes"], share_started=round(table["no_yes"] / n, 6),
                percent_started=int(100 * table["no_yes"] / n + 0.5))


def multi_stats(people):
    answered = [r for r in people if r["choices"] or r["other"]]
    n = len(answered)
    counts = {c: sum(c in r["choices"] for r in answered) for c in CHOICES}
    return dict(denominator=n, counts=counts, other_text=sum(bool(r["other"]) for r in answered),
                only_other=sum(bool(r["other"]) and not r["choices"] for r in answered),
                only_other_lines=[r["line"] for r in answered if r["other"] and not r["choices"]],
                percent={c: int(100 * k / n + 0.5) for c, k in counts.items()})


def describe_items(cols):
    """key -> where it is and what it says (the statement a result must carry)."""
    out = {}
    for c in cols:
        rl = role(c)
        if rl[0] == "item":
            out[rl[1]] = dict(column=c["index"], column_key=c["key"], scale=rl[2],
                              question=c["question"], statement=c["statement"])
    return out


def report(people, cols, book):
    """Everything a correct importer must compute for one set of respondents."""
    where = describe_items(cols)
    items, outside = {}, []
    for key, info in where.items():
        stats, lines = item_stats(people, key, info["scale"], book)
        items[key] = dict(info, **stats)
        for value, at in sorted(lines.items()):
            code = "code_out_of_range" if book is not None else "unknown_label"
            outside.append(dict(code=code, line=at[0], lines=at, column=info["column"],
                                column_key=info["column_key"], value=value, count=len(at)))
    out = dict(respondents=len(people), items=items)
    pairs = [k for k, _ in PAIRS if f"{k}_before" in where]
    if pairs:
        out["pairs"] = {k: pair_stats(people, k, book) for k in pairs}
    multi = [c for c in cols if role(c)[0] in ("multi", "choice", "other")]
    if multi:
        where = dict(columns=[c["index"] for c in multi], column_keys=[c["key"] for c in multi],
                     question=multi[0]["question"])
        out["multi"] = {"changes": dict(where, **multi_stats(people))}
    return out, outside


