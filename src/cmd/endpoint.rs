//! `twerr endpoint [METHOD] PATH` or `twerr endpoint METHOD_NAME`: the rows it names;
//! `twerr endpoint [--api 2|1.1]` with nothing: every row, as a table.

use super::{Ctx, Exit, Outcome};
use crate::catalog::{ENDPOINTS, EndpointEntry, endpoints};
use crate::cli::EndpointArgs;
use crate::render;

pub(super) fn run(ctx: &mut Ctx, args: &EndpointArgs) -> Outcome {
    let listing = args.words.is_empty();
    let rows: Vec<&EndpointEntry> = match listing {
        true => ENDPOINTS.iter().collect(),
        false => named(&args.words),
    };
    let rows: Vec<&EndpointEntry> = rows
        .into_iter()
        .filter(|row| {
            args.api
                .is_none_or(|api| endpoints::api_of(None, row.path) == Some(api.key()))
        })
        .collect();
    if rows.is_empty() && !listing {
        ctx.say(format_args!(
            "`{}` is no endpoint of the table (`twerr endpoint /2/tweets`, `twerr endpoint update_status`)",
            crate::util::sanitize::clean(&args.words.join(" "))
        ))?;
        if ctx.plan.json() {
            render::json::write(ctx.out, &Vec::<()>::new())?;
        }
        return Ok(Exit::NothingRecognised);
    }
    if ctx.plan.json() {
        let docs: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| crate::diagnosis::request::endpoint_json(r))
            .collect();
        render::json::write(ctx.out, &docs)?;
    } else if listing {
        render::table::endpoints(ctx.out, &rows, ctx.plan.terminal)?;
    } else {
        let width = ctx.plan.width();
        for (i, row) in rows.iter().enumerate() {
            if i > 0 {
                writeln!(ctx.out)?;
            }
            render::human::endpoint(ctx.out, row, width)?;
        }
    }
    Ok(Exit::Ok)
}

/// The rows the words name: a path (after its method, perhaps), else a library method.
fn named(words: &[String]) -> Vec<&'static EndpointEntry> {
    const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH"];
    let (method, rest) = match words {
        [m, rest @ ..]
            if !rest.is_empty() && METHODS.contains(&m.to_ascii_uppercase().as_str()) =>
        {
            (Some(m.to_ascii_uppercase()), rest)
        }
        _ => (None, words),
    };
    let target = rest.join(" ");
    if target.contains('/') {
        endpoints::all_matching(method.as_deref(), target.trim())
    } else {
        endpoints::by_any_library_method(target.trim())
            .into_iter()
            .map(|(row, _)| row)
            .collect()
    }
}
