# Generates the built-in example round (synthetic) used by the page and the tests, in English
# (round.json) and Spanish (round.es.json): the same ids, amounts, reviewers and scores, with
# the text a user reads (titles, applicants, reviewer labels, comments, the conflict's reason,
# the round's title and note) in each language. Place names and the names of organisations
# that exist (Parents Advocating for Student Success) stay as they are. Run:
#   python3 src/conditions/example/round.py      (writes both files beside this script)
# Proposals are drawn from the seed documents (Alianza Coachella Valley, PASS); applicants,
# amounts, reviewers and scores are made up. Each proposal has a "true" profile on the default
# rubric's eight conditions (0-4); reviewer r1 is harsh (-1), r4 generous (+1), the others add
# small noise. Each proposal is read by three of the five reviewers (a cyclic incomplete
# design); reviewer r3 has a conflict of interest with p07.
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))

CONDITIONS = ["policies", "practices", "resource-flows", "relationships", "power-dynamics",
              "mental-models", "leadership-development", "community-building"]
# id, title, applicant, community, requested, minimum, profile (in CONDITIONS order)
PROPOSALS = [
    ("p01", "Restorative justice in Coachella Valley Unified middle schools",
     "Parent leaders for restorative justice", "Coachella", 180000, 120000, [4, 4, 3, 3, 3, 3, 4, 3]),
    ("p02", "PASS: parent organizers on twenty Sacramento school campuses",
     "Parents Advocating for Student Success", "Sacramento", 250000, 150000, [2, 3, 2, 4, 4, 2, 4, 3]),
    ("p03", "A first public bus route for North Shore",
     "North Shore transit riders", "North Shore", 90000, None, [3, 2, 4, 2, 2, 1, 2, 2]),
    ("p04", "Paving mobile-home parks to cut dust",
     "Eastern Coachella Valley housing coalition", "Mecca", 300000, 200000, [2, 2, 4, 1, 1, 0, 1, 1]),
    ("p05", "Community wellness centers in unincorporated towns",
     "Oasis community health promoters", "Oasis", 150000, None, [1, 3, 3, 3, 2, 2, 2, 3]),
    ("p06", "A youth organizing council for school climate",
     "Coachella youth organizers", "Coachella", 80000, None, [2, 2, 1, 3, 3, 3, 4, 3]),
    ("p07", "LCAP budget transparency campaign",
     "Parents for equitable school budgets", "Coachella", 120000, 80000, [3, 2, 4, 2, 3, 2, 3, 2]),
    ("p08", "District elections for the water board",
     "Residents for fair representation", "Thermal", 110000, None, [4, 2, 2, 2, 4, 2, 2, 2]),
    ("p09", "Salton Sea air quality: residents, agencies and a shared plan",
     "Salton Sea environmental justice collaborative", "North Shore", 200000, 140000, [3, 2, 3, 3, 2, 2, 2, 2]),
    ("p10", "Parent leadership trainings on restorative justice, LCAP and school budgets",
     "Thermal parent leadership institute", "Thermal", 60000, None, [1, 2, 1, 3, 2, 3, 4, 3]),
    ("p11", "Changing the story: immigrant parents as partners (media campaign)",
     "Salton City storytellers", "Salton City", 70000, 50000, [1, 1, 1, 1, 1, 4, 1, 1]),
    ("p12", "Lunadas, Zumbas and Noches Familiares: building the parent base",
     "Desert Shores families", "Desert Shores", 45000, None, [0, 1, 0, 3, 2, 2, 3, 4]),
]
REVIEWERS = [("r1", "Ana (harsh)"), ("r2", "Ben"), ("r3", "Carmen"), ("r4", "Diego (generous)"),
             ("r5", "Elena")]
NOTE = ("Synthetic example drawn from the seed documents (Alianza Coachella Valley, PASS). "
        "Applicants, amounts, reviewers and scores are made up. Reviewer r1 scores harshly "
        "and r4 generously; r3 has a conflict of interest with p07. Try a budget of $800,000.")
NOTE_ES = ("Ejemplo sintético basado en los documentos de origen (Alianza Coachella Valley, PASS). "
           "Los solicitantes, los montos, los revisores y los puntajes son inventados. El revisor r1 "
           "califica con severidad y r4 con generosidad; r3 tiene un conflicto de interés con p07. "
           "Pruebe un presupuesto de $800,000.")
