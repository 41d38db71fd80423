//! What the CLI leaves out of its report, or cannot give as the page does, said in words in the
//! CSV and the HTML (the JSON has it as `skipped`: `[id, reason]`). Without this a CSV or HTML
//! reader would not see that an item, pair or scale of the survey is missing, or that tied
//! categories are in text order. Reasons withheld under `--weight` (`weights`) are said by
//! [`crate::weighted_render`].

use crate::report::CliReport;
use waterline::text::Lang;

/// The reason `why` (a `skipped` code) in the report's language; an unknown code as itself.
pub fn reason(why: &str, lang: Lang) -> String {
    let (en, es) = match why {
        "not_declared" => (
            "its scale is not declared (no codebook entry and no labels to read)",
            "su escala no está declarada (sin entrada en el libro de códigos ni etiquetas que leer)",
        ),
        "type" => (
            "a question type the CLI does not report yet",
            "un tipo de pregunta que la CLI aún no informa",
        ),
        "pair" => (
            "a pair whose two questions the CLI reads differently (a code and a label), so it is not computed",
            "un par cuyas dos preguntas la CLI lee de forma distinta (un código y una etiqueta), así que no se calcula",
        ),
        "scale_items" => (
            "a scale with a question the CLI cannot read for scales (a numeric question)",
            "una escala con una pregunta que la CLI no puede leer para escalas (una pregunta numérica)",
        ),
        "category_levels" | "subgroup_levels" => (
            "too many different answers to be categories (the page's rule)",
            "demasiadas respuestas distintas para ser categorías (la regla de la página)",
        ),
        "category_ties" | "subgroup_ties" => (
            "reported, but categories with equal counts are in text order (they first appear after the first file's first MiB, where the CLI cannot see which came first); their order and keys may differ from the page's",
            "informado, pero las categorías con el mismo recuento van en orden alfabético (aparecen por primera vez después del primer MiB del primer archivo, donde la CLI no ve cuál vino antes); su orden y sus claves pueden diferir de los de la página",
        ),
        "repeated_id" => (
            "a respondent id is on more than one row of a wave; the page pairs the last row, and DataFusion keeps no row order",
            "un identificador de encuestado está en más de una fila de una ola; la página empareja la última fila y DataFusion no conserva el orden de las filas",
        ),
        other => return other.to_string(),
    };
    if lang == Lang::Es { es } else { en }.to_string()
}

/// The entries said here: every `skipped` one but `weights`.
fn entries(r: &CliReport) -> impl Iterator<Item = &(String, &'static str)> {
    r.skipped.iter().filter(|(_, why)| *why != "weights")
}

/// One CSV line per entry: `section` (`left out` / `omitido`), the id, the reason's code, and
/// the reason in words in the sentence column (the last of `columns`).
pub fn csv_lines(r: &CliReport, columns: usize, line: &mut dyn FnMut(Vec<String>)) {
    let section = if r.lang == Lang::Es {
        "omitido"
    } else {
        "left out"
    };
    for (id, why) in entries(r) {
        let mut c = vec![String::new(), section.into(), id.clone(), why.to_string()];
        c.resize(columns.max(5) - 1, String::new());
        c.push(reason(why, r.lang));
        line(c);
    }
}

/// The HTML list of the entries (empty when there are none).
pub fn html(r: &CliReport, esc: impl Fn(&str) -> String) -> String {
    let items: Vec<String> = entries(r)
        .map(|(id, why)| format!("<li>{}: {}</li>", esc(id), esc(&reason(why, r.lang))))
        .collect();
    if items.is_empty() {
        return String::new();
    }
    let head = if r.lang == Lang::Es {
        "Omitido, o distinto de la página"
    } else {
        "Left out, or not as on the page"
    };
    format!("<h2>{head}</h2>\n<ul>{}</ul>\n", items.join(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_the_cli_gives_is_said_in_both_languages() {
        let codes = [
            "not_declared",
            "type",
            "pair",
            "scale_items",
            "category_levels",
            "subgroup_levels",
            "category_ties",
            "subgroup_ties",
            "repeated_id",
        ];
        for code in codes {
            let (en, es) = (reason(code, Lang::En), reason(code, Lang::Es));
            assert!(en != code && es != code && en != es, "{code}");
        }
        assert_eq!(reason("something_new", Lang::Es), "something_new");
    }
}
