//! Explaining what the command line gives (no subcommand): argument evidence, then the
//! files and stdin it names, read and diagnosed as one response, rendered in the plan's
//! mode. When nothing is recognised, words are searched for and misspellings suggested.

use super::{Ctx, Error, Exit, Explain, Mode, Outcome, PASTE_HINT};
use crate::cli::Cli;
use crate::diagnosis::{self, Diagnosis};
use crate::evidence::arguments::{self, Arguments, Given};
use crate::evidence::{self, Evidence, Finding, How, Seen};
use crate::input::{self, Input};
use crate::render;
use crate::util::sanitize::clean;
use clap::CommandFactory;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

pub(super) fn run(ctx: &mut Ctx, given: &Explain) -> Outcome {
    let mut args = arguments::arguments(given.given());
    // Classes alone (`twerr 4xx`, `twerr 4xx 5xx`) are a lookup of their own: each class,
    // then its statuses.
    let classes: Vec<_> = args
        .texts
        .iter()
        .map_while(|t| crate::catalog::class_named(t))
        .collect();
    if !classes.is_empty() && classes.len() == args.texts.len() && args.evidence.is_empty() {
        return super::list::classes(ctx, &classes);
    }
    misspelt_subcommand(given)?;
    let files = file_arguments(&mut args);
    let mut inputs = read_inputs(ctx, given, &args, &files)?;
    // `echo 187 | twerr`: piped numbers alone are looked up as arguments are.
    if let ([piped], true) = (
        inputs.as_slice(),
        given.inputs.is_empty() && files.is_empty(),
    ) && let Some(words) = arguments::piped_lookup(&piped.text)
    {
        let looked_up = Given {
            inputs: &words,
            ..given.given()
        };
        args = arguments::arguments(looked_up);
        inputs.clear();
    }
    let texts = joined_words(&args.texts);
    let mut found = std::mem::take(&mut args.evidence);
    let unmatched_text = text_evidence(&texts, &mut found);
    let mut notes = std::mem::take(&mut args.notes);
    for i in &inputs {
        found.extend(evidence::extract_input(i));
        notes.extend(i.notes());
    }
    let options = diagnosis::Options {
        now: ctx.plan.now,
        summary_only: false,
    };
    let mut d = diagnosis::diagnose(&found, options);
    d.notes.extend(notes);
    if d.status.is_none() && d.errors.is_empty() && d.rate_limit.is_none() {
        let asked = Asked {
            inputs: &inputs,
            texts: &texts,
            unmatched_text,
        };
        return nothing_found(ctx, &d, asked);
    }
    if !ctx.plan.quiet {
        match ctx.plan.mode {
            Mode::Json => render::json::write(ctx.out, &d)?,
            Mode::Short => {
                render::human::short(ctx.out, &d)?;
                // One line per error is for logs and scripts: what the reader should know
                // of how the input was read (skipped bytes, a cut body) goes to stderr.
                for note in &d.notes {
                    ctx.say(format_args!("note: {}", clean(note)))?;
                }
            }
            Mode::Human => {
                let from_arguments = inputs.is_empty() && texts.is_empty();
                render::human::diagnosis(ctx.out, &d, from_arguments, ctx.plan.width())?
            }
        }
    }
    Ok(exit_status(&d, ctx.plan.exit_verdict))
}

/// Arguments that name a file that exists (`twerr resp.txt`): read as `--file` would read
/// them, with a note, rather than searched for as words.
fn file_arguments(args: &mut Arguments) -> Vec<PathBuf> {
    let mut files = Vec::new();
    args.texts.retain(|t| {
        let path = Path::new(t);
        let is_file = !t.contains(char::is_whitespace) && path.is_file();
        if is_file {
            args.notes.push(format!(
                "`{}` is a file: it was read as the input (--file says so explicitly)",
                clean(t)
            ));
            files.push(path.to_path_buf());
        }
        !is_file
    });
    files
}

