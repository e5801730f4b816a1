//! Reads PHP's dumps of a decoded body into the same `serde_json::Value` as JSON:
//! `print_r` (`[code] => 144`, nested `Array ( ... )` and `stdClass Object ( ... )`, also
//! flattened onto one line) and `var_dump` (`["code"]=> int(144)`, `string(29) "..."`).
//! PHP clients (TwitterOAuth, tmhOAuth, codebird) print these rather than the JSON.

use serde_json::{Map, Value};

/// Nesting deeper than this is not followed.
const MAX_DEPTH: usize = 16;
/// The longest scalar value read; a longer one is cut there.
const MAX_SCALAR: usize = 4096;
/// The longest key read.
const MAX_KEY: usize = 64;

/// Whether `text` starts with a PHP array key: `[name] =>`, `[0] =>` or `["name"]=>`.
pub(in crate::evidence) fn starts_key(text: &str) -> bool {
    key(text).is_some()
}

/// Reads the `[key] => value` pairs at the start of `text`, up to the `)` or `}` that
/// closes their level (or the end of the pairs). Returns the value and the bytes used.
pub(in crate::evidence) fn dump_prefix(text: &str) -> Option<(Value, usize)> {
    let mut p = Parser { s: text, i: 0 };
    let v = p.pairs(0)?;
    Some((v, p.i))
}

/// `[key]` then `=>`: the key and the length of all that.
fn key(text: &str) -> Option<(&str, usize)> {
    // A key is short: its `]` is looked for that far, never to the end of the text (a `[`
    // repeated a million times would make that quadratic).
    let inner = text.strip_prefix('[')?.as_bytes();
    let inner_end = memchr::memchr(b']', &inner[..inner.len().min(MAX_KEY + 2)])?;
    let raw = &text[1..1 + inner_end];
    let name = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(raw);
    let ok = !name.is_empty()
        && name.len() <= MAX_KEY
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b':'));
    let after = &text[inner_end + 2..];
    let arrow = after.len() - after.trim_start_matches([' ', '\t']).len();
    (ok && after[arrow..].starts_with("=>")).then_some((name, inner_end + 2 + arrow + 2))
}

struct Parser<'a> {
    s: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        &self.s[self.i..]
    }

    fn ws(&mut self) {
        let r = self.rest();
        self.i += r.len() - r.trim_start().len();
    }

    /// Pairs of one level; numeric keys make an array.
    fn pairs(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut map = Map::new();
        let mut numeric = true;
        loop {
            self.ws();
            let Some((name, used)) = key(self.rest()) else {
                break;
            };
            let name = name.to_string();
            self.i += used;
            let value = self.value(depth)?;
            numeric &= name.bytes().all(|b| b.is_ascii_digit());
            if map.len() < super::bounded::MAX_KEYS {
                map.insert(name, value);
            }
        }
        if map.is_empty() {
            return None;
        }
        Some(if numeric {
            Value::Array(map.into_iter().map(|(_, v)| v).collect())
        } else {
            Value::Object(map)
        })
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        // print_r puts the value on the same line; var_dump on the next.
        self.ws();
        let all = self.s;
        let rest = &all[self.i..];
        if let Some(after) = container_open(rest) {
            self.i += after;
            let v = self.pairs(depth + 1).unwrap_or(Value::Object(Map::new()));
            self.ws();
            if self.rest().starts_with([')', '}']) {
                self.i += 1;
            }
            return Some(v);
        }
        if let Some((v, used)) = var_dump_scalar(rest) {
            self.i += used;
            return Some(v);
        }
        // print_r: the text to the end of the line, or to the next key on a flattened line.
        // A value is looked for within a bounded window, so a flattened dump on one long
        // line is read in linear time.
        let rest = &rest[..crate::evidence::floor_boundary(rest, MAX_SCALAR)];
        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
        let next_key = line
            .match_indices(" [")
            .map(|(at, _)| at)
            .find(|&at| key(&line[at + 1..]).is_some());
        // On a flattened dump the value also ends where its level closes: ` ) )`.
        let closer = line.match_indices(" )").map(|(at, _)| at).find(|&at| {
            let after = line[at + 2..].trim_start();
            after.is_empty() || after.starts_with([')', '['])
        });
        let end = [next_key, closer]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(line.len());
        self.i += end;
        let text = line[..end].trim();
        // `072` and `+144` are text as print_r shows it, no number the API would write.
        Some(match text.parse::<u64>() {
            Ok(n) if super::is_plain_number(text) => Value::Number(n.into()),
            _ => Value::String(text.to_string()),
        })
    }
}

