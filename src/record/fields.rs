//! Reading the members of a JSON object with a pointer at hand: every wrong type, missing field or
//! out-of-range number becomes an issue at the field's own pointer, and reading goes on.
//!
//! Codes are built as `<prefix>.<field>.<rule>`, e.g. prefix `srv.data` + field `port` + rule
//! `range` = `srv.data.port.range`. The rules used here: `required`, `type`, `integer`, `range`.

use super::kinds::{KeyTable, KIND_TABLE as KINDS};
use crate::float::display;
use crate::issue::{Path, Report};
use crate::json::Json;
use std::borrow::Cow;

/// Whether a missing field is an issue. Patches send only what changes, so there every field is
/// optional; posts and puts send the whole record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A post or put: the whole record.
    Full,
    /// A patch: only the fields that change.
    Partial,
}

pub struct Fields<'j, 'a> {
    pub members: &'j [(&'a str, Json<'a>)],
    pub at: &'j Path<'j>,
    pub prefix: &'static str,
    pub mode: Mode,
    /// Where each of the `KNOWN` keys is (position + 1; 0 when absent), found in one pass when
    /// the object is first read: a record's fields are looked up a dozen times, and each lookup is
    /// then one load instead of a scan comparing keys. `None` for objects too large to index
    /// (never a valid record), which are scanned.
    index: Option<[u8; KNOWN]>,
    /// The slots of the keys present, one bit each; `None` when some key has no slot (or the
    /// object was not indexed). Lets a caller see at once that an object holds no key outside a
    /// known set (`has_only`), instead of comparing every key with the set.
    present: Option<u64>,
}

/// The keys every record may carry (`type` ... `id`) and those of `settings`; with the `data`
/// fields of every kind of the registry they are the keys `slot` knows.
const RECORD_KEYS: [&str; 15] = [
    "type", "name", "ttl", "proxied", "comment", "tags", "settings", "private_routing", "content", "data", "priority", "id",
    "ipv4_only", "ipv6_only", "flatten_cname",
];

/// How many keys `slot` knows: at most 64, one bit each in `Fields::present`.
const KNOWN: usize = known_count();

/// The keys with a slot in `Fields::index`, in slot order: the record's, then the `data` fields of
/// the registry's kinds, each once. Other keys are found by a scan.
const KNOWN_KEYS: [&str; KNOWN] = known_keys();

/// The slots by key, hashed when compiling (`KeyTable`).
static SLOTS: KeyTable<KNOWN, 256> = KeyTable::new(KNOWN_KEYS);

const fn same_key(a: &str, b: &str) -> bool {
    super::kinds::same(a.as_bytes(), b.as_bytes())
}

/// Walks the record keys, then every kind's `data` fields, calling out each key not seen before:
/// `known_count` counts them, `known_keys` lists them.
const fn first_seen(kind: usize, field: usize) -> bool {
    let key = KINDS[kind].data_fields[field];
    let mut r = 0;
    while r < RECORD_KEYS.len() {
        if same_key(RECORD_KEYS[r], key) {
            return false;
        }
        r += 1;
    }
    let mut k = 0;
    while k <= kind {
        let fields = KINDS[k].data_fields;
        let mut f = 0;
        while f < fields.len() && (k < kind || f < field) {
            if same_key(fields[f], key) {
                return false;
            }
            f += 1;
        }
        k += 1;
    }
    true
}

const fn known_count() -> usize {
    let mut count = RECORD_KEYS.len();
    let mut k = 0;
    while k < KINDS.len() {
        let mut f = 0;
        while f < KINDS[k].data_fields.len() {
            if first_seen(k, f) {
                count += 1;
            }
            f += 1;
        }
        k += 1;
    }
    assert!(count <= 64, "more known keys than bits in `Fields::present`");
    count
}

const fn known_keys() -> [&'static str; KNOWN] {
    let mut keys = [""; KNOWN];
    let mut n = 0;
    while n < RECORD_KEYS.len() {
        keys[n] = RECORD_KEYS[n];
        n += 1;
    }
    let mut k = 0;
    while k < KINDS.len() {
        let mut f = 0;
        while f < KINDS[k].data_fields.len() {
            if first_seen(k, f) {
                keys[n] = KINDS[k].data_fields[f];
                n += 1;
            }
            f += 1;
        }
        k += 1;
    }
    keys
}

/// The slot of a key in `Fields::index`. Always inlined (the size-optimised WebAssembly build
/// ignores plain inline hints), so that for the literal key of a lookup the hash is worked out
/// when compiling.
#[inline(always)]
fn slot(key: &str) -> Option<usize> {
    SLOTS.find(key)
}

