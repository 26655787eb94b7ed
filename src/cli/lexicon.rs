//! `xinjian lexicon check [DIR]`: validate a folder of word lists.

use super::{Exit, Fatal};
use std::path::{Path, PathBuf};

use xinjian::lexicon::check_dir;

pub fn check(dir: Option<PathBuf>) -> Exit {
    let dir = dir.unwrap_or_else(|| PathBuf::from("lexicons"));
    if !Path::new(&dir).is_dir() {
        return Err(Fatal(format!(
            "{}：不是文件夹。用法：xinjian lexicon check 词表文件夹",
            dir.display()
        )));
    }
    let problems = check_dir(&dir);
    for p in &problems {
        println!("{p}");
    }
    let errors = problems.iter().filter(|p| p.error).count();
    let notes = problems.len() - errors;
    println!("检查了 {}：{errors} 个错误，{notes} 个提示", dir.display());
    Ok(if errors > 0 { 2 } else { 0 })
}
