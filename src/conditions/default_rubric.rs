//! The default rubric: FSG's six conditions of systems change in three levels, plus Alianza
//! Coachella Valley's community-led conditions (leadership development, read from the source;
//! community building, inferred).
//!
//! FSG publishes no numeric rubric and no level descriptors: the conditions' *definitions* are
//! FSG's (paraphrased from the monograph; Alianza's for the community-led ones), and every 0–4
//! descriptor below is waterline's, written per condition from that definition (and, for the
//! community-led conditions, from Alianza's Figure 3b activities and outcomes), so that a reviewer
//! can tell "mentions" from "plans" from "central" from "has already moved" for *this* condition.
//! Each descriptor says so: [`Wording::Waterline`]; a funder's edit makes it [`Wording::Custom`].

use super::rubric::{
    Condition, Level, Provenance, Rubric, ScalePoint, Text, Wording, RUBRIC_VERSION,
};

const FSG: &str = "Kania, Kramer & Senge (2018), The Water of Systems Change, FSG";

/// The five descriptors (0–4) of one condition, `(English, Spanish)`.
type Anchors = [(&'static str, &'static str); 5];

/// The labels of the five points, the same for every condition.
const LABELS: [(&str, &str); 5] = [
    ("Not addressed", "No se aborda"),
    ("Mentioned", "Mencionado"),
    ("Planned", "Planificado"),
    ("Central", "Central"),
    ("Proven", "Comprobado"),
];

/// The scale 0–4 of one condition with its own descriptors, all `Wording::Waterline`.
fn scale(anchors: &Anchors) -> Vec<ScalePoint> {
    LABELS
        .iter()
        .zip(anchors)
        .enumerate()
        .map(|(i, ((l_en, l_es), (en, es)))| ScalePoint {
            value: i as f64,
            label: Text::new(*l_en, *l_es),
            description: Text::new(*en, *es),
            wording: Some(Wording::Waterline),
        })
        .collect()
}

const POLICIES: Anchors = [
    (
        "No policy, rule, regulation or institutional priority is named as part of the problem or of its solution.",
        "No se nombra ninguna política, regla, regulación o prioridad institucional como parte del problema o de su solución.",
    ),
    (
        "Names a policy or rule that holds the problem in place, but plans no work to change it or to see it carried out.",
        "Nombra una política o regla que sostiene el problema, pero no planifica ningún trabajo para cambiarla o para que se cumpla.",
    ),
    (
        "Plans work on a specific policy, rule or priority (analysis, testimony, a proposal to a board), without naming who decides or when.",
        "Planifica trabajo sobre una política, regla o prioridad concreta (análisis, testimonios, una propuesta a una junta), sin nombrar quién decide ni cuándo.",
    ),
    (
        "Presses for a specific change in a rule, regulation or institutional priority, naming the decision-makers, the decision point (a vote, a budget cycle, a rule-making) and the people affected who will press for it.",
        "Impulsa un cambio concreto en una regla, regulación o prioridad institucional, nombrando a quienes deciden, el momento de la decisión (una votación, un ciclo presupuestario, una reglamentación) y a las personas afectadas que lo impulsarán.",
    ),
    (
        "As 3, and the applicant has already helped adopt or enforce a policy (adopted text, a budget line, a regulation) and plans to follow its implementation.",
        "Como 3, y el solicitante ya ayudó a adoptar o hacer cumplir una política (un texto aprobado, una partida presupuestaria, una regulación) y planifica seguir su implementación.",
    ),
];