# Spanish for every English text above and below (Spanish as US Latino nonprofits write it).
ES = {
    "Restorative justice in Coachella Valley Unified middle schools":
        "Justicia restaurativa en las escuelas secundarias del Distrito Escolar Unificado de Coachella Valley",
    "Parent leaders for restorative justice": "Padres líderes por la justicia restaurativa",
    "PASS: parent organizers on twenty Sacramento school campuses":
        "PASS: organizadores de padres en veinte planteles escolares de Sacramento",
    "Parents Advocating for Student Success": "Parents Advocating for Student Success",
    "A first public bus route for North Shore": "Una primera ruta de autobús público para North Shore",
    "North Shore transit riders": "Usuarios del transporte público de North Shore",
    "Paving mobile-home parks to cut dust": "Pavimentar los parques de casas móviles para reducir el polvo",
    "Eastern Coachella Valley housing coalition": "Coalición de vivienda del Este del Valle de Coachella",
    "Community wellness centers in unincorporated towns":
        "Centros comunitarios de bienestar en pueblos no incorporados",
    "Oasis community health promoters": "Promotoras de salud comunitaria de Oasis",
    "A youth organizing council for school climate": "Un consejo de jóvenes organizadores por el clima escolar",
    "Coachella youth organizers": "Jóvenes organizadores de Coachella",
    "LCAP budget transparency campaign": "Campaña por la transparencia del presupuesto del LCAP",
    "Parents for equitable school budgets": "Padres por presupuestos escolares equitativos",
    "District elections for the water board": "Elecciones por distrito para la junta del agua",
    "Residents for fair representation": "Residentes por una representación justa",
    "Salton Sea air quality: residents, agencies and a shared plan":
        "La calidad del aire en el Salton Sea: residentes, agencias y un plan compartido",
    "Salton Sea environmental justice collaborative": "Colaborativa de justicia ambiental del Salton Sea",
    "Parent leadership trainings on restorative justice, LCAP and school budgets":
        "Capacitaciones de liderazgo para padres sobre justicia restaurativa, el LCAP y los presupuestos escolares",
    "Thermal parent leadership institute": "Instituto de liderazgo de padres de Thermal",
    "Changing the story: immigrant parents as partners (media campaign)":
        "Cambiar la narrativa: padres inmigrantes como socios (campaña en los medios)",
    "Salton City storytellers": "Narradores de Salton City",
    "Lunadas, Zumbas and Noches Familiares: building the parent base":
        "Lunadas, Zumbas y Noches Familiares: construir la base de padres",
    "Desert Shores families": "Familias de Desert Shores",
    "Ana (harsh)": "Ana (severa)",
    "Diego (generous)": "Diego (generoso)",
    "Strong on narrative, but who is in the room? No relational work.":
        "Sólida en la narrativa, pero ¿quiénes están en la sala? No hay trabajo de relaciones.",
    "General Plan language is vague; no named decision-makers.":
        "El texto del Plan General es vago; no nombra a quienes toman las decisiones.",
    "serves on the applicant's board": "forma parte de la junta directiva del solicitante",
    "Example round: community-led systems change (synthetic)":
        "Ronda de ejemplo: cambio de sistemas liderado por la comunidad (sintética)",
    NOTE: NOTE_ES,
}
# The restorative-justice proposal is the built-in Alianza logic model's program (#18): the
# evidence map and "proposals meet evidence" follow this link.
TOC_MODEL = {"p01": "alianza"}

OFFSET = {"r1": -1, "r2": 0, "r3": 0, "r4": 1, "r5": 0}

rng = random.Random(7)
scores = []
for i, (pid, *_rest, profile) in enumerate(PROPOSALS):
    readers = [REVIEWERS[(i + j) % 5][0] for j in range(3)]
    if pid == "p07":  # r3 has a conflict of interest: r5 reads it instead.
        readers = ["r1", "r4", "r5"]
    for rid in readers:
        for cid, true in zip(CONDITIONS, profile):
            if pid == "p03" and rid == "r5" and cid == "community-building":
                continue  # an incomplete review: one condition left blank
            noise = rng.choice([-1, 0, 0, 0, 0, 1])
            value = true + OFFSET[rid] + noise
            if pid == "p09" and rid == "r5":
                value = true - 2  # strong disagreement: the panel should discuss p09
            score = {"reviewerId": rid, "proposalId": pid, "conditionId": cid,
                     "value": max(0, min(4, value))}
            if pid == "p11" and cid == "relationships":
                score["comment"] = "Strong on narrative, but who is in the room? No relational work."
            if pid == "p09" and rid == "r5" and cid == "policies":
                score["comment"] = "General Plan language is vague; no named decision-makers."
            scores.append(score)



def round_in(tr):
    """The round with every user-read text passed through `tr` (English: unchanged)."""
    return {
        "title": tr("Example round: community-led systems change (synthetic)"),
        "synthetic": True,
        "note": tr(NOTE),
        "proposals": [
            {"id": pid, "title": tr(title), "applicant": tr(applicant), "community": community,
             "amountRequested": req, "minimumAmount": mn,
             **({"tocModelId": TOC_MODEL[pid]} if pid in TOC_MODEL else {})}
            for pid, title, applicant, community, req, mn, _ in PROPOSALS
        ],
        "reviewers": [{"id": rid, "name": ES.get(name, name) if tr is es else name} for rid, name in REVIEWERS],
        "conflicts": [{"reviewerId": "r3", "proposalId": "p07",
                       "reason": tr("serves on the applicant's board")}],
        "scores": [{**s, "comment": tr(s["comment"])} if "comment" in s else s for s in scores],
    }


def es(text):
    return ES[text]  # a KeyError here means a text has no Spanish yet


for name, tr in [("round.json", lambda x: x), ("round.es.json", es)]:
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write(json.dumps(round_in(tr), indent=1, ensure_ascii=False) + "\n")
