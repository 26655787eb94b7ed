//! Loading the gazetteer embedded from `lexicons/divisions/` and the name index (a trie with
//! a bigram filter) that finds where a name starts.

use std::collections::HashSet;

use rustc_hash::FxHashMap as HashMap;

use super::*;

/// A character trie over the gazetteer's names (hand-written: what is needed is a walk that
/// can stop at any token boundary, which no matcher crate exposes cheaply).
pub(super) struct NameTrie {
    /// Child of the root per BMP character (0: none).
    root: Vec<u32>,
    /// (node << 32 | char) → child, below the root.
    edges: HashMap<u64, u32>,
    /// Whether a node ends a name.
    pub(super) terminal: Vec<bool>,
    /// Bit set over the hashed first six bytes of the names (two Han characters): most token
    /// starts are rejected with one load and one bit test instead of a walk with hash-map steps.
    bigrams: Vec<u64>,
    /// Whether some name is shorter than six bytes (then the prefix test cannot reject).
    has_single: bool,
}

const BIGRAM_BITS: u32 = 20;

const PREFIX_BYTES: usize = 6;

/// The bit-set slot of the first six bytes of `s`, or `None` when it is shorter.
#[inline]
fn prefix_slot(s: &[u8]) -> Option<usize> {
    let p: &[u8; PREFIX_BYTES] = s.get(..PREFIX_BYTES)?.try_into().ok()?;
    let mut w = [0u8; 8];
    w[..PREFIX_BYTES].copy_from_slice(p);
    let h = u64::from_le_bytes(w).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    Some((h >> (64 - BIGRAM_BITS)) as usize)
}

impl NameTrie {
    fn new() -> NameTrie {
        NameTrie {
            root: vec![0; 65536],
            edges: HashMap::default(),
            // Node 0 is the root.
            terminal: vec![false],
            bigrams: vec![0; 1 << (BIGRAM_BITS - 6)],
            has_single: false,
        }
    }

    /// Whether a name can start at the beginning of `rest` (false: certainly not).
    #[inline]
    pub(super) fn may_start(&self, rest: &[u8]) -> bool {
        match prefix_slot(rest) {
            Some(h) => self.has_single || self.bigrams[h >> 6] >> (h & 63) & 1 == 1,
            None => self.has_single,
        }
    }

    fn insert(&mut self, name: &str) {
        let mut node = 0u32;
        for c in name.chars() {
            let next = self.terminal.len() as u32;
            let slot = if node == 0 && (c as usize) < 65536 {
                &mut self.root[c as usize]
            } else {
                self.edges.entry(key(node, c)).or_insert(0)
            };
            if *slot == 0 {
                *slot = next;
                self.terminal.push(false);
            }
            node = *slot;
        }
        self.terminal[node as usize] = true;
        match prefix_slot(name.as_bytes()) {
            Some(h) => self.bigrams[h >> 6] |= 1 << (h & 63),
            None => self.has_single = true,
        }
    }

    #[inline]
    pub(super) fn step(&self, node: u32, c: char) -> Option<u32> {
        let n = if node == 0 && (c as usize) < 65536 {
            self.root[c as usize]
        } else {
            self.edges.get(&key(node, c)).copied().unwrap_or(0)
        };
        (n != 0).then_some(n)
    }
}

fn key(node: u32, c: char) -> u64 {
    (node as u64) << 32 | c as u64
}

const COUNTIES_TSV: &str = include_str!("../../../lexicons/divisions/counties.tsv");
const ALIASES_TSV: &str = include_str!("../../../lexicons/divisions/county_aliases.tsv");
const TOWNSHIPS_TSV: &str = include_str!("../../../lexicons/divisions/townships.tsv");
const RENAMES_TSV: &str = include_str!("../../../lexicons/divisions/county_renames.tsv");

fn rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

