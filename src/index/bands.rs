//! The LSH band keys of archived items, kept beside the tantivy index in `xinjian-bands/`.
//!
//! As tantivy terms the 64 band keys of an item were 64 new entries in the term dictionary
//! (an FST) and 64 one-document posting lists: ~0.5 M instructions per item, as much as
//! segmenting the item (callgrind). Here each `add` writes one run file: the content hashes
//! of the items it added and their band keys, sorted, 8 bytes a key. A lookup
//! binary-searches each run for the draft's 64 keys.
//!
//! The content hash (see [`super::archive::content_hash`]) ties a key to the index: a
//! candidate is whatever live document has that hash. A run is written before the commit
//! of its documents, so a run killed in between leaves keys of hashes that the index does
//! not hold, which find nothing; so do the keys of a replaced version of a file.
//! [`Runs::merge`] (`tidy`) folds the runs into one and drops such keys.
//!
//! Run file, little-endian: `XJBANDS1`, item count (u32), key count (u32), the items'
//! content hashes (u64 each), then (key u32, item number u32) pairs sorted.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tantivy::directory::{Directory, MmapDirectory, OwnedBytes};

use crate::index::minhash::BANDS;

/// Folder of the run files, inside the index folder.
pub const FOLDER: &str = "xinjian-bands";
const MAGIC: &[u8; 8] = b"XJBANDS1";
const HEADER: usize = 16;

/// Runs are folded into one when an `add` leaves more than this many (one is written per
/// `add`, so an office indexing every day would otherwise gather hundreds).
pub const MAX_RUNS: usize = 16;

/// The band-key runs of one archive.
pub struct Runs {
    folder: PathBuf,
    /// Runs already mapped, by file name: a lookup per checked draft (an audit of thousands
    /// against the archive) must not map every file again.
    loaded: Mutex<Vec<(RunId, Arc<Run>)>>,
}

/// A run file as listed: its name and length (a name is never reused, and the length guards
/// the cache against a file replaced by hand).
type RunId = (String, u64);

/// One run file, mapped.
struct Run {
    bytes: OwnedBytes,
    items: usize,
    keys: usize,
}

impl Run {
    fn parse(bytes: OwnedBytes) -> Option<Run> {
        if bytes.len() < HEADER || &bytes[..8] != MAGIC {
            return None;
        }
        let items = u32::from_le_bytes(bytes[8..12].try_into().ok()?) as usize;
        let keys = u32::from_le_bytes(bytes[12..16].try_into().ok()?) as usize;
        (bytes.len() == HEADER + items * 8 + keys * 8).then_some(Run { bytes, items, keys })
    }

    fn item(&self, i: usize) -> u64 {
        let at = HEADER + i * 8;
        u64::from_le_bytes(self.bytes[at..at + 8].try_into().unwrap_or_default())
    }

    /// Key and item number of the `i`-th pair.
    fn pair(&self, i: usize) -> (u32, u32) {
        let at = HEADER + self.items * 8 + i * 8;
        let b = &self.bytes[at..at + 8];
        (
            u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            u32::from_le_bytes([b[4], b[5], b[6], b[7]]),
        )
    }

    /// Item numbers holding `key`.
    fn find(&self, key: u32, mut found: impl FnMut(u32)) {
        let (mut lo, mut hi) = (0, self.keys);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.pair(mid).0 < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        while lo < self.keys {
            let (k, item) = self.pair(lo);
            if k != key {
                break;
            }
            found(item);
            lo += 1;
        }
    }
}

/// The bytes of a run holding these items (content hash, band keys).
fn encode(items: &[(u64, [u32; BANDS])]) -> std::io::Result<Vec<u8>> {
    let too_many = || std::io::Error::other("查重指纹文件过大");
    let n = u32::try_from(items.len()).map_err(|_| too_many())?;
    let k = u32::try_from(items.len() * BANDS).map_err(|_| too_many())?;
    let mut pairs: Vec<(u32, u32)> = items
        .iter()
        .enumerate()
        .flat_map(|(i, (_, keys))| keys.iter().map(move |&k| (k, i as u32)))
        .collect();
    pairs.sort_unstable();
    let mut out = Vec::with_capacity(HEADER + items.len() * 8 + pairs.len() * 8);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&k.to_le_bytes());
    for (hash, _) in items {
        out.extend_from_slice(&hash.to_le_bytes());
    }
    for (key, item) in pairs {
        out.extend_from_slice(&key.to_le_bytes());
        out.extend_from_slice(&item.to_le_bytes());
    }
    Ok(out)
}

impl Runs {
    /// The runs of the index in `index_dir`. Nothing is created until a run is written, so
    /// a read-only index can still be searched.
    pub fn open(index_dir: &Path) -> Runs {
        Runs {
            folder: index_dir.join(FOLDER),
            loaded: Mutex::new(Vec::new()),
        }
    }

