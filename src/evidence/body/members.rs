//! Look-ups by name in a parsed body's objects.
//!
//! serde_json's map keeps its members in written order (for the order of output documents)
//! and finds a name by hashing it with SipHash; a body's objects have a handful of members,
//! and the interpreter asks each for twenty names, so a scan of the members answers sooner.

use serde_json::{Map, Value};

/// Objects with more members than this are asked through their hash table.
const SCANNED: usize = 16;

/// A member by name, in an object or a value that may be one.
pub(super) trait Members {
    /// The member named `key`, if this is an object that has one.
    fn member(&self, key: &str) -> Option<&Value>;

    /// Whether there is a member named `key`.
    fn has(&self, key: &str) -> bool {
        self.member(key).is_some()
    }
}

impl Members for Map<String, Value> {
    fn member(&self, key: &str) -> Option<&Value> {
        if self.len() > SCANNED {
            return self.get(key);
        }
        self.iter().find(|(name, _)| *name == key).map(|(_, v)| v)
    }
}

impl Members for Value {
    fn member(&self, key: &str) -> Option<&Value> {
        self.as_object()?.member(key)
    }
}

#[cfg(test)]
mod tests {
    use super::Members;
    use serde_json::{Value, json};

    #[test]
    fn a_member_is_found_as_the_map_would_find_it_in_small_and_large_objects() {
        let mut large = serde_json::Map::new();
        for i in 0..40 {
            large.insert(format!("k{i}"), json!(i));
        }
        let values = [
            json!({"code": 88, "message": "Rate limit exceeded"}),
            json!({}),
            json!([{"code": 88}]),
            json!("code"),
            Value::Object(large),
        ];
        for value in &values {
            for key in ["code", "message", "k0", "k39", "k40", ""] {
                assert_eq!(value.member(key), value.get(key), "{value} {key}");
                assert_eq!(value.has(key), value.get(key).is_some());
            }
        }
    }
}
