//! Dates: the one place that parses, normalises and counts calendar days. Dates travel as
//! `YYYY-MM-DD` strings (front matter, the index, the reports); arithmetic goes through day
//! numbers (days since 1970-01-01).
//!
//! Written by hand: the few operations needed (normalise a typed date, count days, the
//! Monday of a week, an Excel serial date) are twenty lines of Howard Hinnant's civil-date
//! algorithms, where a date crate would bring a calendar and time zones the tool never uses.

/// Days in month `m` of year `y`.
pub fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (days_from_civil); `None` when it is not a
/// real date.
pub fn day_number(s: &str) -> Option<i64> {
    let (y, m, d) = ymd(s)?;
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146097 + doe - 719468)
}

/// Year, month and day of a `YYYY-MM-DD` date; `None` when it is not a real date.
pub fn ymd(s: &str) -> Option<(i64, i64, i64)> {
    let mut it = s.trim().split('-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: i64 = it.next()?.parse().ok()?;
    let d: i64 = it.next()?.parse().ok()?;
    if it.next().is_some() || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some((y, m, d))
}

/// The `YYYY-MM-DD` of a day number (civil_from_days).
pub fn civil(z: i64) -> String {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days from `a` to `b`, both `YYYY-MM-DD`.
pub fn days_between(a: &str, b: &str) -> Option<i64> {
    Some(day_number(b)? - day_number(a)?)
}

/// A date as people type it (2026-11-03, 2026年11月3日, 2026.11.3, 20261103), as
/// `YYYY-MM-DD`; `None` unless it is a real date between 1990 and 2100.
pub fn parse_date(s: &str) -> Option<String> {
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
    if !(1990..=2100).contains(&y) || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
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
            let first = parse_date(&format!("{y}-{m}-01"));
            match first.as_deref().and_then(day_number) {
                Some(z) if last => {
                    // The day before the first of the next month.
                    let next = (1..=31)
                        .map(|d| z + d)
                        .find(|&d| civil(d).ends_with("-01"))
                        .unwrap_or(z);
                    Some(civil(next - 1))
                }
                Some(z) => Some(civil(z)),
                None => None,
            }
        } else {
            // A day in any of the forms metadata accepts (2026-11-05, 2026年11月5日,
            // 2026/11/5, 20261105), normalised so that dates compare as strings; 11月31日
            // does not exist.
            parse_date(s).and_then(|d| day_number(&d)).map(civil)
        };
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
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(civil(day_number("2026-11-27").unwrap()), "2026-11-27");
        assert_eq!(days_between("2025-12-30", "2026-01-02"), Some(3));
        assert_eq!(days_between("2024-02-28", "2024-03-01"), Some(2));
        assert_eq!(day_number("2026-02-30"), None);
        assert_eq!(day_number("2026-13-01"), None);
        assert_eq!(parse_date("2026年11月3日").as_deref(), Some("2026-11-03"));
        assert_eq!(parse_date("20261103").as_deref(), Some("2026-11-03"));
        assert_eq!(parse_date("2026-02-29"), None);
    }
}