    fn dir(&self) -> std::io::Result<MmapDirectory> {
        std::fs::create_dir_all(&self.folder)?;
        MmapDirectory::open(&self.folder).map_err(std::io::Error::other)
    }

    /// How many run files there are.
    pub fn count(&self) -> std::io::Result<usize> {
        Ok(self.names()?.len())
    }

    /// The current runs, mapped; files mapped before are reused.
    fn current(&self) -> std::io::Result<Vec<Arc<Run>>> {
        // A writer folding the runs writes the folded run before deleting the old ones: a
        // file gone since the listing means a newer listing has its keys.
        for _ in 0..5 {
            if let Some(runs) = self.try_current()? {
                return Ok(runs);
            }
        }
        Err(std::io::Error::other(format!(
            "{FOLDER} 中的文件一直在变动，请稍后再试"
        )))
    }

    /// The runs as listed now, or `None` when one vanished before it could be mapped.
    fn try_current(&self) -> std::io::Result<Option<Vec<Arc<Run>>>> {
        let mut loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        let names = self.names()?;
        let mut dir = None;
        let mut now = Vec::with_capacity(names.len());
        for name in names {
            let Ok(meta) = std::fs::metadata(self.folder.join(&name)) else {
                return Ok(None);
            };
            let id = (name, meta.len());
            let run = match loaded.iter().find(|(n, _)| *n == id) {
                Some((_, r)) => r.clone(),
                None => {
                    if dir.is_none() {
                        dir = Some(self.dir()?);
                    }
                    match Self::load(dir.as_ref().expect("opened above"), &id.0) {
                        Ok(r) => Arc::new(r),
                        Err(_) if !self.folder.join(&id.0).exists() => return Ok(None),
                        Err(e) => return Err(e),
                    }
                }
            };
            now.push((id, run));
        }
        let runs = now.iter().map(|(_, r)| r.clone()).collect();
        *loaded = now;
        Ok(Some(runs))
    }

    /// Makes the folder's entries (a new run, deleted ones) durable: `atomic_write` syncs the
    /// file, not the folder that names it.
    fn sync_folder(&self) -> std::io::Result<()> {
        #[cfg(unix)]
        std::fs::File::open(&self.folder)?.sync_all()?;
        Ok(())
    }

