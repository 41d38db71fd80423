//! `waterline-cli report --codebook FILE [--lang en|es] [--format json|csv|html] [--by COLUMN]
//! [--subgroup COLUMN]... [--min-cell N] [--partitions N] [--scales FILE]
//! [--adjust holm|bh|bonferroni|hochberg|none] [--weight COLUMN] [--rake FILE.json]
//! [--duplicates keep_all|drop_all] data/*.csv`: the survey report over
//! many files, through DataFusion.

use std::process::ExitCode;
use waterline::text::Lang;
use waterline_datafusion::render::{render, Format};
use waterline_datafusion::report::{report_with, Options};

const USAGE: &str = "usage: waterline-cli report --codebook FILE [--lang en|es] [--format json|csv|html] [--by COLUMN] [--subgroup COLUMN]... [--min-cell N] [--partitions N] [--scales FILE.json] [--adjust holm|bh|bonferroni|hochberg|none] [--weight COLUMN] [--rake FILE.json] [--duplicates keep_all|drop_all] FILE.csv...";

struct Args {
    codebook: String,
    format: Format,
    options: Options,
    files: Vec<String>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut it = args.iter();
    if it.next().map(String::as_str) != Some("report") {
        return Err(USAGE.into());
    }
    let mut a = Args {
        codebook: String::new(),
        format: Format::Json,
        options: Options {
            partitions: std::thread::available_parallelism().map_or(1, |n| n.get()),
            ..Options::default()
        },
        files: Vec::new(),
    };
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or(format!("{arg} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--codebook" => a.codebook = value()?,
            "--lang" => {
                a.options.lang = match value()?.as_str() {
                    "en" => Lang::En,
                    "es" => Lang::Es,
                    other => return Err(format!("--lang is en or es, not {other}")),
                }
            }
            "--format" => {
                a.format = match value()?.as_str() {
                    "json" => Format::Json,
                    "csv" => Format::Csv,
                    "html" => Format::Html,
                    other => return Err(format!("--format is json, csv or html, not {other}")),
                }
            }
            "--by" => a.options.by = Some(value()?),
            "--duplicates" => {
                a.options.duplicates = waterline_datafusion::duplicates::parse(&value()?)?
            }
            "--weight" => a.options.weight = Some(value()?),
            "--rake" => {
                let path = value()?;
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
                a.options.rake = Some(text);
            }
            "--adjust" => a.options.adjust = waterline_datafusion::adjust::parse(&value()?)?,
            "--scales" => {
                let path = value()?;
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
                a.options.scales = Some(text);
            }
            "--subgroup" => a.options.subgroups.push(value()?),
            "--min-cell" => {
                a.options.min_cell = value()?
                    .parse()
                    .ok()
                    .filter(|n| (1..=1000).contains(n))
                    .ok_or("--min-cell is a whole number from 1 to 1000")?
            }
            "--partitions" => {
                a.options.partitions = value()?
                    .parse()
                    .ok()
                    .filter(|n| (1..=1024).contains(n))
                    .ok_or("--partitions is a whole number from 1 to 1024")?
            }
            s if s.starts_with("--") => return Err(format!("unknown option {s}\n{USAGE}")),
            file => a.files.push(file.to_string()),
        }
    }
    if a.codebook.is_empty() || a.files.is_empty() {
        return Err(USAGE.into());
    }
    Ok(a)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let a = match parse(&args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let codebook = match std::fs::read_to_string(&a.codebook) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}: {e}", a.codebook);
            return ExitCode::from(1);
        }
    };
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    match rt.block_on(report_with(&codebook, &a.files, &a.options)) {
        Ok(r) => {
            print!("{}", render(&r, a.format));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
