//! The record model: the 21 kinds, the fields every record shares, and reading + validating one
//! record from JSON. Each family of kinds lives in its own file with its data type, its rules and
//! its presentation (zone-file) form.

pub mod fields;
pub mod kinds;

pub mod address;
pub mod caa;
pub mod cert;
pub mod dane;
pub mod dnssec;
pub mod hostname;
pub mod loc;
pub mod naptr;
pub mod openpgpkey;
pub mod srv;
pub mod sshfp;
pub mod svcb;
pub mod txt;
pub mod uri;

pub(crate) mod common;
pub(crate) mod presentation;
pub(crate) mod typed;

pub use common::{CommonFields, Settings};
pub use kinds::{Kind, RecordType, Shape, KINDS};
use fields::{Fields, Mode};

use crate::issue::Report;
use compact_str::CompactString;
use serde::Serialize;
use std::fmt;

/// The kind-specific part of a record, tagged by `type` exactly as Cloudflare's JSON is:
/// `content` for the content kinds, `data` for the others, and a top-level `priority` only for MX
/// and URI.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[allow(clippy::upper_case_acronyms)]
pub enum RecordData {
    /// IPv4 address in dotted-quad form.
    A {
        #[cfg_attr(feature = "ts", tsify(type = "string"))]
        content: CompactString,
    },
    /// IPv6 address (any RFC 4291 text form; Cloudflare stores the RFC 5952 form).
    AAAA {
        #[cfg_attr(feature = "ts", tsify(type = "string"))]
        content: CompactString,
    },
    CAA { data: caa::CaaData },
    CERT { data: cert::CertData },
    /// Canonical name (target host name). Must not equal the record's own name.
    CNAME {
        #[cfg_attr(feature = "ts", tsify(type = "string"))]
        content: CompactString,
    },
    DNSKEY { data: dnssec::DnskeyData },
    DS { data: dnssec::DsData },
    HTTPS { data: svcb::SvcbData },
    LOC { data: loc::LocData },
    /// Mail exchanger host name; `priority` 0–65535, lower is preferred.
    MX {
        #[cfg_attr(feature = "ts", tsify(type = "string"))]
        content: CompactString,
        priority: u16,
    },
    NAPTR { data: naptr::NaptrData },
    /// Name server host name.
    NS {
        #[cfg_attr(feature = "ts", tsify(type = "string"))]
        content: CompactString,
    },
    /// Base64 OpenPGP transferable public key (RFC 7929).
    OPENPGPKEY {
        #[cfg_attr(feature = "ts", tsify(type = "string"))]
        content: CompactString,
    },
    /// Domain name the address points to.
    PTR {
        #[cfg_attr(feature = "ts", tsify(type = "string"))]
        content: CompactString,
    },
    SMIMEA { data: dane::DaneData },
    SRV { data: srv::SrvData },
    SSHFP { data: sshfp::SshfpData },
    SVCB { data: svcb::SvcbData },
    TLSA { data: dane::DaneData },
    /// One or more quoted character-strings, e.g. `"v=spf1 -all"`.
    TXT {
        #[cfg_attr(feature = "ts", tsify(type = "string"))]
        content: CompactString,
    },
    URI { priority: u16, data: uri::UriData },
}

impl RecordData {
    pub fn record_type(&self) -> RecordType {
        match self {
            RecordData::A { .. } => RecordType::A,
            RecordData::AAAA { .. } => RecordType::AAAA,
            RecordData::CAA { .. } => RecordType::CAA,
            RecordData::CERT { .. } => RecordType::CERT,
            RecordData::CNAME { .. } => RecordType::CNAME,
            RecordData::DNSKEY { .. } => RecordType::DNSKEY,
            RecordData::DS { .. } => RecordType::DS,
            RecordData::HTTPS { .. } => RecordType::HTTPS,
            RecordData::LOC { .. } => RecordType::LOC,
            RecordData::MX { .. } => RecordType::MX,
            RecordData::NAPTR { .. } => RecordType::NAPTR,
            RecordData::NS { .. } => RecordType::NS,
            RecordData::OPENPGPKEY { .. } => RecordType::OPENPGPKEY,
            RecordData::PTR { .. } => RecordType::PTR,
            RecordData::SMIMEA { .. } => RecordType::SMIMEA,
            RecordData::SRV { .. } => RecordType::SRV,
            RecordData::SSHFP { .. } => RecordType::SSHFP,
            RecordData::SVCB { .. } => RecordType::SVCB,
            RecordData::TLSA { .. } => RecordType::TLSA,
            RecordData::TXT { .. } => RecordType::TXT,
            RecordData::URI { .. } => RecordType::URI,
        }
    }

