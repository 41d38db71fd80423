#[test]
fn show() {
    let m = waterline::toc::example_pass_model().unwrap();
    let s = waterline::toc::schedule(&m, &Default::default()).unwrap();
    for g in &s.goals {
        println!(
            "{} {} {}..{} late {}..{} slack {} crit {} driven {:?} by {:?} within {:?}",
            g.id,
            g.duration_days,
            g.early_start,
            g.early_finish,
            g.late_start,
            g.late_finish,
            g.slack_days,
            g.critical,
            g.driven_by,
            g.constrained_by,
            g.within_phase
        );
    }
    println!(
        "{:?} {:?} {:?} {:?}",
        s.project_start, s.project_finish, s.critical_path, s.conflicts
    );
    for p in &s.phases {
        println!("{:?}", p);
    }
}
