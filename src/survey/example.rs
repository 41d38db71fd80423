//! The built-in example surveys: SYNTHETIC data that reproduce the published percentages of
//! seed 000 (ECV parent survey 2019-20, n = 113; staff climate survey 48% → 72%).
//!
//! Both files start with `# synthetic: true` (so the report says so) and are made by
//! `src/survey/example/make_example.py` (run `python3 src/survey/example/make_example.py`).
//! The staff file's wave sizes (100 per wave) are ASSUMED: its `# wave sizes: assumed` line makes
//! the report add a sensitivity table.

/// The parent survey: 113 synthetic parents, Google Forms shape, bilingual headers, Spanish
/// labels on some rows, CRLF line ends. Reproduces Figures 6, 10, 11 and 12, participation and
/// residence shares of seed 000.
pub const PARENTS_CSV: &str = include_str!("example/parents.csv");

/// The staff climate survey: two independent waves (2014-15, 2017-18) of 100 synthetic staff
/// each (sizes ASSUMED), 48% → 72% agree that adults believe every student can succeed.
pub const STAFF_CSV: &str = include_str!("example/staff.csv");
