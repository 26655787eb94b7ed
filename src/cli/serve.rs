//! `xinjian serve`: reads the options, opens the engine once and hands it to [`xinjian::serve`].

use super::ServeArgs;
use super::{Exit, Fatal};

pub fn run(args: ServeArgs) -> Exit {
    let listen: std::net::SocketAddr = args.listen.trim().parse().map_err(|_| {
        Fatal(format!(
            "--listen 的值“{}”无法识别，请写成 地址:端口，如 127.0.0.1:8848 或 0.0.0.0:8848",
            args.listen
        ))
    })?;
    let engine = super::engine(&args.engine)?;
    let password = match &args.password_file {
        Some(path) => match std::fs::read(path) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                let first = text
                    .trim_start_matches('\u{feff}')
                    .lines()
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_string();
                if first.is_empty() {
                    return Err(Fatal(format!(
                        "{}：密码文件是空的，第一行应是密码",
                        path.display()
                    )));
                }
                Some(first)
            }
            Err(e) => {
                return Err(Fatal(format!(
                    "{}：无法读取密码文件（{e}）",
                    path.display()
                )))
            }
        },
        None => engine.config().password.clone(),
    };
    let opts = xinjian::serve::Options {
        listen,
        password,
        upload_limit: (engine.config().upload_limit_mb as usize) * 1024 * 1024,
        ledger: args.ledger.or_else(|| engine.config().ledger.clone()),
    };
    xinjian::serve::run(engine, opts)?;
    Ok(0)
}