/// The bit of a known key in the masks of [`Fields::has_only`] (0 for a key without a slot).
/// Inlined, so that for a literal key it is a constant.
#[inline(always)]
pub fn bit(key: &str) -> u64 {
    slot(key).map_or(0, |s| 1 << s)
}

impl<'j, 'a> Fields<'j, 'a> {
    pub fn new(members: &'j [(&'a str, Json<'a>)], at: &'j Path<'j>, prefix: &'static str, mode: Mode) -> Self {
        let mut index = [0u8; KNOWN];
        let indexed = members.len() < usize::from(u8::MAX);
        let mut present = Some(0u64);
        if indexed {
            // Forward, so the last of duplicate keys wins, as in `JSON.parse`.
            for ((key, _), position) in members.iter().zip(1u8..) {
                match slot(key) {
                    Some(s) => {
                        if let Some(entry) = index.get_mut(s) {
                            *entry = position;
                        }
                        present = present.map(|bits| bits | 1 << s);
                    }
                    None => present = None,
                }
            }
        }
        let (index, present) = if indexed { (Some(index), present) } else { (None, None) };
        Fields { members, at, prefix, mode, index, present }
    }

    /// Whether every key of the object is one of the keys of `allowed` (a mask of [`bit`]s).
    /// `false` means "look at each key", not that one is outside.
    #[inline(always)]
    pub fn has_only(&self, allowed: u64) -> bool {
        self.present.is_some_and(|present| present & !allowed == 0)
    }

    /// The same object read under another code prefix.
    pub fn with_prefix(&self, prefix: &'static str) -> Fields<'j, 'a> {
        Fields { prefix, ..*self }
    }

    /// The raw member, if present. The last of duplicate keys wins, as in `JSON.parse`.
    ///
    /// Inlined (as are the readers below) so that the slot of a literal key is worked out when
    /// compiling.
    #[inline]
    pub fn get(&self, key: &str) -> Option<&'j Json<'a>> {
        if let (Some(index), Some(slot)) = (&self.index, slot(key)) {
            let position = usize::from(*index.get(slot)?);
            return self.members.get(position.checked_sub(1)?).map(|(_, v)| v);
        }
        self.members.iter().rev().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    #[inline]
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn code(&self, key: &str, rule: &str) -> Cow<'static, str> {
        Cow::Owned(format!("{}.{}.{}", self.prefix, key, rule))
    }

    /// Reports a missing field when the mode needs it; returns the member when present.
    #[inline]
    fn member(&self, r: &mut Report, key: &'static str, what: &str) -> Option<&'j Json<'a>> {
        let found = self.get(key);
        if found.is_none() && self.mode == Mode::Full {
            self.missing(r, key, what);
        }
        found
    }

    #[cold]
    fn missing(&self, r: &mut Report, key: &'static str, what: &str) {
        r.error(self.at, self.code(key, "required"), format!("`{key}` is required: {what}"));
    }

    /// An optional member, reported nowhere when missing.
    #[inline]
    fn optional(&self, key: &str) -> Option<&'j Json<'a>> {
        match self.get(key) {
            Some(Json::Null) | None => None,
            Some(v) => Some(v),
        }
    }

    #[cold]
    fn wrong_type(&self, r: &mut Report, key: &'static str, expected: &str, got: &Json) {
        let at = self.at.key(key);
        r.error(&at, self.code(key, "type"), format!("`{key}` must be {expected}, got {}", got.kind()));
    }

