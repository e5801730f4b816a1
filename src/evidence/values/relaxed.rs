//! Reads the object literals that client libraries print instead of JSON: Python reprs
//! (`[{'code': 187, 'message': u'...'}]`, `True`, `None`) and Node's `util.inspect` dumps
//! (`{ code: 403, rateLimit: { limit: 15 } }`, unquoted keys, single quotes, `[Object]`).
//! Ruby's `inspect` (`{:code=>88}`, `"code"=>88`, `nil`), Node's error header (`{ [Error: text]
//! message: ... }`) and Java's `toString()` (`TwitterException{statusCode=403, message=text
//! with spaces, code=326}`). The result is a `serde_json::Value`, so one interpreter serves
//! JSON and every literal alike.

use super::{bounded, escape};
use regex::Regex;
use serde_json::{Map, Number, Value};
use std::sync::LazyLock;

/// Where a bare value ends at a bracket it did not open: `message=Rate limit exceeded}]`
/// ends before the `}`, `exceptionCode=[2fc5b7cb-0f59b95f]` takes its own brackets.
fn unmatched_closer(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'{' | b'[' => depth += 1,
            b'}' | b']' if depth == 0 => return Some(i),
            b'}' | b']' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The longest bare Java value read (a Twitter4J message is a few hundred bytes).
const MAX_BARE: usize = 4096;

/// Where a bare Java value ends: at `, nextKey=`.
static JAVA_NEXT_KEY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r", [A-Za-z_][A-Za-z0-9_]*=").expect("the pattern compiles"));

/// The same, where it must stand right at the start.
static JAVA_NEXT_KEY_HERE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^, [A-Za-z_][A-Za-z0-9_]*=").expect("the pattern compiles"));

/// How far after a Java value the end of its entry is looked for: `, key=` or spaces and
/// a closing brace.
const MAX_KEY_LOOK: usize = 256;

/// Nesting deeper than this is refused rather than followed: no stack overflow on hostile input.
const MAX_DEPTH: usize = 64;

/// Parses one literal at the start of `text`; returns it and the bytes it used.
pub(in crate::evidence) fn literal_prefix(text: &str) -> Option<(Value, usize)> {
    literal_prefix_counted(text).0
}

