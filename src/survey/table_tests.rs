use super::*;

#[test]
fn semicolon_files_are_detected_even_with_commas_in_questions() {
    let text = "Comunidad;Me siento segura, con confianza;Edad\nThermal;De acuerdo;35-44\nMecca;Totalmente de acuerdo;45-54\n";
    assert_eq!(detect_delimiter(text), b';');
    assert_eq!(detect_delimiter("a,b,c\n1,2,3\n"), b',');
    assert_eq!(detect_delimiter("a\tb\n1\t2\n"), b'\t');
}

#[test]
fn notes_and_bom_are_stripped_and_lines_still_count() {
    let text = "\u{feff}# synthetic: true\n# wave sizes: assumed\nid,q1\n1,Agree\n2,\"Strongly\nagree\"\n3,Agree\n";
    let t = read(text, &ReadOptions::default()).unwrap();
    assert_eq!(t.notes, vec!["synthetic: true", "wave sizes: assumed"]);
    assert_eq!(
        t.metadata[1],
        ("wave sizes".to_string(), "assumed".to_string())
    );
    assert_eq!(t.columns[0].key, "id");
    assert_eq!(t.lines, vec![4, 5, 7]);
    assert_eq!(t.dicts[1].distinct(), 2);
}

#[test]
fn repeated_headers_get_unique_keys() {
    let t = read("Q,Q,Q\n1,2,3\n", &ReadOptions::default()).unwrap();
    let keys: Vec<_> = t.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["Q", "Q (2)", "Q (3)"]);
}

#[test]
fn empty_files_are_errors() {
    assert_eq!(
        read("", &ReadOptions::default()).unwrap_err().code,
        Code::CsvEmpty
    );
    assert_eq!(
        read("a,b\n", &ReadOptions::default()).unwrap_err().code,
        Code::CsvEmpty
    );
}
