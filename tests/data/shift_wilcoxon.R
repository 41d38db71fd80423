# Reference values for the Wilcoxon signed-rank test, Wilcoxon's zero rule (R's), in
# src/stats/rank.rs. Difference = after - before.
# Produces tests/data/shift_wilcoxon.json. Run from the repository root:
#   Rscript tests/data/shift_wilcoxon.R
# (needs Debian's r-cran-effectsize for the rank-biserial correlation)
# For each data set and each option (correct = TRUE/FALSE, exact = NULL/TRUE/FALSE):
#   wilcox.test(after, before, paired = TRUE, correct =, exact =) -> V, p-value
#   effectsize::rank_biserial(after, before, paired = TRUE) -> matched-pairs rank-biserial r
# R gives NaN when every difference is zero; that p-value is written as null.
source("tests/data/shift_json.R")
suppressPackageStartupMessages(library(effectsize))
set.seed(20240611)
likert_before <- sample(1:5, 30, replace = TRUE, prob = c(.2, .3, .25, .15, .1))
likert_after <- pmin(5, pmax(1, likert_before + sample(-1:2, 30, replace = TRUE, prob = c(.15, .3, .35, .2))))
with_missing_b <- likert_before; with_missing_a <- likert_after
with_missing_b[c(3, 11)] <- NA; with_missing_a[c(11, 20, 27)] <- NA
b120 <- round(rnorm(120, 50, 10), 4); a120 <- round(b120 + rnorm(120, 1.5, 6), 4)
b49 <- round(rnorm(49, 3, 1), 5); a49 <- round(b49 + rnorm(49, 0.3, 0.8), 5)
b60 <- round(rnorm(60, 3, 1), 5); a60 <- round(b60 + rnorm(60, 0.2, 0.8), 5)
datasets <- list(
  list(name = "small, exact", before = c(3.1, 2.4, 5.0, 4.2, 3.3, 2.9, 4.8, 3.7),
       after = c(3.6, 3.6, 4.7, 5.1, 5.4, 3.05, 4.1, 5.3)),
  list(name = "likert 1-5, zeros and ties", before = likert_before, after = likert_after),
  list(name = "likert with missing pairs", before = with_missing_b, after = with_missing_a),
  list(name = "ties, no zeros", before = c(1, 2, 3, 4, 5, 6), after = c(2, 3, 5, 6, 4, 8)),
  list(name = "n = 1", before = 2, after = 5),
  list(name = "one change and one zero", before = c(2, 3), after = c(2, 4)),
  list(name = "all differences zero", before = c(3, 4, 2, 5), after = c(3, 4, 2, 5)),
  list(name = "large n, normal", before = b120, after = a120),
  list(name = "n = 49, exact", before = b49, after = a49),
  list(name = "n = 60", before = b60, after = a60),
  list(name = "all worse, distinct", before = c(5, 6, 7, 8, 9), after = c(4.9, 5.7, 6.6, 7.5, 7.4)),
  list(name = "all better, n = 20", before = rep(0, 20), after = (1:20) / 7),
  list(name = "all tied magnitude", before = c(1, 2, 3, 4, 5), after = c(2, 1, 4, 5, 6))
)
cases <- list()
for (ds in datasets) {
  for (correct in c(TRUE, FALSE)) {
    for (exact in list(NULL, TRUE, FALSE)) {
      t <- suppressWarnings(wilcox.test(ds$after, ds$before, paired = TRUE,
                                        correct = correct, exact = exact))
      d <- ds$after - ds$before
      d <- d[!is.na(d)]
      r <- if (all(d == 0)) NULL else
        suppressWarnings(rank_biserial(ds$after, ds$before, paired = TRUE, ci = NULL))$r_rank_biserial
      cases[[length(cases) + 1]] <- list(
        name = ds$name, before = I(ds$before), after = I(ds$after),
        correct = correct, exact = if (is.null(exact)) NULL else exact,
        statistic = unname(t$statistic),
        pValue = if (is.finite(t$p.value)) t$p.value else NULL,
        exactUsed = grepl("exact", t$method),
        rankBiserial = r
      )
    }
  }
}
write_fixture(cases, "tests/data/shift_wilcoxon.json", "tests/data/shift_wilcoxon.R")
