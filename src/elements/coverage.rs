//! County and township coverage (「有县级、乡镇层面」): a county-level or township-level unit is
//! named, or the draft gives explicit data at that level (全县18个乡镇中有7个…).

use crate::text::{Analysis, PlaceLevel, Span};

/// Which levels the draft reaches, with the first evidence of each.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coverage {
    pub county: bool,
    pub township: bool,
    pub county_evidence: Option<Span>,
    pub township_evidence: Option<Span>,
}

const COUNTY_WORDS: &[&str] = &["全县", "县域", "全旗", "县级"];
const TOWNSHIP_AFTER: &[&str] = &[
    "乡镇",
    "镇街",
    "街道",
    "镇（街道）",
    "乡（镇）",
    "个乡镇",
    "个镇",
    "个乡",
    "个街道",
];
const TOWNSHIP_WORDS: &[&str] = &["全镇", "全乡", "各乡镇", "乡镇（街道）"];

pub fn find(text: &str, a: &Analysis) -> Coverage {
    let mut c = Coverage::default();
    for p in &a.places {
        match p.level {
            PlaceLevel::County if c.county_evidence.is_none() => {
                c.county_evidence = Some(Span::new(p.start, p.end))
            }
            PlaceLevel::Township if c.township_evidence.is_none() => {
                c.township_evidence = Some(Span::new(p.start, p.end))
            }
            _ => {}
        }
    }
    for d in &a.data_points {
        if c.township_evidence.is_some() {
            break;
        }
        if TOWNSHIP_AFTER.iter().any(|w| text[d.end..].starts_with(w)) {
            c.township_evidence = Some(Span::new(d.start, d.end));
        }
    }
    // Level words (全县, 全镇) count where the same sentence has a figure; each sentence once.
    for s in &a.sentences {
        if c.county_evidence.is_some() && c.township_evidence.is_some() {
            break;
        }
        let Some(d) = a.data_in(s.start, s.end).next() else {
            continue;
        };
        let sentence = s.slice(text);
        if c.county_evidence.is_none() && COUNTY_WORDS.iter().any(|w| sentence.contains(w)) {
            c.county_evidence = Some(Span::new(d.start, d.end));
        }
        if c.township_evidence.is_none() && TOWNSHIP_WORDS.iter().any(|w| sentence.contains(w)) {
            c.township_evidence = Some(Span::new(d.start, d.end));
        }
    }
    c.county = c.county_evidence.is_some();
    c.township = c.township_evidence.is_some();
    c
}
