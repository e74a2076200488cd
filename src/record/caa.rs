//! CAA (PLACEHOLDER: being written)
use super::fields::Fields;
use super::{RecordData, RecordType};
use crate::issue::Report;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct CaaData { pub flags: u8, pub tag: String, pub value: String }
pub(crate) fn read(rec: &Fields, r: &mut Report) -> Option<RecordData> { let _ = (rec, r); None }
pub fn to_content(d: &CaaData) -> String { format!("{} {} {:?}", d.flags, d.tag, d.value) }
pub fn from_content(text: &str) -> Result<CaaData, String> { let _ = (text, RecordType::CAA); Err("not yet".into()) }