    /// The record's value in presentation (zone-file) form, as it would follow the type in a zone
    /// file. For MX and URI the priority comes first, as in a zone file (Cloudflare's own `content`
    /// for MX leaves it out and carries it in `priority`).
    pub fn to_content(&self) -> String {
        match self {
            RecordData::A { content }
            | RecordData::AAAA { content }
            | RecordData::CNAME { content }
            | RecordData::NS { content }
            | RecordData::PTR { content }
            | RecordData::TXT { content }
            | RecordData::OPENPGPKEY { content } => content.to_string(),
            RecordData::MX { content, priority } => format!("{priority} {content}"),
            RecordData::CAA { data } => caa::to_content(data),
            RecordData::CERT { data } => cert::to_content(data),
            RecordData::DNSKEY { data } => dnssec::dnskey_to_content(data),
            RecordData::DS { data } => dnssec::ds_to_content(data),
            RecordData::HTTPS { data } | RecordData::SVCB { data } => svcb::to_content(data),
            RecordData::LOC { data } => loc::to_content(data),
            RecordData::NAPTR { data } => naptr::to_content(data),
            RecordData::SMIMEA { data } | RecordData::TLSA { data } => dane::to_content(data),
            RecordData::SRV { data } => srv::to_content(data),
            RecordData::SSHFP { data } => sshfp::to_content(data),
            RecordData::URI { priority, data } => uri::to_content(*priority, data),
        }
    }

    /// Reads a record's value from presentation (zone-file) form, so zone-file text can be pasted.
    /// What it gives is checked as the value of a record in a batch is, and refused with the first
    /// error found: whatever this accepts, validation accepts (only rules that depend on the
    /// record's name, such as a CNAME to itself, are left to validation). The value given is the
    /// one validation would send ([`RecordData::checked`]).
    pub fn from_content(kind: RecordType, text: &str) -> Result<RecordData, ContentError> {
        Self::read_content(kind, text)?.checked().map_err(|reason| ContentError { kind, reason })
    }

    /// This value checked as the value of a record in a batch is, and then its typed form as a
    /// batch record gets it ([`typed::value_of`]: LOC directions in upper case, SvcParams trimmed),
    /// or the first error the check found. The value goes through its JSON form, so it meets
    /// exactly the checks (and the code) a record sent in a batch meets.
    pub(crate) fn checked(&self) -> Result<RecordData, String> {
        let kind = self.record_type();
        let unchecked = || format!("the {kind} value could not be checked");
        let text = serde_json::to_string(self).map_err(|_| unchecked())?;
        let arena = crate::json::Arena::new();
        let json = crate::json::Json::parse(&text, &arena).map_err(|_| unchecked())?;
        let members = json.as_object().ok_or_else(unchecked)?;
        let options = crate::issue::ValidateOptions::default();
        let mut r = Report::new(&options);
        let root = crate::issue::Path::Root;
        let rec = Fields::new(members, &root, kind.code(), Mode::Full);
        check_value(kind, &rec, &mut r, None);
        if let Some(error) = r.issues.into_iter().find(|i| i.severity == crate::issue::Severity::Error) {
            return Err(error.message);
        }
        typed::value_of(kind, &rec).ok_or_else(unchecked)
    }

