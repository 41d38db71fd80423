//! The header of a series CSV (issue 17): which column holds what, in English or Spanish or
//! as DataQuest names it, and the error when a required column is missing.

use super::series_csv::SeriesCsvShape;
use crate::error::{Code, Error, Result};

/// What a column holds.
#[derive(Clone, Copy, PartialEq)]
pub enum Role {
    Entity,
    Year,
    Group,
    Numerator,
    Denominator,
    Rate,
}

pub fn role(header: &str) -> Option<Role> {
    let h = header.trim().to_lowercase();
    Some(match h.as_str() {
        "entity" | "entidad" | "school" | "school name" | "escuela" | "district"
        | "district name" | "distrito" | "name" | "nombre" => Role::Entity,
        "year" | "año" | "ano" | "academic year" | "academicyear" | "period" | "periodo"
        | "período" | "ciclo escolar" => Role::Year,
        "group" | "grupo" | "reporting category" | "reportingcategory" | "subgroup"
        | "subgrupo" => Role::Group,
        "numerator"
        | "numerador"
        | "count"
        | "suspension count"
        | "unduplicated count of students suspended (total)"
        | "conteo" => Role::Numerator,
        "denominator"
        | "denominador"
        | "cumulative enrollment"
        | "enrollment"
        | "matrícula"
        | "matricula" => Role::Denominator,
        "rate"
        | "tasa"
        | "suspension rate"
        | "suspension rate (total)"
        | "percent"
        | "porcentaje"
        | "%" => Role::Rate,
        _ => return None,
    })
}

/// The `unknown_column` error when the header lacks a column the shape needs.
pub fn check_columns(
    shape: SeriesCsvShape,
    col: &dyn Fn(Role) -> Option<usize>,
    has_values: bool,
) -> Result<()> {
    let mut missing: Vec<&str> = Vec::new();
    if col(Role::Entity).is_none() {
        missing.push("entity");
    }
    if shape == SeriesCsvShape::Long {
        if col(Role::Year).is_none() {
            missing.push("year");
        }
        if !has_values {
            missing.push("rate");
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::new(
        Code::UnknownColumn,
        format!(
            "the header (row 1) has no {} column: name them entity, year, group, numerator, denominator, rate (long) or entity then one column per year (wide)",
            missing.join(", ")
        ),
    )
    .with("row", 1u64)
    .with("missing", missing.iter().map(|s| s.to_string()).collect::<Vec<_>>()))
}
