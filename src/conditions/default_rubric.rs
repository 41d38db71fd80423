//! The default rubric: FSG's six conditions of systems change in three levels, plus Alianza
//! Coachella Valley's community-led conditions (leadership development, read from the source;
//! community building, inferred).
//!
//! FSG publishes no numeric rubric; the 0–4 anchors below are waterline's, written so that a
//! reviewer can tell "mentions" from "plans" from "central" from "has already moved".

use super::rubric::{Condition, Level, Provenance, Rubric, ScalePoint, Text, RUBRIC_VERSION};

const FSG: &str = "Kania, Kramer & Senge (2018), The Water of Systems Change, FSG";

/// What a condition's anchors talk about: a short phrase in English and Spanish.
struct Object {
    en: &'static str,
    es: &'static str,
}

/// The five anchors 0–4 for one condition.
fn scale(o: &Object) -> Vec<ScalePoint> {
    let point = |value: f64, label: Text, en: String, es: String| ScalePoint {
        value,
        label,
        description: Text::new(en, es),
    };
    vec![
        point(
            0.0,
            Text::new("Not addressed", "No se aborda"),
            format!("The proposal does not address {}.", o.en),
            format!("La propuesta no aborda {}.", o.es),
        ),
        point(
            1.0,
            Text::new("Mentioned", "Mencionado"),
            format!("The proposal mentions {} but names no activity aimed at it.", o.en),
            format!("La propuesta menciona {} pero no nombra ninguna actividad dirigida a ello.", o.es),
        ),
        point(
            2.0,
            Text::new("Planned", "Planificado"),
            format!("The proposal plans activities aimed at {}, without a clear path to change.", o.en),
            format!(
                "La propuesta planifica actividades dirigidas a {}, sin un camino claro hacia el cambio.",
                o.es
            ),
        ),
        point(
            3.0,
            Text::new("Central", "Central"),
            format!(
                "Changing {} is central: concrete activities, named people or institutions, and a \
                 plausible path to change.",
                o.en
            ),
            format!(
                "Cambiar {} es central: actividades concretas, personas o instituciones nombradas y \
                 un camino creíble hacia el cambio.",
                o.es
            ),
        ),
        point(
            4.0,
            Text::new("Proven", "Comprobado"),
            format!(
                "Central, and the applicant shows evidence of having already shifted {}.",
                o.en
            ),
            format!("Central, y el solicitante muestra evidencia de haber cambiado ya {}.", o.es),
        ),
    ]
}

#[allow(clippy::too_many_arguments)]
fn condition(
    id: &str,
    level: &str,
    name: Text,
    definition: Text,
    object: Object,
    provenance: Provenance,
    source: &str,
) -> Condition {
    Condition {
        id: id.into(),
        level_id: level.into(),
        name,
        definition,
        scale: scale(&object),
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
            Object { en: "the policies that hold the problem in place", es: "las políticas que sostienen el problema" },
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
            Object { en: "institutional practices", es: "las prácticas institucionales" },
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
            Object { en: "how resources are allocated", es: "la forma en que se asignan los recursos" },
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
            Object {
                en: "the relationships among the actors",
                es: "las relaciones entre los actores",
            },
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
            Object { en: "who holds decision-making power", es: "quién tiene el poder de decisión" },
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
            Object {
                en: "the beliefs and assumptions behind the problem",
                es: "las creencias y los supuestos detrás del problema",
            },
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
            Object {
                en: "community members' leadership",
                es: "el liderazgo de los miembros de la comunidad",
            },
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
            Object {
                en: "community connections and a base of support",
                es: "las conexiones comunitarias y una base de apoyo",
            },
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