const PRACTICES: Anchors = [
    (
        "No attention to how institutions, coalitions or networks actually operate: their procedures, guidelines and informal habits.",
        "No presta atención a cómo funcionan en la práctica las instituciones, coaliciones o redes: sus procedimientos, pautas y hábitos informales.",
    ),
    (
        "Mentions a practice to change (for example how a school handles discipline) but names no activity aimed at it.",
        "Menciona una práctica que cambiar (por ejemplo, cómo maneja la disciplina una escuela), pero no nombra ninguna actividad dirigida a ello.",
    ),
    (
        "Plans to pilot or promote a different practice in one setting, without a path to the institution adopting it.",
        "Planifica probar o promover una práctica distinta en un lugar, sin un camino para que la institución la adopte.",
    ),
    (
        "Works with named institutions or networks to change their procedures, guidelines or informal habits, with their staff involved and a way to see whether the new practice is used.",
        "Trabaja con instituciones o redes nombradas para cambiar sus procedimientos, pautas o hábitos informales, con la participación de su personal y una forma de ver si la nueva práctica se usa.",
    ),
    (
        "As 3, and a new practice (for example restorative circles instead of suspensions) is already in use in at least one institution because of the applicant's work.",
        "Como 3, y una práctica nueva (por ejemplo, círculos restaurativos en lugar de suspensiones) ya se usa en al menos una institución gracias al trabajo del solicitante.",
    ),
];

const RESOURCE_FLOWS: Anchors = [
    (
        "Does not address how money, people, knowledge, information or infrastructure are allocated and distributed.",
        "No aborda cómo se asignan y distribuyen el dinero, las personas, el conocimiento, la información o la infraestructura.",
    ),
    (
        "Notes that resources are allocated unfairly or too thinly, but names no activity to change that.",
        "Señala que los recursos se asignan de forma injusta o insuficiente, pero no nombra ninguna actividad para cambiarlo.",
    ),
    (
        "Plans to bring resources to its own project (grants, volunteers, data), without changing how others allocate theirs.",
        "Planifica atraer recursos para su propio proyecto (subvenciones, voluntarios, datos), sin cambiar cómo otros asignan los suyos.",
    ),
    (
        "Aims to change how a named public or institutional budget, staff, knowledge or information is allocated or shared (for example the community's part in budget decisions, open data), with the allocation and who decides it named.",
        "Busca cambiar cómo se asigna o comparte un presupuesto, personal, conocimiento o información pública o institucional nombrada (por ejemplo, la participación de la comunidad en las decisiones de presupuesto, datos abiertos), nombrando la asignación y quién la decide.",
    ),
    (
        "As 3, and the applicant has already shifted an allocation (a budget line, staff time, shared data) toward the people affected.",
        "Como 3, y el solicitante ya desplazó una asignación (una partida presupuestaria, tiempo de personal, datos compartidos) hacia las personas afectadas.",
    ),
];

const RELATIONSHIPS: Anchors = [
    (
        "The actors work alone: no attention to the connection or communication among them.",
        "Los actores trabajan por separado: no presta atención a la conexión ni a la comunicación entre ellos.",
    ),
    (
        "Mentions partners or a coalition, but names no activity that builds trust or communication.",
        "Menciona socios o una coalición, pero no nombra ninguna actividad que construya confianza o comunicación.",
    ),
    (
        "Plans meetings or convenings among actors who already know and agree with each other.",
        "Planifica reuniones o encuentros entre actores que ya se conocen y están de acuerdo.",
    ),
    (
        "Builds connection and communication among actors with different histories and viewpoints (families and district staff, organizations that compete), with regular spaces and a way to work through conflict.",
        "Construye conexión y comunicación entre actores con historias y puntos de vista distintos (familias y personal del distrito, organizaciones que compiten), con espacios regulares y una forma de trabajar los conflictos.",
    ),
    (
        "As 3, and the relationships already produce joint work: shared decisions, data or agreements that did not exist before.",
        "Como 3, y las relaciones ya producen trabajo conjunto: decisiones, datos o acuerdos compartidos que antes no existían.",
    ),
];

