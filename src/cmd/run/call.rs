//! What the command line shows of the call before it runs: whether curl is asked to write
//! (`-X POST`, `--data*`, `-F`, `--json`, `-T`) or to open a stream, and, after it ran,
//! curl's own exit statuses for a call that got no answer.

use crate::policy::{Call, Transport, is_stream_path};
use std::ffi::OsString;
use std::path::Path;

/// curl's options that send a body, and so make the request a POST unless `-X` or `-G`
/// says otherwise.
const BODY_OPTIONS: &[&str] = &[
    "-d",
    "--data",
    "--data-ascii",
    "--data-binary",
    "--data-raw",
    "--data-urlencode",
    "-F",
    "--form",
    "--form-string",
    "--json",
];

/// Whether `command` runs curl.
fn is_curl(command: &[OsString]) -> bool {
    command
        .first()
        .and_then(|p| Path::new(p).file_name())
        .is_some_and(|name| name == "curl")
}

/// What `command` shows of its call, when it is curl; nothing for any other command.
pub(super) fn of_command(command: &[OsString]) -> Call {
    if !is_curl(command) {
        return Call::default();
    }
    let words: Vec<String> = command[1..]
        .iter()
        .map(|w| w.to_string_lossy().into_owned())
        .collect();
    let mut method: Option<String> = None;
    let (mut body, mut get, mut upload, mut stream) = (false, false, false, false);
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        let next = words.get(i + 1).map(String::as_str);
        match w {
            "-X" | "--request" => {
                method = next.map(str::to_string);
                i += 1;
            }
            _ if w.starts_with("-X") && w.len() > 2 => method = Some(w[2..].to_string()),
            _ if w.starts_with("--request=") => method = Some(w["--request=".len()..].into()),
            "-G" | "--get" => get = true,
            "-T" | "--upload-file" => upload = true,
            _ if BODY_OPTIONS.contains(&w) || BODY_OPTIONS.iter().any(|o| opt_joined(w, o)) => {
                body = true
            }
            _ if !w.starts_with('-') => stream |= is_stream_url(w),
            _ => {}
        }
        i += 1;
    }
    let write = match method {
        Some(m) => !["GET", "HEAD", "OPTIONS"]
            .iter()
            .any(|g| g.eq_ignore_ascii_case(&m)),
        None => upload || (body && !get),
    };
    Call { write, stream }
}

/// `--data=...` or `-dvalue`: an option and its value in one word.
fn opt_joined(word: &str, option: &str) -> bool {
    if option.starts_with("--") {
        word.strip_prefix(option)
            .is_some_and(|rest| rest.starts_with('='))
    } else {
        word.len() > 2 && word.starts_with(option)
    }
}

/// Whether a URL is a streaming endpoint's: `stream.twitter.com`, or a path ending in
/// `/stream`.
fn is_stream_url(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let hosted = host.contains('.') || host.contains(':');
    host.starts_with("stream.") || (hosted && is_stream_path(&format!("/{path}")))
}

/// How curl's exit status says a call got no answer: curl's documented exit codes.
pub(super) fn transport_failure(command: &[OsString], exit: u8) -> Option<Transport> {
    if !is_curl(command) {
        return None;
    }
    match exit {
        // Couldn't connect; SSL connect error: nothing was sent.
        7 | 35 => Some(Transport::Refused),
        // Operation timed out.
        28 => Some(Transport::TimedOut),
        // Empty reply, send or receive error, HTTP/2 or HTTP/3 stream error.
        52 | 55 | 56 | 92 | 95 => Some(Transport::Cut),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(words: &str) -> Call {
        let command: Vec<OsString> = words.split(' ').map(OsString::from).collect();
        of_command(&command)
    }

    #[test]
    fn curl_writes_are_told_by_their_method_or_body() {
        for words in [
            "curl -X POST https://api.x.com/2/tweets",
            "curl -XDELETE https://api.x.com/2/tweets/1",
            "curl --request=PUT https://api.x.com/2/lists/1",
            "curl -s --data-binary @- https://api.x.com/2/tweets",
            "curl --json {} https://api.x.com/2/tweets",
            "curl -F media=@a.png https://upload.x.com/1.1/media/upload.json",
            "curl -d'status=hi' https://api.x.com/1.1/statuses/update.json",
            "/usr/bin/curl -T file https://example.com/x",
        ] {
            assert!(call(words).write, "{words}");
        }
        for words in [
            "curl -si https://api.x.com/2/users/me",
            "curl -G -d query=x https://api.x.com/2/tweets/search/recent",
            "curl -X GET -d a=b https://api.x.com/2/tweets",
            "python3 post.py -X POST",
        ] {
            assert!(!call(words).write, "{words}");
        }
    }

    #[test]
    fn streams_are_told_by_their_url() {
        assert!(call("curl -N https://api.x.com/2/tweets/search/stream").stream);
        assert!(call("curl https://stream.twitter.com/1.1/statuses/filter.json").stream);
        assert!(!call("curl https://api.x.com/2/tweets/search/stream/rules").stream);
    }

    #[test]
    fn only_curl_exit_statuses_name_a_transport_failure() {
        let curl = [OsString::from("curl")];
        assert_eq!(transport_failure(&curl, 28), Some(Transport::TimedOut));
        assert_eq!(transport_failure(&curl, 7), Some(Transport::Refused));
        assert_eq!(transport_failure(&curl, 22), None);
        assert_eq!(transport_failure(&[OsString::from("python3")], 28), None);
    }
}
