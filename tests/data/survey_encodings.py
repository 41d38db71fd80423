#!/usr/bin/env python3
# Writes one Spanish parent survey in the encodings real tools use, byte for byte, and the
# counts the tests expect, computed here from the rows (not by waterline).
# Run: python3 tests/data/survey_encodings.py   (Python 3.11, standard library only)
#
#   survey_es_1252.csv     Excel "CSV (delimitado por comas)" in es-ES: Windows-1252, ';', CRLF
#   survey_es_utf8bom.csv  Excel "CSV UTF-8": BOM, ';', CRLF
#   survey_es_utf16le.txt  Excel "Texto Unicode": UTF-16LE with BOM, tab-separated, CRLF
#   survey_es_expected.json  rows, and per column the count of each answer
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

header = ["Marca temporal", "¿Dónde vive?", "¿Participó en Lunadas?",
          "Me siento con confianza con los maestros", "Comentarios"]
towns = ["Thermal", "Mecca", "Oasis", "Coachella", "Indio"]
yes_no = ["Sí", "No", "Sí", "Sí", "No", "Sí", "No"]
agree = ["Totalmente de acuerdo", "De acuerdo", "En desacuerdo", "Ni de acuerdo ni en desacuerdo",
         "Totalmente en desacuerdo", "De acuerdo", "Totalmente de acuerdo", "De acuerdo"]
comments = ["", "Muy útil", "", "¡Gracias, maestra!", "", "Más sesiones en español", "", "Señora Núñez"]
rows = []
for i in range(40):
    rows.append([f"2020/01/{10 + i % 18:02d} 18:{i:02d}", towns[i * 7 % 5], yes_no[i % 7],
                 agree[i * 3 % 8], comments[i % 8]])

expected = {"rows": len(rows), "counts": {}}
for c, name in enumerate(header[1:4], start=1):
    counts = {}
    for r in rows:
        counts[r[c]] = counts.get(r[c], 0) + 1
    expected["counts"][name] = counts


def text(sep):
    lines = [sep.join(header)] + [sep.join(r) for r in rows]
    return "\r\n".join(lines) + "\r\n"


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


write("survey_es_1252.csv", text(";").encode("cp1252"))
write("survey_es_utf8bom.csv", b"\xef\xbb\xbf" + text(";").encode("utf-8"))
write("survey_es_utf16le.txt", b"\xff\xfe" + text("\t").encode("utf-16-le"))
with open(os.path.join(HERE, "survey_es_expected.json"), "w", encoding="utf-8") as f:
    json.dump(expected, f, ensure_ascii=False, indent=1, sort_keys=True)
    f.write("\n")
