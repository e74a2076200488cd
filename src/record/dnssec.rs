//! DNSKEY and DS (PLACEHOLDER: being written)
use super::fields::Fields;
use super::{RecordData, RecordType};
use crate::issue::Report;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct DnskeyData { pub flags: u16, pub protocol: u8, pub algorithm: u8, pub public_key: String }
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct DsData { pub key_tag: u16, pub algorithm: u8, pub digest_type: u8, pub digest: String }
pub(crate) fn read(kind: RecordType, rec: &Fields, r: &mut Report) -> Option<RecordData> { let _ = (kind, rec, r); None }
pub fn dnskey_to_content(d: &DnskeyData) -> String { format!("{} {} {} {}", d.flags, d.protocol, d.algorithm, d.public_key) }
pub fn ds_to_content(d: &DsData) -> String { format!("{} {} {} {}", d.key_tag, d.algorithm, d.digest_type, d.digest) }
pub fn dnskey_from_content(text: &str) -> Result<DnskeyData, String> { let _ = text; Err("not yet".into()) }
pub fn ds_from_content(text: &str) -> Result<DsData, String> { let _ = text; Err("not yet".into()) }
