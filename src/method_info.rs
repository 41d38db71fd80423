//! What a method card says about a method tag (issue 18): the citation and the R call that
//! reproduces the number, for every `Method` tag the areas put on their results
//! (`stats::Method`, `conditions::Method`, `toc::Method`). One table, so the rule lives once:
//! the page shows it on the card and in the report, never writing its own copy.
//!
//! `paper` is a citation only (authors, year, journal, pages — no prose, so it reads the same in
//! English and Spanish; the page translates the method's name and description), `None` where
//! the method is plain arithmetic with no paper. `r_call` is R code, `None` where no R function
//! reproduces the number. Survey results carry their own `reference` (paper + R call of the
//! exact call made); this table serves the results that carry none.

use serde::Serialize;

/// The reference of one method tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MethodInfo {
    /// The method tag, snake_case, as results carry it (e.g. `wilson`).
    pub method: &'static str,
    /// Whose results carry it: `stats`, `conditions` (proposals) or `toc` (logic models).
    pub area: &'static str,
    /// Citation (authors, year, journal, pages); `null` for plain arithmetic.
    pub paper: Option<&'static str>,
    /// An R call that reproduces the number; `null` when none does.
    pub r_call: Option<&'static str>,
}

const fn info(
    area: &'static str,
    method: &'static str,
    paper: Option<&'static str>,
    r_call: Option<&'static str>,
) -> MethodInfo {
    MethodInfo {
        method,
        area,
        paper,
        r_call,
    }
}

const S: &str = "stats";
const C: &str = "conditions";
const T: &str = "toc";

