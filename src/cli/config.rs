//! `xinjian config`: the effective configuration.

use super::Exit;
use std::path::PathBuf;

use xinjian::config::Config;

pub fn run(path: Option<PathBuf>) -> Exit {
    let c = Config::load(path.as_deref())?;
    match &c.source {
        Some(p) => println!("# 生效的配置：{} 与默认值合并", p.display()),
        None => println!("# 生效的配置：没有找到 xinjian.toml，全部为默认值"),
    }
    print!("{}", c.to_toml());
    Ok(0)
}