    /// A required string (`what` describes it in the message when it is missing).
    #[inline(always)]
    pub fn string(&self, r: &mut Report, key: &'static str, what: &str) -> Option<&'j str> {
        let v = self.member(r, key, what)?;
        self.as_string(r, key, v)
    }

    /// An optional string; `null` counts as absent.
    #[inline]
    pub fn opt_string(&self, r: &mut Report, key: &'static str) -> Option<&'j str> {
        let v = self.optional(key)?;
        self.as_string(r, key, v)
    }

    #[inline]
    fn as_string(&self, r: &mut Report, key: &'static str, v: &'j Json<'a>) -> Option<&'j str> {
        match v {
            Json::String(s) => Some(s),
            other => {
                self.wrong_type(r, key, "a string", other);
                None
            }
        }
    }

    /// A required integer in `min..=max`. `10.0` counts as the integer 10; `10.5` and `"10"` do not.
    #[inline]
    pub fn integer(&self, r: &mut Report, key: &'static str, min: i64, max: i64, what: &str) -> Option<i64> {
        let v = self.member(r, key, what)?;
        self.as_integer(r, key, v, min, max)
    }

    #[inline]
    pub fn opt_integer(&self, r: &mut Report, key: &'static str, min: i64, max: i64) -> Option<i64> {
        let v = self.optional(key)?;
        self.as_integer(r, key, v, min, max)
    }

    fn as_integer(&self, r: &mut Report, key: &'static str, v: &Json, min: i64, max: i64) -> Option<i64> {
        let n = match v {
            Json::Number(n) => *n,
            other => {
                self.wrong_type(r, key, "a number", other);
                return None;
            }
        };
        let at = self.at.key(key);
        let Some(i) = n.as_integer() else {
            r.error(&at, self.code(key, "integer"), format!("`{key}` must be a whole number, got {n}"));
            return None;
        };
        if i < min || i > max {
            r.error(&at, self.code(key, "range"), format!("`{key}` must be between {min} and {max}, got {i}"));
            return None;
        }
        Some(i)
    }

    /// Shorthands for the 8- and 16-bit fields every DNS record is made of.
    #[inline]
    pub fn u8(&self, r: &mut Report, key: &'static str, what: &str) -> Option<u8> {
        self.integer(r, key, 0, 255, what).and_then(|i| u8::try_from(i).ok())
    }

    #[inline]
    pub fn u16(&self, r: &mut Report, key: &'static str, what: &str) -> Option<u16> {
        self.integer(r, key, 0, 65535, what).and_then(|i| u16::try_from(i).ok())
    }

    /// A required number (fractions allowed) in `min..=max`.
    pub fn number(&self, r: &mut Report, key: &'static str, min: f64, max: f64, what: &str) -> Option<f64> {
        let v = self.member(r, key, what)?;
        let n = match v {
            Json::Number(n) => n.as_f64(),
            other => {
                self.wrong_type(r, key, "a number", other);
                return None;
            }
        };
        if !(min..=max).contains(&n) {
            let at = self.at.key(key);
            r.error(&at, self.code(key, "range"), format!("`{key}` must be between {} and {}, got {}", display(min), display(max), display(n)));
            return None;
        }
        Some(n)
    }

    /// An optional boolean; `null` counts as absent.
    #[inline]
    pub fn opt_bool(&self, r: &mut Report, key: &'static str) -> Option<bool> {
        match self.optional(key)? {
            Json::Bool(b) => Some(*b),
            other => {
                self.wrong_type(r, key, "true or false", other);
                None
            }
        }
    }

    /// A nested object, read by `read` with its own pointer and code prefix.
    #[inline]
    pub fn object<T>(
        &self,
        r: &mut Report,
        key: &'static str,
        prefix: &'static str,
        what: &str,
        read: impl FnOnce(&Fields<'_, 'a>, &mut Report) -> Option<T>,
    ) -> Option<T> {
        let v = self.member(r, key, what)?;
        match v {
            Json::Object(members) => {
                let at = self.at.key(key);
                let nested = Fields::new(members, &at, prefix, self.mode);
                read(&nested, r)
            }
            other => {
                self.wrong_type(r, key, "an object", other);
                None
            }
        }
    }

    /// Warns about every member not in `known`, naming the nearest known field (the API ignores
    /// unknown fields, so a typo such as `"ttl:"` silently loses the value it was meant to set).
    ///
    /// Inlined, so that for a literal list the mask of its keys is worked out when compiling and
    /// an object holding only known keys (nearly all) costs one test.
    #[inline(always)]
    pub fn unknown_fields(&self, r: &mut Report, known: &[&str], what: &str) {
        if self.has_only(known.iter().fold(0, |bits, key| bits | bit(key))) {
            return;
        }
        self.report_unknown_fields(r, known, what);
    }

    fn report_unknown_fields(&self, r: &mut Report, known: &[&str], what: &str) {
        for (key, _) in self.members {
            if known.contains(key) {
                continue;
            }
            let at = self.at.key(key);
            let hint = nearest(key, known).map(|k| format!("; did you mean `{k}`?")).unwrap_or_default();
            r.warn(
                &at,
                Cow::Owned(format!("{}.unknown-field", self.prefix)),
                format!("`{}` is not a field of {what}; the API ignores it{hint}", crate::issue::shorten(key)),
            );
        }
    }
}

/// Longest input, in bytes, that [`nearest`] looks at.
///
/// The edit distance costs the product of the two lengths, so an unbounded search over a
/// megabyte-long key or type took seconds. No known name is longer than 20 bytes and a suggestion
/// needs a distance of at most a third of the name (at least 2), so an input over about 27 bytes
/// could never be suggested anything; 64 leaves room for names registered later, and for the
/// spaces and `:` that folding removes (`"ttl:  "`).
pub const SUGGEST_MAX: usize = 64;

/// The known name closest to `key` by edit distance, when it is close enough to be a likely typo.
/// Inputs over [`SUGGEST_MAX`] bytes get no suggestion, so the cost is bounded whatever the input.
pub fn nearest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    if key.len() > SUGGEST_MAX {
        return None;
    }
    let folded = key.trim().trim_end_matches([':', '=', ' ']).to_ascii_lowercase();
    known
        .iter()
        .map(|k| (strsim::levenshtein(&folded, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::ValidateOptions;

    fn read<T>(text: &str, mode: Mode, f: impl FnOnce(&Fields, &mut Report) -> T) -> (T, Vec<(String, String)>) {
        let arena = crate::json::Arena::new();
        let json = Json::parse(text, &arena).unwrap();
        let options = ValidateOptions::default();
        let mut r = Report::new(&options);
        let root = Path::Root;
        let fields = Fields::new(json.as_object().unwrap(), &root, "t", mode);
        let out = f(&fields, &mut r);
        (out, r.issues.into_iter().map(|i| (i.code.into_owned(), i.pointer)).collect())
    }

    #[test]
    fn integers_accept_float_form_and_report_range_type_and_fraction() {
        let (v, issues) = read(r#"{"a":10.0,"b":70000,"c":"1","d":1.5}"#, Mode::Full, |f, r| {
            (f.u16(r, "a", ""), f.u16(r, "b", ""), f.u16(r, "c", ""), f.u16(r, "d", ""))
        });
        assert_eq!(v, (Some(10), None, None, None));
        assert_eq!(
            issues,
            vec![
                ("t.b.range".into(), "/b".into()),
                ("t.c.type".into(), "/c".into()),
                ("t.d.integer".into(), "/d".into())
            ]
        );
    }

    #[test]
    fn missing_fields_matter_only_for_full_records() {
        let (_, issues) = read("{}", Mode::Full, |f, r| f.string(r, "content", "the address").map(str::to_string));
        assert_eq!(issues, vec![("t.content.required".into(), "".into())]);
        let (_, issues) = read("{}", Mode::Partial, |f, r| f.string(r, "content", "the address").map(str::to_string));
        assert!(issues.is_empty());
    }

    #[test]
    fn lookups_see_the_last_duplicate_in_small_and_large_objects() {
        let small = r#"{"ttl":1,"zz":1,"ttl":2,"zz":2}"#.to_string();
        let filler: String = (0..300).map(|i| format!(r#""f{i}":0,"#)).collect();
        let large = format!(r#"{{"ttl":1,"zz":1,{filler}"ttl":2,"zz":2}}"#);
        for text in [small, large] {
            let number = |v: Option<&Json>| match v {
                Some(Json::Number(n)) => n.as_integer(),
                _ => None,
            };
            let (found, _) = read(&text, Mode::Full, |f, _| (number(f.get("ttl")), number(f.get("zz")), f.get("name").is_some()));
            assert_eq!(found, (Some(2), Some(2), false), "{}", &text[..40]);
        }
    }

    #[test]
    fn every_indexed_key_has_its_own_slot() {
        let slots: Vec<usize> = KNOWN_KEYS.iter().filter_map(|k| slot(k)).collect();
        assert_eq!(slots, (0..KNOWN).collect::<Vec<_>>());
        for kind in crate::record::RecordType::ALL {
            for key in kind.data_fields().iter().chain(kind.value_fields()) {
                assert!(slot(key).is_some(), "{kind} {key}");
            }
        }
        for other in ["", "proto", "Type", "ttl ", "lat_degree", "private_routing_"] {
            assert_eq!(slot(other), None, "{other:?}");
        }
    }

    #[test]
    fn unknown_fields_name_the_nearest_known_one() {
        let arena = crate::json::Arena::new();
        let json = Json::parse(r#"{"ttl:":300}"#, &arena).unwrap();
        let options = ValidateOptions::default();
        let mut r = Report::new(&options);
        let root = Path::Root;
        Fields::new(json.as_object().unwrap(), &root, "record", Mode::Full).unknown_fields(&mut r, &["ttl", "name"], "a record");
        assert_eq!(r.issues[0].code, "record.unknown-field");
        assert_eq!(r.issues[0].pointer, "/ttl:");
        assert!(r.issues[0].message.contains("did you mean `ttl`"), "{}", r.issues[0].message);
        assert_eq!(nearest("zzzzzz", &["ttl"]), None);
    }

    #[test]
    fn only_short_inputs_get_a_suggestion() {
        let padded = |n: usize| format!("ttl:{}", " ".repeat(n - 4));
        assert_eq!(nearest(&padded(SUGGEST_MAX), &["ttl"]), Some("ttl"));
        assert_eq!(nearest(&padded(SUGGEST_MAX + 1), &["ttl"]), None);
        assert_eq!(nearest(&"t".repeat(1 << 20), &["ttl"]), None);
    }
}
