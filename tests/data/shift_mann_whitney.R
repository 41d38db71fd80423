# Reference values for the Mann-Whitney U (Wilcoxon rank-sum) test in src/stats/two_sample.rs.
# Produces tests/data/shift_mann_whitney.json. Run from the repository root:
#   Rscript tests/data/shift_mann_whitney.R
# (needs Debian's r-cran-effectsize)
# For each data set and each option (correct = TRUE/FALSE, exact = NULL/TRUE/FALSE):
#   wilcox.test(x, y, correct =, exact =) -> W, p-value (NaN -> null when all values tie)
#   effectsize::rank_biserial(x, y) -> 2U/(nx ny) - 1
#   effectsize::p_superiority(x, y, parametric = FALSE) -> P(X > Y) + P(X = Y)/2
source("tests/data/shift_json.R")
suppressPackageStartupMessages(library(effectsize))
set.seed(99)
x60 <- round(rnorm(60, 0.3), 4); y80 <- round(rnorm(80), 4)
x49 <- round(rnorm(49, 0.4), 5); y45 <- round(rnorm(45), 5)
lx <- sample(1:5, 35, replace = TRUE, prob = c(.1, .2, .3, .25, .15))
ly <- sample(1:5, 41, replace = TRUE, prob = c(.2, .3, .25, .15, .1))
lxm <- lx; lxm[c(2, 30)] <- NA; lym <- ly; lym[7] <- NA
datasets <- list(
  list(name = "small, exact", x = c(1.1, 2.3, 3.5, 4.2, 0.7), y = c(0.5, 0.9, 1.0, 2.0, 0.2, 1.6, 3.0)),
  list(name = "with a tie", x = c(1, 2, 3, 4, 5.5), y = c(0, 2.5, 3.5, 6, 1, -1)),
  list(name = "likert waves", x = lx, y = ly),
  list(name = "likert with missing", x = lxm, y = lym),
  list(name = "n = 1 each", x = 3, y = 2),
  list(name = "large, normal", x = x60, y = y80),
  list(name = "49 and 45, exact", x = x49, y = y45),
  list(name = "all ties", x = c(3, 3, 3), y = c(3, 3)),
  list(name = "complete separation", x = c(10, 11, 12, 13), y = c(1, 2, 3))
)
cases <- list()
for (ds in datasets) {
  for (correct in c(TRUE, FALSE)) {
    for (exact in list(NULL, TRUE, FALSE)) {
      t <- suppressWarnings(wilcox.test(ds$x, ds$y, correct = correct, exact = exact))
      x <- ds$x[!is.na(ds$x)]; y <- ds$y[!is.na(ds$y)]
      rb <- suppressWarnings(rank_biserial(x, y, ci = NULL))$r_rank_biserial
      ps <- suppressWarnings(p_superiority(x, y, parametric = FALSE, ci = NULL))$p_superiority
      cases[[length(cases) + 1]] <- list(
        name = ds$name, x = I(ds$x), y = I(ds$y),
        correct = correct, exact = if (is.null(exact)) NULL else exact,
        statistic = unname(t$statistic),
        pValue = if (is.finite(t$p.value)) t$p.value else NULL,
        exactUsed = grepl("exact", t$method),
        rankBiserial = rb, commonLanguage = ps
      )
    }
  }
}
write_fixture(cases, "tests/data/shift_mann_whitney.json", "tests/data/shift_mann_whitney.R")
