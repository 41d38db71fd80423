#!/usr/bin/env python3
# Makes the built-in SYNTHETIC example surveys (parents.csv, staff.csv) beside this script.
# Run: python3 src/survey/example/make_example.py   (Python 3.11, standard library only)
#
# The data are made up. They reproduce, rounded to whole percent, the published figures of
# seed 000 (Advancement Project California & Alianza, ECV parent survey 2019-20, n = 113;
# WestEd staff climate survey 2014-15 and 2017-18). Nothing else in them is real: answers are
# assigned deterministically (seeded) so that related items correlate, and the staff wave sizes
# (100 per wave) are ASSUMED because the source does not publish them.

import csv
import io
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
N = 113
rng = random.Random(2020)

# Respondents answering in Spanish get Spanish labels (some without accents, as people type).
spanish = set(rng.sample(range(N), 48))
no_accent = set(rng.sample(sorted(spanish), 12))
latent = [rng.gauss(0, 1) for _ in range(N)]  # one "engagement" trait, so items correlate


def ranked(noise=0.8):
    """Respondents from most to least engaged, with item-specific noise."""
    score = [latent[i] + rng.gauss(0, noise) for i in range(N)]
    return sorted(range(N), key=lambda i: -score[i])


def assign(counts, order=None, rows=None):
    """Gives the first counts[0] respondents of `order` label 0, the next counts[1] label 1..."""
    order = order if order is not None else ranked()
    if rows is not None:
        order = [i for i in order if i in rows]
    assert sum(counts) == len(order), (counts, len(order))
    out = {}
    k = 0
    for label, c in enumerate(counts):
        for i in order[k:k + c]:
            out[i] = label
        k += c
    return out


AGREE_EN = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"]
AGREE_ES = [["Totalmente de acuerdo", "Muy de acuerdo"], ["De acuerdo"], ["Ni de acuerdo ni en desacuerdo"],
            ["En desacuerdo"], ["Totalmente en desacuerdo"]]
YES = {"en": ["Yes", "No"], "es": ["Sí", "No"], "es0": ["Si", "No"]}
CHANGE = {"en": ["Improved", "Stayed the same", "Got worse"], "es": ["Mejoró", "Igual", "Empeoró"],
          "es0": ["Mejoro", "Igual", "Empeoro"]}


def lang(i):
    return "es0" if i in no_accent else ("es" if i in spanish else "en")


def agree_label(i, k):
    if i in spanish:
        options = AGREE_ES[k]
        return options[i % len(options)]
    return AGREE_EN[k]


columns = []  # (header, {row: text})

# Ids and timestamps (the 2019-20 school year).
columns.append(("Timestamp", {i: f"2019-{10 + i // 40:02d}-{1 + i % 28:02d} {17 + i % 4}:{(i * 7) % 60:02d}:00" for i in range(N)}))
columns.append(("Respondent ID", {i: f"P{i + 1:03d}" for i in range(N)}))

# Residence: Salton City 38%, Thermal 18%, Desert Shores 16%, Coachella 12%, other 16%.
places = ["Salton City", "Thermal", "Desert Shores", "Coachella", "Mecca", "Oasis", "North Shore"]
res = assign([43, 20, 18, 14, 8, 6, 4], order=rng.sample(range(N), N))
columns.append(("Where do you live? / ¿Dónde vive?", {i: places[res[i]] for i in range(N)}))
# 79% female; ages 35-44 44%, 45-54 33%.
sex = assign([89, 24], order=rng.sample(range(N), N))
# Options of a bilingual form read "English / Español" like its questions, so the report can
# show either language (the engine splits them as it splits headers).
columns.append(("Gender / Género", {i: ["Female / Mujer", "Male / Hombre"][sex[i]] for i in range(N)}))
ages = assign([16, 50, 37, 10], order=rng.sample(range(N), N))
columns.append(("Age / Edad", {i: ["25-34", "35-44", "45-54", "55+"][ages[i]] for i in range(N)}))

