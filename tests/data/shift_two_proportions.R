# Reference values for two independent proportions (src/stats/two_sample.rs): wave 2 (x2/n2)
# against wave 1 (x1/n1).
# Produces tests/data/shift_two_proportions.json. Run from the repository root:
#   Rscript tests/data/shift_two_proportions.R
# (needs Debian's r-cran-epi: apt-get install -y r-cran-epi)
# - test: prop.test(c(x1, x2), c(n1, n2), correct = FALSE / TRUE) (NaN -> null when both waves
#   are at 0% or 100%, where the test is undefined)
# - interval for p2 - p1: Epi::ci.pd(x2, x1, n2 - x2, n1 - x1, method = "Nc"), Newcombe
#   (1998, Stat Med 17:873-890) method 10
# - Cohen's h = 2 asin(sqrt(p2)) - 2 asin(sqrt(p1))
source("tests/data/shift_json.R")
suppressPackageStartupMessages(library(Epi))
waves <- list(
  c(24, 50, 36, 50, 0.95),     # seed 000: staff survey 48% -> 72%, waves assumed n = 50
  c(48, 100, 72, 100, 0.95),   # the same with n = 100 per wave
  c(48, 100, 72, 100, 0.90),
  c(48, 100, 72, 100, 0.99),
  c(96, 200, 144, 200, 0.95),  # and n = 200
  c(12, 25, 18, 25, 0.95),     # and n = 25
  c(480, 1000, 720, 1000, 0.95),
  c(0, 10, 5, 10, 0.95),       # x = 0
  c(10, 10, 3, 12, 0.95),      # x = n
  c(0, 10, 0, 20, 0.95),       # both at 0%
  c(10, 10, 20, 20, 0.95),     # both at 100%
  c(1, 1, 0, 1, 0.95),         # n = 1
  c(5, 9, 7, 11, 0.95),
  c(3, 40, 11, 35, 0.95),
  c(101, 113, 105, 113, 0.95), # seed 000: 89% vs 93%
  c(56, 113, 62, 100, 0.95),
  c(0, 1, 1, 1, 0.80)
)
na_to_null <- function(v) if (is.finite(v)) v else NULL
cases <- lapply(waves, function(w) {
  x1 <- w[1]; n1 <- w[2]; x2 <- w[3]; n2 <- w[4]; level <- w[5]
  t0 <- suppressWarnings(prop.test(c(x1, x2), c(n1, n2), correct = FALSE))
  t1 <- suppressWarnings(prop.test(c(x1, x2), c(n1, n2), correct = TRUE))
  ci <- ci.pd(x2, x1, n2 - x2, n1 - x1, method = "Nc", conf.level = level, print = FALSE)
  list(
    x1 = x1, n1 = n1, x2 = x2, n2 = n2, level = level,
    difference = ci[1, 5], lower = ci[1, 6], upper = ci[1, 7],
    chiSquare = na_to_null(unname(t0$statistic)), pValue = na_to_null(t0$p.value),
    chiSquareYates = na_to_null(unname(t1$statistic)), pValueYates = na_to_null(t1$p.value),
    cohensH = 2 * asin(sqrt(x2 / n2)) - 2 * asin(sqrt(x1 / n1))
  )
})
write_fixture(cases, "tests/data/shift_two_proportions.json", "tests/data/shift_two_proportions.R")
