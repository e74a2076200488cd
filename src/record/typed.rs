//! The one conversion from a checked record to its typed value ([`Record`], [`RecordData`],
//! [`CommonFields`]), used by every caller that wants typed values: batch validation, one-record
//! validation, the zone writer and the plan (through them).
//!
//! It reads JSON the validator has already checked, so it reports nothing: it only copies what is
//! there into the typed form, in the canonical shape the validator stands for (`data` fields a
//! kind may leave out read as empty, LOC directions in upper case, SvcParams trimmed). A field
//! that is present but not of the type its typed form holds (a check `disable` silenced let it
//! through: `"ttl": -1`, a tag that is a number) makes the whole record `None`, never a guess and
//! never a field quietly left out: a value whose rule was silenced but which has its type (an
//! address that is not one, a TTL of 90,000) is kept exactly as sent, as the JS API sends it.
//!
//! Kept apart from the checks so that callers that only want issues (the WebAssembly path sends the
//! text it was given) never build a typed value.

use super::fields::{Fields, Mode};
use super::{caa, cert, dane, dnssec, loc, naptr, srv, sshfp, svcb, uri};
use super::{CommonFields, Record, RecordData, RecordType, Settings};
use crate::issue::Path;
use crate::json::Json;

/// A checked whole record (a post, or a put without its `id`).
pub(crate) fn record(value: &Json) -> Option<Record> {
    let members = value.as_object()?;
    let root = Path::Root;
    record_of(&Fields::new(members, &root, "record", Mode::Full))
}

/// [`record`] of a record object's members, indexed already.
pub(crate) fn record_of(rec: &Fields) -> Option<Record> {
    let kind = kind(rec)?;
    Some(Record { common: common(rec)?, data: value_of(kind, rec)? })
}

/// A member read by `read`: `Some(None)` when absent or `null`, `None` when present but not what
/// `read` takes (the record then has no faithful typed form).
fn member<T>(obj: &Fields, key: &str, read: impl Fn(&Json) -> Option<T>) -> Option<Option<T>> {
    match obj.get(key) {
        None | Some(Json::Null) => Some(None),
        Some(value) => read(value).map(Some),
    }
}

/// A string member a kind may leave out (`""` then), or `None` when it is there but not a string.
pub(crate) fn text_or_empty<'j>(obj: &Fields<'j, '_>, key: &str) -> Option<&'j str> {
    match obj.get(key) {
        None | Some(Json::Null) => Some(""),
        Some(Json::String(s)) => Some(s),
        Some(_) => None,
    }
}

/// The kind a checked record names (upper case is what is sent; the check warned about any other).
pub(crate) fn kind(rec: &Fields) -> Option<RecordType> {
    let text = string(rec, "type")?;
    RecordType::from_name(text).or_else(|| RecordType::from_name(&text.to_ascii_uppercase()))
}

/// The common fields as sent; `null` is absent, except for `comment`, where it clears the comment.
/// `None` when one is present but not of its type (see the module's note).
pub(crate) fn common(rec: &Fields) -> Option<CommonFields> {
    let comment = match rec.get("comment") {
        None => None,
        Some(Json::Null) => Some(None),
        Some(Json::String(c)) => Some(Some((*c).into())),
        Some(_) => return None,
    };
    let tags = member(rec, "tags", |tags| match tags {
        Json::Array(items) => items.iter().map(|t| t.as_str().map(Into::into)).collect::<Option<Vec<_>>>(),
        _ => None,
    })?;
    let settings = member(rec, "settings", |settings| {
        let s = Fields::new(settings.as_object()?, rec.at, "", Mode::Full);
        Some(Settings {
            ipv4_only: member(&s, "ipv4_only", bool_of)?,
            ipv6_only: member(&s, "ipv6_only", bool_of)?,
            flatten_cname: member(&s, "flatten_cname", bool_of)?,
        })
    })?;
    Some(CommonFields {
        name: member(rec, "name", |n| n.as_str().map(Into::into))?,
        ttl: member(rec, "ttl", |t| match t {
            Json::Number(n) => u32::try_from(n.as_integer()?).ok(),
            _ => None,
        })?,
        proxied: member(rec, "proxied", bool_of)?,
        comment,
        tags,
        settings,
        private_routing: member(rec, "private_routing", bool_of)?,
    })
}

fn bool_of(value: &Json) -> Option<bool> {
    match value {
        Json::Bool(b) => Some(*b),
        _ => None,
    }
}

