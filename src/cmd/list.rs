//! `twerr list`, `twerr search` and a class lookup (`twerr 4xx`): rows of the tables.

use super::{Ctx, Exit, Outcome};
use crate::catalog::listing::{self, Kind, Row};
use crate::cli::{ListArgs, StatusFilter};
use crate::render;

pub(super) fn list(ctx: &mut Ctx, args: &ListArgs) -> Outcome {
    let rows: Vec<Row> = listing::all_rows()
        .into_iter()
        .filter(|r| kind_wanted(args, r.kind))
        .filter(|r| status_wanted(args.status, r))
        .filter(|r| args.source.is_none_or(|s| s.matches(r.source)))
        .filter(|r| {
            args.family
                .as_deref()
                .is_none_or(|f| r.family.eq_ignore_ascii_case(f))
        })
        .collect();
    show_rows(ctx, &rows, "no entry matches those filters")
}

/// `--codes`, `--statuses`, `--problems`: any of them given keeps only those kinds.
fn kind_wanted(args: &ListArgs, kind: Kind) -> bool {
    let any_kind = args.codes || args.statuses || args.problems;
    !any_kind
        || match kind {
            Kind::Code => args.codes,
            Kind::Status => args.statuses,
            Kind::Problem => args.problems,
        }
}

fn status_wanted(filter: Option<StatusFilter>, r: &Row) -> bool {
    match filter {
        None => true,
        Some(StatusFilter::Status(s)) => r.kind != Kind::Status && r.status == Some(s),
        // A class: its statuses, and the entries that come with one of them.
        Some(StatusFilter::Class(d)) => {
            let number = if r.kind == Kind::Status {
                r.number
            } else {
                r.status.map(u32::from)
            };
            number.is_some_and(|n| n / 100 == u32::from(d))
        }
    }
}

pub(super) fn search(ctx: &mut Ctx, words: &[String]) -> Outcome {
    let rows = listing::search(words);
    let none = format!(
        "no entry mentions all of: {}",
        crate::util::sanitize::clean(&words.join(" "))
    );
    show_rows(ctx, &rows, &none)
}

/// `twerr 4xx`: what the class means, and the statuses of the tables in it; for several
/// classes (`twerr 4xx 5xx`) each in turn, and with --json an array of their documents.
pub(super) fn classes(ctx: &mut Ctx, classes: &[&'static crate::catalog::ClassEntry]) -> Outcome {
    if ctx.plan.json() {
        let docs: Vec<serde_json::Value> = classes.iter().map(|c| class_doc(c)).collect();
        match docs.as_slice() {
            [one] => render::json::write(ctx.out, one)?,
            _ => render::json::write(ctx.out, &docs)?,
        }
        return Ok(Exit::Ok);
    }
    for (i, class) in classes.iter().enumerate() {
        if i > 0 {
            writeln!(ctx.out)?;
        }
        render::human::class(ctx.out, class, ctx.plan.width())?;
        writeln!(ctx.out)?;
        let rows = listing::in_class(class.digit, false);
        show_table(ctx, &rows, "no status of this class is in the tables")?;
    }
    Ok(Exit::Ok)
}

fn class_doc(class: &crate::catalog::ClassEntry) -> serde_json::Value {
    serde_json::json!({
        "class": format!("{}xx", class.digit),
        "name": class.name,
        "description": class.description,
        "advice": class.advice,
        "verdict": class.retry,
        "statuses": listing::in_class(class.digit, false),
    })
}

/// Prints entries as JSON or a table; with none, says `none` on stderr (JSON still prints
/// its empty array) and exits 1.
fn show_rows(ctx: &mut Ctx, rows: &[Row], none: &str) -> Outcome {
    if ctx.plan.json() {
        render::json::write(ctx.out, &rows)?;
        return nothing_if_empty(ctx, rows, none);
    }
    show_table(ctx, rows, none)
}

fn show_table(ctx: &mut Ctx, rows: &[Row], none: &str) -> Outcome {
    if !rows.is_empty() {
        render::table::rows(ctx.out, rows, ctx.plan.terminal)?;
    }
    nothing_if_empty(ctx, rows, none)
}

fn nothing_if_empty(ctx: &mut Ctx, rows: &[Row], none: &str) -> Outcome {
    if rows.is_empty() {
        ctx.say(none)?;
        return Ok(Exit::NothingRecognised);
    }
    Ok(Exit::Ok)
}
