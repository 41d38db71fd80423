//! Shared by the finiteness property tests (issue #15, "finite by contract").

/// True when a result's debug form holds no NaN or inf outside its string literals (Debug
/// prints non-finite numbers as `NaN` and `inf`; a warning text may mention them).
pub fn finite_debug(text: &str) -> bool {
    let (mut numbers, mut in_string, mut escaped) = (String::new(), false, false);
    for c in text.chars() {
        if in_string {
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
        } else if c == '"' {
            in_string = true;
        } else {
            numbers.push(c);
        }
    }
    !numbers
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w == "NaN" || w == "inf")
}