/// The kind-specific value (`content`, `data`, top-level `priority`) of a checked whole record.
pub(crate) fn value_of(kind: RecordType, rec: &Fields) -> Option<RecordData> {
    let data = || match rec.get("data") {
        Some(Json::Object(members)) => Some(Fields::new(members, rec.at, "", Mode::Full)),
        _ => None,
    };
    let content = || string(rec, "content").map(Into::into);
    Some(match kind {
        RecordType::A => RecordData::A { content: content()? },
        RecordType::AAAA => RecordData::AAAA { content: content()? },
        RecordType::CNAME => RecordData::CNAME { content: content()? },
        RecordType::NS => RecordData::NS { content: content()? },
        RecordType::PTR => RecordData::PTR { content: content()? },
        RecordType::TXT => RecordData::TXT { content: content()? },
        RecordType::OPENPGPKEY => RecordData::OPENPGPKEY { content: content()? },
        RecordType::MX => RecordData::MX { content: content()?, priority: integer(rec, "priority")? },
        RecordType::CAA => RecordData::CAA { data: caa::typed(&data()?)? },
        RecordType::CERT => RecordData::CERT { data: cert::typed(&data()?)? },
        RecordType::DNSKEY => RecordData::DNSKEY { data: dnssec::dnskey_typed(&data()?)? },
        RecordType::DS => RecordData::DS { data: dnssec::ds_typed(&data()?)? },
        RecordType::HTTPS => RecordData::HTTPS { data: svcb::typed(&data()?)? },
        RecordType::SVCB => RecordData::SVCB { data: svcb::typed(&data()?)? },
        RecordType::LOC => RecordData::LOC { data: loc::typed(&data()?)? },
        RecordType::NAPTR => RecordData::NAPTR { data: naptr::typed(&data()?)? },
        RecordType::SMIMEA => RecordData::SMIMEA { data: dane::typed(&data()?)? },
        RecordType::TLSA => RecordData::TLSA { data: dane::typed(&data()?)? },
        RecordType::SRV => RecordData::SRV { data: srv::typed(&data()?)? },
        RecordType::SSHFP => RecordData::SSHFP { data: sshfp::typed(&data()?)? },
        RecordType::URI => RecordData::URI { priority: integer(rec, "priority")?, data: uri::typed(&data()?)? },
    })
}

/// A string member.
pub(crate) fn string<'j>(obj: &Fields<'j, '_>, key: &str) -> Option<&'j str> {
    match obj.get(key)? {
        Json::String(s) => Some(s),
        _ => None,
    }
}

/// An integer member that fits `T`. `10.0` is the integer 10, as the checks read it.
pub(crate) fn integer<T: TryFrom<i64>>(obj: &Fields, key: &str) -> Option<T> {
    match obj.get(key)? {
        Json::Number(n) => T::try_from(n.as_integer()?).ok(),
        _ => None,
    }
}

/// A number member (fractions kept).
pub(crate) fn number(obj: &Fields, key: &str) -> Option<f64> {
    match obj.get(key)? {
        Json::Number(n) => Some(n.as_f64()),
        _ => None,
    }
}

/// A typed record from any serde format goes through this same conversion, so it reads numbers,
/// `null`s and absent fields exactly as validation does (`10.0` is the port 10 either way). It
/// converts; it does not check: validate the record ([`crate::batch::validate_record_json`]) for
/// the rules.
impl<'de> serde::Deserialize<'de> for Record {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Record, D::Error> {
        use serde::de::Error as _;
        let text = serde_json::Value::deserialize(deserializer)?.to_string();
        crate::json::with_arena(|arena| {
            let json = Json::parse(&text, arena).map_err(D::Error::custom)?;
            let members = json.as_object().ok_or_else(|| D::Error::custom(format!("a record must be an object, got {}", json.kind())))?;
            let root = Path::Root;
            let rec = Fields::new(members, &root, "record", Mode::Full);
            let kind = kind(&rec).ok_or_else(|| D::Error::custom("`type` must name one of the 21 record types"))?;
            let data = value_of(kind, &rec).ok_or_else(|| {
                let fields = kind.value_fields().join("`, `");
                D::Error::custom(format!("the {kind} value (`{fields}`) is missing a field or has one of the wrong type"))
            })?;
            let common = common(&rec).ok_or_else(|| D::Error::custom("a common field (`name`, `ttl`, `proxied`, `comment`, `tags`, `settings`, `private_routing`) has the wrong type"))?;
            Ok(Record { common, data })
        })
    }
}

/// The value of a record (its common fields ignored), read as [`Record`]'s `Deserialize` reads it.
impl<'de> serde::Deserialize<'de> for RecordData {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<RecordData, D::Error> {
        Record::deserialize(deserializer).map(|record| record.data)
    }
}