const POWER_DYNAMICS: Anchors = [
    (
        "Does not consider who holds decision-making power, authority or influence.",
        "No considera quién tiene el poder de decisión, la autoridad o la influencia.",
    ),
    (
        "Names an imbalance of power, but names no activity to shift it.",
        "Nombra un desequilibrio de poder, pero no nombra ninguna actividad para cambiarlo.",
    ),
    (
        "Consults the people affected (surveys, listening sessions) while decisions stay with the institution or the applicant.",
        "Consulta a las personas afectadas (encuestas, sesiones de escucha) mientras las decisiones siguen en manos de la institución o del solicitante.",
    ),
    (
        "Shifts decision-making power, authority or formal and informal influence toward the people affected: seats with a vote, leadership of the project's own decisions, control over resources.",
        "Desplaza el poder de decisión, la autoridad o la influencia formal e informal hacia las personas afectadas: puestos con voto, liderazgo de las decisiones del propio proyecto, control sobre los recursos.",
    ),
    (
        "As 3, and the people affected already hold decision-making roles or influence they did not hold before (for example parents on a district committee that decides).",
        "Como 3, y las personas afectadas ya ocupan puestos de decisión o tienen una influencia que antes no tenían (por ejemplo, madres y padres en un comité del distrito que decide).",
    ),
];

const MENTAL_MODELS: Anchors = [
    (
        "Does not address the beliefs, assumptions or narratives behind the problem.",
        "No aborda las creencias, los supuestos ni las narrativas detrás del problema.",
    ),
    (
        "Mentions a harmful belief or narrative (for example \"those parents don't care\"), but names no activity aimed at it.",
        "Menciona una creencia o narrativa dañina (por ejemplo, «a esas familias no les importa»), pero no nombra ninguna actividad dirigida a ello.",
    ),
    (
        "Plans awareness activities (a campaign, a training) without reflection on the assumptions of the institutions or of the applicant itself.",
        "Planifica actividades de sensibilización (una campaña, una capacitación) sin reflexionar sobre los supuestos de las instituciones ni del propio solicitante.",
    ),
    (
        "Works to shift deeply held beliefs, assumptions and taken-for-granted ways of operating, in institutions, in the community and in the applicant itself, through sustained reflection, stories and shared learning.",
        "Trabaja para cambiar creencias profundas, supuestos y formas de actuar que se dan por sentadas, en las instituciones, en la comunidad y en el propio solicitante, mediante reflexión sostenida, relatos y aprendizaje compartido.",
    ),
    (
        "As 3, and there is evidence that a narrative has already changed (for example officials describe parents as partners; the language of policy documents changed).",
        "Como 3, y hay evidencia de que una narrativa ya cambió (por ejemplo, los funcionarios describen a las familias como aliadas; cambió el lenguaje de los documentos oficiales).",
    ),
];

const LEADERSHIP: Anchors = [
    (
        "No development of community members' leadership.",
        "No desarrolla el liderazgo de los miembros de la comunidad.",
    ),
    (
        "Mentions leaders or leadership, but offers no training or support.",
        "Menciona líderes o liderazgo, pero no ofrece capacitación ni apoyo.",
    ),
    (
        "Offers one-off trainings or workshops, without a path for participants to lead.",
        "Ofrece capacitaciones o talleres aislados, sin un camino para que los participantes lideren.",
    ),
    (
        "Issue trainings (for example restorative justice, the school budget) and capacity trainings (communications, leadership) that build consciousness of systemic issues and the confidence to engage others, with a path to leadership roles.",
        "Capacitaciones sobre temas (por ejemplo, justicia restaurativa, el presupuesto escolar) y de habilidades (comunicación, liderazgo) que forman conciencia de los problemas sistémicos y la confianza para involucrar a otros, con un camino hacia puestos de liderazgo.",
    ),
    (
        "As 3, and participants already lead: they facilitate meetings, speak where decisions are made and train others.",
        "Como 3, y los participantes ya lideran: facilitan reuniones, toman la palabra donde se decide y capacitan a otros.",
    ),
];

