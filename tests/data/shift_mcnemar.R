# Reference values for McNemar's test and Newcombe's paired interval (src/stats/paired.rs).
# Produces tests/data/shift_mcnemar.json. Run from the repository root:
#   Rscript tests/data/shift_mcnemar.R
#
# Table layout (rows before yes/no, columns after yes/no): a = yes/yes, b = yes/no,
# c = no/yes, d = no/no.
# - exact p: binom.test(b, b + c)$p.value (the exact McNemar test)
# - chi-square: mcnemar.test(m, correct = FALSE / TRUE)
# - interval for after − before: Newcombe (1998, Stat Med 17:2635-2650) method 10, written
#   here straight from the paper's formulas, with R's own Wilson interval
#   (prop.test(..., correct = FALSE)$conf.int) for the two margins. The phi of the paper's
#   method 10 carries the continuity adjustment (ad - bc - n/2 when ad - bc > n/2, 0 when
#   0 <= ad - bc <= n/2, ad - bc when negative); that reading reproduces the worked example
#   of Altman et al. (2000), Statistics with Confidence, Table 6.2, checked below.
source("tests/data/shift_json.R")

wilson <- function(x, n, level) {
  ci <- prop.test(x, n, conf.level = level, correct = FALSE)$conf.int
  c(x / n, ci[1], ci[2])
}
# Newcombe method 10 for theta = p1 - p2 with p1 = (a + b)/n (first occasion), p2 = (a + c)/n.
newcombe10 <- function(a, b, c, d, level) {
  n <- a + b + c + d
  w1 <- wilson(a + b, n, level); w2 <- wilson(a + c, n, level)
  p1 <- w1[1]; l1 <- w1[2]; u1 <- w1[3]
  p2 <- w2[1]; l2 <- w2[2]; u2 <- w2[3]
  efgh <- (a + b) * (c + d) * (a + c) * (b + d)
  ad_bc <- a * d - b * c
  phi <- if (efgh == 0) 0 else {
    num <- if (ad_bc > n / 2) ad_bc - n / 2 else if (ad_bc >= 0) 0 else ad_bc
    num / sqrt(efgh)
  }
  theta <- p1 - p2
  delta <- sqrt((p1 - l1)^2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2)^2)
  eps <- sqrt((u1 - p1)^2 - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2)^2)
  c(theta, theta - delta, theta + eps)
}
# Published worked example: Altman et al. (2000), Table 6.2 (14, 5, 0, 22): 0.122, 95% CI
# 0.011 to 0.226.
ex <- newcombe10(14, 5, 0, 22, 0.95)
stopifnot(all(round(ex, 3) == c(0.122, 0.011, 0.226)))

tables <- list(
  c(14, 5, 0, 22, 0.95),   # Altman et al. 2000, Table 6.2
  c(1, 1, 7, 12, 0.95),    # Bentur et al. 2009 (Fagerland, Lydersen & Laake 2014)
  c(59, 6, 16, 80, 0.95),  # Cavo et al. 2012 (same book)
  c(15, 3, 55, 40, 0.95),  # seed-like: 113 parents, district meetings before/after joining
  c(15, 3, 55, 40, 0.90),
  c(15, 3, 55, 40, 0.99),
  c(20, 3, 12, 10, 0.95),
  c(5, 4, 4, 5, 0.95),     # b = c
  c(0, 1, 0, 0, 0.95),     # n = 1
  c(0, 0, 1, 0, 0.95),
  c(0, 10, 0, 0, 0.95),    # everybody lost the yes
  c(0, 0, 12, 0, 0.95),    # everybody gained it
  c(100, 0, 25, 3, 0.95),  # b = 0
  c(3, 1, 0, 2, 0.95),
  c(36, 12, 2, 0, 0.95),
  c(10, 200, 260, 30, 0.95),  # large discordant counts
  c(1000, 480, 560, 2000, 0.95),
  c(2, 7, 1, 0, 0.80)
)
cases <- lapply(tables, function(t) {
  a <- t[1]; b <- t[2]; c <- t[3]; d <- t[4]; level <- t[5]
  m <- matrix(c(a, c, b, d), 2)  # rows before, columns after
  ci <- newcombe10(a, b, c, d, level)  # for before - after
  list(
    a = a, b = b, c = c, d = d, level = level,
    pExact = binom.test(b, b + c)$p.value,
    chiSquare = unname(mcnemar.test(m, correct = FALSE)$statistic),
    pChiSquare = mcnemar.test(m, correct = FALSE)$p.value,
    chiSquareCorrected = unname(mcnemar.test(m, correct = TRUE)$statistic),
    pChiSquareCorrected = mcnemar.test(m, correct = TRUE)$p.value,
    # the change after - before is minus theta; its interval is the mirror image
    estimate = -ci[1], lower = -ci[3], upper = -ci[2]
  )
})
write_fixture(cases, "tests/data/shift_mcnemar.json", "tests/data/shift_mcnemar.R")
