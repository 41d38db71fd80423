// The reference of every engine method tag: the paper and the R call that reproduces it.
// Citations and R code are not translated (they read the same in English and Spanish); the
// method's name and its one-line description are, in ./strings.js. Survey results carry their
// own `reference` from the engine (src/survey/report); a card shows that one when it is given,
// and this table only for the results that carry none (statistics, proposals, schedule).
//

/** Each tag: `paper` a citation only (authors, year, journal, pages — no prose, so it reads the
 *  same on the Spanish page), null when the method is plain arithmetic with no paper; `r` an R
 *  call (code: shown with translate="no"), null when no R function reproduces the number.
 *  @type {Record<string, { paper: string | null, r: string | null }>} */
export const REFERENCES = {
  // ---- statistics (src/stats/method.rs)
  wilson: { paper: 'Wilson (1927), JASA 22, 209–212', r: 'prop.test(x, n, correct = FALSE)$conf.int' },
  paired_t: { paper: 'Student (1908), Biometrika 6, 1–25', r: 't.test(after, before, paired = TRUE)' },
  mcnemar: { paper: 'McNemar (1947), Psychometrika 12, 153–157', r: 'mcnemar.test(table, correct = FALSE)' },
  mcnemar_exact: { paper: 'McNemar (1947), Psychometrika 12, 153–157', r: 'binom.test(b, b + c)' },
  mcnemar_connor: { paper: 'Connor (1987), Biometrics 43, 207–211', r: null },
  exact_binomial: { paper: 'Clopper & Pearson (1934), Biometrika 26, 404–413', r: 'binom.test(x, n)' },
  newcombe_paired: { paper: 'Newcombe (1998), Stat Med 17, 2635–2650', r: null },
  newcombe: { paper: 'Newcombe (1998), Stat Med 17, 873–890', r: null },
  two_proportions: { paper: 'Pearson (1900)', r: 'prop.test(c(x1, x2), c(n1, n2), correct = FALSE)' },
  mann_whitney: { paper: 'Mann & Whitney (1947), Ann Math Stat 18, 50–60', r: 'wilcox.test(x, y)' },
  wilcoxon_signed_rank: { paper: 'Wilcoxon (1945), Biometrics Bull 1, 80–83', r: 'wilcox.test(after, before, paired = TRUE)' },
  chi_square: { paper: 'Pearson (1900)', r: 'chisq.test(table, correct = FALSE)' },
  chi_square_yates: { paper: 'Yates (1934), JRSS Suppl 1, 217–235', r: 'chisq.test(table, correct = TRUE)' },
  chi_square_independence: { paper: 'Pearson (1900); Cramér (1946)', r: 'chisq.test(table, correct = FALSE)' },
  chi_square_gof: { paper: 'Pearson (1900)', r: 'chisq.test(x, p = p)' },
  krippendorff: { paper: 'Krippendorff (2004)', r: 'irr::kripp.alpha(t(m), method = "interval")' },
  cronbach: { paper: 'Cronbach (1951), Psychometrika 16, 297–334', r: 'psych::alpha(na.omit(x))' },
  feldt: { paper: 'Feldt, Woodruff & Salih (1987), Appl Psych Meas 11, 93–103', r: 'psych::alpha.ci(alpha, n.obs, n.var)' },
  shrout_fleiss: { paper: 'Shrout & Fleiss (1979), Psych Bull 86, 420–428', r: 'irr::icc(m, model = "twoway", type = "agreement")' },
  t: { paper: 'Student (1908), Biometrika 6, 1–25', r: 't.test(x, conf.level = level)$conf.int' },
  exact: { paper: 'Clopper & Pearson (1934), Biometrika 26, 404–413', r: 'binom.test(x, n)$conf.int' },
  normal: { paper: null, r: null },
  none: { paper: null, r: null },
  // ---- proposals (src/conditions/method.rs)
  round_analysis: { paper: null, r: 'weighted.mean(scores, weights)' },
  bootstrap_reviewers: { paper: 'Efron & Tibshirani (1993), ch. 6', r: 'boot::boot(reviewers, rank_of, R = resamples)' },
  dp_over_cost: { paper: 'Kellerer, Pferschy & Pisinger (2004), §2.3', r: 'adagio::knapsack(cost, score, budget)' },
  branch_and_bound: { paper: 'Martello & Toth (1990), §2.5', r: 'adagio::knapsack(cost, score, budget)' },
  additive_least_squares: { paper: null, r: 'lm(score ~ 0 + proposal + reviewer)' },
  weighted_mean_of_condition_means: { paper: null, r: 'weighted.mean(colMeans(m), w)' },
  icc_complete_rows_krippendorff: { paper: 'Shrout & Fleiss (1979); Krippendorff (2004)', r: 'irr::icc(m, "twoway", "agreement"); irr::kripp.alpha(t(m), "interval")' },
  reviews_csv: { paper: 'RFC 4180', r: 'read.csv(file)' },
  // ---- logic models (src/toc/method.rs)
  linear_expected_progress: { paper: null, r: 'approx(c(start, end), c(baseline, target), xout = today)' },
  cpm_delay: { paper: 'Kelley & Walker (1959)', r: null },
  cpm: { paper: 'Kelley & Walker (1959), Proc. Eastern Joint Computer Conf., 160–173', r: null },
  toc_rules_v1: { paper: null, r: null },
  layered_barycenter: { paper: 'Sugiyama, Tagawa & Toda (1981), IEEE SMC 11, 109–125', r: null },
};
