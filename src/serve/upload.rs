//! Uploaded files: their names made safe, a private temporary folder for an audit, and
//! `.zip` uploads unpacked with every size checked before anything is allocated.
//!
//! Names inside a zip made on a Chinese Windows computer are GBK without the UTF-8 flag; the
//! zip crate reads those as code page 437, so the raw bytes are decoded here: UTF-8 when they
//! are valid UTF-8, else GBK (dates and units are read from file names).

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::source;

/// Entries in one zip beyond which it is refused.
const MAX_ENTRIES: usize = 5_000;

/// The last component of an uploaded name, without control characters or characters
/// Windows forbids; `fallback` when nothing is left. Never a path.
pub fn safe_name(given: &str, fallback: &str) -> String {
    let last = given
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control() && !"<>:\"|?*".contains(*c))
        .collect::<String>();
    let last = last.trim().trim_start_matches('.').trim();
    if last.is_empty() {
        fallback.to_string()
    } else {
        last.chars().take(120).collect()
    }
}

/// How many bytes unpacked uploads may still take.
#[derive(Debug)]
pub struct Budget(u64);

impl Budget {
    pub fn new(bytes: u64) -> Budget {
        Budget(bytes)
    }

    fn take(&mut self, n: u64) -> Result<(), String> {
        if n > self.0 {
            return Err(format!(
                "上传的文件解压后超过 {} MB，请分批审核",
                (self.0 + n) / (1024 * 1024)
            ));
        }
        self.0 -= n;
        Ok(())
    }
}

/// A private temporary folder (removed when dropped) holding one audit's drafts and ledger.
pub struct Folder {
    dir: tempfile::TempDir,
    /// Names taken, in lower case (two uploads never share one).
    names: HashSet<String>,
}

impl Folder {
    pub fn new() -> Result<Folder, String> {
        let dir = tempfile::Builder::new()
            .prefix("xinjian-upload-")
            .tempdir()
            .map_err(|e| format!("无法创建临时文件夹（{e}）"))?;
        std::fs::create_dir(dir.path().join("稿件"))
            .map_err(|e| format!("无法创建临时文件夹（{e}）"))?;
        Ok(Folder {
            dir,
            names: HashSet::new(),
        })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Where the drafts are.
    pub fn drafts(&self) -> PathBuf {
        self.dir.path().join("稿件")
    }

    /// Stores an uploaded file (a `.zip` is unpacked); how many drafts it added. Files of
    /// other kinds are stored too, so the audit lists them as not readable.
    pub fn add(&mut self, name: &str, bytes: &[u8], budget: &mut Budget) -> Result<usize, String> {
        if name.to_ascii_lowercase().ends_with(".zip") {
            return self.unzip(name, bytes, budget);
        }
        budget.take(bytes.len() as u64)?;
        self.put(name, bytes)?;
        Ok(usize::from(supported(name)))
    }

    /// Stores the ledger under its own name (its extension says .xlsx or .csv).
    pub fn put_ledger(&self, name: &str, bytes: &[u8]) -> Result<PathBuf, String> {
        let lower = name.to_ascii_lowercase();
        if !(lower.ends_with(".xlsx") || lower.ends_with(".csv")) {
            return Err(format!("台账“{name}”应为 .xlsx 或 .csv 文件"));
        }
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("台账无法保存（{e}）"))?;
        Ok(path)
    }

    /// Writes one draft under a name no other upload has taken.
    fn put(&mut self, name: &str, bytes: &[u8]) -> Result<(), String> {
        let mut chosen = name.to_string();
        let (stem, ext) = match name.rsplit_once('.') {
            Some((s, e)) if !s.is_empty() => (s.to_string(), format!(".{e}")),
            _ => (name.to_string(), String::new()),
        };
        let mut k = 2;
        while !self.names.insert(chosen.to_lowercase()) {
            chosen = format!("{stem}（{k}）{ext}");
            k += 1;
        }
        std::fs::write(self.drafts().join(&chosen), bytes)
            .map_err(|e| format!("{name}：无法保存（{e}）"))
    }

