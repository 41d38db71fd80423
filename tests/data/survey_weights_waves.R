# Reference values for the weighted wave comparisons, subgroup tables and scales (#19):
# writes tests/data/survey_weights_waves.json with R's survey package.
#
#   waves      design on the answering respondents of the two waves:
#                d <- svydesign(ids = ~1, weights = ~w, data = rows)
#                b <- svyby(~y, ~wave, d, svymean, covmat = TRUE)   per-wave estimate and SE
#                svycontrast(b, c(-1, 1))                             last - first, its SE
#              z = contrast / SE, p = 2 pnorm(-|z|); interval contrast -/+ qnorm(1 - a/2) SE
#              (shares: y is the 0/1 top-box indicator; the per-wave share interval is
#              Wilson on the wave's Kish n_eff = sum(w)^2 / sum(w^2), written out below)
#   subgroups  svyby(~y, ~group, d, svymean) on the shown groups' answering respondents
#   scales     complete respondents: svymean(~score, d) with score the mean of the items,
#              svycralpha(~q1 + q2 + q3 + q4, d)
#
# Run: Rscript tests/data/survey_weights_waves.R   (R >= 4, package survey)

suppressPackageStartupMessages(library(survey))
set.seed(1919)

num <- function(x) {
  if (length(x) == 1 && is.na(x)) return("null")
  sprintf("%.17g", x)
}
arr <- function(x) paste0("[", paste(vapply(x, num, ""), collapse = ","), "]")
obj <- function(...) {
  kv <- list(...)
  paste0("{", paste(sprintf("\"%s\":%s", names(kv), unlist(kv)), collapse = ","), "}")
}

wilson <- function(p, n, level) {
  z <- qnorm(1 - (1 - level) / 2)
  c <- z * z / n
  centre <- (p + c / 2) / (1 + c)
  half <- z / (1 + c) * sqrt(p * (1 - p) / n + c / (4 * n))
  c(centre - half, centre + half)
}

wave_case <- function(name, y, wave, w, share, level) {
  rows <- data.frame(y = y, wave = wave, w = w)
  d <- svydesign(ids = ~1, weights = ~w, data = rows)
  b <- svyby(~y, ~wave, d, svymean, covmat = TRUE)
  ct <- svycontrast(b, c(-1, 1))
  est <- coef(b)
  se <- SE(b)
  diff <- unname(coef(ct))
  dse <- unname(SE(ct))
  z <- qnorm(1 - (1 - level) / 2)
  neff <- tapply(w, wave, function(v) sum(v)^2 / sum(v^2))
  out <- list(
    name = sprintf("\"%s\"", name), share = if (share) "true" else "false",
    level = num(level), values = arr(y), wave = arr(wave), weights = arr(w),
    estimate = arr(unname(est)), se = arr(unname(se)), nEff = arr(unname(neff)),
    difference = num(diff), differenceSe = num(dse),
    lower = num(diff - z * dse), upper = num(diff + z * dse),
    z = num(diff / dse), pValue = num(2 * pnorm(-abs(diff / dse)))
  )
  if (share) {
    out$fromInterval <- arr(wilson(est[1], neff[1], level))
    out$toInterval <- arr(wilson(est[2], neff[2], level))
  }
  do.call(obj, out)
}

waves <- c(
  wave_case("share40", as.numeric(runif(90) < 0.45), rep(0:1, c(40, 50)),
            round(rlnorm(90, 0, 0.6), 4), TRUE, 0.95),
  wave_case("share200", as.numeric(runif(330) < 0.6), rep(0:1, c(130, 200)),
            round(rlnorm(330, 0, 0.8), 4), TRUE, 0.9),
  wave_case("likert", as.numeric(sample(1:5, 120, TRUE)), rep(0:1, c(55, 65)),
            c(0, 0, round(rgamma(118, 2, 1 / 1.5), 4)), FALSE, 0.95),
  wave_case("numeric", round(rnorm(75, 50, 12), 2), rep(0:1, c(30, 45)),
            round(rlnorm(75, 0, 0.5), 4), FALSE, 0.99)
)

subgroup_case <- function(name, y, group, w, level) {
  rows <- data.frame(y = y, group = group, w = w)
  d <- svydesign(ids = ~1, weights = ~w, data = rows)
  b <- svyby(~y, ~group, d, svymean)
  neff <- tapply(w, group, function(v) sum(v)^2 / sum(v^2))
  lower <- upper <- numeric(0)
  for (g in seq_along(neff)) {
    ci <- wilson(coef(b)[g], neff[g], level)
    lower <- c(lower, ci[1])
    upper <- c(upper, ci[2])
  }
  obj(name = sprintf("\"%s\"", name), level = num(level), values = arr(y),
      group = arr(group), weights = arr(w), estimate = arr(unname(coef(b))),
      se = arr(unname(SE(b))), nEff = arr(unname(neff)), lower = arr(unname(lower)),
      upper = arr(unname(upper)))
}

n <- 150
subgroups <- c(
  subgroup_case("three", as.numeric(runif(n) < 0.55), sample(0:2, n, TRUE, c(0.5, 0.3, 0.2)),
                round(rlnorm(n, 0, 0.7), 4), 0.95)
)

scale_case <- function(name, k, n, level) {
  trait <- rnorm(n)
  items <- sapply(1:k, function(j) pmin(5, pmax(1, round(3 + trait + rnorm(n, 0, 0.9)))))
  colnames(items) <- paste0("q", 1:k)
  w <- round(rlnorm(n, 0, 0.6), 4)
  w[1] <- 0
  rows <- data.frame(items, w = w)
  rows$score <- rowMeans(items)
  d <- svydesign(ids = ~1, weights = ~w, data = rows)
  m <- svymean(~score, d)
  f <- as.formula(paste("~", paste(colnames(items), collapse = " + ")))
  a <- svycralpha(f, d)
  z <- qnorm(1 - (1 - level) / 2)
  obj(name = sprintf("\"%s\"", name), level = num(level), k = num(k),
      items = arr(as.vector(t(items))), weights = arr(w), mean = num(unname(coef(m))),
      se = num(unname(SE(m))), lower = num(unname(coef(m)) - z * unname(SE(m))),
      upper = num(unname(coef(m)) + z * unname(SE(m))),
      sd = num(sqrt(unname(coef(svyvar(~score, d))))), alpha = num(unname(a)))
}

scales <- c(scale_case("four", 4, 80, 0.95), scale_case("three", 3, 45, 0.9))

json <- paste0(
  "{\"generatedBy\":\"tests/data/survey_weights_waves.R\",\"survey\":\"",
  as.character(packageVersion("survey")), "\",\"R\":\"", getRversion(), "\",",
  "\"waves\":[", paste(waves, collapse = ","), "],",
  "\"subgroups\":[", paste(subgroups, collapse = ","), "],",
  "\"scales\":[", paste(scales, collapse = ","), "]}\n"
)
args <- commandArgs(trailingOnly = FALSE)
file <- sub("^--file=", "", args[grep("^--file=", args)])
out <- file.path(dirname(normalizePath(file)), "survey_weights_waves.json")
writeLines(json, out, sep = "")
cat("wrote", out, "\n")
