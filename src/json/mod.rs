//! A borrowed JSON tree: what a batch is parsed into before validation.
//!
//! Why not `serde_json::Value`: validation must see *every* value (a wrong type anywhere becomes an
//! issue with its pointer, never a failure of the whole batch), so the batch is parsed into a tree
//! first. `serde_json::Value` allocates a `String` for every key and string and a `BTreeMap` per
//! object; for the 3,500-record workload that was the single largest cost. This tree borrows every
//! string that has no escapes from the input text, and keeps everything else (arrays, object
//! members as a small slice, strings with escapes) in one arena ([`bumpalo`]): parsing costs a
//! pointer bump per node instead of an allocation per object, and dropping the tree is freeing a
//! few large chunks instead of walking every node (both were measured as a third of the time of a
//! 3,500-record batch). Records have about ten keys, where a linear scan beats a map. The parser
//! ([`parser`]) accepts exactly what serde_json accepts, including its nesting limit, so deep
//! nesting is an error, not a stack overflow.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::fmt;

mod parser;
mod write;
pub use parser::ParseError;
pub use write::to_string;

/// Where a parsed tree keeps its nodes. One per parse; the tree borrows it.
pub use bumpalo::Bump as Arena;

/// An arena kept by each thread between calls, so that validating batch after batch reuses the
/// same memory instead of asking the system for fresh pages every time (for a 3,500-record batch,
/// two megabytes of new pages a call cost more than parsing them). Arenas that grew past
/// `KEPT_ARENA_MAX` are not kept, so one huge batch does not pin its memory for good.
pub fn with_arena<T>(use_arena: impl FnOnce(&Arena) -> T) -> T {
    thread_local! {
        static KEPT: std::cell::Cell<Option<Arena>> = const { std::cell::Cell::new(None) };
    }
    let mut arena = KEPT.with(std::cell::Cell::take).unwrap_or_default();
    let out = use_arena(&arena);
    arena.reset();
    if arena.allocated_bytes() <= KEPT_ARENA_MAX {
        KEPT.with(|kept| kept.set(Some(arena)));
    }
    out
}

/// The largest arena a thread keeps between calls (a full 3,500-record batch needs about 2 MiB).
const KEPT_ARENA_MAX: usize = 8 << 20;

/// A JSON number as parsed: integers stay exact, everything else is a float.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    Int(i64),
    Float(f64),
}

