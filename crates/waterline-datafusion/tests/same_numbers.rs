//! Item 4 of issue #22: the same respondents through the root crate's in-memory survey report
//! and through DataFusion — four files, four target partitions, a hash repartition between the
//! partial and the final aggregation — give identical numbers.
//!
//! The same respondents and codebook are committed in `tests/data/` (checked here to be exactly
//! what [`respondents`] generates; `WL_WRITE_FIXTURE=1` rewrites them), so that
//! `tests/node/same-numbers.test.mjs` runs them through the wasm build in Node and the CLI.

mod common;

use common::{csv_of, lcg, said, write_striped, DISTRICTS};
use waterline::survey::report::{Report, ReportOptions};
use waterline::survey::{ReadOptions, Survey};
use waterline::text::Lang;
use waterline_datafusion::report::{aggregate, plan_survey, read, run, session, GroupOut, Plan};

const CODEBOOK: &str = "column,code,label,label_es,missing
I feel safe at school,1,Strongly disagree,Muy en desacuerdo,
I feel safe at school,2,Disagree,En desacuerdo,
I feel safe at school,3,Neither agree nor disagree,Ni de acuerdo ni en desacuerdo,
I feel safe at school,4,Agree,De acuerdo,
I feel safe at school,5,Strongly agree,Muy de acuerdo,
I feel safe at school,9,Don't know,No sé,dont_know
Did an adult help you this year,1,Yes,Sí,
Did an adult help you this year,2,No,No,
Confidence asking for help (before),1,Strongly disagree,Muy en desacuerdo,
Confidence asking for help (before),2,Disagree,En desacuerdo,
Confidence asking for help (before),3,Neither agree nor disagree,Ni de acuerdo ni en desacuerdo,
Confidence asking for help (before),4,Agree,De acuerdo,
Confidence asking for help (before),5,Strongly agree,Muy de acuerdo,
Confidence asking for help (now),1,Strongly disagree,Muy en desacuerdo,
Confidence asking for help (now),2,Disagree,En desacuerdo,
Confidence asking for help (now),3,Neither agree nor disagree,Ni de acuerdo ni en desacuerdo,
Confidence asking for help (now),4,Agree,De acuerdo,
Confidence asking for help (now),5,Strongly agree,Muy de acuerdo,
";

const HEADER: &str = "District,I feel safe at school,Did an adult help you this year,Confidence asking for help (before),Confidence asking for help (now)";

/// Deterministic respondents: (district, row text). A small LCG, no randomness crate needed.
fn respondents() -> Vec<(usize, String)> {
    let mut next = lcg(0x2545_F491_4F6C_DD1D);
    let mut out = Vec::new();
    for k in 0..1500 {
        let d = (next(10) as usize).min(2 + (k % 2)) % 3;
        let safe = match next(20) {
            0 => String::new(),
            1 => "9".into(),
            v => (1 + v % 5).to_string(),
        };
        let help = match next(10) {
            0 => String::new(),
            v => (1 + (v + d as u64) % 2).to_string(),
        };
        let before = 1 + next(5);
        let now = (before + next(3))
            .clamp(1, 5)
            .saturating_sub(next(2))
            .max(1);
        let now = if next(25) == 0 {
            String::new()
        } else {
            now.to_string()
        };
        out.push((d, format!("{},{safe},{help},{before},{now}", DISTRICTS[d])));
    }
    out
}

fn in_memory(csv: &str) -> (Survey, Report) {
    let mut s = Survey::from_bytes(csv.as_bytes(), &ReadOptions::default()).unwrap();
    s.set_codebook(CODEBOOK).unwrap();
    let r = s.report(&ReportOptions::default()).unwrap();
    (s, r)
}

