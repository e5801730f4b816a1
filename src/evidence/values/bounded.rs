//! A JSON body read into a `serde_json::Value` with bounded memory: a 200 response with
//! 300,000 items, or an unclosed `[` followed by a million objects, must not become a
//! million values in memory. Arrays keep their first [`MAX_ITEMS`] items (a `data` or
//! `includes` array its first [`MAX_RESULTS`]) and objects their first [`MAX_KEYS`]
//! members; past [`MAX_NODES`] values in all, the rest is validated and skipped
//! (`IgnoredAny`), which allocates nothing. What an error body says is always near
//! its top (`errors`, `title`, `detail`, `type`, `status`), so nothing that matters is lost.

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::cell::{Cell, RefCell};
use std::fmt;

pub(in crate::evidence) const MAX_ITEMS: usize = 1000;
pub(in crate::evidence) const MAX_KEYS: usize = 1000;
pub(in crate::evidence) const MAX_NODES: usize = 100_000;
/// The most items kept of an array that is a `data` or `includes` member: what a call
/// returned (posts, users), thousands in a large v2 response. No reader looks inside them
/// (a `data` object is followed, but arrays are read only when named for errors), and
/// building them was most of the time such a body took to read.
pub(in crate::evidence) const MAX_RESULTS: usize = 16;
/// A string longer than this is cut (at a character boundary).
const MAX_STRING: usize = 1 << 20;

/// With serde_json's `arbitrary_precision`, a number reaches a visitor as a one-entry map
/// with this key and the number's text as its value.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// Parses the first JSON value of `text`; returns it and the bytes it used. `Err(None)`
/// when `text` holds no value at all.
pub(in crate::evidence) fn json_prefix(
    text: &str,
) -> Result<(Value, usize), Option<serde_json::Error>> {
    json_prefix_noting(text).map(|(value, used, _)| (value, used))
}

/// A key an object gives more than once with different values (`"code":187,"code":88`).
/// JSON readers keep the last silently; the diagnosis says so instead.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::evidence) struct Repeat {
    pub key: String,
    pub first: Value,
    pub last: Value,
}

/// How many repeated keys one body reports: a body that repeats keys by the thousand says
/// nothing more by the thousandth.
const MAX_REPEATS: usize = 3;

/// [`json_prefix`], also returning the keys given twice with different scalar values.
/// One pass: the bounded value is built as the text is read, and the stream says where
/// the value ended. Text that is no JSON fails within the first bytes that are not.
pub(in crate::evidence) fn json_prefix_noting(
    text: &str,
) -> Result<(Value, usize, Vec<Repeat>), Option<serde_json::Error>> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<BoundedValue>();
    match stream.next() {
        Some(Ok(BoundedValue(value, repeats))) => Ok((value, stream.byte_offset(), repeats)),
        Some(Err(e)) => Err(Some(e)),
        None => Err(None),
    }
}

/// A value read within the bounds, with the keys it repeated: what the stream of
/// [`json_prefix_noting`] yields, each with a budget of its own.
struct BoundedValue(Value, Vec<Repeat>);

impl<'de> de::Deserialize<'de> for BoundedValue {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let budget = Cell::new(MAX_NODES);
        let repeats = RefCell::new(Vec::new());
        let value = Bounded {
            budget: &budget,
            repeats: &repeats,
            items: MAX_ITEMS,
        }
        .deserialize(d)?;
        Ok(BoundedValue(value, repeats.into_inner()))
    }
}

#[derive(Clone, Copy)]
struct Bounded<'a> {
    budget: &'a Cell<usize>,
    repeats: &'a RefCell<Vec<Repeat>>,
    /// The most items kept if the value is an array.
    items: usize,
}

impl Bounded<'_> {
    /// Notes `key` given again with another scalar value.
    fn note_repeat(self, key: &str, first: &Value, last: &Value) {
        let scalar = |v: &Value| !(v.is_object() || v.is_array());
        let mut repeats = self.repeats.borrow_mut();
        if first != last && scalar(first) && scalar(last) && repeats.len() < MAX_REPEATS {
            repeats.push(Repeat {
                key: key.to_string(),
                first: first.clone(),
                last: last.clone(),
            });
        }
    }

    /// Takes one node from the budget; false when it is spent.
    fn take(self) -> bool {
        let left = self.budget.get();
        self.budget.set(left.saturating_sub(1));
        left > 0
    }
}

