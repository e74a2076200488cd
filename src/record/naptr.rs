//! NAPTR (PLACEHOLDER: being written)
use super::fields::Fields;
use super::{RecordData, RecordType};
use crate::issue::Report;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct NaptrData { pub order: u16, pub preference: u16, pub flags: String, pub service: String, pub regex: String, pub replacement: String }
pub(crate) fn read(rec: &Fields, r: &mut Report) -> Option<RecordData> { let _ = (rec, r); None }
pub fn to_content(d: &NaptrData) -> String { let _ = (d, RecordType::NAPTR); String::new() }
pub fn from_content(text: &str) -> Result<NaptrData, String> { let _ = text; Err("not yet".into()) }