impl Num {
    pub fn as_f64(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
        }
    }

    /// The value as an integer when it is one (`10` and `10.0` both are; `10.5` is not).
    pub fn as_integer(self) -> Option<i64> {
        match self {
            Num::Int(i) => Some(i),
            Num::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Some(f as i64),
            Num::Float(_) => None,
        }
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Num::Int(i) => write!(f, "{i}"),
            // As `{x}` writes it, without core's float formatting (see `float::display`).
            Num::Float(x) => f.write_str(&crate::float::display(*x)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    Number(Num),
    String(&'a str),
    Array(&'a [Json<'a>]),
    Object(&'a [(&'a str, Json<'a>)]),
}

impl<'a> Json<'a> {
    /// Parses JSON text into `arena` (see [`parser`] for why by hand). Errors carry a line and column.
    ///
    /// ```
    /// use cf_dns_batch::json::{Arena, Json};
    /// let arena = Arena::new();
    /// let json = Json::parse(r#"{"type":"A"}"#, &arena).unwrap();
    /// assert_eq!(json.get("type").and_then(Json::as_str), Some("A"));
    /// ```
    pub fn parse<'t: 'a>(text: &'t str, arena: &'a Arena) -> Result<Json<'a>, ParseError> {
        parser::parse(text, arena)
    }

    /// [`Json::parse`], with the span of each item in `text` when the text is an array.
    pub fn parse_with_item_spans<'t: 'a>(text: &'t str, arena: &'a Arena) -> Result<(Json<'a>, Vec<std::ops::Range<usize>>), ParseError> {
        parser::parse_with_item_spans(text, arena)
    }

    /// The member `key` of an object. Like `JSON.parse`, the last of duplicate keys wins.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| *k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&'a str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&'a [(&'a str, Json<'a>)]> {
        match self {
            Json::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The JSON type name, for messages ("expected a string, got an array").
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// Converts to an owned `serde_json::Value`.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(Sorted(self)).unwrap_or_default()
    }
}

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Number(Num::Int(i)) => serializer.serialize_i64(*i),
            Json::Number(Num::Float(f)) => serializer.serialize_f64(*f),
            Json::String(s) => serializer.serialize_str(s),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items.iter() {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (k, v) in members.iter() {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// Serialises a tree the way `serde_json::Value` does: object keys sorted, and of duplicate keys
/// only the last (the one `get` and `JSON.parse` see).
pub struct Sorted<'j, 'a>(pub &'j Json<'a>);

impl Serialize for Sorted<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items.iter() {
                    seq.serialize_element(&Sorted(item))?;
                }
                seq.end()
            }
            Json::Object(members) => {
                // Duplicates stay in their order (the position breaks ties), so the last of each
                // run wins. An unstable sort with that tie-break is a stable one, without the
                // stable sort's code in the .wasm.
                let mut sorted: Vec<(usize, &(&str, Json))> = members.iter().enumerate().collect();
                sorted.sort_unstable_by(|(i, a), (j, b)| a.0.cmp(b.0).then(i.cmp(j)));
                let mut map = serializer.serialize_map(None)?;
                for (i, (_, (k, v))) in sorted.iter().enumerate() {
                    if sorted.get(i + 1).is_some_and(|(_, next)| next.0 == *k) {
                        continue;
                    }
                    map.serialize_entry(k, &Sorted(v))?;
                }
                map.end()
            }
            other => other.serialize(serializer),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrows_plain_strings_and_keeps_escaped_ones() {
        let text = r#"{"a":"plain","b":"esc\"aped","n":10,"f":1.5,"big":18446744073709551615}"#;
        let arena = Arena::new();
        let v = Json::parse(text, &arena).unwrap();
        let plain = v.get("a").and_then(Json::as_str).unwrap();
        assert_eq!(plain, "plain");
        assert!(text.as_bytes().as_ptr_range().contains(&plain.as_ptr()), "borrowed from the text");
        assert_eq!(v.get("b").and_then(Json::as_str), Some("esc\"aped"));
        assert_eq!(v.get("n"), Some(&Json::Number(Num::Int(10))));
        assert_eq!(v.get("f"), Some(&Json::Number(Num::Float(1.5))));
        assert!(matches!(v.get("big"), Some(Json::Number(Num::Float(_)))));
    }

    #[test]
    fn last_duplicate_key_wins_like_json_parse() {
        let arena = Arena::new();
        let v = Json::parse(r#"{"k":1,"k":2}"#, &arena).unwrap();
        assert_eq!(v.get("k"), Some(&Json::Number(Num::Int(2))));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        assert!(Json::parse(&text, &Arena::new()).is_err());
        assert!(Json::parse("{} x", &Arena::new()).is_err(), "trailing text is refused");
    }

    #[test]
    fn integers_are_recognised_in_float_form() {
        assert_eq!(Num::Float(10.0).as_integer(), Some(10));
        assert_eq!(Num::Float(10.5).as_integer(), None);
        assert_eq!(Num::Float(f64::INFINITY).as_integer(), None);
    }

    #[test]
    fn sorted_form_is_that_of_serde_json_value() {
        for text in [r#"{"b":1,"a":{"z":[1,{"y":2,"x":3}],"k":1.5},"b":2,"":null}"#, "[1,-0.0,1e300,\"\\u00e9\"]", "{}", "7"] {
            let v: serde_json::Value = serde_json::from_str(text).unwrap();
            let arena = Arena::new();
            let json = Json::parse(text, &arena).unwrap();
            assert_eq!(serde_json::to_string(&Sorted(&json)).unwrap(), v.to_string());
            assert_eq!(json.to_value(), v);
        }
    }

    #[test]
    fn serialises_back_to_the_same_text() {
        let text = r#"{"a":[1,2.5,"x",null,true],"b":{"c":"d"}}"#;
        assert_eq!(serde_json::to_string(&Json::parse(text, &Arena::new()).unwrap()).unwrap(), text);
    }
}