impl Gazetteer {
    /// The embedded national gazetteer (NBS 统计用区划代码 2023).
    pub fn embedded() -> Gazetteer {
        let mut g = Gazetteer {
            counties: Vec::with_capacity(3000),
            renames: Vec::new(),
            townships: Vec::with_capacity(40000),
            cities: Vec::new(),
            city_provinces: Vec::new(),
            provinces: Vec::new(),
            by_name: HashMap::default(),
            trie: NameTrie::new(),
        };
        let mut county_by_code = HashMap::default();
        let mut city_idx: HashMap<String, u32> = HashMap::default();
        let mut prov_idx: HashMap<String, u32> = HashMap::default();
        for r in rows(COUNTIES_TSV) {
            let idx = g.counties.len() as u32;
            county_by_code.insert(r[0].to_string(), idx);
            g.counties.push(County {
                code: r[0].into(),
                name: r[1].into(),
                city: r[2].into(),
                province: r[3].into(),
            });
            g.add(r[1], NameRef::County { idx, alias: false });
            if !r[2].is_empty() && !city_idx.contains_key(r[2]) {
                city_idx.insert(r[2].into(), g.cities.len() as u32);
                g.cities.push(r[2].into());
                g.city_provinces.push(r[3].into());
            }
            if !prov_idx.contains_key(r[3]) {
                prov_idx.insert(r[3].into(), g.provinces.len() as u32);
                g.provinces.push(r[3].into());
            }
        }
        for (name, idx) in city_idx {
            // A county-level city may share a name with nothing else; a prefecture name that
            // is also a county name (rare) stays a county.
            if !g.by_name.contains_key(&name) {
                g.add(&name, NameRef::City { idx });
            }
        }
        for (name, idx) in prov_idx {
            g.add(&name, NameRef::Province { idx });
        }
        for r in rows(ALIASES_TSV) {
            if let Some(&idx) = county_by_code.get(r[1]) {
                g.add(r[0], NameRef::County { idx, alias: true });
            }
        }
        // Former names: only where the old name is no current name, and the new one (or, when
        // the record is off, a current county of the same stem in the same province) exists.
        for r in rows(RENAMES_TSV) {
            let (date, old, new, province) = (r[0], r[1], r[2], r[3]);
            // 城区, 郊区, 矿区 were names of districts that are gone; in drafts they are words.
            const GENERIC_OLD: &[&str] = &[
                "城区",
                "郊区",
                "矿区",
                "新区",
                "市中区",
                "南郊区",
                "北郊区",
                "东郊区",
                "西郊区",
            ];
            if old == new
                || g.by_name.contains_key(old)
                || old.chars().count() < 2
                || GENERIC_OLD.contains(&old)
            {
                continue;
            }
            let stem = old.trim_end_matches(['县', '市', '区', '旗']);
            let now = g
                .counties
                .iter()
                .position(|k| k.name == new && k.province == province)
                .or_else(|| {
                    g.counties.iter().position(|k| {
                        k.province == province
                            && stem.chars().count() >= 2
                            && k.name.starts_with(stem)
                    })
                });
            if let Some(county) = now {
                let idx = g.renames.len() as u32;
                g.renames.push(Rename {
                    date: date.into(),
                    old: old.into(),
                    new: g.counties[county].name.clone(),
                    county: county as u32,
                });
                g.add(old, NameRef::Renamed { idx });
            }
        }
        for r in rows(TOWNSHIPS_TSV) {
            let idx = g.townships.len() as u32;
            let county = county_by_code.get(&r[0][..6]).copied();
            g.townships.push(Township {
                code: r[0].into(),
                name: r[1].into(),
                county,
            });
            g.add(r[1], NameRef::Township { idx });
        }
        g
    }

    fn add(&mut self, name: &str, r: NameRef) {
        self.trie.insert(name);
        let v = self.by_name.entry(name.to_string()).or_default();
        if !v.contains(&r) {
            v.push(r);
        }
    }

    /// Every name with the segmenter frequency it should get: full names strongly enough to
    /// be one token, short forms weaker so that ordinary words still win.
    pub fn segmenter_words(&self) -> impl Iterator<Item = (&str, usize)> {
        self.by_name.iter().map(|(name, refs)| {
            let freq = match refs[0] {
                NameRef::County { alias: false, .. }
                | NameRef::City { .. }
                | NameRef::Province { .. } => 2000,
                NameRef::County { alias: true, .. } => 300,
                NameRef::Renamed { .. } => 2000,
                NameRef::Township { .. } => 300,
            };
            (name.as_str(), freq)
        })
    }

    /// Counties whose name, city or province is `region` (温州市, 浙江省, 永嘉县, 永嘉).
    pub fn region_counties(&self, region: &str) -> Option<HashSet<u32>> {
        let region = region.trim();
        let set: HashSet<u32> = self
            .counties
            .iter()
            .enumerate()
            .filter(|(_, c)| c.name == region || c.city == region || c.province == region)
            .map(|(i, _)| i as u32)
            .collect();
        if !set.is_empty() {
            return Some(set);
        }
        match self.by_name.get(region).map(|v| v.as_slice()) {
            Some([NameRef::County { idx, .. }]) => Some([*idx].into_iter().collect()),
            _ => None,
        }
    }

    /// Whether some name of the gazetteer starts at byte `i` of `text` (whole words or not):
    /// where the analysis must segment. Runs on most characters of every draft, so the
    /// two-character prefix is tested before the trie is walked.
    #[inline]
    pub fn name_at(&self, text: &str, i: usize) -> bool {
        self.trie.may_start(&text.as_bytes()[i..]) && self.name_starts_at(&text[i..])
    }

    /// Whether some name starts at the beginning of `rest`.
    fn name_starts_at(&self, rest: &str) -> bool {
        let mut node = 0u32;
        for c in rest.chars() {
            match self.trie.step(node, c) {
                Some(n) if self.trie.terminal[n as usize] => return true,
                Some(n) => node = n,
                None => return false,
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_filter_never_rejects_a_name_start() {
        let mut t = NameTrie::new();
        for name in ["永嘉县", "瓯北镇", "永嘉", "镇平县"] {
            t.insert(name);
        }
        for rest in ["永嘉县委", "瓯北镇的", "永嘉", "镇平县人"] {
            assert!(t.may_start(rest.as_bytes()), "{rest}");
        }
        assert!(!t.may_start("发展乡村".as_bytes()));
        assert!(
            !t.may_start("永".as_bytes()),
            "one character cannot hold a two-character name"
        );
        t.insert("和");
        assert!(
            t.may_start("和县".as_bytes()) && t.may_start("和".as_bytes()),
            "short names switch it off"
        );
    }

    #[test]
    fn prefix_filter_on_the_whole_gazetteer() {
        // Every name of the shipped gazetteer passes the filter at its own start.
        let g = Gazetteer::embedded();
        assert!(!g.trie.has_single);
        for name in g.by_name.keys() {
            assert!(g.trie.may_start(name.as_bytes()), "{name}");
        }
    }
}
