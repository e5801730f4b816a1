//! An object literal's members standing without its braces: the tail of a Node dump a
//! user pasted from the middle (`detail: '...',` then `}`), or fields copied from a
//! debugger one per line (`title:'Not Found Error'`, `type:'https://...'`). A run of at
//! least two lines, each one `key: value` whose value is a literal (a quoted string, a
//! number, `true`, `null`, a bracket), is read as the object it was part of.

use super::super::values::relaxed;
use super::super::{Evidence, LineIndex};
use super::interpret::read_value;
use crate::evidence::How;
use regex::Regex;
use std::sync::LazyLock;

/// A member on a line of its own; prose (`Error: failed`) has no literal after its colon.
static MEMBER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"^[[:space:]]*(?:'[A-Za-z_][[:word:]-]*'|"[A-Za-z_][[:word:]-]*"|[A-Za-z_][[:word:]]*)[[:space:]]*:[[:space:]]*(?:'|"|-?[0-9]|true(?-u:\b)|false(?-u:\b)|null(?-u:\b)|\[|\{)"#,
    )
    .expect("the member pattern compiles")
});

/// The longest member line looked at, and the most lines one object is read from: a
/// fragment is a response's members, not a log.
const MAX_LINE: usize = 4 << 10;
const MAX_MEMBERS: usize = 200;

/// Reads the runs of member lines outside `spans` (the bodies already read, in order) and
/// returns the byte ranges of those that held something.
pub(super) fn read_fragments(
    text: &str,
    lines: &LineIndex,
    spans: &[(usize, usize)],
    depth: usize,
    out: &mut Vec<Evidence>,
) -> Vec<(usize, usize)> {
    let mut read = Vec::new();
    let mut run: Vec<(usize, &str)> = Vec::new();
    let mut offset = 0;
    for raw in text.split('\n') {
        if super::super::full(out) {
            break;
        }
        let start = offset;
        offset += raw.len() + 1;
        let line = raw.trim_end_matches('\r');
        let member = line.len() <= MAX_LINE
            && !meets_a_span(spans, start, start + raw.len())
            && MEMBER_LINE.is_match(line);
        if member && run.len() < MAX_MEMBERS {
            run.push((start, line));
            continue;
        }
        read.extend(read_run(&run, lines, depth, out));
        run.clear();
        if member {
            run.push((start, line));
        }
    }
    read.extend(read_run(&run, lines, depth, out));
    read
}

/// Whether a body already read lies on the line `start..end`.
fn meets_a_span(spans: &[(usize, usize)], start: usize, end: usize) -> bool {
    let i = spans.partition_point(|&(_, span_end)| span_end <= start);
    spans
        .get(i)
        .is_some_and(|&(span_start, _)| span_start < end)
}

/// One run of member lines, read as an object; its byte range if it held something.
fn read_run(
    run: &[(usize, &str)],
    lines: &LineIndex,
    depth: usize,
    out: &mut Vec<Evidence>,
) -> Option<(usize, usize)> {
    let (&(first, _), &(last, last_line)) = (run.first()?, run.last()?);
    if run.len() < 2 {
        return None;
    }
    let members: Vec<&str> = run
        .iter()
        .map(|(_, l)| l.trim().trim_end_matches(','))
        .collect();
    let object = format!("{{{}}}", members.join(",\n"));
    let (value, used) = relaxed::literal_prefix(&object)?;
    let whole = used == object.len() && value.as_object().is_some_and(|m| m.len() >= 2);
    let said = whole && read_value(&value, How::ObjectLiteral, lines.line_of(first), depth, out);
    said.then_some((first, last + last_line.len()))
}

#[cfg(test)]
mod tests {
    use crate::evidence::testing::statuses;
    use crate::evidence::{Finding, extract};

    fn types(text: &str) -> Vec<String> {
        extract(text)
            .into_iter()
            .filter_map(|e| match e.finding {
                Finding::Problem(p) => Some(p.type_uri),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_tail_of_a_dump_is_read_as_its_object() {
        let tail = "    title: 'Unsupported Authentication',\n    detail: 'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.',\n    type: 'https://api.twitter.com/2/problems/unsupported-authentication',\n    status: 403\n  }\n";
        assert_eq!(
            types(tail),
            ["https://api.twitter.com/2/problems/unsupported-authentication"]
        );
        assert_eq!(statuses(tail), [403], "the problem's status member");
    }

    #[test]
    fn fields_copied_one_per_line_without_commas() {
        let fields = "resource_id:'99'\ntitle:'Forbidden'\ntype:'https://api.twitter.com/2/problems/not-authorized-for-resource'\n";
        assert_eq!(
            types(fields),
            ["https://api.twitter.com/2/problems/not-authorized-for-resource"]
        );
    }

    #[test]
    fn prose_with_colons_is_no_fragment() {
        let log = "ERROR: Failed to post\nreason: the token expired\nretry: later\n";
        assert!(types(log).is_empty());
        assert!(statuses(log).is_empty());
        let one = "title: 'Forbidden'\n";
        assert!(
            extract(one).is_empty(),
            "one line is no object: {:?}",
            extract(one)
        );
    }
}