impl<'de> DeserializeSeed<'de> for Bounded<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Bounded<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    /// A string as written, with no escapes in it.
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Value, E> {
        Ok(Value::String(
            v[..crate::evidence::floor_boundary(v, MAX_STRING)].to_string(),
        ))
    }

    /// A string decoded from escapes. Digits that were only escapes in the input
    /// (`"\u0031\u0038\u0037"`) are no number that the input shows, so such a string is
    /// not kept as one.
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(Value::Null);
        }
        Ok(Value::String(
            v[..crate::evidence::floor_boundary(v, MAX_STRING)].to_string(),
        ))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            if items.len() < self.items && self.take() {
                let each = Bounded {
                    items: MAX_ITEMS,
                    ..self
                };
                match seq.next_element_seed(each)? {
                    Some(v) => items.push(v),
                    None => break,
                }
            } else if seq.next_element::<IgnoredAny>()?.is_none() {
                break;
            }
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == NUMBER_TOKEN {
                let text: String = map.next_value()?;
                let n: Number = text.parse().map_err(de::Error::custom)?;
                return Ok(Value::Number(n));
            }
            if members.len() < MAX_KEYS && self.take() {
                let items = match key.as_str() {
                    "data" | "includes" => MAX_RESULTS,
                    _ => MAX_ITEMS,
                };
                let v = map.next_value_seed(Bounded { items, ..self })?;
                if let Some(first) = members.get(&key) {
                    self.note_repeat(&key, first, &v);
                }
                members.insert(key, v);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn small_bodies_are_read_whole() {
        let text = r#"{"errors":[{"code":88,"message":"x"}],"n":-1,"f":1.5,"big":99999999999999999999} tail"#;
        let (v, used) = json_prefix(text).unwrap();
        assert_eq!(v["errors"][0]["code"], json!(88));
        assert_eq!(v["n"], json!(-1));
        assert_eq!(v["big"].to_string(), "99999999999999999999");
        assert_eq!(&text[used..], " tail");
    }

    #[test]
    fn large_arrays_keep_their_head() {
        let items: Vec<String> = (0..5000).map(|i| format!("{{\"id\":{i}}}")).collect();
        let text = format!(
            "{{\"items\":[{0}],\"data\":[{0}],\"errors\":[{{\"code\":34}}]}}",
            items.join(",")
        );
        let (v, used) = json_prefix(&text).unwrap();
        assert_eq!(v["items"].as_array().unwrap().len(), MAX_ITEMS);
        assert_eq!(
            v["data"].as_array().unwrap().len(),
            MAX_RESULTS,
            "what a call returned is kept shorter"
        );
        assert_eq!(v["data"][0]["id"], json!(0));
        assert_eq!(
            v["errors"][0]["code"],
            json!(34),
            "members after a long array are read"
        );
        assert_eq!(used, text.len());
    }

    #[test]
    fn the_node_budget_bounds_everything() {
        let row = format!("[{}]", vec!["1"; MAX_ITEMS].join(","));
        let text = format!("[{}]", vec![row.as_str(); 500].join(","));
        let (v, _) = json_prefix(&text).unwrap();
        let kept: usize = v
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_array().unwrap().len())
            .sum();
        assert!(kept <= MAX_NODES, "{kept}");
    }

    #[test]
    fn digits_written_as_escapes_are_no_number() {
        let (v, _) = json_prefix(r#"{"code":"\u0031\u0038\u0037","m":"\u0041x"}"#).unwrap();
        assert_eq!(v["code"], Value::Null);
        assert_eq!(v["m"], json!("Ax"));
        let (v, _) = json_prefix(r#"{"code":"187"}"#).unwrap();
        assert_eq!(v["code"], json!("187"));
    }

    #[test]
    fn objects_of_any_size_keep_the_order_and_last_values_serde_json_gives() {
        for size in [1, 2, 15, 16, 17, 40] {
            for repeated in [0, size / 2, size - 1] {
                let mut text = String::from("{");
                for i in 0..size {
                    text.push_str(&format!("\"k{i}\":{i},"));
                }
                text.push_str(&format!("\"k{repeated}\":\"again\"}}"));
                let (value, _, repeats) = json_prefix_noting(&text).unwrap();
                let want: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(value, want, "{text}");
                let order = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
                assert_eq!(order(&value), order(&want), "{text}");
                assert_eq!(repeats.len(), 1, "{text}");
                assert_eq!(repeats[0].key, format!("k{repeated}"));
            }
        }
    }

    #[test]
    fn keys_given_twice_are_noted() {
        let (v, _, repeats) = json_prefix_noting(
            r#"{"errors":[{"code":187,"code":88,"message":"m","message":"m"}]}"#,
        )
        .unwrap();
        assert_eq!(
            v["errors"][0]["code"],
            json!(88),
            "the last one counts, as in every reader"
        );
        assert_eq!(
            repeats,
            vec![Repeat {
                key: "code".into(),
                first: json!(187),
                last: json!(88)
            }],
            "the same value twice is no conflict"
        );
        let many = format!(
            "{{{}}}",
            (0..50)
                .map(|i| format!("\"k\":{i}"))
                .collect::<Vec<_>>()
                .join(",")
        );
        assert_eq!(json_prefix_noting(&many).unwrap().2.len(), MAX_REPEATS);
    }

    #[test]
    fn invalid_json_is_still_an_error() {
        assert!(
            json_prefix(r#"{"a":1"#)
                .unwrap_err()
                .is_some_and(|e| e.is_eof())
        );
        assert!(json_prefix("{a:1}").is_err());
        assert!(json_prefix("  ").unwrap_err().is_none());
    }
}