    fn unzip(&mut self, name: &str, bytes: &[u8], budget: &mut Budget) -> Result<usize, String> {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|_| format!("{name}：不是有效的 zip 压缩包"))?;
        if zip.len() > MAX_ENTRIES {
            return Err(format!(
                "{name}：压缩包里有 {} 个文件，超过 {MAX_ENTRIES} 个的上限",
                zip.len()
            ));
        }
        let mut added = 0;
        for i in 0..zip.len() {
            let mut entry = zip
                .by_index(i)
                .map_err(|e| format!("{name}：压缩包已损坏（{e}）"))?;
            if entry.is_dir() {
                continue;
            }
            let raw = entry.name_raw();
            let full = match std::str::from_utf8(raw) {
                Ok(s) => s.to_string(),
                Err(_) => encoding_rs::GBK.decode(raw).0.into_owned(),
            };
            if full.split(['/', '\\']).any(|p| p == "__MACOSX") {
                continue;
            }
            let file = safe_name(&full, "");
            // Word's lock files (~$稿件.docx) and hidden files are not drafts.
            if file.is_empty() || file.starts_with("~$") || !supported(&file) {
                continue;
            }
            let size = entry.size();
            if size > source::MAX_FILE_BYTES {
                return Err(format!(
                    "{name}：其中的 {file} 解压后有 {} MB，不像是一篇信息稿件",
                    size / (1024 * 1024)
                ));
            }
            budget.take(size)?;
            let mut data = Vec::with_capacity(size as usize);
            (&mut entry)
                .take(size + 1)
                .read_to_end(&mut data)
                .map_err(|e| format!("{name}：其中的 {file} 无法解压（{e}）"))?;
            if data.len() as u64 != size {
                return Err(format!(
                    "{name}：其中的 {file} 与压缩包记录的大小不符，压缩包可能已损坏"
                ));
            }
            self.put(&file, &data)?;
            added += 1;
        }
        Ok(added)
    }
}

/// Whether a file name has a draft's extension.
fn supported(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    source::SUPPORTED_EXTENSIONS
        .iter()
        .any(|e| lower.ends_with(&format!(".{e}")))
}