# Figure 10: agree or strongly agree 89%, 93%, 93%, 94% (a Google Forms grid).
grid = "How much do you agree? / ¿Qué tan de acuerdo está?"
fig10 = [
    ("I feel confident interacting with my child's teachers / Me siento con confianza al hablar con los maestros de mi hijo",
     [58, 41, 6, 4, 2], {"blank": 2}),  # 99 of 111 = 89.2%
    ("I feel confident interacting with school staff and administrators / Me siento con confianza al hablar con el personal y la administración",
     [62, 43, 4, 3, 1], {}),  # 105 of 113 = 92.9%
    ("I know of resources to advocate for my child / Conozco recursos para abogar por mi hijo",
     [55, 49, 5, 2, 1], {"No sé": 1}),  # 104 of 112 = 92.9%
    ("I have the power to make a change in my child's education / Tengo el poder de lograr un cambio en la educación de mi hijo",
     [70, 36, 4, 2, 1], {}),  # 106 of 113 = 93.8%
]
for text, counts, missing in fig10:
    order = ranked()
    m = sum(missing.values())
    gone = order[len(order) - m:]
    order = order[:len(order) - m]
    token = next(iter(missing), "")
    a = assign(counts, order=order)
    cells = {i: agree_label(i, a[i]) if i in a else ("" if token == "blank" else token) for i in range(N)}
    columns.append((f"{grid} [{text}]", cells))

# Figure 12: started after joining (then-test, before/now): 62%, 61%, 56%.
# counts: (yes before & now, no before -> yes now, yes before -> no now, no both)
fig12 = [
    ("District meetings", "Juntas del distrito", (30, 70, 3, 10)),
    ("LCAP meetings", "Juntas del LCAP", (20, 69, 2, 22)),
    ("Recruiting other parents", "Reclutar a otros padres", (15, 63, 2, 33)),
]
for en, es, (yy, ny, yn, nn) in fig12:
    who = assign([ny, yy, yn, nn])
    before = {i: YES[lang(i)][0 if who[i] in (1, 2) else 1] for i in range(N)}
    now = {i: YES[lang(i)][0 if who[i] in (0, 1) else 1] for i in range(N)}
    columns.append((f"{en} (before joining) / {es} (antes de unirse)", before))
    columns.append((f"{en} (now) / {es} (ahora)", now))

# Figure 6: the district improved in respect 81%, listening 78%, communicating 76%.
grid6 = "Since restorative justice started, has the district improved, stayed the same or gotten worse? / Desde que empezó la justicia restaurativa, ¿el distrito ha mejorado, sigue igual o ha empeorado?"
fig6 = [
    ("Treats parents with respect / Trata a los padres con respeto", [92, 17, 4]),
    ("Listens to parent voices when making decisions / Escucha la voz de los padres al tomar decisiones", [88, 20, 5]),
    ("Communicates opportunities for parent involvement / Comunica oportunidades de participación", [86, 22, 5]),
]
for text, counts in fig6:
    a = assign(counts)
    columns.append((f"{grid6} [{text}]", {i: CHANGE[lang(i)][a[i]] for i in range(N)}))

# Figure 11: changes seen in themselves (select all that apply): 72%, 58%, 56%, 53%.
choices = [
    ("Greater confidence and self-esteem / Mayor confianza y autoestima", 81),
    ("More confident advocating for my children / Más confianza para abogar por mis hijos", 66),
    ("Greater understanding of the school system / Mejor comprensión del sistema escolar", 63),
    ("I see myself as a leader in my community / Me veo como líder en mi comunidad", 60),
]
picked = {i: [] for i in range(N)}
for k, (label, count) in enumerate(choices):
    for i in ranked(noise=1.2)[:count]:
        picked[i].append(k)
for i in range(N):  # everybody marked at least one change: move a mark from someone with several
    if not picked[i]:
        donor = next(j for j in sorted(range(N), key=lambda j: -len(picked[j])) if len(picked[j]) >= 2)
        picked[i].append(picked[donor].pop())