/// The inputs to read: `--file`, file arguments, and stdin when it is wanted.
fn read_inputs(
    ctx: &mut Ctx,
    given: &Explain,
    args: &Arguments,
    files: &[PathBuf],
) -> Result<Vec<Input>, Error> {
    let mut inputs: Vec<Input> = Vec::new();
    // `--file -` is stdin, as `-` is.
    let file = given.file.as_ref().filter(|p| p.as_os_str() != "-");
    let dash = args.stdin || given.file.as_ref().is_some_and(|p| p.as_os_str() == "-");
    for path in file.into_iter().chain(files) {
        let read = input::read_file(path).map_err(|e| {
            Error::Usage(format!(
                "cannot read {}: {e}",
                clean(&path.display().to_string())
            ))
        });
        inputs.push(read?);
    }
    let from_arguments = !args.evidence.is_empty()
        || !args.notes.is_empty()
        || !args.texts.is_empty()
        || !files.is_empty();
    let stdin_is_terminal = io::stdin().is_terminal();
    // Flags alone describe a response whose text may come on stdin (`twerr --status 403 <
    // body.json`): a stdin that is not a terminal is read then too. Positional arguments
    // are lookups, as a file argument is for grep: stdin is read for them only with `-`.
    let beside_flags =
        given.inputs.is_empty() && given.file.is_none() && from_arguments && !stdin_is_terminal;
    let wanted = dash || (!from_arguments && given.file.is_none());
    if wanted && stdin_is_terminal {
        if !dash {
            return Err(Error::Usage(format!(
                "nothing to explain: give a status, a code or a message, or pipe a response into twerr\n{}\nFor more information, try '--help'.",
                Cli::command().render_usage()
            )));
        }
        // `twerr -` on a terminal is how a person pastes: say how to end the paste.
        ctx.say(PASTE_HINT)?;
    }
    if wanted || beside_flags {
        // An unreadable stdin (a directory: `twerr < /tmp`) is as an unreadable --file.
        let read =
            input::read_stdin().map_err(|e| Error::Usage(format!("cannot read stdin: {e}")))?;
        // Beside flags, an empty stdin is no input (scripts run with /dev/null).
        if wanted || read.total_bytes > 0 {
            inputs.push(read);
        }
    }
    Ok(inputs)
}

/// Several bare words are one query, as the shell split them (`twerr rate limit`).
fn joined_words(texts: &[String]) -> Vec<String> {
    if texts.len() > 1 && texts.iter().all(|t| !t.contains(char::is_whitespace)) {
        vec![texts.join(" ")]
    } else {
        texts.to_vec()
    }
}

/// The evidence of text arguments, added to `found`: an entry's name or exact official
/// message is a lookup (`twerr "Status is a duplicate"` asks which code that is); anything
/// else is read as pasted text. Returns the last text in which nothing was found.
fn text_evidence<'a>(texts: &'a [String], found: &mut Vec<Evidence>) -> Option<&'a String> {
    let mut unmatched = None;
    for text in texts {
        let seen = Seen {
            line: 1,
            how: How::Argument,
        };
        if let Some(ev) = arguments::named_entry(text, seen) {
            found.extend(ev);
            continue;
        }
        let found_here = evidence::extract(text);
        if found_here.iter().any(|e| e.finding != Finding::Body) {
            found.extend(found_here);
        } else {
            unmatched = Some(text);
        }
    }
    unmatched
}

/// What was asked, for the answer when nothing was recognised.
struct Asked<'a> {
    inputs: &'a [Input],
    texts: &'a [String],
    /// The last text argument in which nothing was found.
    unmatched_text: Option<&'a String>,
}

/// Nothing recognised: words are searched for in the tables; a misspelt subcommand or
/// problem name gets a suggestion; else the reason, on stderr (and as JSON with --json).
fn nothing_found(ctx: &mut Ctx, d: &Diagnosis, asked: Asked) -> Outcome {
    if let Some(text) = asked.unmatched_text {
        // Words that are no structure, name or exact message: search the tables.
        let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
        if !crate::catalog::listing::search(&words).is_empty() {
            return super::list::search(ctx, &words);
        }
    }
    if let Some((typed, meant)) = asked.texts.first().and_then(|t| near_subcommand(t)) {
        return Err(Error::Usage(format!(
            "`{}` is not a command; did you mean `twerr {meant}`?",
            clean(typed)
        )));
    }
    // Misspelt words (`duplcate`, `unauthorised`): the search for the words they are
    // nearest, said on stderr.
    if let Some(text) = asked.unmatched_text
        && let Some(near) = crate::catalog::listing::corrected(
            &text
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>(),
        )
        && !crate::catalog::listing::search(&near).is_empty()
    {
        ctx.say(format_args!(
            "note: no entry mentions `{}`; showing those that mention `{}`",
            clean(text),
            clean(&near.join(" "))
        ))?;
        return super::list::search(ctx, &near);
    }
    let near_problem = asked
        .texts
        .first()
        .and_then(|t| Some((t, crate::catalog::near_problem(t)?)));
    let reason = match near_problem {
        Some((typed, meant)) => format!(
            "`{}` is in no table; did you mean the problem type `{meant}`?",
            clean(typed)
        ),
        None => nothing_found_reason(asked.inputs, &d.notes),
    };
    ctx.say(&reason)?;
    if ctx.plan.json() {
        // --json output is always one JSON document, recognised or not.
        // The keys of a diagnosis, each with its "nothing" value, and the reason.
        let doc = serde_json::json!({
            "status": null, "errors": [], "rate_limit": null,
            "retry": {"verdict": null, "wait_seconds": null, "schedule": [], "advice": reason},
            "other_statuses": [], "notes": d.notes, "other_errors": null, "request": null,
            "reason": reason,
        });
        render::json::write(ctx.out, &doc)?;
    }
    Ok(Exit::NothingRecognised)
}