/// Every number the DataFusion path gives must be the in-memory report's, bit for bit.
fn assert_same(g: &GroupOut, r: &Report) {
    assert!(!g.items.is_empty());
    for i in &g.items {
        let m = r.items.iter().find(|x| x.item == i.item).unwrap();
        assert_eq!(i.n_used, m.n_used, "{}", i.item);
        assert_eq!(i.distribution.len(), m.distribution.len());
        for (a, b) in i.distribution.iter().zip(&m.distribution) {
            assert_eq!(
                (a.count, a.n, a.share, a.lower, a.upper),
                (b.count, b.n, b.share, b.lower, b.upper),
                "{} point {}",
                i.item,
                b.key
            );
        }
        let (a, b) = (
            i.top_box.as_ref().unwrap(),
            &m.top_box.as_ref().unwrap().interval,
        );
        assert_eq!(
            (a.count, a.n, a.share, a.lower, a.upper),
            (b.x, b.n, b.estimate, b.lower, b.upper)
        );
        assert_eq!(
            (i.mean, i.sd, i.median),
            (m.mean, m.sd, m.median),
            "{}",
            i.item
        );
    }
    assert_eq!(g.shifts.len(), r.shifts.len());
    for s in &g.shifts {
        let m = r.shifts.iter().find(|x| x.pair == s.pair).unwrap();
        assert_eq!(s.n_used, m.n_used);
        for (a, b) in [
            (&s.improved, &m.improved),
            (&s.same, &m.same),
            (&s.worse, &m.worse),
        ] {
            let (a, b) = (a.as_ref().unwrap(), b.as_ref().unwrap());
            assert_eq!(
                (a.count, a.n, a.share, a.lower, a.upper),
                (b.count, b.n, b.share, b.lower, b.upper)
            );
        }
        assert_eq!((s.mean_before, s.mean_after), (m.mean_before, m.mean_after));
        let t = m.test.as_ref().unwrap();
        assert_eq!(s.method.as_deref(), Some(t.method.as_str()));
        assert_eq!(
            (s.statistic, s.p_value),
            (Some(t.statistic), Some(t.p_value))
        );
    }
}

fn checked_plan(survey: &Survey) -> Plan {
    let plan = plan_survey(survey);
    let ids: Vec<&str> = plan.items.iter().map(|i| i.item.id.as_str()).collect();
    assert_eq!(
        ids.len(),
        4,
        "planned items {ids:?}, skipped {:?}",
        plan.skipped
    );
    assert_eq!(plan.pairs.len(), 1, "pairs: skipped {:?}", plan.skipped);
    plan
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn datafusion_with_four_partitions_gives_the_in_memory_numbers() {
    let rows = respondents();
    let dir = std::env::temp_dir().join(format!("wl-same-{}", std::process::id()));
    let files = write_striped(&dir, HEADER, &rows, 4);

    // Whole data: no grouping.
    let (survey, whole) = in_memory(&csv_of(HEADER, rows.iter().map(|(_, r)| r)));
    let plan = checked_plan(&survey);
    assert!(whole.shifts.iter().all(|s| s.test.is_some()));
    let ctx = session(4);
    let groups = run(read(&ctx, &files).await.unwrap(), &plan, None, Lang::En)
        .await
        .unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].rows as usize, rows.len());
    assert_same(&groups[0], &whole);

    // By district: a hash repartition between partial and final aggregation.
    let df = aggregate(read(&ctx, &files).await.unwrap(), &plan, Some("District")).unwrap();
    let physical = df.clone().create_physical_plan().await.unwrap();
    let shown = datafusion::physical_plan::displayable(physical.as_ref())
        .indent(true)
        .to_string();
    assert!(
        shown.contains("RepartitionExec: partitioning=Hash"),
        "{shown}"
    );
    assert!(shown.contains("AggregateExec: mode=Partial"), "{shown}");
    assert!(
        shown.contains("AggregateExec: mode=FinalPartitioned"),
        "{shown}"
    );
    assert!(shown.contains("file_groups={4 groups"), "{shown}");
    let groups = run(
        read(&ctx, &files).await.unwrap(),
        &plan,
        Some("District"),
        Lang::En,
    )
    .await
    .unwrap();
    assert_eq!(groups.len(), 3);
    for (d, g) in DISTRICTS.iter().zip(&groups) {
        assert_eq!(g.group.as_deref(), Some(*d));
        let mine = rows
            .iter()
            .filter(|(k, _)| DISTRICTS[*k] == *d)
            .map(|(_, r)| r);
        let (_, r) = in_memory(&csv_of(HEADER, mine));
        assert_eq!(g.rows as usize, r.rows);
        assert_same(g, &r);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The fixture of `tests/node/same-numbers.test.mjs` is this test's data, byte for byte.
#[test]
fn the_node_fixture_is_this_data() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let data = csv_of(HEADER, respondents().iter().map(|(_, r)| r));
    let files = [
        ("same-numbers.csv", data.as_str()),
        ("same-numbers-codebook.csv", CODEBOOK),
    ];
    for (name, want) in files {
        let path = dir.join(name);
        if std::env::var_os("WL_WRITE_FIXTURE").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, want).unwrap();
        }
        let got = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (WL_WRITE_FIXTURE=1 writes it)", path.display()));
        assert!(
            got == want,
            "{} differs from the generated data (WL_WRITE_FIXTURE=1 rewrites it)",
            path.display()
        );
    }
}