assert all(picked[i] for i in range(N))
assert [sum(k in picked[i] for i in range(N)) for k in range(len(choices))] == [c for _, c in choices]
columns.append(("What positive changes have you seen in yourself? (select all that apply) / ¿Qué cambios positivos ha visto en usted? (marque todas las que apliquen)",
                {i: ";".join(choices[k][0] for k in sorted(picked[i])) for i in range(N)}))

# Participation in the past year: Zumbas 62%, Noches Familiares 59%, Lunadas 50%.
for en, es, yes in [("Zumbas", "Zumbas", 70), ("Noches Familiares", "Noches Familiares", 67), ("Lunadas", "Lunadas", 56)]:
    a = assign([yes, N - yes])
    columns.append((f"In the past year, did you take part in {en}? / En el último año, ¿participó en {es}?",
                    {i: YES[lang(i)][a[i]] for i in range(N)}))

# A few free-text comments (commas, quotes and a line break, as real exports have).
comments = {
    3: 'The "Lunadas" made me feel welcome, and I brought my sister.',
    17: "Ahora hablo con la directora sin miedo.\nGracias, Alianza.",
    42: "More meetings in Spanish, please",
    88: "Mi hijo ya no fue suspendido este año; \"círculos\" funcionan.",
}
columns.append(("Comments / Comentarios", {i: comments.get(i, "") for i in range(N)}))


def write(name, notes, header, rows):
    buf = io.StringIO()
    for note in notes:
        buf.write(f"# {note}\r\n")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


write("parents.csv", [
    "synthetic: true",
    "title: ECV parent survey 2019-20 (SYNTHETIC example) / Encuesta de padres ECV 2019-20 (ejemplo SINTÉTICO)",
    "note: SYNTHETIC data made by src/survey/example/make_example.py (python3, seed 2020). It reproduces the rounded percentages published in seed 000 for n = 113 parents (Figures 6, 10, 11, 12; residence; participation); no row is a real person.",
    "nota: datos SINTÉTICOS hechos por src/survey/example/make_example.py (python3, semilla 2020). Reproducen los porcentajes redondeados publicados en la semilla 000 para n = 113 padres (figuras 6, 10, 11 y 12; lugar de residencia; participación); ninguna fila es una persona real.",
], [h for h, _ in columns], [[cells[i] for _, cells in columns] for i in range(N)])

# Staff climate survey: "adults at this school believe every student can be a success",
# agree or strongly agree 48% (2014-15) -> 72% (2017-18). Sizes ASSUMED: 100 per wave.
staff = []
for wave, counts in [("2014-15", [14, 34, 38, 14]), ("2017-18", [26, 46, 22, 6])]:
    labels = [l for l, c in zip(["Strongly agree", "Agree", "Disagree", "Strongly disagree"], counts) for _ in range(c)]
    rng.shuffle(labels)
    for k, label in enumerate(labels):
        staff.append([wave, f"S{wave[:4]}-{k + 1:03d}", label])
write("staff.csv", [
    "synthetic: true",
    "title: Staff climate survey, CVUSD middle schools (SYNTHETIC example) / Encuesta de clima del personal (ejemplo SINTÉTICO)",
    "wave sizes: assumed",
    "note: SYNTHETIC data made by src/survey/example/make_example.py. It reproduces the published shares 48% (2014-15) and 72% (2017-18) of seed 000 (Figure 9). The wave sizes, 100 staff per wave, are ASSUMED: the source does not publish them. In 2014-15 the top two answers were 'Nearly all adults'/'Most adults'; here both waves use agree labels.",
    "nota: datos SINTÉTICOS hechos por src/survey/example/make_example.py. Reproducen los porcentajes publicados, 48 % (2014-15) y 72 % (2017-18), de la semilla 000 (figura 9). El tamaño de cada ola, 100 miembros del personal, es SUPUESTO: la fuente no lo publica. En 2014-15 las dos respuestas más altas eran 'Casi todos los adultos'/'La mayoría de los adultos'; aquí ambas olas usan respuestas de acuerdo.",
], ["Wave", "Staff ID", "Adults at this school believe every student can be a success / Los adultos de esta escuela creen que todo estudiante puede tener éxito"], staff)