/// The one line said when nothing could be explained.
fn nothing_found_reason(inputs: &[Input], notes: &[String]) -> String {
    const LOOKED_FOR: &str = "looked for HTTP status lines, curl --fail lines, JSON/XML error bodies, v2 problems, client exception text and rate-limit headers";
    match inputs {
        [i] if i.total_bytes == 0 => "the input is empty: nothing to explain".to_string(),
        [i] if i.text.trim().is_empty() => {
            "the input holds only whitespace: nothing to explain".to_string()
        }
        [i] if i.gzip => format!("{}; nothing else to explain", input::GZIP_NOTE),
        [i] if i.binary => format!(
            "the input is binary data (NUL bytes) with nothing recognisable in it ({LOOKED_FOR})"
        ),
        _ if !notes.is_empty() => format!("{}; nothing else to explain", notes.join("; ")),
        _ => format!("nothing recognisable in the input ({LOOKED_FOR})"),
    }
}

fn exit_status(d: &Diagnosis, exit_verdict: bool) -> Exit {
    if !d.explained() {
        Exit::NothingRecognised
    } else if exit_verdict {
        Exit::of_verdict(d.retry.verdict)
    } else {
        Exit::Ok
    }
}

/// The subcommand that the first word of `text` misspells (`lst`, `scna`, `serach`,
/// `completion`), if it is one edit or two away from it and not a subcommand itself.
/// `twerr scna bot.log`: a first word one edit or two from a subcommand, with more words
/// after it, stands where a subcommand would; reading the rest as a response would answer
/// a question nobody asked. A word that is a file, or that means something on its own,
/// is read as before; a word alone is looked up first (see `nothing_found`).
fn misspelt_subcommand(given: &Explain) -> Result<(), Error> {
    let (Some(first), true) = (given.inputs.first(), given.inputs.len() > 1) else {
        return Ok(());
    };
    let is_word = !first.is_empty() && first.bytes().all(|b| b.is_ascii_alphabetic());
    if !is_word || Path::new(first).exists() || crate::catalog::problem_named(first).is_some() {
        return Ok(());
    }
    match near_subcommand(first) {
        Some((typed, meant)) => Err(Error::Usage(format!(
            "`{}` is not a command; did you mean `twerr {meant}`?",
            clean(typed)
        ))),
        None => Ok(()),
    }
}

fn near_subcommand(text: &str) -> Option<(&str, String)> {
    let cli = Cli::command();
    let names = crate::cli::subcommand_names(&cli);
    let word = text.split_whitespace().next()?;
    let lower = word.to_ascii_lowercase();
    if word.len() < 2 || names.contains(&lower.as_str()) {
        return None;
    }
    crate::catalog::closest(&lower, names.iter().copied(), 2).map(|c| (word, c.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelt_subcommands_are_suggested() {
        let meant = |w| near_subcommand(w).map(|(_, m)| m);
        assert_eq!(meant("lst").as_deref(), Some("list"));
        assert_eq!(meant("serach").as_deref(), Some("search"));
        assert_eq!(
            meant("decde").as_deref(),
            Some("decide"),
            "every subcommand is a name"
        );
        assert_eq!(near_subcommand("list"), None);
        assert_eq!(near_subcommand("ls"), None);
    }

    #[test]
    fn several_bare_words_are_one_query() {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            joined_words(&words(&["rate", "limit"])),
            words(&["rate limit"])
        );
        assert_eq!(joined_words(&words(&["a b", "c"])), words(&["a b", "c"]));
    }

    #[test]
    fn the_reason_names_what_the_input_was() {
        let read = |bytes: &[u8]| input::read_bounded(bytes).unwrap();
        assert_eq!(
            nothing_found_reason(&[read(b"")], &[]),
            "the input is empty: nothing to explain"
        );
        assert_eq!(
            nothing_found_reason(&[read(b"  \n\t")], &[]),
            "the input holds only whitespace: nothing to explain"
        );
        assert!(nothing_found_reason(&[read(b"hello")], &[]).starts_with("nothing recognisable"));
        assert!(nothing_found_reason(&[], &["a note".into()]).starts_with("a note; nothing else"));
    }
}
