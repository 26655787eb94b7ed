//! Dates: the one place that parses, normalises and counts calendar days ([`Date`]). Dates
//! travel as `YYYY-MM-DD` strings (front matter, the index, the reports); arithmetic goes
//! through [`Date`].
//!
//! Written by hand: the few operations needed (normalise a typed date, count days, the
//! Monday of a week, an Excel serial date) are twenty lines of Howard Hinnant's civil-date
//! algorithms, where a date crate would bring a calendar and time zones the tool never uses.

/// A calendar day, as a day number (days since 1970-01-01): ordered, cheap to copy, and
/// shown as `YYYY-MM-DD` ([`std::fmt::Display`]), the form dates travel in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i64);

impl Date {
    /// The day `y`-`m`-`d`; `None` when it is not a real date.
    pub fn from_ymd(y: i64, m: i64, d: i64) -> Option<Date> {
        if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
            return None;
        }
        // days_from_civil
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Date(era * 146097 + doe - 719468))
    }

    /// A `YYYY-MM-DD` date (as stored); `None` when it is not one.
    pub fn iso(s: &str) -> Option<Date> {
        let mut it = s.trim().split('-');
        let y: i64 = it.next()?.parse().ok()?;
        let m: i64 = it.next()?.parse().ok()?;
        let d: i64 = it.next()?.parse().ok()?;
        if it.next().is_some() {
            return None;
        }
        Date::from_ymd(y, m, d)
    }

    /// A date as people type it (2026-11-03, 2026年11月3日, 2026.11.3, 20261103); `None`
    /// unless it is a real date between 1990 and 2100.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let digits: Vec<i64> = s
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.parse().ok())
            .collect();
        let (y, m, d) = match digits.as_slice() {
            [y, m, d] => (*y, *m, *d),
            [n] if s.len() == 8 => (n / 10000, n / 100 % 100, n % 100),
            _ => return None,
        };
        if !(1990..=2100).contains(&y) {
            return None;
        }
        Date::from_ymd(y, m, d)
    }

    /// The day of an Excel serial date (1899-12-30 is day 0, 1970-01-01 day 25569).
    pub fn from_excel(serial: f64) -> Date {
        Date(serial.floor() as i64 - 25569)
    }

    /// The day (UTC) of a Unix time in seconds.
    pub fn from_unix_seconds(secs: u64) -> Date {
        Date((secs / 86_400) as i64)
    }

    /// Today (UTC).
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_unix_seconds(secs)
    }

    /// Year, month and day (civil_from_days).
    pub fn ymd(self) -> (i64, i64, i64) {
        let z = self.0 + 719468;
        let era = z.div_euclid(146097);
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        (y, m, d)
    }

    /// Days from `earlier` to `self` (negative when `earlier` is later).
    pub fn days_since(self, earlier: Date) -> i64 {
        self.0 - earlier.0
    }

    /// The day `n` days later (earlier for a negative `n`).
    pub fn plus_days(self, n: i64) -> Date {
        Date(self.0 + n)
    }

    /// The Monday of its ISO week.
    pub fn monday(self) -> Date {
        // 1970-01-01 was a Thursday: three days after a Monday.
        Date(self.0 - (self.0 + 3).rem_euclid(7))
    }

    /// The last day of its month.
    pub fn month_end(self) -> Date {
        let (y, m, _) = self.ymd();
        Date::from_ymd(y, m, days_in_month(y, m)).unwrap_or(self)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// Days in month `m` of year `y`.
fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from `a` to `b`, both `YYYY-MM-DD`.
pub fn days_between(a: &str, b: &str) -> Option<i64> {
    Some(Date::iso(b)?.days_since(Date::iso(a)?))
}

/// A date as people type it, as `YYYY-MM-DD` (see [`Date::parse`]).
pub fn parse_date(s: &str) -> Option<String> {
    Date::parse(s).map(|d| d.to_string())
}

/// `--since`/`--until` (or the server's fields) as full dates: 2026-11 is the first (since)
/// or the last day (until) of the month; any form [`parse_date`] reads is a day. The problem,
/// if any, is returned in Chinese.
pub fn bounds(
    since: Option<&str>,
    until: Option<&str>,
) -> Result<(Option<String>, Option<String>), String> {
    let parse = |s: &str, name: &str, last: bool| -> Result<String, String> {
        let s = s.trim();
        // A month: 2026-11, 2026年11月, 2026/11, 2026.11.
        let parts: Vec<&str> = s
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .collect();
        let full = if let [y, m] = parts.as_slice() {
            let first = Date::parse(&format!("{y}-{m}-01"));
            first.map(|d| if last { d.month_end() } else { d })
        } else {
            // A day in any of the forms metadata accepts (2026-11-05, 2026年11月5日,
            // 2026/11/5, 20261105), normalised so that dates compare as strings; 11月31日
            // does not exist.
            Date::parse(s)
        }
        .map(|d| d.to_string());
        full.ok_or_else(|| {
            format!(
                "{name} 的日期“{s}”无法识别，请写成 2026-11-30 或 2026年11月30日（整月写 2026-11）"
            )
        })
    };
    let since = since.map(|s| parse(s, "--since", false)).transpose()?;
    let until = until.map(|s| parse(s, "--until", true)).transpose()?;
    if let (Some(s), Some(u)) = (&since, &until) {
        if s > u {
            return Err(format!(
                "--since（{s}）晚于 --until（{u}），没有稿件可以审核"
            ));
        }
    }
    Ok((since, until))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_and_reject_impossible_dates() {
        assert_eq!(Date::iso("1970-01-01"), Some(Date(0)));
        assert_eq!(Date::iso("2026-11-27").unwrap().to_string(), "2026-11-27");
        assert_eq!(
            Date::iso("2026-12-07").unwrap().monday().to_string(),
            "2026-12-07"
        );
        assert_eq!(
            Date::iso("2026-12-13").unwrap().monday().to_string(),
            "2026-12-07"
        );
        assert_eq!(
            Date::iso("2024-02-10").unwrap().month_end().to_string(),
            "2024-02-29"
        );
        assert_eq!(Date::from_excel(25_569.0).to_string(), "1970-01-01");
        assert_eq!(Date::from_excel(46_363.0).to_string(), "2026-12-07");
        assert_eq!(days_between("2025-12-30", "2026-01-02"), Some(3));
        assert_eq!(days_between("2024-02-28", "2024-03-01"), Some(2));
        assert_eq!(Date::iso("2026-02-30"), None);
        assert_eq!(Date::iso("2026-13-01"), None);
        assert_eq!(parse_date("2026年11月3日").as_deref(), Some("2026-11-03"));
        assert_eq!(parse_date("20261103").as_deref(), Some("2026-11-03"));
        assert_eq!(parse_date("2026-02-29"), None);
    }

    #[test]
    fn date_bounds_are_full_normalised_dates() {
        let b = |s: Option<&str>, u: Option<&str>| bounds(s, u).ok();
        assert_eq!(
            b(Some("2026-11"), Some("2026-11")),
            Some((Some("2026-11-01".into()), Some("2026-11-30".into())))
        );
        assert_eq!(
            b(None, Some("2026-02")),
            Some((None, Some("2026-02-28".into())))
        );
        assert_eq!(
            b(None, Some("2028-02")),
            Some((None, Some("2028-02-29".into())))
        );
        assert_eq!(
            b(None, Some("2026-12")),
            Some((None, Some("2026-12-31".into())))
        );
        assert_eq!(
            b(Some("2026-11-5"), None),
            Some((Some("2026-11-05".into()), None))
        );
        assert_eq!(
            b(Some("2026年11月"), Some("2026/2")),
            None,
            "since after until"
        );
        assert_eq!(
            b(Some("2026年1月5日"), Some("2026年2月")),
            Some((Some("2026-01-05".into()), Some("2026-02-28".into())))
        );
        assert_eq!(
            b(Some("2026/11/5"), Some("20261130")),
            Some((Some("2026-11-05".into()), Some("2026-11-30".into())))
        );
        assert_eq!(b(Some("2026-02-30"), None), None);
        assert_eq!(b(Some("去年"), None), None);
        assert_eq!(b(Some("2026-13"), None), None);
        assert_eq!(b(Some("11-05"), None), None, "no year");
        assert_eq!(b(Some("2026-11-31"), None), None);
        assert_eq!(b(Some("2026-11-20"), Some("2026-11-10")), None);
    }
}
