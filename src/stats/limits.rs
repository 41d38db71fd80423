//! The engine's bounds on sizes and magnitudes, and the coded errors that enforce them.
//!
//! Every numeric result of the engine is finite or a coded error. Two kinds of bound keep it so:
//!
//! * **Magnitude.** A data value that enters a sum of squares (scores, ratings, paired
//!   answers) must satisfy |x| ≤ [`MAX_MAGNITUDE`] = 10¹⁰⁰: then every square is ≤ 10²⁰⁰ and
//!   every sum of at most 10⁸ of them stays below 10²⁰⁹, far from overflow (10³⁰⁸). No survey
//!   answer, score or rating comes within 90 orders of magnitude of it. Beyond, the value is
//!   rejected with `value_out_of_range` naming the value, where it is and the limit — rather
//!   than rescaled, so that every later formula (variances, covariances, t, d) is covered by
//!   one check instead of one rescaling each.
//! * **Work.** Every computation whose cost grows with a product of sizes (items², bootstrap
//!   resamples × reviews, budget × proposals, grouping items × cells) has a stated cap; above
//!   it the call fails at once with `too_large` naming `what` (a stable camelCase identifier
//!   such as `scaleItems` or `bootstrapWork`, for the page to translate), the `limit` and the
//!   `requested` size. The caps are listed in README "Limits and guarantees" and docs/api.md.

use crate::error::{Code, Error, Result};

/// Largest magnitude of a data value that enters a sum of squares.
pub const MAX_MAGNITUDE: f64 = 1e100;

/// Checks |`value`| ≤ [`MAX_MAGNITUDE`] for the value at `index` of the array `name` (NaN and
/// infinities are the caller's business and pass).
pub(crate) fn magnitude(name: &str, index: usize, value: f64) -> Result<()> {
    if value.abs() > MAX_MAGNITUDE && value.is_finite() {
        return Err(Error::new(
            Code::ValueOutOfRange,
            format!(
                "{name} at index {index} is beyond ±1e100 (its value is in details): such \
                 values are not accepted (their squares would overflow)"
            ),
        )
        .with("name", name)
        .with("index", index)
        .with("value", value)
        .with("limit", MAX_MAGNITUDE));
    }
    Ok(())
}

/// Checks every value of `values` with [`magnitude`]; fast when all are in range.
pub(crate) fn magnitudes(name: &str, values: &[f64]) -> Result<()> {
    // A NaN (missing) passes; values beyond the limit (and ±∞) fail the fast test.
    if values
        .iter()
        .all(|v| v.abs() <= MAX_MAGNITUDE || v.is_nan())
    {
        return Ok(());
    }
    for (i, &v) in values.iter().enumerate() {
        magnitude(name, i, v)?;
    }
    Ok(())
}

/// The `too_large` error for `requested` units of `what` (a stable camelCase identifier)
/// against a cap of `limit`.
pub(crate) fn too_large(what: &str, limit: f64, requested: f64) -> Error {
    Error::new(
        Code::TooLarge,
        format!(
            "{what}: {} requested, at most {} allowed",
            crate::error::num(requested),
            crate::error::num(limit)
        ),
    )
    .with("what", what)
    .with("limit", limit)
    .with("requested", requested)
}

/// Fails with [`too_large`] when `requested > limit`.
pub(crate) fn at_most(what: &str, limit: f64, requested: f64) -> Result<()> {
    if requested > limit {
        Err(too_large(what, limit, requested))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limits_are_named_in_the_error() {
        let e = magnitude("before", 3, 1e155).unwrap_err();
        assert_eq!(e.code, Code::ValueOutOfRange);
        assert_eq!(e.details["limit"], 1e100.into());
        assert_eq!(e.details["index"], 3usize.into());
        assert!(magnitude("x", 0, f64::NAN).is_ok());
        assert!(magnitudes("x", &[1.0, f64::NAN, -1e100]).is_ok());
        assert_eq!(
            magnitudes("x", &[1.0, -1e101]).unwrap_err().details["index"],
            1usize.into()
        );
        let e = at_most("scaleItems", 1000.0, 5e6).unwrap_err();
        assert_eq!(e.code, Code::TooLarge);
        assert_eq!(e.details["requested"], 5e6.into());
        assert!(at_most("scaleItems", 1000.0, 1000.0).is_ok());
    }
}