const COMMUNITY_BUILDING: Anchors = [
    (
        "No outreach or base building in the community.",
        "No hace alcance comunitario ni construcción de base en la comunidad.",
    ),
    (
        "Mentions the community or outreach, but names no activity.",
        "Menciona a la comunidad o el alcance comunitario, pero no nombra ninguna actividad.",
    ),
    (
        "Plans outreach (flyers, one-off events) without building lasting connections.",
        "Planifica alcance comunitario (volantes, eventos aislados) sin construir conexiones duraderas.",
    ),
    (
        "Regular gatherings and meetings (for example family nights, school-site meetings) that build community connections, shared knowledge of local issues and new leaders.",
        "Encuentros y reuniones regulares (por ejemplo, noches familiares, reuniones en las escuelas) que construyen conexiones comunitarias, conocimiento compartido de los problemas locales y nuevos líderes.",
    ),
    (
        "As 3, and a base of support already exists: members who come back, bring others and act together on local issues.",
        "Como 3, y ya existe una base de apoyo: miembros que regresan, traen a otros y actúan juntos sobre los problemas locales.",
    ),
];

#[allow(clippy::too_many_arguments)]
fn condition(
    id: &str,
    level: &str,
    name: Text,
    definition: Text,
    anchors: &Anchors,
    provenance: Provenance,
    source: &str,
) -> Condition {
    Condition {
        id: id.into(),
        level_id: level.into(),
        name,
        definition,
        scale: scale(anchors),
        weight: 1.0,
        provenance,
        source: Some(source.into()),
    }
}

