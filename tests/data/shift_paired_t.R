# Reference values for the paired t-test (src/stats/paired.rs). Difference = after - before.
# Produces tests/data/shift_paired_t.json. Run from the repository root:
#   Rscript tests/data/shift_paired_t.R
# t.test(after, before, paired = TRUE, conf.level = level) -> t, df, p, interval, mean
# difference; Cohen's d_z = mean(d) / sd(d) over the complete pairs.
source("tests/data/shift_json.R")
set.seed(7)
b30 <- round(rnorm(30, 3, 0.8), 3); a30 <- round(b30 + rnorm(30, 0.4, 0.7), 3)
b500 <- round(rnorm(500, 60, 12), 2); a500 <- round(b500 + rnorm(500, -0.8, 9), 2)
lb <- sample(1:5, 40, replace = TRUE); la <- pmin(5, lb + sample(-1:2, 40, replace = TRUE))
lb[c(5, 9)] <- NA; la[c(9, 33)] <- NA
datasets <- list(
  list(name = "n = 2", before = c(1, 2), after = c(3, 3)),
  list(name = "normal, n = 30", before = b30, after = a30),
  list(name = "likert with missing pairs", before = lb, after = la),
  list(name = "large n = 500", before = b500, after = a500),
  list(name = "seed-like confidence scale", before = c(2, 3, 2, 4, 1, 3, 2, 3),
       after = c(4, 4, 3, 4, 3, 5, 2, 4)),
  list(name = "decline", before = c(10, 12, 9, 14, 11), after = c(8, 12.5, 7, 10, 10))
)
cases <- list()
for (ds in datasets) {
  for (level in c(0.95, 0.90, 0.99)) {
    t <- t.test(ds$after, ds$before, paired = TRUE, conf.level = level)
    d <- ds$after - ds$before
    d <- d[!is.na(d)]
    cases[[length(cases) + 1]] <- list(
      name = ds$name, before = I(ds$before), after = I(ds$after), level = level,
      t = unname(t$statistic), df = unname(t$parameter), pValue = t$p.value,
      lower = t$conf.int[1], upper = t$conf.int[2], meanDifference = unname(t$estimate),
      cohensDz = mean(d) / sd(d)
    )
  }
}
write_fixture(cases, "tests/data/shift_paired_t.json", "tests/data/shift_paired_t.R")
