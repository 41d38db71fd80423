# Reference values for the survey report, computed by R on a seeded synthetic export.
# Run from the repository root: Rscript tests/data/survey_reference.R   (R 4.2.2, base R only)
# Writes tests/data/survey_reference.csv (the export the test imports, first line names this
# script) and tests/data/survey_reference_expected.csv (name,value pairs from R).
set.seed(113)
n <- 60
lab <- c("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")
comm <- sample(c("Mecca", "Thermal", "Oasis"), n, replace = TRUE, prob = c(.4, .35, .25))
hours <- round(rgamma(n, 2, 0.5), 1)
before <- sample(1:5, n, replace = TRUE, prob = c(.15, .3, .25, .2, .1))
after <- pmin(5, pmax(1, before + sample(-1:2, n, replace = TRUE, prob = c(.1, .35, .35, .2))))
df <- data.frame(`Respondent ID` = sprintf("R%02d", 1:n), Community = comm,
                 `Hours volunteered` = hours, `Confidence (before)` = lab[before],
                 `Confidence (now)` = lab[after], check.names = FALSE)
con <- file("tests/data/survey_reference.csv", "w")
writeLines(paste0("# produced by: Rscript tests/data/survey_reference.R (", R.version.string, ")"), con)
write.csv(df, con, row.names = FALSE)
close(con)

q <- quantile(hours, c(.25, .5, .75), type = 7)
tt <- t.test(hours)$conf.int
top <- prop.test(sum(after >= 4), n, correct = FALSE)$conf.int
w <- suppressWarnings(wilcox.test(after, before, paired = TRUE))
d <- after - before; d <- d[d != 0]; r <- rank(abs(d))
rb <- (sum(r[d > 0]) - sum(r[d < 0])) / sum(r)
pt <- t.test(after, before, paired = TRUE)
cb <- suppressWarnings(chisq.test(table(comm, before), correct = FALSE))
ca <- suppressWarnings(chisq.test(table(comm, after), correct = FALSE))
# The report adjusts its three tests as one family: the shift, then the two breakdowns.
holm <- p.adjust(c(w$p.value, cb$p.value, ca$p.value), "holm")
out <- data.frame(name = c("hours_mean", "hours_sd", "hours_q1", "hours_median", "hours_q3",
                           "hours_t_lower", "hours_t_upper", "now_top2_lower", "now_top2_upper",
                           "wilcoxon_v", "wilcoxon_p", "rank_biserial", "paired_t_p", "paired_t_dz",
                           "chisq_before", "chisq_before_p", "chisq_now", "chisq_now_p",
                           "holm_shift", "holm_before", "holm_now"),
                  value = c(mean(hours), sd(hours), q[1], q[2], q[3], tt[1], tt[2], top[1], top[2],
                            unname(w$statistic), w$p.value, rb, pt$p.value,
                            mean(after - before) / sd(after - before),
                            unname(cb$statistic), cb$p.value, unname(ca$statistic), ca$p.value,
                            holm[1], holm[2], holm[3]))
con <- file("tests/data/survey_reference_expected.csv", "w")
writeLines(paste0("# produced by: Rscript tests/data/survey_reference.R (", R.version.string, ")"), con)
write.csv(format(out, digits = 17), con, row.names = FALSE, quote = FALSE)
close(con)