/// Every method tag with its reference, by area in the order of the enums.
pub const TABLE: &[MethodInfo] = &[
    info(
        S,
        "wilson",
        Some("Wilson (1927), JASA 22, 209–212"),
        Some("prop.test(x, n, correct = FALSE)$conf.int"),
    ),
    info(
        S,
        "paired_t",
        Some("Student (1908), Biometrika 6, 1–25"),
        Some("t.test(after, before, paired = TRUE)"),
    ),
    info(
        S,
        "mcnemar",
        Some("McNemar (1947), Psychometrika 12, 153–157"),
        Some("mcnemar.test(table, correct = FALSE)"),
    ),
    info(
        S,
        "mcnemar_exact",
        Some("McNemar (1947), Psychometrika 12, 153–157"),
        Some("binom.test(b, b + c)"),
    ),
    info(
        S,
        "mcnemar_connor",
        Some("Connor (1987), Biometrics 43, 207–211"),
        None,
    ),
    info(
        S,
        "exact_binomial",
        Some("Clopper & Pearson (1934), Biometrika 26, 404–413"),
        Some("binom.test(x, n)"),
    ),
    info(
        S,
        "newcombe_paired",
        Some("Newcombe (1998), Stat Med 17, 2635–2650"),
        None,
    ),
    info(
        S,
        "newcombe",
        Some("Newcombe (1998), Stat Med 17, 873–890"),
        None,
    ),
    info(
        S,
        "two_proportions",
        Some("Pearson (1900)"),
        Some("prop.test(c(x1, x2), c(n1, n2), correct = FALSE)"),
    ),
    info(
        S,
        "mann_whitney",
        Some("Mann & Whitney (1947), Ann Math Stat 18, 50–60"),
        Some("wilcox.test(x, y)"),
    ),
    info(
        S,
        "wilcoxon_signed_rank",
        Some("Wilcoxon (1945), Biometrics Bull 1, 80–83"),
        Some("wilcox.test(after, before, paired = TRUE)"),
    ),
    info(
        S,
        "chi_square",
        Some("Pearson (1900)"),
        Some("chisq.test(table, correct = FALSE)"),
    ),
    info(
        S,
        "chi_square_yates",
        Some("Yates (1934), JRSS Suppl 1, 217–235"),
        Some("chisq.test(table, correct = TRUE)"),
    ),
    info(
        S,
        "chi_square_independence",
        Some("Pearson (1900); Cramér (1946)"),
        Some("chisq.test(table, correct = FALSE)"),
    ),
    info(
        S,
        "chi_square_gof",
        Some("Pearson (1900)"),
        Some("chisq.test(x, p = p)"),
    ),
    info(
        S,
        "krippendorff",
        Some("Krippendorff (2004)"),
        Some("irr::kripp.alpha(t(m), method = \"interval\")"),
    ),
    info(
        S,
        "cronbach",
        Some("Cronbach (1951), Psychometrika 16, 297–334"),
        Some("psych::alpha(na.omit(x))"),
    ),
    info(
        S,
        "feldt",
        Some("Feldt, Woodruff & Salih (1987), Appl Psych Meas 11, 93–103"),
        Some("psych::alpha.ci(alpha, n.obs, n.var)"),
    ),
    info(
        S,
        "mcdonald_omega",
        Some("McDonald (1999), Test theory: A unified treatment"),
        Some("psych::omega(na.omit(x), nfactors = 1)$omega.tot"),
    ),
    info(
        S,
        "minres",
        Some("Harman & Jones (1966), Psychometrika 31, 351–368"),
        Some("psych::fa(cor(na.omit(x)), 1, fm = \"minres\")"),
    ),
    info(
        S,
        "shrout_fleiss",
        Some("Shrout & Fleiss (1979), Psych Bull 86, 420–428"),
        Some("irr::icc(m, model = \"twoway\", type = \"agreement\")"),
    ),
    info(
        S,
        "cohen_kappa",
        Some("Cohen (1960), Educ Psychol Meas 20, 37–46; Fleiss, Cohen & Everitt (1969), Psych Bull 72, 323–327"),
        Some("vcd::Kappa(table(a, b), weights = \"Equal-Spacing\")"),
    ),
    info(
        S,
        "fleiss_kappa",
        Some("Fleiss (1971), Psych Bull 76, 378–382"),
        Some("irr::kappam.fleiss(ratings)"),
    ),
    info(
        S,
        "pearson",
        Some("Fisher (1921), Metron 1, 3–32"),
        Some("cor.test(x, y, method = \"pearson\")"),
    ),
    info(
        S,
        "spearman",
        Some("Spearman (1904), Am J Psychol 15, 72–101; Best & Roberts (1975), Appl Stat 24, 377–379 (AS 89); Bonett & Wright (2000), Psychometrika 65, 23–28"),
        Some("cor.test(x, y, method = \"spearman\")"),
    ),
    info(
        S,
        "kruskal_wallis",
        Some("Kruskal & Wallis (1952), JASA 47, 583–621"),
        Some("kruskal.test(x, g)"),
    ),
    info(
        S,
        "t",
        Some("Student (1908), Biometrika 6, 1–25"),
        Some("t.test(x, conf.level = level)$conf.int"),
    ),
    info(
        S,
        "exact",
        Some("Clopper & Pearson (1934), Biometrika 26, 404–413"),
        Some("binom.test(x, n)$conf.int"),
    ),
    info(S, "normal", None, None),
    info(S, "none", None, None),
    info(
        S,
        "two_sample_t",
        Some("Student (1908), Biometrika 6, 1–25"),
        Some("power.t.test(n, delta, sd, sig.level, type = \"two.sample\")"),
    ),
    info(
        S,
        "one_proportion_arcsine",
        Some("Cohen (1988), Statistical Power Analysis, 2nd ed., ch. 6"),
        Some("pwr::pwr.p.test(h = ES.h(p1, p0), n, sig.level)"),
    ),
    info(
        S,
        "rank_sum_are",
        Some("Lehmann (1975), Nonparametrics, ch. 2; Faul et al. (2007), Behav Res Methods 39, 175–191"),
        None,
    ),
    info(
        S,
        "weighted_difference",
        Some("Lumley (2010), Complex Surveys §2.5"),
        Some("svycontrast(svyby(~y, ~group, svydesign(ids = ~1, weights = ~w), svymean, covmat = TRUE), c(-1, 1))"),
    ),
    info(
        C,
        "round_analysis",
        None,
        Some("weighted.mean(scores, weights)"),
    ),
    info(
        C,
        "bootstrap_reviewers",
        Some("Efron & Tibshirani (1993), ch. 6"),
        Some("boot::boot(reviewers, rank_of, R = resamples)"),
    ),
    info(
        C,
        "dp_over_cost",
        Some("Kellerer, Pferschy & Pisinger (2004), §2.3"),
        Some("adagio::knapsack(cost, score, budget)"),
    ),
    info(
        C,
        "branch_and_bound",
        Some("Martello & Toth (1990), §2.5"),
        Some("adagio::knapsack(cost, score, budget)"),
    ),
    info(
        C,
        "additive_least_squares",
        None,
        Some("lm(score ~ 0 + proposal + reviewer)"),
    ),
    info(
        C,
        "weighted_mean_of_condition_means",
        None,
        Some("weighted.mean(colMeans(m), w)"),
    ),
    info(
        C,
        "icc_complete_rows_krippendorff",
        Some("Shrout & Fleiss (1979); Krippendorff (2004); Bates, Mächler, Bolker & Walker (2015)"),
        Some("irr::icc(m, \"twoway\", \"agreement\"); irr::kripp.alpha(t(m), \"interval\"); psych::ICC(m, lmer = TRUE)"),
    ),
    info(C, "reviews_csv", Some("RFC 4180"), Some("read.csv(file)")),
    info(
        T,
        "linear_expected_progress",
        None,
        Some("approx(c(start, end), c(baseline, target), xout = today)"),
    ),
    info(T, "cpm_delay", Some("Kelley & Walker (1959)"), None),
    info(T, "toc_rules_v1", None, None),
    info(
        T,
        "layered_barycenter",
        Some("Sugiyama, Tagawa & Toda (1981), IEEE SMC 11, 109–125"),
        None,
    ),
    info(
        T,
        "cpm",
        Some("Kelley & Walker (1959), Proc. Eastern Joint Computer Conf., 160–173"),
        None,
    ),
];