    /// Reads presentation form without checking the result: for readers (the zone-file reader) that
    /// must finish the value first (qualify relative host names against `$ORIGIN`), then check it
    /// with [`RecordData::checked`].
    pub(crate) fn read_content(kind: RecordType, text: &str) -> Result<RecordData, ContentError> {
        let text = text.trim();
        let bad = |reason: String| ContentError { kind, reason };
        Ok(match kind {
            RecordType::A => RecordData::A { content: text.into() },
            RecordType::AAAA => RecordData::AAAA { content: text.into() },
            RecordType::CNAME => RecordData::CNAME { content: text.into() },
            RecordType::NS => RecordData::NS { content: text.into() },
            RecordType::PTR => RecordData::PTR { content: text.into() },
            RecordType::TXT => RecordData::TXT { content: txt::from_content(text).map_err(bad)?.into() },
            RecordType::OPENPGPKEY => RecordData::OPENPGPKEY { content: openpgpkey::from_content(text).into() },
            RecordType::MX => {
                let (priority, host) = hostname::mx_from_content(text).map_err(bad)?;
                RecordData::MX { content: host.into(), priority }
            }
            RecordType::CAA => RecordData::CAA { data: caa::from_content(text).map_err(bad)? },
            RecordType::CERT => RecordData::CERT { data: cert::from_content(text).map_err(bad)? },
            RecordType::DNSKEY => RecordData::DNSKEY { data: dnssec::dnskey_from_content(text).map_err(bad)? },
            RecordType::DS => RecordData::DS { data: dnssec::ds_from_content(text).map_err(bad)? },
            RecordType::HTTPS => RecordData::HTTPS { data: svcb::from_content(text).map_err(bad)? },
            RecordType::SVCB => RecordData::SVCB { data: svcb::from_content(text).map_err(bad)? },
            RecordType::LOC => RecordData::LOC { data: loc::from_content(text).map_err(bad)? },
            RecordType::NAPTR => RecordData::NAPTR { data: naptr::from_content(text).map_err(bad)? },
            RecordType::SMIMEA => RecordData::SMIMEA { data: dane::from_content(text).map_err(bad)? },
            RecordType::TLSA => RecordData::TLSA { data: dane::from_content(text).map_err(bad)? },
            RecordType::SRV => RecordData::SRV { data: srv::from_content(text).map_err(bad)? },
            RecordType::SSHFP => RecordData::SSHFP { data: sshfp::from_content(text).map_err(bad)? },
            RecordType::URI => {
                let (priority, data) = uri::from_content(text).map_err(bad)?;
                RecordData::URI { priority, data }
            }
        })
    }
}

/// Presentation text that could not be read as the given kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub kind: RecordType,
    pub reason: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a valid {} value: {}", self.kind, self.reason)
    }
}

impl std::error::Error for ContentError {}

/// A whole record: what a post sends, and (with an `id`) what a put sends.
///
/// (Its TypeScript form is `DnsRecord = CommonFields & RecordData`, written in `pkg/index.d.ts`:
/// an interface cannot extend a union, and `Record` would shadow TypeScript's own utility type.)
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    #[serde(flatten)]
    pub common: CommonFields,
    #[serde(flatten)]
    pub data: RecordData,
}

impl Record {
    pub fn record_type(&self) -> RecordType {
        self.data.record_type()
    }
}

/// Checks the kind-specific fields (`content`, `data`, top-level `priority`) of a record whose
/// `rec` fields carry the kind's code prefix. In `Mode::Partial` (a patch) missing fields are
/// fine; every field present is checked. Issues only: the typed value is [`typed::value_of`]'s.
pub(crate) fn check_value(kind: RecordType, rec: &Fields, r: &mut Report, name: Option<&str>) {
    match kind {
        RecordType::A | RecordType::AAAA => address::check(kind, rec, r),
        RecordType::CNAME | RecordType::NS | RecordType::PTR | RecordType::MX => hostname::check(kind, rec, r, name),
        RecordType::TXT => txt::check(rec, r),
        RecordType::OPENPGPKEY => openpgpkey::check(rec, r),
        RecordType::CAA => caa::check(rec, r),
        RecordType::CERT => cert::check(rec, r),
        RecordType::DNSKEY | RecordType::DS => dnssec::check(kind, rec, r),
        RecordType::HTTPS | RecordType::SVCB => svcb::check(kind, rec, r),
        RecordType::LOC => loc::check(rec, r),
        RecordType::NAPTR => naptr::check(rec, r),
        RecordType::SMIMEA | RecordType::TLSA => dane::check(kind, rec, r),
        RecordType::SRV => srv::check(rec, r),
        RecordType::SSHFP => sshfp::check(rec, r),
        RecordType::URI => uri::check(rec, r),
    }
}