/// Subgroup tables by District through DataFusion (4 files, 4 partitions) are the in-memory
/// report's, row for row — with the default minCell, and with a minCell that hides the
/// smallest district so that the complementary rule hides the next one: suppression happens
/// on the merged table.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subgroup_tables_and_suppression_match_the_in_memory_report() {
    use waterline_datafusion::subgroup::{plan_groups, subgroups};
    let rows = respondents();
    let dir = std::env::temp_dir().join(format!("wl-same-sub-{}", std::process::id()));
    let files = write_striped(&dir, HEADER, &rows, 4);
    let csv = csv_of(HEADER, rows.iter().map(|(_, r)| r));
    let (survey, whole) = in_memory(&csv);
    let plan = checked_plan(&survey);
    let groups = plan_groups(&survey, &[]).unwrap();
    assert_eq!(groups.len(), 1, "District is the instrument's group");
    let smallest = whole
        .subgroups
        .iter()
        .flat_map(|s| s.rows.iter().filter_map(|r| r.n))
        .min()
        .unwrap();
    let ctx = session(4);
    let df = read(&ctx, &files).await.unwrap();
    let mut hidden = (0, 0);
    for min_cell in [10, smallest + 1] {
        let options = ReportOptions {
            min_cell,
            ..ReportOptions::default()
        };
        let r = survey.report(&options).unwrap();
        let mine = subgroups(
            &df,
            &plan,
            &groups,
            min_cell,
            0.95,
            Lang::En,
            &mut Vec::new(),
        )
        .await
        .unwrap();
        // The page also breaks down category items; the CLI covers the scale items.
        let theirs: Vec<_> = r
            .subgroups
            .iter()
            .filter(|s| {
                plan.items
                    .iter()
                    .any(|i| i.item.id == s.item && i.scale.is_some())
            })
            .collect();
        assert_eq!(mine.len(), theirs.len());
        assert!(!mine.is_empty());
        for (a, b) in mine.iter().zip(&theirs) {
            assert_eq!((&a.item, &a.group), (&b.item, &b.group));
            assert_eq!(
                a.rows, b.rows,
                "{} by {} at minCell {min_cell}",
                a.item, a.group
            );
            assert_eq!((a.n_used, a.n_excluded), (b.n_used, b.n_excluded));
            let (x, y) = (a.chi_square.as_ref(), b.chi_square.as_ref());
            assert_eq!(x.is_some(), y.is_some());
            if let (Some(x), Some(y)) = (x, y) {
                assert_eq!(
                    (x.statistic, x.df, x.p_value, x.cramers_v),
                    (y.statistic, y.df, y.p_value, y.cramers_v)
                );
            }
            for row in &a.rows {
                match row.suppressed {
                    Some("small") => hidden.0 += 1,
                    Some("complementary") => hidden.1 += 1,
                    _ => {}
                }
            }
        }
    }
    assert!(
        hidden.0 > 0 && hidden.1 > 0,
        "suppression exercised: {hidden:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// p-values adjusted across the report — the shift and the subgroup tables' chi-square tests
/// as one family, Holm by default, or BH — are the page's, bit for bit: the core's `p_adjust`
/// on the merged results (4 files, 4 partitions).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p_values_are_adjusted_across_the_report_as_the_page_does() {
    use waterline::survey::report::Adjust;
    use waterline_datafusion::report::{report_with, Options};
    let rows = respondents();
    let dir = std::env::temp_dir().join(format!("wl-same-adj-{}", std::process::id()));
    let files = write_striped(&dir, HEADER, &rows, 4);
    let (survey, _) = in_memory(&csv_of(HEADER, rows.iter().map(|(_, r)| r)));
    for adjust in [Adjust::Holm, Adjust::Bh] {
        let o = Options {
            partitions: 4,
            adjust,
            ..Options::default()
        };
        let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
        let page = survey
            .report(&ReportOptions {
                adjust,
                ..ReportOptions::default()
            })
            .unwrap();
        assert_eq!(mine.adjustment.m, page.adjustment.m, "{adjust:?}");
        assert!(page.adjustment.m > 1);
        for s in &mine.groups[0].shifts {
            let p = page.shifts.iter().find(|x| x.pair == s.pair).unwrap();
            let t = p.test.as_ref().unwrap();
            assert_eq!(s.p_adjusted, t.p_adjusted, "{adjust:?} {}", s.pair);
            assert!(s.p_adjusted.unwrap() >= s.p_value.unwrap());
        }
        for s in &mine.subgroups {
            let p = page
                .subgroups
                .iter()
                .find(|x| x.item == s.item && x.group == s.group)
                .unwrap();
            assert_eq!(
                s.chi_square.as_ref().and_then(|c| c.p_adjusted),
                p.test.as_ref().and_then(|t| t.p_adjusted),
                "{adjust:?} {} by {}",
                s.item,
                s.group
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every item's and shift's sentence is the page's, string for string.
fn assert_same_sentences(g: &GroupOut, r: &Report, lang: Lang) {
    assert!(!g.items.is_empty() && !g.shifts.is_empty());
    for i in &g.items {
        let m = r.items.iter().find(|x| x.item == i.item).unwrap();
        assert_eq!(i.sentence, Some(said(&m.sentence, lang)), "{}", i.item);
    }
    for s in &g.shifts {
        let m = r.shifts.iter().find(|x| x.pair == s.pair).unwrap();
        assert_eq!(s.sentence, Some(said(&m.sentence, lang)), "{}", s.pair);
    }
}

/// The sentences — items, the shift with its Holm-adjusted p-value, the subgroup tables with
/// theirs and with hidden districts — are the page's, in English and Spanish (4 files, 4
/// partitions, a hash repartition under `--by`): written by the page's own code from the
/// merged states, never a second copy of the wording.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sentences_are_the_pages_in_both_languages() {
    use waterline_datafusion::report::{report_with, Options};
    let rows = respondents();
    let dir = std::env::temp_dir().join(format!("wl-same-sent-{}", std::process::id()));
    let files = write_striped(&dir, HEADER, &rows, 4);
    let (survey, whole) = in_memory(&csv_of(HEADER, rows.iter().map(|(_, r)| r)));
    let smallest = whole
        .subgroups
        .iter()
        .flat_map(|s| s.rows.iter().filter_map(|r| r.n))
        .min()
        .unwrap();
    let mut hidden = 0;
    for (lang, min_cell) in [(Lang::En, 10), (Lang::Es, smallest + 1)] {
        let o = Options {
            lang,
            partitions: 4,
            min_cell,
            ..Options::default()
        };
        let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
        let page = survey
            .report(&ReportOptions {
                min_cell,
                ..ReportOptions::default()
            })
            .unwrap();
        assert_same_sentences(&mine.groups[0], &page, lang);
        assert!(!mine.subgroups.is_empty());
        for s in &mine.subgroups {
            let p = page
                .subgroups
                .iter()
                .find(|x| x.item == s.item && x.group == s.group)
                .unwrap();
            assert_eq!(s.sentence, Some(said(&p.sentence, lang)), "{}", s.item);
            hidden += p.rows.iter().filter(|r| r.suppressed.is_some()).count();
        }
    }
    assert!(hidden > 0, "a sentence that says groups are hidden");
    // Per district: each district's report is the page's report of its rows.
    let o = Options {
        lang: Lang::Es,
        partitions: 4,
        by: Some("District".into()),
        ..Options::default()
    };
    let mine = report_with(CODEBOOK, &files, &o).await.unwrap();
    assert_eq!(mine.groups.len(), 3);
    for (d, g) in DISTRICTS.iter().zip(&mine.groups) {
        let theirs = rows.iter().filter(|(k, _)| DISTRICTS[*k] == *d);
        let (_, r) = in_memory(&csv_of(HEADER, theirs.map(|(_, r)| r)));
        assert_same_sentences(g, &r, Lang::Es);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
