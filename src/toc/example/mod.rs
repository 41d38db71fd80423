//! The built-in example models, as JSON files compiled into the engine.

use super::file::parse_model;
use super::model::Model;
use crate::error::Result;

/// PASS (seed 004) as a model file.
pub const PASS_JSON: &str = include_str!("pass.json");
/// Alianza's parent leadership model (seed 000, Figure 3b) as a model file.
pub const ALIANZA_JSON: &str = include_str!("alianza.json");

/// Parents Advocating for Student Success (seed 004, the PASS concept paper): two phases
/// (operational design planning 2020-21; implementation 2021-22 through 2022-23), goals 1–8
/// with the dependencies the text implies, and its theory of change (trained and supported
/// parent organizers on school campuses → parent engagement, parent concerns prioritized,
/// collective advocacy → more timely, equitable and effective responses).
///
/// Every element, date and dependency carries its provenance: `read` with a quote from the
/// concept paper, or `assumed` with a note (durations, the stipend and site-budget amounts,
/// indicator baselines and targets are not in the text).
///
/// # Errors
///
/// None in practice: the file is tested to parse and validate clean.
///
/// # Examples
///
/// ```
/// let pass = waterline::toc::example_pass_model()?;
/// assert_eq!(pass.goals.len(), 8);
/// assert_eq!(pass.goals[0].owner.as_deref(), Some("PASS funders"));
/// # Ok::<(), waterline::Error>(())
/// ```
pub fn example_pass_model() -> Result<Model> {
    parse_model(PASS_JSON)
}

/// Alianza Coachella Valley's parent leadership model (seed 000, Figure 3b): three components
/// (leadership development; community outreach and base building; advocacy), each with who
/// takes part, its activities and its outcomes, mapped to systems-change conditions, with
/// indicators from the 2019-20 ECV parent survey (n = 113) and district data. No schedule.
///
/// # Errors
///
/// None in practice: the file is tested to parse and validate clean.
pub fn example_alianza_model() -> Result<Model> {
    parse_model(ALIANZA_JSON)
}
