//! TLSA and SMIMEA (PLACEHOLDER: being written)
use super::fields::Fields;
use super::{RecordData, RecordType};
use crate::issue::Report;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct DaneData { pub usage: u8, pub selector: u8, pub matching_type: u8, pub certificate: String }
pub(crate) fn read(kind: RecordType, rec: &Fields, r: &mut Report) -> Option<RecordData> { let _ = (kind, rec, r); None }
pub fn to_content(d: &DaneData) -> String { format!("{} {} {} {}", d.usage, d.selector, d.matching_type, d.certificate) }
pub fn from_content(text: &str) -> Result<DaneData, String> { let _ = text; Err("not yet".into()) }