/// The default rubric: FSG's six conditions (structural: policies, practices, resource flows;
/// relational: relationships & connections, power dynamics; transformative: mental models) and
/// Alianza's community-led conditions (leadership development, community building), each scored
/// 0–4 with anchors in English and Spanish, all with weight 1.
///
/// Provenance: the six FSG conditions are `fsg`; leadership development is `alianza_source`
/// (Alianza's Figure 3a caption: it "directly affects the other conditions"); community building
/// is `alianza_inferred` (the introduction names "community building and leadership development
/// as key components", but the figure's full list of labels is not in the text we have).
///
/// # Examples
/// ```
/// let r = waterline::conditions::default_rubric();
/// assert_eq!(r.conditions.len(), 8);
/// assert_eq!(r.levels.len(), 4);
/// assert!(r.validate().is_ok());
/// ```
///
/// # References
/// Kania, J., Kramer, M. & Senge, P. (2018). *The Water of Systems Change*. FSG. Alianza
/// Coachella Valley & Advancement Project California (2020), restorative justice case study,
/// Figures 3a–3b.
pub fn default_rubric() -> Rubric {
    let levels = vec![
        Level {
            id: "structural".into(),
            name: Text::new("Structural change (explicit)", "Cambio estructural (explícito)"),
            description: Text::new(
                "Policies, practices and resource flows: the most visible conditions.",
                "Políticas, prácticas y flujos de recursos: las condiciones más visibles.",
            ),
        },
        Level {
            id: "relational".into(),
            name: Text::new("Relational change (semi-explicit)", "Cambio relacional (semiexplícito)"),
            description: Text::new(
                "Relationships and connections, and power dynamics among the actors.",
                "Relaciones y conexiones, y dinámicas de poder entre los actores.",
            ),
        },
        Level {
            id: "transformative".into(),
            name: Text::new("Transformative change (implicit)", "Cambio transformador (implícito)"),
            description: Text::new(
                "Mental models: the least explicit condition, which FSG asks funders to attend to most.",
                "Modelos mentales: la condición menos explícita, a la que FSG pide prestar más atención.",
            ),
        },
        Level {
            id: "community".into(),
            name: Text::new("Community-led foundations", "Bases del cambio liderado por la comunidad"),
            description: Text::new(
                "Alianza Coachella Valley's conditions, foundational to community-led systems change.",
                "Las condiciones de Alianza Coachella Valley, fundamentales para el cambio de sistemas \
                 liderado por la comunidad.",
            ),
        },
    ];
    let conditions = vec![
        condition(
            "policies",
            "structural",
            Text::new("Policies", "Políticas"),
            Text::new(
                "Rules, regulations and priorities set by governments, institutions and organizations \
                 that guide their own and others' actions.",
                "Reglas, regulaciones y prioridades que fijan gobiernos, instituciones y organizaciones \
                 y que guían sus propias acciones y las de otros.",
            ),
            &POLICIES,
            Provenance::Fsg,
            FSG,
        ),
        condition(
            "practices",
            "structural",
            Text::new("Practices", "Prácticas"),
            Text::new(
                "Activities of institutions, coalitions and networks aimed at social or environmental \
                 progress; within an entity, its procedures, guidelines and informal habits.",
                "Actividades de instituciones, coaliciones y redes orientadas al progreso social o \
                 ambiental; dentro de una entidad, sus procedimientos, pautas y hábitos informales.",
            ),
            &PRACTICES,
            Provenance::Fsg,
            FSG,
        ),
        condition(
            "resource-flows",
            "structural",
            Text::new("Resource flows", "Flujos de recursos"),
            Text::new(
                "How money, people, knowledge, information and other assets, infrastructure too, are \
                 allocated and distributed.",
                "Cómo se asignan y distribuyen el dinero, las personas, el conocimiento, la información \
                 y otros bienes, incluida la infraestructura.",
            ),
            &RESOURCE_FLOWS,
            Provenance::Fsg,
            FSG,
        ),
        condition(
            "relationships",
            "relational",
            Text::new("Relationships & connections", "Relaciones y conexiones"),
            Text::new(
                "The quality of connection and communication among actors, especially those with \
                 different histories and viewpoints.",
                "La calidad de la conexión y la comunicación entre los actores, sobre todo entre quienes \
                 tienen historias y puntos de vista distintos.",
            ),
            &RELATIONSHIPS,
            Provenance::Fsg,
            FSG,
        ),
        condition(
            "power-dynamics",
            "relational",
            Text::new("Power dynamics", "Dinámicas de poder"),
            Text::new(
                "How decision-making power, authority and formal and informal influence are distributed \
                 among individuals and organizations.",
                "Cómo se distribuyen el poder de decisión, la autoridad y la influencia formal e informal \
                 entre personas y organizaciones.",
            ),
            &POWER_DYNAMICS,
            Provenance::Fsg,
            FSG,
        ),
        condition(
            "mental-models",
            "transformative",
            Text::new("Mental models", "Modelos mentales"),
            Text::new(
                "Habits of thought: deeply held beliefs, assumptions and taken-for-granted ways of \
                 operating.",
                "Hábitos de pensamiento: creencias profundas, supuestos y formas de actuar que se dan \
                 por sentadas.",
            ),
            &MENTAL_MODELS,
            Provenance::Fsg,
            FSG,
        ),
        condition(
            "leadership-development",
            "community",
            Text::new("Leadership development", "Desarrollo de liderazgo"),
            Text::new(
                "Building community members' leadership: issue and capacity trainings that lead to \
                 consciousness of systemic issues and the confidence to engage others. It directly \
                 affects the other conditions.",
                "Formar el liderazgo de los miembros de la comunidad: capacitaciones sobre temas y \
                 habilidades que llevan a la conciencia de los problemas sistémicos y a la confianza \
                 para involucrar a otros. Afecta directamente a las demás condiciones.",
            ),
            &LEADERSHIP,
            Provenance::AlianzaSource,
            "Alianza Coachella Valley (2020), Figure 3a caption: leadership development \
             \"directly affects the other conditions\"",
        ),
        condition(
            "community-building",
            "community",
            Text::new("Community building", "Construcción de comunidad"),
            Text::new(
                "Outreach and base building: gatherings and school-site meetings that create community \
                 connections, shared knowledge of local issues and new leaders.",
                "Alcance comunitario y construcción de base: encuentros y reuniones en las escuelas que \
                 crean conexiones, conocimiento compartido de los problemas locales y nuevos líderes.",
            ),
            &COMMUNITY_BUILDING,
            Provenance::AlianzaInferred,
            "Inferred: Alianza's introduction names \"community building and leadership development \
             as key components\"; Figure 3a's full list of labels is not in the text available",
        ),
    ];
    Rubric {
        version: RUBRIC_VERSION,
        name: Text::new(
            "Systems-change conditions (FSG + Alianza community-led)",
            "Condiciones de cambio de sistemas (FSG + Alianza, liderado por la comunidad)",
        ),
        levels,
        conditions,
    }
}
