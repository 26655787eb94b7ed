//! `xinjian.toml`: options → resolved settings. Unknown keys and bad values are errors that
//! name the file, the line and the key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::checks::{registry, Severity};

/// The file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// The jurisdiction: a province, city or county name (温州市). Places outside are marked.
    pub region: Option<String>,
    /// Lowest severity that makes `xinjian check` exit 1: error, warning, info or never.
    pub fail_on: Option<String>,
    /// Per-check severity or `off`, keyed by name (missing-data) or code (X001).
    #[serde(default)]
    pub checks: BTreeMap<String, String>,
}

/// Settings after validation.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub region: Option<String>,
    pub fail_on: Option<Severity>,
    pub fail_never: bool,
    /// Check name → severity (`None` = off).
    pub severities: BTreeMap<&'static str, Option<Severity>>,
    /// Where it was read from.
    pub source: Option<PathBuf>,
}

/// A configuration problem, in Chinese, naming file and key.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

impl Config {
    /// Reads `path` if given, else `xinjian.toml` in the working folder if it exists.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let path = match path {
            Some(p) => Some(p.to_path_buf()),
            None => Some(PathBuf::from("xinjian.toml")).filter(|p| p.is_file()),
        };
        let Some(path) = path else {
            return Ok(Config::default());
        };
        let text = std::fs::read(&path)
            .map_err(|e| ConfigError(format!("{}：无法读取配置文件（{e}）", path.display())))?;
        let text = String::from_utf8(text).map_err(|_| {
            ConfigError(format!(
                "{}：配置文件不是 UTF-8 编码，请用记事本“另存为 UTF-8”",
                path.display()
            ))
        })?;
        let mut c = Config::parse(&text, &path.display().to_string())?;
        c.source = Some(path);
        Ok(c)
    }

    /// Parses configuration text; `name` is used in messages.
    pub fn parse(text: &str, name: &str) -> Result<Config, ConfigError> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| text[..s.start].matches('\n').count() + 1);
            let msg = e
                .message()
                .replace("unknown field", "未知的配置项")
                .replace("expected one of", "可用的有");
            match line {
                Some(l) => ConfigError(format!("{name}:{l}：{msg}")),
                None => ConfigError(format!("{name}：{msg}")),
            }
        })?;
        let line_of = |key: &str| {
            text.lines()
                .position(|l| l.trim_start().starts_with(key) || l.contains(&format!("\"{key}\"")))
                .map(|i| i + 1)
                .unwrap_or(0)
        };
        let mut c = Config {
            region: file.region,
            ..Config::default()
        };
        if let Some(f) = file.fail_on {
            if f == "never" {
                c.fail_never = true;
            } else {
                c.fail_on = Some(Severity::parse(&f).ok_or_else(|| {
                    ConfigError(format!(
                        "{name}:{}：fail_on 的值“{f}”无效，可用 error、warning、info、never",
                        line_of("fail_on")
                    ))
                })?);
            }
        }
        for (key, value) in file.checks {
            let rule = registry::find(&key).ok_or_else(|| {
                ConfigError(format!(
                    "{name}:{}：[checks] 中的“{key}”不是已知的检查项（xinjian rule 可列出全部）",
                    line_of(&key)
                ))
            })?;
            let sev = if value == "off" {
                None
            } else {
                Some(Severity::parse(&value).ok_or_else(|| {
                    ConfigError(format!(
                        "{name}:{}：[checks] {key} 的值“{value}”无效，可用 error、warning、info、off",
                        line_of(&key)
                    ))
                })?)
            };
            c.severities.insert(rule.name, sev);
        }
        Ok(c)
    }

    /// The severity of a rule after configuration; `None` = off.
    pub fn severity_of(&self, rule: &registry::Rule) -> Option<Severity> {
        match self.severities.get(rule.name) {
            Some(s) => *s,
            None => Some(rule.default_severity),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_validates() {
        let c = Config::parse("region = \"温州市\"\nfail_on = \"warning\"\n[checks]\ncliche = \"off\"\nX001 = \"warning\"\n", "x.toml").unwrap();
        assert_eq!(c.region.as_deref(), Some("温州市"));
        assert_eq!(c.fail_on, Some(Severity::Warning));
        assert_eq!(c.severities.get("cliche"), Some(&None));
        assert_eq!(
            c.severities.get("missing-data"),
            Some(&Some(Severity::Warning))
        );
        let e = Config::parse("regin = \"温州市\"\n", "x.toml")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.toml:1："), "{e}");
        assert!(e.contains("regin"), "{e}");
        let e = Config::parse("[checks]\nno-such = \"off\"\n", "x.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("x.toml:2") && e.contains("no-such"), "{e}");
        let e = Config::parse("[checks]\ncliche = \"loud\"\n", "x.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("loud"), "{e}");
    }
}
