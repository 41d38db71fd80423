//! Native benchmark of survey parse + full report, 100,000 respondents × 40 items (prints numbers):
//! `cargo bench --bench survey`. The Chromium numbers come from `make bench` (bench/domains.mjs).

use std::fmt::Write;
use std::time::Instant;
use waterline::survey::{ReadOptions, ReportOptions, Survey};

/// A deterministic synthetic export: id, community, 34 agreement items (a quarter in Spanish),
/// 2 then-test yes/no pairs, a multi-select and a numeric column = 40 items + group.
pub fn big_csv(rows: usize) -> String {
    let agree = [
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
    ];
    let acuerdo = [
        "Totalmente en desacuerdo",
        "En desacuerdo",
        "Ni de acuerdo ni en desacuerdo",
        "De acuerdo",
        "Totalmente de acuerdo",
    ];
    let places = [
        "Salton City",
        "Thermal",
        "Desert Shores",
        "Coachella",
        "Mecca",
    ];
    let mut s = String::with_capacity(rows * 500);
    s.push_str("Respondent ID,Community");
    for k in 0..34 {
        write!(s, ",How much do you agree? [Statement {k}]").unwrap();
    }
    for k in 0..2 {
        write!(s, ",Activity {k} (before),Activity {k} (now)").unwrap();
    }
    s.push_str(",What changed? (select all),Hours volunteered\n");
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for r in 0..rows {
        let base = (next() % 5) as usize;
        write!(s, "R{r},{}", places[(next() % 5) as usize]).unwrap();
        let es = r % 4 == 0;
        for _ in 0..34 {
            let v = (base + (next() % 3) as usize).saturating_sub(1).min(4);
            s.push(',');
            s.push_str(if es { acuerdo[v] } else { agree[v] });
        }
        for _ in 0..2 {
            let before = next() % 3 == 0;
            let now = before || next() % 2 == 0;
            s.push_str(if before { ",Yes" } else { ",No" });
            s.push_str(if now { ",Yes" } else { ",No" });
        }
        let m = next() % 8;
        let picks: Vec<&str> = ["Confidence", "Advocacy", "Leadership"]
            .iter()
            .enumerate()
            .filter(|(i, _)| m >> i & 1 == 1)
            .map(|(_, c)| *c)
            .collect();
        writeln!(
            s,
            ",{},{}",
            if picks.is_empty() {
                "Confidence".to_string()
            } else {
                picks.join(";")
            },
            next() % 40
        )
        .unwrap();
    }
    s
}

fn parse_and_report_100k_by_40() {
    let csv = big_csv(100_000);
    let t0 = Instant::now();
    // From bytes, as the page reads a file: the encoding check is part of the time.
    let survey = Survey::from_bytes(csv.as_bytes(), &ReadOptions::default()).unwrap();
    let t1 = Instant::now();
    let report = survey.report(&ReportOptions::default()).unwrap();
    let t2 = Instant::now();
    let items = survey.mapping().instrument.items.len();
    println!(
        "{} MB, {} rows × {items} items: parse {:?}, report {:?} ({} items, {} shifts, {} subgroups)",
        csv.len() / 1_000_000,
        survey.issues().rows,
        t1 - t0,
        t2 - t1,
        report.items.len(),
        report.shifts.len(),
        report.subgroups.len()
    );
    assert_eq!(items, 41);
    assert_eq!(report.shifts.len(), 2);
}

/// What reading bytes adds to reading text: the encoding check and the open-quote scan.
fn what_bytes_cost() {
    let csv = big_csv(100_000);
    let t = Instant::now();
    let (text, info) = waterline::survey::encoding::decode(csv.as_bytes(), None).unwrap();
    let decode = t.elapsed();
    let t = Instant::now();
    let open = waterline::survey::records::open_quote(text.as_bytes(), b',');
    let scan = t.elapsed();
    let t = Instant::now();
    Survey::from_csv(&csv, &ReadOptions::default()).unwrap();
    let from_text = t.elapsed();
    let t = Instant::now();
    Survey::from_bytes(csv.as_bytes(), &ReadOptions::default()).unwrap();
    let from_bytes = t.elapsed();
    println!(
        "decode ({}) {decode:?}, open-quote scan of the whole file (not done on import) {scan:?} ({}); from text {from_text:?}, from bytes {from_bytes:?}",
        info.name,
        if open.is_some() { "an open quote" } else { "none" }
    );
}

fn where_the_report_time_goes() {
    use waterline::survey::report::ReportOptions as O;
    let csv = big_csv(100_000);
    let survey = Survey::from_csv(&csv, &ReadOptions::default()).unwrap();
    let mut no_scales = survey.mapping().clone();
    no_scales.instrument.scales.clear();
    let mut s2 = survey.clone();
    s2.set_mapping(no_scales.clone()).unwrap();
    let t = Instant::now();
    s2.report(&O::default()).unwrap();
    println!("report without the 34-item scale: {:?}", t.elapsed());
    no_scales.instrument.groups.clear();
    s2.set_mapping(no_scales).unwrap();
    let t = Instant::now();
    s2.report(&O::default()).unwrap();
    println!("report without scale and subgroups: {:?}", t.elapsed());
    let t = Instant::now();
    survey.report(&O::default()).unwrap();
    println!("full report: {:?}", t.elapsed());
}

fn main() {
    parse_and_report_100k_by_40();
    what_bytes_cost();
    where_the_report_time_goes();
}
