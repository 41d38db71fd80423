# Reference values for the chi-square tests in src/stats/contingency.rs.
# Produces tests/data/shift_chi_square.json. Run from the repository root:
#   Rscript tests/data/shift_chi_square.R
# (needs Debian's r-cran-effectsize)
# - independence: chisq.test(m, correct = FALSE / TRUE) -> statistic, df, p, expected;
#   effectsize::cramers_v(m, adjust = FALSE / TRUE) (adjust = Bergsma's bias correction)
# - goodness of fit: chisq.test(x, p = p) -> statistic, df, p, expected
source("tests/data/shift_json.R")
suppressPackageStartupMessages(library(effectsize))
tables <- list(
  list(name = "2x2", m = matrix(c(24, 26, 36, 14), 2, byrow = TRUE)),
  list(name = "2x2 small", m = matrix(c(3, 1, 1, 4), 2, byrow = TRUE)),
  list(name = "residence by lunadas", m = matrix(c(20, 23, 12, 8, 9, 9, 7, 25), 4, byrow = TRUE)),
  list(name = "3x4 sparse", m = matrix(c(0, 2, 5, 1, 3, 0, 1, 7, 2, 2, 0, 4), 3, byrow = TRUE)),
  list(name = "large 2x3", m = matrix(c(1200, 950, 410, 1130, 1002, 388), 2, byrow = TRUE)),
  list(name = "strong association", m = matrix(c(40, 2, 1, 3, 35, 2, 0, 4, 38), 3, byrow = TRUE)),
  list(name = "independent exactly", m = matrix(c(10, 20, 30, 20, 40, 60), 2, byrow = TRUE))
)
cramer <- function(m, adjust) {
  v <- tryCatch(suppressWarnings(cramers_v(m, adjust = adjust, ci = NULL))$Cramers_v,
                error = function(e) NA)
  if (length(v) == 0) NA else v
}
cases <- list()
for (tb in tables) {
  for (correct in c(FALSE, TRUE)) {
    if (correct && !all(dim(tb$m) == 2)) next
    t <- suppressWarnings(chisq.test(tb$m, correct = correct))
    cases[[length(cases) + 1]] <- list(
      kind = "independence", name = tb$name, table = tb$m, correct = correct,
      statistic = unname(t$statistic), df = unname(t$parameter), pValue = t$p.value,
      expected = t$expected,
      cramersV = cramer(tb$m, FALSE), cramersVAdjusted = cramer(tb$m, TRUE)
    )
  }
}
gof <- list(
  list(name = "residence vs equal shares", x = c(43, 20, 18, 14, 18), p = rep(0.2, 5)),
  list(name = "likert vs district mix", x = c(5, 12, 30, 41, 25), p = c(0.05, 0.1, 0.3, 0.35, 0.2)),
  list(name = "small expected", x = c(1, 0, 3), p = c(0.1, 0.3, 0.6)),
  list(name = "perfect fit", x = c(25, 25, 50), p = c(0.25, 0.25, 0.5))
)
for (g in gof) {
  t <- suppressWarnings(chisq.test(g$x, p = g$p))
  cases[[length(cases) + 1]] <- list(
    kind = "gof", name = g$name, observed = I(g$x), probabilities = I(g$p),
    statistic = unname(t$statistic), df = unname(t$parameter), pValue = t$p.value,
    expected = I(unname(t$expected))
  )
}
write_fixture(cases, "tests/data/shift_chi_square.json", "tests/data/shift_chi_square.R")