/// [`literal_prefix`], also returning how many bytes the attempt examined, success or not:
/// what it cost, for the caller's budget.
pub(in crate::evidence) fn literal_prefix_counted(text: &str) -> (Option<(Value, usize)>, usize) {
    let mut p = Parser {
        s: text,
        b: text.as_bytes(),
        i: 0,
        depth: 0,
        looked_ahead: 0,
        spent: 0,
        limit: text.len().saturating_mul(2).saturating_add(MAX_BARE),
        nodes: 0,
    };
    let v = p.value();
    let examined = p.cost();
    (v.map(|v| (v, p.i)), examined)
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    depth: usize,
    /// Bytes examined ahead of `i` by searches that did not move it.
    looked_ahead: usize,
    /// Bytes parsed and then given back (a Java value tried as a literal, then read as
    /// bare text): work that `i` no longer shows.
    spent: usize,
    /// The most work one attempt may do: nested values tried and given back at every
    /// level could otherwise cost far more than the text is long.
    limit: usize,
    /// Values kept so far: past [`bounded::MAX_NODES`], values are parsed but not kept.
    nodes: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_ascii_whitespace() {
                self.i += 1;
            } else if self.s[self.i..].starts_with("<ref *") {
                // Node marks circular structures: `<ref *1> { ... }`. The mark is short:
                // its end is looked for nearby only, never across the rest of the text.
                let near = &self.b[self.i..self.b.len().min(self.i + 16)];
                self.i += memchr::memchr(b'>', near).map_or(1, |n| n + 1);
            } else if self.s[self.i..].starts_with("//") {
                // A comment someone added to a pasted body, to the end of its line.
                let rest = &self.b[self.i..];
                self.i += memchr::memchr(b'\n', rest).unwrap_or(rest.len());
            } else if self.s[self.i..].starts_with("/*") {
                let rest = &self.b[self.i..];
                self.i += memchr::memmem::find(rest, b"*/").map_or(rest.len(), |n| n + 2);
            } else {
                break;
            }
        }
    }

    /// What the attempt has cost so far, in bytes.
    fn cost(&self) -> usize {
        self.i
            .saturating_add(self.looked_ahead)
            .saturating_add(self.spent)
    }

    fn value(&mut self) -> Option<Value> {
        if self.cost() > self.limit {
            return None;
        }
        self.ws();
        match self.peek()? {
            b'{' => self.nested(Self::object),
            b'[' => self.nested(Self::array),
            b'\'' | b'"' => self.string().map(Value::String),
            b'u' | b'b' | b'r' if matches!(self.b.get(self.i + 1), Some(b'\'' | b'"')) => {
                self.i += 1;
                self.string().map(Value::String)
            }
            b'-' | b'0'..=b'9' => self.number(),
            c if c.is_ascii_alphabetic() || c == b'_' || c == b'$' => {
                let word = self.word();
                Some(match word {
                    "True" | "true" => Value::Bool(true),
                    "False" | "false" => Value::Bool(false),
                    "None" | "null" | "undefined" | "nil" => Value::Null,
                    other => Value::String(other.to_string()),
                })
            }
            _ => None,
        }
    }

    fn nested(&mut self, f: fn(&mut Self) -> Option<Value>) -> Option<Value> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let v = f(self);
        self.depth -= 1;
        v
    }

    fn word(&mut self) -> &str {
        let start = self.i;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' {
                self.i += 1;
            } else {
                break;
            }
        }
        &self.s[start..self.i]
    }

    fn object(&mut self) -> Option<Value> {
        self.i += 1; // '{'
        let mut map = Map::new();
        loop {
            self.ws();
            match self.peek()? {
                b'}' => {
                    self.i += 1;
                    return Some(Value::Object(map));
                }
                b'\'' | b'"' => {
                    let key = self.string()?;
                    self.entry(key, &mut map)?;
                }
                b'u' | b'b' | b'r' if matches!(self.b.get(self.i + 1), Some(b'\'' | b'"')) => {
                    self.i += 1;
                    let key = self.string()?;
                    self.entry(key, &mut map)?;
                }
                // Ruby symbols: `:code=>88`.
                b':' if self
                    .b
                    .get(self.i + 1)
                    .is_some_and(|c| c.is_ascii_alphabetic()) =>
                {
                    self.i += 1;
                    let key = self.word().to_string();
                    self.entry(key, &mut map)?;
                }
                c if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' => {
                    let key = self.word().to_string();
                    self.entry(key, &mut map)?;
                }
                // Node prints an Error's own text first: `{ [Error: Status is a duplicate.]`.
                b'[' if map.is_empty() => {
                    // Looked for within a bounded window, and charged: a long line of
                    // `{[` must not be read to its end from every brace.
                    let window =
                        &self.s[self.i..crate::evidence::floor_boundary(self.s, self.i + MAX_BARE)];
                    let close = window.find([']', '\n']);
                    self.looked_ahead += close.unwrap_or(window.len());
                    let close = close?;
                    if self.b[self.i + close] != b']' {
                        return None;
                    }
                    let text = self.s[self.i + 1..self.i + close].to_string();
                    self.i += close + 1;
                    map.insert("[error]".to_string(), Value::String(text));
                    continue;
                }
                _ => return None,
            }
            self.ws();
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => {}
                _ => return None,
            }
        }
    }

    /// Whether one more value may be kept (memory stays bounded on huge literals).
    fn keep(&mut self, len: usize, max: usize) -> bool {
        self.nodes += 1;
        len < max && self.nodes <= bounded::MAX_NODES
    }

    fn entry(&mut self, key: String, map: &mut Map<String, Value>) -> Option<()> {
        self.ws();
        let rest = &self.s[self.i..];
        let v = if rest.starts_with("=>") {
            self.i += 2;
            self.value()?
        } else if rest.starts_with(':') {
            self.i += 1;
            self.value()?
        } else if rest.starts_with('=') {
            self.i += 1;
            self.java_value()?
        } else {
            return None;
        };
        if self.keep(map.len(), bounded::MAX_KEYS) {
            map.insert(key, v);
        }
        Some(())
    }

    /// A value of Java's `key=value` notation: a literal when one parses and ends the
    /// entry, else bare text up to the next `, key=` or the closing brace.
    fn java_value(&mut self) -> Option<Value> {
        let start = self.i;
        if let Some(v) = self.value() {
            // Only the start of what follows is looked at: a search through the rest of
            // the text from every value would be quadratic.
            let after =
                &self.s[self.i..crate::evidence::floor_boundary(self.s, self.i + MAX_KEY_LOOK)];
            self.looked_ahead += after.len();
            let ends = after.trim_start_matches(' ').starts_with('}')
                || JAVA_NEXT_KEY_HERE.is_match(after);
            if ends {
                return Some(v);
            }
        }
        self.spent = self.spent.saturating_add(self.i - start);
        self.i = start;
        let rest = &self.s[start..];
        // A bare value is looked for within a bounded window of its line.
        let rest = &rest[..crate::evidence::floor_boundary(rest, MAX_BARE)];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        let rest = &rest[..line_end];
        self.looked_ahead += line_end;
        let end = JAVA_NEXT_KEY
            .find(rest)
            .map(|m| m.start())
            .into_iter()
            .chain(unmatched_closer(rest))
            .min()?;
        self.i = start + end;
        Some(Value::String(rest[..end].trim().to_string()))
    }

    fn array(&mut self) -> Option<Value> {
        self.i += 1; // '['
        let mut items = Vec::new();
        loop {
            self.ws();
            match self.peek()? {
                b']' => {
                    self.i += 1;
                    return Some(Value::Array(items));
                }
                b'.' if self.s[self.i..].starts_with("...") => {
                    // Node: `... 3 more items`
                    while !matches!(self.peek()?, b',' | b']') {
                        self.i += 1;
                    }
                }
                _ => {
                    let v = self.value()?;
                    if self.keep(items.len(), bounded::MAX_ITEMS) {
                        items.push(v);
                    }
                }
            }
            self.ws();
            match self.peek()? {
                b',' => self.i += 1,
                b']' => {}
                _ => return None,
            }
        }
    }

    /// A quoted string. Digits that come only from escapes (`'\x31\x38\x37'`) are not
    /// a number the input shows: such a string is kept as written.
    fn string(&mut self) -> Option<String> {
        let start = self.i;
        let decoded = self.decoded_string()?;
        let escaped = self.s[start..self.i].contains('\\');
        if escaped && !decoded.is_empty() && decoded.bytes().all(|b| b.is_ascii_digit()) {
            return Some(self.s[start + 1..self.i - 1].to_string());
        }
        Some(decoded)
    }

    fn decoded_string(&mut self) -> Option<String> {
        let quote = self.peek()?;
        self.i += 1;
        let mut out = String::new();
        loop {
            let rest = &self.s[self.i..];
            let c = rest.chars().next()?;
            self.i += c.len_utf8();
            match c {
                '\\' => self.escape(&mut out)?,
                // A terminal wraps long lines where it likes: a string broken by a line end
                // (and the spaces that indent the next line) goes on.
                '\n' => self.line_break(&mut out),
                c if c as u32 == quote as u32 => return Some(out),
                c => out.push(c),
            }
        }
    }

    /// The escape whose backslash was just read, undone onto `out`. A digit written as an
    /// escape (`\x32`, `\u0039`, Python's `\2`) stays as written: it is no digit of the
    /// input, and must not join the digits beside it into a number (`4\x32\x39`).
    fn escape(&mut self, out: &mut String) -> Option<()> {
        let at = self.i - 1;
        let e = self.s[self.i..].chars().next()?;
        self.i += e.len_utf8();
        let c = match e {
            // A backslash before a line end (JavaScript's and Python's line continuation)
            // writes no character: the line end is a break.
            '\n' => {
                self.line_break(out);
                return Some(());
            }
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'x' => {
                let v = escape::hex(&self.s[self.i..], 2)?;
                self.i += 2;
                char::from_u32(v)?
            }
            'u' => {
                let (c, used) = escape::unicode(&self.s[self.i..])?;
                self.i += used;
                c
            }
            other => other,
        };
        if c.is_ascii_digit() {
            out.push_str(&self.s[at..self.i]);
        } else {
            out.push(c);
        }
        Some(())
    }

    /// A line end inside a string, just read: the string goes on after the break and the
    /// spaces that indent the next line.
    fn line_break(&mut self, out: &mut String) {
        // The CR of a CRLF line end is part of the break, not of the string.
        while out.ends_with('\r') {
            out.pop();
        }
        let rest = &self.s[self.i..];
        let indent = rest.len() - rest.trim_start_matches([' ', '\t', '\r']).len();
        self.i += indent;
        // Rejoining never makes a number that was not in the input: digits on both sides
        // of the break stay apart.
        let digit_before = out.ends_with(|c: char| c.is_ascii_digit());
        let digit_after = self.s[self.i..].starts_with(|c: char| c.is_ascii_digit());
        if digit_before && digit_after {
            out.push(' ');
        }
    }

    fn number(&mut self) -> Option<Value> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        while let Some(c) = self.peek() {
            if c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-') {
                self.i += 1;
            } else {
                break;
            }
        }
        let raw = &self.s[start..self.i];
        if self.peek() == Some(b'n') {
            self.i += 1; // a JavaScript BigInt: 187n
        }
        // A leading zero (`093`: Python 2's octal, or digits padded for show) writes no
        // number as JSON does: its text is kept, so that it is never the number 93.
        let digits = raw.trim_start_matches('-');
        if digits.len() > 1 && digits.starts_with('0') && digits.as_bytes()[1].is_ascii_digit() {
            return Some(Value::String(raw.to_string()));
        }
        if let Ok(v) = raw.parse::<u64>() {
            return Some(Value::Number(v.into()));
        }
        if let Ok(v) = raw.parse::<i64>() {
            return Some(Value::Number(v.into()));
        }
        // Not a number at all: no value.
        raw.parse::<f64>().ok()?;
        // A number with an exponent (9e7) is kept as its text: as a float it would print as
        // digits (90000000.0) that the input never showed. So is one too large for any
        // type (1e400), to be reported as such.
        if raw.contains(['e', 'E']) {
            return Some(Value::String(raw.to_string()));
        }
        // A fraction is kept as written, never through a float: 8833333333333333.7 as an
        // f64 is 8833333333333334.0, a whole number the input never showed (a fuzz finding).
        Some(
            raw.parse::<Number>()
                .map_or_else(|_| Value::String(raw.to_string()), Value::Number),
        )
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn values_given_back_count_toward_the_cost_and_bound_it() {
        // Java entries whose values parse as literals but do not end the entry are tried,
        // given back and read as bare text, at every level: that work is counted, and one
        // attempt stops at its limit instead of going on for seconds (a fuzz finding).
        // Past the limit no value is tried; the levels being left may each still read one
        // bare value of at most MAX_BARE bytes.
        let bound = |len: usize| len * 2 + MAX_BARE + MAX_DEPTH * 2 * MAX_BARE;
        let nested = format!("{}1 x", "{k=".repeat(60)).repeat(50);
        let (_, examined) = literal_prefix_counted(&nested);
        assert!(examined <= bound(nested.len()), "{examined}");
        let found = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fuzz-regressions/timeout_java_values_tried_and_given_back.txt"
        ))
        .unwrap();
        let text = String::from_utf8_lossy(&found);
        for at in text.char_indices().map(|(i, _)| i) {
            let (_, examined) = literal_prefix_counted(&text[at..]);
            assert!(examined <= bound(text.len() - at), "at {at}: {examined}");
        }
    }
    use super::*;
    use serde_json::json;

    fn parse(s: &str) -> Value {
        literal_prefix(s).expect("parses").0
    }

    #[test]
    fn python_repr_of_tweepy_three() {
        assert_eq!(
            parse("[{u'message': u'Status is a duplicate.', u'code': 187}]"),
            json!([{"message": "Status is a duplicate.", "code": 187}])
        );
        assert_eq!(
            parse("{'a': True, 'b': None}"),
            json!({"a": true, "b": null})
        );
    }

    #[test]
    fn node_inspect_dump() {
        let v = parse(
            "{\n  error: true,\n  type: 'response',\n  code: 403,\n  rateLimit: { limit: 300, remaining: 0, reset: 1700000000 },\n  data: { errors: [ [Object] ] },\n}",
        );
        assert_eq!(v["code"], json!(403));
        assert_eq!(v["rateLimit"]["reset"], json!(1700000000u64));
        assert_eq!(v["data"]["errors"], json!([["Object"]]));
    }

    #[test]
    fn escaped_quotes_and_length() {
        let (v, used) = literal_prefix("{'m': 'can\\'t'} tail").unwrap();
        assert_eq!(v, json!({"m": "can't"}));
        assert_eq!(used, 15);
    }

    #[test]
    fn refuses_deep_nesting_and_garbage() {
        let deep = "[".repeat(10_000);
        assert!(literal_prefix(&deep).is_none());
        assert!(literal_prefix("{foo}").is_none());
        assert!(literal_prefix("{'a': 'unterminated").is_none());
    }

    #[test]
    fn ruby_inspect() {
        assert_eq!(
            parse("{:code=>88, :message=>\"Rate limit exceeded\", :x=>nil}"),
            json!({"code": 88, "message": "Rate limit exceeded", "x": null})
        );
        assert_eq!(
            parse("{\"errors\"=>[{\"code\"=>187}]}"),
            json!({"errors": [{"code": 187}]})
        );
    }

    #[test]
    fn node_error_header() {
        assert_eq!(
            parse("{ [Error: Status is a duplicate.]\n  statusCode: 403,\n  code: 187 }"),
            json!({"[error]": "Error: Status is a duplicate.", "statusCode": 403, "code": 187})
        );
    }

    #[test]
    fn java_to_string() {
        let v = parse(
            "{exceptionCode=[2fc5b7cb-0f59b95f], statusCode=403, message=Locked, for now. Log in, please., code=326, retryAfter=-1, rateLimitStatus=null, version=4.0.6}",
        );
        assert_eq!(v["statusCode"], json!(403));
        assert_eq!(v["code"], json!(326));
        assert_eq!(v["message"], json!("Locked, for now. Log in, please."));
        assert_eq!(v["retryAfter"], json!(-1));
        assert_eq!(v["version"], json!("4.0.6"));
    }

    #[test]
    fn digits_written_as_escapes_stay_as_written() {
        assert_eq!(
            parse("{'code': '\\x31\\x38\\x37'}"),
            json!({"code": "\\x31\\x38\\x37"})
        );
        assert_eq!(parse("{'m': 'a\\x41'}"), json!({"m": "aA"}));
        // Beside digits of the input, an escaped digit makes no number with them.
        for written in ["4\\x32\\x39", "4\\u0032\\u0039", "4\\29"] {
            let m = format!("{{'m': 'status code {written}'}}");
            assert_eq!(parse(&m), json!({"m": format!("status code {written}")}));
        }
    }

    #[test]
    fn an_exponent_keeps_its_text() {
        assert_eq!(parse("{code: 9e7}"), json!({"code": "9e7"}));
        assert_eq!(parse("{code: 187.0}")["code"].to_string(), "187.0");
    }

    #[test]
    fn comments_in_a_pasted_body() {
        assert_eq!(
            parse("{\n  \"code\": 88, // the rate limit\n  /* why */ \"message\": \"x\"\n}"),
            json!({"code": 88, "message": "x"})
        );
    }

    #[test]
    fn java_maps_and_wrapped_strings() {
        assert_eq!(
            parse("{errors=[{code=88, message=Rate limit exceeded}]}"),
            json!({"errors": [{"code": 88, "message": "Rate limit exceeded"}]})
        );
        assert_eq!(
            parse("{\"message\":\"Rate limit exc\n   eeded\",\"code\":88}"),
            json!({"message": "Rate limit exceeded", "code": 88})
        );
        assert_eq!(
            parse("{\"m\":\"HTTP/1.1 40\n1 x\"}"),
            json!({"m": "HTTP/1.1 40 1 x"}),
            "never joins digits into a number"
        );
        assert_eq!(
            parse("{\"m\":\"Rate limit exc\r\n  eeded\"}"),
            json!({"m": "Rate limit exceeded"}),
            "the CR of a CRLF break goes with it"
        );
    }

    #[test]
    fn a_backslash_before_a_line_end_continues_the_line() {
        assert_eq!(
            parse("{m: 'Rate limit exc\\\n   eeded'}"),
            json!({"m": "Rate limit exceeded"})
        );
        assert_eq!(
            parse("{m: 'status 4\\\r\n29'}"),
            json!({"m": "status 4 29"}),
            "never joins digits into a number"
        );
    }

    #[test]
    fn numbers_out_of_range_keep_their_text() {
        assert_eq!(parse("{code: 1e400}"), json!({"code": "1e400"}));
        assert_eq!(parse("{code: -1}"), json!({"code": -1}));
        assert_eq!(parse("{code: 187n}"), json!({"code": 187}));
        // A fraction keeps its digits: no float rounds it into another whole number.
        assert_eq!(
            parse("{code: 8833333333333333.7}")["code"].to_string(),
            "8833333333333333.7"
        );
        assert_eq!(parse("{code: 187.0}")["code"].to_string(), "187.0");
    }
}