    /// Names of the run files, oldest first.
    fn names(&self) -> std::io::Result<Vec<String>> {
        if !self.folder.exists() {
            return Ok(Vec::new());
        }
        let mut names: Vec<String> = std::fs::read_dir(&self.folder)?
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| {
                n.len() == "run-.bin".len() + 16
                    && n.starts_with("run-")
                    && n.ends_with(".bin")
                    && n[4..20].bytes().all(|b| b.is_ascii_hexdigit())
            })
            .collect();
        names.sort();
        Ok(names)
    }

    fn load(dir: &MmapDirectory, name: &str) -> std::io::Result<Run> {
        let bytes = dir
            .open_read(Path::new(name))
            .map_err(std::io::Error::other)?
            .read_bytes()?;
        Run::parse(bytes)
            .ok_or_else(|| std::io::Error::other(format!("{FOLDER}/{name} 格式不对，已损坏")))
    }

    fn next_name(&self) -> std::io::Result<String> {
        let last = self
            .names()?
            .last()
            .and_then(|n| u64::from_str_radix(&n[4..n.len() - 4], 16).ok())
            .unwrap_or(0);
        Ok(format!("run-{:016x}.bin", last + 1))
    }

    /// Writes a run for these items (content hash, band keys); the caller holds the index's
    /// writer lock. The file appears whole or not at all.
    pub fn write(&self, items: &[(u64, [u32; BANDS])]) -> std::io::Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        self.write_run(items)
    }

    /// Writes a run, even an empty one (a fold that keeps nothing still takes the next
    /// name, so that no name is ever used twice), and makes it durable.
    fn write_run(&self, items: &[(u64, [u32; BANDS])]) -> std::io::Result<()> {
        let bytes = encode(items)?;
        self.dir()?
            .atomic_write(Path::new(&self.next_name()?), &bytes)?;
        self.sync_folder()
    }

    /// Content hashes of the items sharing at least one band key with `keys`, with the number
    /// of bands they share, most first.
    pub fn candidates(&self, keys: &[u32; BANDS]) -> std::io::Result<Vec<(u64, usize)>> {
        let mut count: HashMap<u64, usize> = HashMap::new();
        for run in self.current()? {
            let mut seen: HashMap<u32, usize> = HashMap::new();
            for &k in keys {
                run.find(k, |item| *seen.entry(item).or_default() += 1);
            }
            // An item in two runs (added again after a failed commit) counts once.
            // A damaged pair pointing past the items is ignored rather than read.
            for (item, n) in seen.into_iter().filter(|&(i, _)| (i as usize) < run.items) {
                let c = count.entry(run.item(item as usize)).or_default();
                *c = (*c).max(n);
            }
        }
        let mut out: Vec<(u64, usize)> = count.into_iter().collect();
        out.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(out)
    }

    /// Folds all runs into one, keeping only the items for which `alive` holds (content
    /// hashes still in the index). Holds every key in memory: 8 bytes a key, 512 bytes an
    /// item.
    pub fn merge(&self, alive: impl Fn(u64) -> std::io::Result<bool>) -> std::io::Result<()> {
        let names = self.names()?;
        if names.is_empty() {
            return Ok(());
        }
        let dir = self.dir()?;
        let mut items: HashMap<u64, [u32; BANDS]> = HashMap::new();
        for name in &names {
            let run = Self::load(&dir, name)?;
            let mut keys: Vec<[u32; BANDS]> = vec![[0; BANDS]; run.items];
            let mut filled = vec![0usize; run.items];
            for i in 0..run.keys {
                let (k, item) = run.pair(i);
                let item = item as usize;
                if item < run.items && filled[item] < BANDS {
                    keys[item][filled[item]] = k;
                    filled[item] += 1;
                }
            }
            for (i, k) in keys.into_iter().enumerate() {
                let hash = run.item(i);
                // An error aborts the fold: dropping the keys of a live item would lose it
                // for good (re-indexing skips unchanged items).
                if filled[i] == BANDS && alive(hash)? {
                    items.insert(hash, k);
                }
            }
        }
        let mut items: Vec<(u64, [u32; BANDS])> = items.into_iter().collect();
        items.sort_unstable_by_key(|x| x.0);
        // The folded run is durable before any old one is deleted.
        self.write_run(&items)?;
        for name in names {
            dir.delete(Path::new(&name))
                .map_err(std::io::Error::other)?;
        }
        self.sync_folder()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(seed: u32) -> [u32; BANDS] {
        std::array::from_fn(|b| seed.wrapping_mul(2_654_435_761) ^ b as u32)
    }

    #[test]
    fn runs_find_items_by_shared_keys_and_merge() {
        let dir = tempfile::tempdir().unwrap();
        let runs = Runs::open(dir.path());
        assert!(runs.candidates(&keys(1)).unwrap().is_empty());
        runs.write(&[(10, keys(1)), (20, keys(2))]).unwrap();
        let mut half = keys(3);
        half[..BANDS / 2].copy_from_slice(&keys(1)[..BANDS / 2]);
        runs.write(&[(30, half)]).unwrap();
        // A fresh process sees the same.
        let runs = Runs::open(dir.path());
        assert_eq!(
            runs.candidates(&keys(1)).unwrap(),
            vec![(10, BANDS), (30, BANDS / 2)]
        );
        assert!(runs.candidates(&keys(9)).unwrap().is_empty());
        runs.merge(|h| Ok(h != 10)).unwrap();
        assert_eq!(runs.names().unwrap().len(), 1);
        assert_eq!(runs.candidates(&keys(1)).unwrap(), vec![(30, BANDS / 2)]);
        assert_eq!(runs.candidates(&keys(2)).unwrap(), vec![(20, BANDS)]);
    }

    #[test]
    fn a_fold_that_keeps_nothing_does_not_let_a_name_be_reused() {
        let dir = tempfile::tempdir().unwrap();
        let runs = Runs::open(dir.path());
        runs.write(&[(10, keys(1))]).unwrap();
        assert_eq!(runs.candidates(&keys(1)).unwrap(), vec![(10, BANDS)]);
        runs.merge(|_| Ok(false)).unwrap();
        assert!(runs.candidates(&keys(1)).unwrap().is_empty());
        runs.write(&[(20, keys(2))]).unwrap();
        assert_eq!(runs.candidates(&keys(2)).unwrap(), vec![(20, BANDS)]);
        assert_eq!(runs.names().unwrap().len(), 2);
        // A failing liveness check leaves the runs as they were.
        assert!(runs
            .merge(|_| Err(std::io::Error::other("read error")))
            .is_err());
        assert_eq!(runs.names().unwrap().len(), 2);
        assert_eq!(runs.candidates(&keys(2)).unwrap(), vec![(20, BANDS)]);
    }

    #[test]
    fn stray_files_are_not_runs() {
        let dir = tempfile::tempdir().unwrap();
        let runs = Runs::open(dir.path());
        runs.write(&[(10, keys(1))]).unwrap();
        std::fs::write(dir.path().join(FOLDER).join("run-x.bin"), b"junk").unwrap();
        runs.write(&[(20, keys(2))]).unwrap();
        assert_eq!(runs.candidates(&keys(1)).unwrap(), vec![(10, BANDS)]);
        assert_eq!(runs.candidates(&keys(2)).unwrap(), vec![(20, BANDS)]);
    }
}
