//! `twerr endpoint [METHOD] PATH` or `twerr endpoint METHOD_NAME`: the rows it names.

use super::{Ctx, Exit, Outcome};
use crate::catalog::{EndpointEntry, endpoints};
use crate::render;

pub(super) fn run(ctx: &mut Ctx, words: &[String]) -> Outcome {
    let rows = named(words);
    if rows.is_empty() {
        ctx.say(format_args!(
            "`{}` is no endpoint of the table (`twerr endpoint /2/tweets`, `twerr endpoint update_status`)",
            crate::util::sanitize::clean(&words.join(" "))
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
