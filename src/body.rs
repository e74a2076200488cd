//! The request body: a validated batch written as JSON, exactly as `serde_json::to_string` writes
//! [`BatchParams`] through its derived `Serialize` (the reference: tests compare the two on every
//! valid record of the per-kind tables, on properties and on the 3,500-record workload).
//!
//! Why by hand: the derived form goes through serde's generic map machinery for every field and
//! escapes every key as if it could hold a quote. For a 3,500-record batch that was about seven
//! million instructions, more than validating the common fields. Here the shape is known: keys are
//! written as literal bytes, strings with nothing to escape (nearly all) are copied in one piece,
//! and only each record kind's `data` object (small, and shaped per kind) goes through serde.

use crate::batch::{BatchParams, DeleteParam, PatchParam, PutParam};
use crate::record::{CommonFields, Record, RecordData};
use serde::Serialize;

/// The body of `params` (what [`BatchParams::body`] returns).
pub(crate) fn write(params: &BatchParams) -> String {
    // Room for a typical record per operation (about 140 bytes in the shared workload): growing
    // from empty copies a large body a dozen times over.
    let mut out = Body(Vec::with_capacity(64 + 160 * params.operation_count()));
    out.0.push(b'{');
    let mut first = true;
    out.list(&mut first, b"\"deletes\":", &params.deletes, Body::delete);
    out.list(&mut first, b"\"patches\":", &params.patches, Body::patch);
    out.list(&mut first, b"\"puts\":", &params.puts, Body::put);
    out.list(&mut first, b"\"posts\":", &params.posts, Body::record);
    out.0.push(b'}');
    // Every piece written is UTF-8 (literal keys, whole `str`s, serde_json's own output).
    String::from_utf8(out.0).unwrap_or_default()
}

struct Body(Vec<u8>);