/// `text` with the private folder's path removed from the paths it names.
pub fn hide_folder(text: &str, folder: &Path) -> String {
    let drafts = folder.join("稿件");
    let mut out = text.to_string();
    for (p, with) in [(drafts, ""), (folder.to_path_buf(), "")] {
        let shown = p.display().to_string();
        // As written, and as JSON escapes it (backslashes on Windows).
        for form in [
            format!("{shown}/"),
            format!("{shown}\\"),
            shown.replace('\\', "\\\\") + "\\\\",
            shown.clone(),
        ] {
            out = out.replace(&form, with);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn names_keep_only_their_last_part() {
        assert_eq!(safe_name("../../etc/passwd", "x"), "passwd");
        assert_eq!(safe_name("C:\\Users\\王\\稿件.docx", "x"), "稿件.docx");
        assert_eq!(safe_name("..", "稿件"), "稿件");
        assert_eq!(safe_name("", "稿件"), "稿件");
        assert_eq!(safe_name("a\u{0}b?.txt", "x"), "ab.txt");
        assert_eq!(safe_name(".hidden", "x"), "hidden");
    }

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            for (name, data) in entries {
                w.start_file(*name, zip::write::SimpleFileOptions::default())
                    .unwrap();
                w.write_all(data).unwrap();
            }
            w.finish().unwrap();
        }
        buf.into_inner()
    }

    #[test]
    fn a_zip_adds_its_drafts_and_skips_the_rest() {
        let mut folder = Folder::new().unwrap();
        let z = zip_of(&[
            ("11月/永嘉县_纽扣.txt", "桥头镇纽扣\n正文".as_bytes()),
            ("__MACOSX/._x.txt", b"junk"),
            ("11月/~$草稿.docx", b"lock"),
            ("readme.pdf", b"%PDF"),
            ("../../逃逸.txt", "正文".as_bytes()),
            ("永嘉县_纽扣.txt", "第二篇\n正文".as_bytes()),
        ]);
        let mut budget = Budget::new(1 << 20);
        assert_eq!(folder.add("十一月.zip", &z, &mut budget).unwrap(), 3);
        let mut names: Vec<String> = std::fs::read_dir(folder.drafts())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["永嘉县_纽扣.txt", "永嘉县_纽扣（2）.txt", "逃逸.txt"]
        );
        assert!(!folder.path().parent().unwrap().join("逃逸.txt").exists());
        // Over the budget: refused with a message.
        let mut small = Budget::new(4);
        assert!(folder
            .add("十一月.zip", &z, &mut small)
            .unwrap_err()
            .contains("超过"));
        assert!(folder
            .add("坏.zip", b"PK\x03\x04xx", &mut budget)
            .unwrap_err()
            .contains("不是有效的 zip"));
        let path = folder.path().to_path_buf();
        drop(folder);
        assert!(!path.exists(), "the private folder is removed");
    }

    #[test]
    fn names_a_chinese_windows_zip_writes_in_gbk_are_decoded() {
        // A zip with a GBK name and no UTF-8 flag, as Windows' own compressor writes it: an
        // ASCII placeholder of the same length, patched to the GBK bytes.
        let (gbk, _, _) = encoding_rs::GBK.encode("永嘉县委办_纽扣.txt");
        assert!(std::str::from_utf8(&gbk).is_err());
        let placeholder = "a".repeat(gbk.len());
        let mut z = zip_of(&[(placeholder.as_str(), "桥头镇\n正文".as_bytes())]);
        let mut at = 0;
        while let Some(i) = z[at..]
            .windows(gbk.len())
            .position(|w| w == placeholder.as_bytes())
        {
            z[at + i..at + i + gbk.len()].copy_from_slice(&gbk);
            at += i + gbk.len();
        }
        let mut folder = Folder::new().unwrap();
        assert_eq!(
            folder.add("a.zip", &z, &mut Budget::new(1 << 20)).unwrap(),
            1
        );
        assert!(folder.drafts().join("永嘉县委办_纽扣.txt").is_file());
    }

    #[test]
    fn the_private_folder_is_hidden_from_reports() {
        let f = Path::new("/tmp/xinjian-upload-abc");
        assert_eq!(
            hide_folder("/tmp/xinjian-upload-abc/稿件/永嘉.txt：无法读取", f),
            "永嘉.txt：无法读取"
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever a browser or a zip calls a file, what is kept is one plain name inside the
        /// folder: no separator, no parent, never empty.
        #[test]
        fn a_kept_name_is_never_a_path(given in "(\\PC|/|\\\\|\\.\\.){0,40}") {
            let name = safe_name(&given, "稿件");
            prop_assert!(!name.is_empty());
            prop_assert!(!name.contains('/') && !name.contains('\\'));
            prop_assert!(name != "." && name != ".." && !name.starts_with('.'));
            prop_assert!(!name.chars().any(|c| c.is_control()));
            prop_assert!(name.chars().count() <= 120);
            let joined = Path::new("/上传").join(&name);
            prop_assert_eq!(joined.parent(), Some(Path::new("/上传")));
        }

        /// Arbitrary bytes as a zip never panic and never write outside the folder.
        #[test]
        fn any_bytes_as_a_zip_are_refused_or_unpacked_inside(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let mut folder = Folder::new().unwrap();
            let mut with_header = b"PK\x03\x04".to_vec();
            with_header.extend_from_slice(&bytes);
            for data in [&bytes, &with_header] {
                let _ = folder.add("x.zip", data, &mut Budget::new(1 << 20));
            }
            for entry in std::fs::read_dir(folder.path()).unwrap() {
                let name = entry.unwrap().file_name();
                prop_assert!(name == "稿件", "{:?}", name);
            }
        }
    }
}