/// The reference of `method` (a snake_case tag), or `None` for a tag no result carries.
pub fn method_info(method: &str) -> Option<MethodInfo> {
    TABLE.iter().find(|m| m.method == method).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::method::Method as S;

    /// Every stats tag. The match is exhaustive: a new variant fails to compile here until it
    /// is listed (and then the table test below asks for its row).
    fn stats_tags() -> Vec<&'static str> {
        let all = [
            S::Wilson,
            S::PairedT,
            S::Mcnemar,
            S::McnemarExact,
            S::McnemarConnor,
            S::ExactBinomial,
            S::NewcombePaired,
            S::Newcombe,
            S::TwoProportions,
            S::MannWhitney,
            S::WilcoxonSignedRank,
            S::ChiSquare,
            S::ChiSquareYates,
            S::ChiSquareIndependence,
            S::ChiSquareGof,
            S::Krippendorff,
            S::Cronbach,
            S::Feldt,
            S::McdonaldOmega,
            S::Minres,
            S::ShroutFleiss,
            S::CohenKappa,
            S::FleissKappa,
            S::Pearson,
            S::Spearman,
            S::KruskalWallis,
            S::T,
            S::Exact,
            S::Normal,
            S::None,
            S::TwoSampleT,
            S::OneProportionArcsine,
            S::RankSumAre,
            S::WeightedDifference,
        ];
        for m in all {
            match m {
                S::Wilson
                | S::PairedT
                | S::Mcnemar
                | S::McnemarExact
                | S::McnemarConnor
                | S::ExactBinomial
                | S::NewcombePaired
                | S::Newcombe
                | S::TwoProportions
                | S::MannWhitney
                | S::WilcoxonSignedRank
                | S::ChiSquare
                | S::ChiSquareYates
                | S::ChiSquareIndependence
                | S::ChiSquareGof
                | S::Krippendorff
                | S::Cronbach
                | S::Feldt
                | S::McdonaldOmega
                | S::Minres
                | S::ShroutFleiss
                | S::CohenKappa
                | S::FleissKappa
                | S::Pearson
                | S::Spearman
                | S::KruskalWallis
                | S::T
                | S::Exact
                | S::Normal
                | S::None
                | S::TwoSampleT
                | S::OneProportionArcsine
                | S::RankSumAre
                | S::WeightedDifference => {}
            }
        }
        all.iter().map(|m| m.as_str()).collect()
    }

    #[cfg(feature = "conditions")]
    fn conditions_tags() -> Vec<&'static str> {
        use crate::conditions::method::Method as C;
        let all = [
            C::RoundAnalysis,
            C::BootstrapReviewers,
            C::DpOverCost,
            C::BranchAndBound,
            C::AdditiveLeastSquares,
            C::WeightedMeanOfConditionMeans,
            C::IccCompleteRowsKrippendorff,
            C::ReviewsCsv,
        ];
        for m in all {
            match m {
                C::RoundAnalysis
                | C::BootstrapReviewers
                | C::DpOverCost
                | C::BranchAndBound
                | C::AdditiveLeastSquares
                | C::WeightedMeanOfConditionMeans
                | C::IccCompleteRowsKrippendorff
                | C::ReviewsCsv => {}
            }
        }
        all.iter().map(|m| m.as_str()).collect()
    }

    #[cfg(feature = "toc")]
    fn toc_tags() -> Vec<&'static str> {
        use crate::toc::method::Method as T;
        let all = [
            T::LinearExpectedProgress,
            T::CpmDelay,
            T::TocRulesV1,
            T::LayeredBarycenter,
            T::Cpm,
        ];
        for m in all {
            match m {
                T::LinearExpectedProgress
                | T::CpmDelay
                | T::TocRulesV1
                | T::LayeredBarycenter
                | T::Cpm => {}
            }
        }
        all.iter().map(|m| m.as_str()).collect()
    }

    #[test]
    fn every_tag_has_exactly_one_row_in_its_area() {
        let mut tags: Vec<(&str, &str)> = stats_tags().into_iter().map(|m| ("stats", m)).collect();
        #[cfg(feature = "conditions")]
        tags.extend(conditions_tags().into_iter().map(|m| ("conditions", m)));
        #[cfg(feature = "toc")]
        tags.extend(toc_tags().into_iter().map(|m| ("toc", m)));
        for (area, tag) in &tags {
            let rows: Vec<_> = TABLE.iter().filter(|m| m.method == *tag).collect();
            assert_eq!(rows.len(), 1, "{tag}: one row");
            assert_eq!(rows[0].area, *area, "{tag}: area");
        }
        #[cfg(all(feature = "conditions", feature = "toc"))]
        assert_eq!(
            tags.len(),
            TABLE.len(),
            "no row for a tag that does not exist"
        );
    }

    #[test]
    fn lookups() {
        let w = method_info("wilson").unwrap_or_else(|| unreachable!());
        assert_eq!(w.r_call, Some("prop.test(x, n, correct = FALSE)$conf.int"));
        assert_eq!(method_info("Wilson"), None);
        assert_eq!(method_info(""), None);
        // Citations carry no prose (no English function words), so they read the same on the
        // English and the Spanish page.
        for m in TABLE {
            if let Some(p) = m.paper {
                assert!(
                    !p.contains(" the ") && !p.contains(" of ") && !p.contains(" with "),
                    "{}: {p}",
                    m.method
                );
            }
        }
    }
}
