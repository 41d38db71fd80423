//! waterline's survey statistics as Apache DataFusion aggregate functions, so that SQL such as
//!
//! ```sql
//! SELECT district,
//!        wl_share(q7, '1,2,3,4,5', '4,5')            AS q7_agree,
//!        wl_paired_shift(q7_before, q7_now, '1,2,3,4,5') AS q7_shift
//! FROM responses GROUP BY district
//! ```
//!
//! runs over many files and all cores. DataFusion plans a partial aggregation per partition and
//! a final one after a repartition; the accumulators' states are mergeable summaries, so the
//! result does not depend on how the rows were split (nor, under Ballista, on which machine
//! summarised which file).

pub mod adjust;
pub mod categories;
pub mod choice_columns;
pub mod choices;
pub mod coded;
pub mod duplicates;
pub mod finish;
pub mod first_seen;
pub mod input;
pub mod label_scales;
pub mod left_out;
pub mod numbers;
pub mod pairs;
pub mod plan;
pub mod render;
pub mod report;
pub mod scale;
pub mod scales;
pub mod sentences;
pub mod state;
pub mod subgroup;
pub mod texts;
pub mod udaf;
pub mod waves;
pub mod weighted;
pub mod weighted_categories;
pub mod weighted_choices;
pub mod weighted_numbers;
pub mod weighted_pairs;
pub mod weighted_rake;
pub mod weighted_render;
pub mod weighted_report;
pub mod weighted_subgroups;
pub mod weighted_waves;
pub mod xwave;

pub use datafusion;

use datafusion::logical_expr::AggregateUDF;
use datafusion::prelude::SessionContext;
use udaf::{Kind, Wl};

/// Every waterline aggregate function.
pub fn functions() -> Vec<AggregateUDF> {
    [Kind::Counts, Kind::Share, Kind::Mean, Kind::PairedShift]
        .into_iter()
        .map(|k| AggregateUDF::from(Wl::new(k)))
        .chain([AggregateUDF::from(scales::WlScale::default())])
        .chain([AggregateUDF::from(texts::WlTexts::default())])
        .chain(
            [
                weighted::WKind::Weights,
                weighted::WKind::Counts,
                weighted::WKind::Shift,
                weighted::WKind::Scale,
            ]
            .map(|k| AggregateUDF::from(weighted::WlWeighted::new(k))),
        )
        .collect()
}

/// Registers every waterline aggregate function in a session (a Ballista executor's session
/// registers them the same way).
pub fn register_waterline(ctx: &SessionContext) {
    for f in functions() {
        ctx.register_udaf(f);
    }
}