/// `Array\n(`, `stdClass Object\n(`, `array(2) {`, `object(stdClass)#1 (2) {`: the bytes up to
/// and including the opening bracket.
fn container_open(rest: &str) -> Option<usize> {
    let head = &rest[..crate::evidence::floor_boundary(rest, 80)];
    let opener = head.find(['(', '{'])?;
    let words = head[..opener].trim();
    let print_r = words == "Array" || words.ends_with(" Object");
    let var_dump = head.starts_with("array(") || head.starts_with("object(");
    if print_r {
        return Some(opener + 1);
    }
    if var_dump {
        return head.find('{').map(|b| b + 1);
    }
    None
}

/// `int(144)`, `float(1.5)`, `bool(true)`, `NULL`, `string(29) "..."`.
fn var_dump_scalar(rest: &str) -> Option<(Value, usize)> {
    if rest.starts_with("NULL") {
        return Some((Value::Null, 4));
    }
    // The kind is a short word right at the start: look no further than that.
    let open = memchr::memchr(b'(', &rest.as_bytes()[..rest.len().min(8)])?;
    let kind = &rest[..open];
    let near = &rest.as_bytes()[open..rest.len().min(open + 32)];
    let close = open + memchr::memchr(b')', near)?;
    let inner = &rest[open + 1..close];
    match kind {
        "int" => {
            let n = inner.parse::<i64>().ok()?;
            let digits = inner.strip_prefix('-').unwrap_or(inner);
            let value = if super::is_plain_number(digits) {
                Value::Number(n.into())
            } else {
                Value::String(inner.to_string())
            };
            Some((value, close + 1))
        }
        "float" => Some((Value::String(inner.to_string()), close + 1)),
        "bool" => Some((Value::Bool(inner == "true"), close + 1)),
        "string" => {
            // The length is in bytes, so quotes inside the string need no escaping.
            let len: usize = inner.parse().ok()?;
            // `string(29) "`: the quote comes right after, never further than a space.
            let near = &rest.as_bytes()[close + 1..rest.len().min(close + 4)];
            let start = close + 1 + memchr::memchr(b'"', near)? + 1;
            let text = rest.get(start..start + len)?;
            if !rest[start + len..].starts_with('"') {
                return None;
            }
            Some((Value::String(text.to_string()), start + len + 1))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(s: &str) -> Value {
        dump_prefix(s).expect("parses").0
    }

    #[test]
    fn print_r_nested() {
        let text = "[errors] => Array\n    (\n        [0] => stdClass Object\n            (\n                [code] => 215\n                [message] => Bad Authentication data.\n            )\n\n    )\n\n)";
        assert_eq!(
            parse(text),
            json!({"errors": [{"code": 215, "message": "Bad Authentication data."}]})
        );
    }

    #[test]
    fn print_r_flattened_on_one_line() {
        assert_eq!(
            parse("[code] => 32 [message] => Could not authenticate you. [label] => x"),
            json!({"code": 32, "message": "Could not authenticate you.", "label": "x"})
        );
    }

    #[test]
    fn print_r_nested_and_flattened() {
        assert_eq!(
            parse(
                "[errors] => Array ( [0] => stdClass Object ( [message] => Sorry, no [code] => 34 ) ) )"
            ),
            json!({"errors": [{"message": "Sorry, no", "code": 34}]})
        );
    }

    #[test]
    fn var_dump() {
        let text = "[\"errors\"]=>\n  array(1) {\n    [0]=>\n    object(stdClass)#2 (2) {\n      [\"code\"]=>\n      int(34)\n      [\"message\"]=>\n      string(33) \"Sorry, \"that\" page does not exist\"\n    }\n  }\n}";
        assert_eq!(
            parse(text),
            json!({"errors": [{"code": 34, "message": "Sorry, \"that\" page does not exist"}]})
        );
    }

    #[test]
    fn numbers_php_never_prints_stay_text() {
        // A sign or a leading zero before the digits: no number of the input's own.
        for written in ["+0144", "0144", "+144", "-0144"] {
            let dump = format!("[code] => {written}\n[message] => N\n");
            assert_eq!(parse(&dump)["code"], json!(written), "{dump}");
            let dump = format!("[\"code\"]=>\nint({written})\n");
            assert_eq!(parse(&dump)["code"], json!(written), "{dump}");
        }
        assert_eq!(parse("[\"code\"]=>\nint(-5)\n")["code"], json!(-5));
        assert_eq!(parse("[code] => 0\n")["code"], json!(0));
    }

    #[test]
    fn cut_or_lying_dumps_are_refused_without_panic() {
        assert!(
            dump_prefix("[\"m\"]=>\nstring(40) \"short\"").is_some_and(|(v, _)| v["m"] != "short")
        );
        let long = format!("[a] => {}\u{e9}(", "x".repeat(72));
        assert!(dump_prefix(&long).is_some());
    }

    #[test]
    fn not_php() {
        assert!(!starts_key("[Error: x]"));
        assert!(!starts_key("[429] Too Many Requests"));
        assert!(starts_key("[0] => a"));
        assert!(dump_prefix("[a b] => c").is_none());
    }
}
