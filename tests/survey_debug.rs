use waterline::survey::{example, ReadOptions, ReportOptions, Survey};
#[test]
fn dump() {
    let s = Survey::from_csv(example::PARENTS_CSV, &ReadOptions::default()).unwrap();
    println!(
        "{}",
        serde_json::to_string_pretty(&s.mapping().instrument).unwrap()
    );
    println!("{}", serde_json::to_string_pretty(&s.issues()).unwrap());
    let r = s.report(&ReportOptions::default()).unwrap();
    for i in &r.items {
        println!("{}", i.sentence.en);
    }
    for i in &r.shifts {
        println!("{}", i.sentence.en);
        println!("{}", i.sentence.es);
    }
    for i in &r.subgroups {
        println!("{}", i.sentence.en);
    }
    for i in &r.scales {
        println!("{}", i.sentence.en);
    }
    let s = Survey::from_csv(example::STAFF_CSV, &ReadOptions::default()).unwrap();
    let r = s.report(&ReportOptions::default()).unwrap();
    for i in &r.items {
        println!("{}", i.sentence.en);
    }
    for i in &r.waves {
        println!("{}", i.sentence.en);
        println!("{}", i.sentence.es);
    }
}