impl Body {
    /// `"key":[item,item]`, left out when empty (the derive's `skip_serializing_if = "Vec::is_empty"`).
    fn list<T>(&mut self, first: &mut bool, key: &[u8], items: &[T], write: fn(&mut Body, &T)) {
        if items.is_empty() {
            return;
        }
        self.key(first, key);
        self.0.push(b'[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.0.push(b',');
            }
            write(self, item);
        }
        self.0.push(b']');
    }

    fn delete(&mut self, delete: &DeleteParam) {
        self.0.extend_from_slice(b"{\"id\":");
        self.string(&delete.id);
        self.0.push(b'}');
    }

    /// Field order is the declaration order of [`PatchParam`]: id, type, the common fields,
    /// content, priority, data.
    fn patch(&mut self, patch: &PatchParam) {
        self.0.extend_from_slice(b"{\"id\":");
        self.string(&patch.id);
        let mut first = false;
        if let Some(kind) = patch.record_type {
            self.key(&mut first, b"\"type\":");
            self.string(kind.as_str());
        }
        self.common(&mut first, &patch.common);
        if let Some(content) = &patch.content {
            self.key(&mut first, b"\"content\":");
            self.string(content);
        }
        if let Some(priority) = patch.priority {
            self.key(&mut first, b"\"priority\":");
            self.integer(priority);
        }
        if let Some(data) = &patch.data {
            self.key(&mut first, b"\"data\":");
            self.0.extend_from_slice(data.json().as_bytes());
        }
        self.0.push(b'}');
    }

    fn put(&mut self, put: &PutParam) {
        self.0.extend_from_slice(b"{\"id\":");
        self.string(&put.id);
        let mut first = false;
        self.record_fields(&mut first, &put.record);
        self.0.push(b'}');
    }

    fn record(&mut self, record: &Record) {
        self.0.push(b'{');
        let mut first = true;
        self.record_fields(&mut first, record);
        self.0.push(b'}');
    }

    /// The common fields, then `type` and the kind's own fields in their declaration order (the
    /// derive's flattened, internally tagged `RecordData`).
    fn record_fields(&mut self, first: &mut bool, record: &Record) {
        self.common(first, &record.common);
        self.key(first, b"\"type\":");
        self.string(record.data.record_type().as_str());
        match &record.data {
            RecordData::A { content }
            | RecordData::AAAA { content }
            | RecordData::CNAME { content }
            | RecordData::NS { content }
            | RecordData::OPENPGPKEY { content }
            | RecordData::PTR { content }
            | RecordData::TXT { content } => {
                self.key(first, b"\"content\":");
                self.string(content);
            }
            RecordData::MX { content, priority } => {
                self.key(first, b"\"content\":");
                self.string(content);
                self.key(first, b"\"priority\":");
                self.integer(*priority);
            }
            RecordData::URI { priority, data } => {
                self.key(first, b"\"priority\":");
                self.integer(*priority);
                self.data(first, data);
            }
            RecordData::CAA { data } => self.data(first, data),
            RecordData::CERT { data } => self.data(first, data),
            RecordData::DNSKEY { data } => self.data(first, data),
            RecordData::DS { data } => self.data(first, data),
            RecordData::HTTPS { data } | RecordData::SVCB { data } => self.data(first, data),
            RecordData::LOC { data } => self.data(first, data),
            RecordData::NAPTR { data } => self.data(first, data),
            RecordData::SMIMEA { data } | RecordData::TLSA { data } => self.data(first, data),
            RecordData::SRV { data } => self.data(first, data),
            RecordData::SSHFP { data } => self.data(first, data),
        }
    }

    /// A kind's `data` object, through its derived `Serialize`.
    fn data(&mut self, first: &mut bool, data: &impl Serialize) {
        self.key(first, b"\"data\":");
        // Writing plain structs of strings and numbers into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut self.0, data);
    }

    /// [`CommonFields`] in declaration order, each left out when `None`.
    fn common(&mut self, first: &mut bool, common: &CommonFields) {
        if let Some(name) = &common.name {
            self.key(first, b"\"name\":");
            self.string(name);
        }
        if let Some(ttl) = common.ttl {
            self.key(first, b"\"ttl\":");
            self.integer(ttl);
        }
        if let Some(proxied) = common.proxied {
            self.key(first, b"\"proxied\":");
            self.boolean(proxied);
        }
        if let Some(comment) = &common.comment {
            self.key(first, b"\"comment\":");
            match comment {
                Some(text) => self.string(text),
                None => self.0.extend_from_slice(b"null"),
            }
        }
        if let Some(tags) = &common.tags {
            self.key(first, b"\"tags\":");
            self.0.push(b'[');
            for (i, tag) in tags.iter().enumerate() {
                if i > 0 {
                    self.0.push(b',');
                }
                self.string(tag);
            }
            self.0.push(b']');
        }
        if let Some(settings) = &common.settings {
            self.key(first, b"\"settings\":");
            self.0.push(b'{');
            let mut inner = true;
            for (key, value) in [
                (&b"\"ipv4_only\":"[..], settings.ipv4_only),
                (&b"\"ipv6_only\":"[..], settings.ipv6_only),
                (&b"\"flatten_cname\":"[..], settings.flatten_cname),
            ] {
                if let Some(value) = value {
                    self.key(&mut inner, key);
                    self.boolean(value);
                }
            }
            self.0.push(b'}');
        }
        if let Some(private_routing) = common.private_routing {
            self.key(first, b"\"private_routing\":");
            self.boolean(private_routing);
        }
    }

    /// `,"key":` (no comma before the first member); `quoted` is the key already written as
    /// `"key":` (this crate's own field names, which need no escaping).
    fn key(&mut self, first: &mut bool, quoted: &[u8]) {
        if !std::mem::take(first) {
            self.0.push(b',');
        }
        self.0.extend_from_slice(quoted);
    }

    /// A JSON string. Text with nothing to escape is copied whole; anything else goes through
    /// serde_json, so escapes are written exactly as it writes them.
    fn string(&mut self, text: &str) {
        if text.bytes().all(|b| PLAIN[usize::from(b)]) {
            self.0.reserve(text.len() + 2);
            self.0.push(b'"');
            self.0.extend_from_slice(text.as_bytes());
            self.0.push(b'"');
        } else {
            let _ = serde_json::to_writer(&mut self.0, text);
        }
    }

    fn integer(&mut self, n: impl itoa::Integer) {
        self.0.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    fn boolean(&mut self, b: bool) {
        self.0.extend_from_slice(if b { b"true" } else { b"false" });
    }
}

/// Bytes a JSON string holds as they are: not a control character, `"` or a backslash.
static PLAIN: [bool; 256] = {
    let mut table = [true; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = false;
        b += 1;
    }
    table[b'"' as usize] = false;
    table[b'\\' as usize] = false;
    table
};
