//! `xinjian serve`: the office's workbench in a browser — 预审 (check one draft), 检索 (the
//! archive), 审核 (a month's files) — and the same JSON as the command line over HTTP.
//!
//! axum on tokio. The engine (dictionaries, gazetteer, archive) is opened once; every check
//! runs on tokio's blocking threads behind a semaphore as wide as the machine, with at most
//! [`MAX_WAITING`] requests queued, so a burst of uploads cannot starve the server. The page,
//! its script and style are compiled into the binary (no CDN, no outbound request).
//!
//! Security: loopback by default, and a non-loopback address refuses to start without a
//! password (HTTP basic; any user name). On loopback the `Host` header must name loopback
//! (DNS rebinding), a cross-origin `POST` is refused, and no CORS header is ever sent.
//! Uploads are bounded (`upload_limit_mb`, 413 past it); a request never names a path on the
//! server; uploaded files live in a private temporary folder removed after the response.
//! One access-log line per request on standard error, without the draft's text.

mod upload;

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use tokio::sync::Semaphore;

use crate::category::Category;
use crate::index::search::{SearchReport, SearchRequest, SimilarReport};
use crate::{annotate, report, source, Engine, SourceError};

/// Requests waiting for a checking thread beyond which the server answers 503 at once.
pub const MAX_WAITING: usize = 64;

/// Audit reports kept for download (the oldest is dropped first).
const KEPT_AUDITS: usize = 8;

/// How the server was asked to run.
#[derive(Debug, Clone)]
pub struct Options {
    pub listen: SocketAddr,
    pub password: Option<String>,
    /// Largest request body in bytes.
    pub upload_limit: usize,
    /// The 报送台账 used by audits that upload none.
    pub ledger: Option<PathBuf>,
}

/// Why the server could not start, in Chinese.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("要在 {0} 上对局域网开放，必须设置密码：用 --password-file 密码文件，或在 xinjian.toml 中写 password = \"…\"。只在本机使用时不要给 --listen（默认 127.0.0.1:8848）")]
    NoPassword(SocketAddr),
    #[error("无法在 {0} 上启动（{1}）。端口可能已被占用，可用 --listen 127.0.0.1:其他端口")]
    Bind(SocketAddr, std::io::Error),
    #[error("无法启动服务（{0}）")]
    Runtime(std::io::Error),
}

/// Everything a request handler shares.
pub struct App {
    engine: Engine,
    opts: Options,
    /// The address actually bound (the port when 0 was asked for).
    bound: SocketAddr,
    checking: Arc<Semaphore>,
    waiting: AtomicUsize,
    auditing: Arc<Semaphore>,
    audits: Mutex<VecDeque<StoredAudit>>,
    serial: AtomicU64,
}

/// One audit's four report files, for download.
struct StoredAudit {
    id: String,
    files: Vec<(&'static str, Vec<u8>)>,
}

/// Starts the server and blocks until Ctrl-C. Prints the address to open on standard output.
pub fn run(engine: Engine, opts: Options) -> Result<(), StartError> {
    if !opts.listen.ip().is_loopback() && opts.password.is_none() {
        return Err(StartError::NoPassword(opts.listen));
    }
    // Checks run on the blocking threads, at most as many at once as the machine has cores
    // (the semaphore); the threads are kept rather than made anew for each burst, so that
    // memory stays flat under a steady load (each new thread gets allocator pages of its own).
    let width = std::thread::available_parallelism().map_or(2, |n| n.get());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(width * 2 + 2)
        .thread_keep_alive(std::time::Duration::from_secs(600))
        .thread_name("xinjian-serve")
        .build()
        .map_err(StartError::Runtime)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(opts.listen)
            .await
            .map_err(|e| StartError::Bind(opts.listen, e))?;
        let bound = listener
            .local_addr()
            .map_err(|e| StartError::Bind(opts.listen, e))?;
        let index = match engine.archive() {
            Some(_) => "已打开历史信息索引".to_string(),
            None => "没有历史信息索引（检索、查重不可用；用 --index 文件夹 指定）".to_string(),
        };
        let app = Arc::new(App {
            engine,
            opts,
            bound,
            checking: Arc::new(Semaphore::new(width)),
            waiting: AtomicUsize::new(0),
            auditing: Arc::new(Semaphore::new(1)),
            audits: Mutex::new(VecDeque::new()),
            serial: AtomicU64::new(0),
        });
        let shown = if bound.ip().is_unspecified() {
            format!(
                "本机 http://127.0.0.1:{}/，局域网内用本机的地址和端口 {}",
                bound.port(),
                bound.port()
            )
        } else {
            format!("http://{bound}/")
        };
        println!("信鉴已启动：用浏览器打开 {shown}（{index}；按 Ctrl-C 停止）");
        use std::io::Write;
        let _ = std::io::stdout().flush();
        axum::serve(
            listener,
            router(app).into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
            eprintln!("信鉴：收到 Ctrl-C，处理完进行中的请求后停止");
        })
        .await
        .map_err(StartError::Runtime)?;
        println!("信鉴已停止");
        Ok(())
    })
}

/// The routes, with the guards: access log outermost, then host/origin/password/size.
pub fn router(app: Arc<App>) -> Router {
    let limit = app.opts.upload_limit;
    Router::new()
        .route("/", get(page))
        .route("/app.js", get(script))
        .route("/app.css", get(style))
        .route("/api/health", get(health))
        .route("/api/check", post(check))
        .route("/api/annotate", post(annotate_draft))
        .route("/api/similar", post(similar))
        .route("/api/search", get(search))
        .route("/api/item/{hash}", get(item))
        .route("/api/audit", post(audit))
        .route("/api/audit/{id}/{file}", get(audit_file))
        .route("/api/rules", get(rules))
        .route("/api/rules/{name}", get(rule))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn_with_state(app.clone(), guard))
        .layer(middleware::from_fn(access_log))
        .with_state(app)
}

/// An error answer: `{"error": "中文说明"}` with its status.
#[derive(Debug)]
pub struct ApiError(StatusCode, String);

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError(status, message.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.1 }).to_string();
        let mut r = (self.0, body).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        r
    }
}

fn too_large(app: &App) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "上传的内容超过 {} MB 的上限。请分批上传，或由管理员在 xinjian.toml 中调大 upload_limit_mb",
            app.opts.upload_limit / (1024 * 1024)
        ),
    )
}

fn json_response(bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        bytes,
    )
        .into_response()
}

/// Runs `f` on a blocking thread once one of the machine's checking slots is free; 503 when
/// too many requests already wait.
async fn blocking<T, F>(app: &Arc<App>, f: F) -> Result<T, ApiError>
where
    F: FnOnce(&App) -> T + Send + 'static,
    T: Send + 'static,
{
    struct Waiting<'a>(&'a AtomicUsize);
    impl Drop for Waiting<'_> {
        fn drop(&mut self) {
            self.0.fetch_sub(1, Ordering::SeqCst);
        }
    }
    let before = app.waiting.fetch_add(1, Ordering::SeqCst);
    let waiting = Waiting(&app.waiting);
    if before >= MAX_WAITING {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "服务器正忙（排队的稿件太多），请稍后再试",
        ));
    }
    let permit = app
        .checking
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "服务正在停止"))?;
    drop(waiting);
    let shared = app.clone();
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        f(&shared)
    })
    .await
    .map_err(|_| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "内部错误：处理这篇稿件时出错（请把稿件发给维护者）",
        )
    })
}

// ---------------------------------------------------------------------------------------
// Guards and the access log

/// Host (loopback only), Origin on writes, password, declared size.
async fn guard(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let headers = req.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if app.bound.ip().is_loopback() && !loopback_host(&host, app.bound.port()) {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            format!(
                "请求的主机名“{host}”不是本机地址，已拒绝（防止 DNS 重绑定）。请用 http://127.0.0.1:{}/ 打开",
                app.bound.port()
            ),
        )
        .into_response();
    }
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        if let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
            let same = origin
                .strip_prefix("http://")
                .is_some_and(|o| o.eq_ignore_ascii_case(&host));
            // `null` too: a sandboxed frame on any web page sends it.
            if !same {
                return ApiError::new(
                    StatusCode::FORBIDDEN,
                    format!("来自其他网站（{origin}）的请求已拒绝"),
                )
                .into_response();
            }
        }
    }
    if let Some(password) = &app.opts.password {
        if !authorised(headers, password) {
            let mut r = ApiError::new(
                StatusCode::UNAUTHORIZED,
                "需要密码：请输入管理员设置的密码（用户名任意）",
            )
            .into_response();
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"xinjian\", charset=\"UTF-8\""),
            );
            return r;
        }
    }
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > app.opts.upload_limit as u64) {
        return too_large(&app).into_response();
    }
    next.run(req).await
}

/// Whether a `Host` header names this loopback server: 127.0.0.1, localhost or [::1], with
/// the bound port (or none for port 80).
fn loopback_host(host: &str, port: u16) -> bool {
    let (name, given) = match host.rsplit_once(':') {
        Some((n, p)) if !n.is_empty() && !p.contains(']') => (n, p.parse::<u16>().ok()),
        _ => (host, None),
    };
    let port_ok = match given {
        Some(p) => p == port,
        None => port == 80 && !host.ends_with(':'),
    };
    port_ok && matches!(name, "127.0.0.1" | "localhost" | "[::1]")
}

/// HTTP basic with the password (any user name), compared in constant time.
fn authorised(headers: &HeaderMap, password: &str) -> bool {
    use base64::Engine as _;
    let Some(value) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let Some(encoded) = value
        .strip_prefix("Basic ")
        .or_else(|| value.strip_prefix("basic "))
    else {
        return false;
    };
    let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(encoded.trim()) else {
        return false;
    };
    let given = match decoded.iter().position(|&b| b == b':') {
        Some(i) => &decoded[i + 1..],
        None => return false,
    };
    let want = password.as_bytes();
    let mut diff = u8::from(given.len() != want.len());
    for (k, &w) in want.iter().enumerate() {
        diff |= w ^ given.get(k).copied().unwrap_or(0);
    }
    diff == 0
}

/// One line per request on standard error: time, client, method, path (no query, no body),
/// status, milliseconds.
async fn access_log(req: Request, next: Next) -> Response {
    let started = std::time::Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let client = req
        .extensions()
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "-".into());
    let response = next.run(req).await;
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let day = crate::date::Date::from_unix_seconds(secs);
    let t = secs % 86_400;
    eprintln!(
        "{day} {:02}:{:02}:{:02}Z {client} {method} {path} {} {:.1}ms",
        t / 3600,
        t / 60 % 60,
        t % 60,
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
}

// ---------------------------------------------------------------------------------------
// The page

const PAGE: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/app.css");

async fn page() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-src 'self'; connect-src 'self'",
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        PAGE,
    )
        .into_response()
}

async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
        .into_response()
}

async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE).into_response()
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "没有这个页面或接口")
}

async fn health(State(app): State<Arc<App>>) -> Response {
    json_response(
        serde_json::to_vec(&serde_json::json!({
            "version": env!("CARGO_PKG_VERSION"),
            "index": app.engine.archive().is_some(),
            "upload_limit_mb": app.opts.upload_limit / (1024 * 1024),
        }))
        .unwrap_or_default(),
    )
}

async fn rules() -> Response {
    let list: Vec<_> = crate::checks::RULES
        .iter()
        .map(|r| {
            serde_json::json!({
                "code": r.code, "name": r.name, "severity": r.default_severity.id(),
                "summary": r.summary,
            })
        })
        .collect();
    json_response(serde_json::to_vec(&list).unwrap_or_default())
}

async fn rule(axum::extract::Path(name): axum::extract::Path<String>) -> Response {
    use crate::checks::registry::{describe, lookup, Lookup};
    match lookup(&name) {
        Lookup::One(r) => json_response(
            serde_json::to_vec(&serde_json::json!({
                "code": r.code, "name": r.name, "severity": r.default_severity.id(),
                "summary": r.summary, "doc": describe(r),
            }))
            .unwrap_or_default(),
        ),
        _ => ApiError::new(StatusCode::NOT_FOUND, format!("没有名为“{name}”的检查项"))
            .into_response(),
    }
}

// ---------------------------------------------------------------------------------------
// One draft: check, annotate, similar

/// A draft as a request gives it: a file, or text under a name.
struct Draft {
    name: String,
    bytes: Vec<u8>,
    category: Option<Category>,
}

#[derive(Deserialize)]
struct DraftJson {
    name: Option<String>,
    text: Option<String>,
    category: Option<String>,
}

/// Reads the draft from a multipart form (field `file`, or `text` and `name`; `category`
/// optional) or a JSON body `{"name", "text", "category"}`.
async fn read_draft(app: &Arc<App>, req: Request) -> Result<Draft, ApiError> {
    let kind = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let (name, bytes, category, typed) = if kind.starts_with("multipart/form-data") {
        let mut form = Multipart::from_request(req, &())
            .await
            .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, format!("表单无法读取（{e}）")))?;
        let (mut file, mut text, mut name, mut category) = (None, None, None, None);
        while let Some(field) = form
            .next_field()
            .await
            .map_err(|e| multipart_error(app, e))?
        {
            let field_name = field.name().unwrap_or("").to_string();
            match field_name.as_str() {
                "file" => {
                    let shown = upload::safe_name(field.file_name().unwrap_or(""), "稿件");
                    let data = field.bytes().await.map_err(|e| multipart_error(app, e))?;
                    file = Some((shown, data.to_vec()));
                }
                "text" | "name" | "category" => {
                    let value = field.text().await.map_err(|e| multipart_error(app, e))?;
                    match field_name.as_str() {
                        "text" => text = Some(value),
                        "name" => name = Some(value),
                        _ => category = Some(value),
                    }
                }
                _ => {}
            }
        }
        match (file, text) {
            (Some((n, b)), _) => (n, b, category, false),
            (None, Some(t)) => (name.unwrap_or_default(), t.into_bytes(), category, true),
            (None, None) => {
                return Err(ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "没有收到稿件：表单中应有文件字段 file 或文字字段 text",
                ))
            }
        }
    } else if kind.starts_with("application/json") {
        let body = axum::body::to_bytes(req.into_body(), app.opts.upload_limit)
            .await
            .map_err(|_| too_large(app))?;
        let j: DraftJson = serde_json::from_slice(&body).map_err(|e| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                format!("JSON 无法解析（{e}）；应为 {{\"name\": \"草稿.txt\", \"text\": \"……\"}}"),
            )
        })?;
        let Some(text) = j.text else {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "JSON 中缺少稿件文字 text",
            ));
        };
        (
            j.name.unwrap_or_default(),
            text.into_bytes(),
            j.category,
            true,
        )
    } else {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "请用表单上传文件（multipart/form-data，字段 file），或提交 JSON {\"name\": \"草稿.txt\", \"text\": \"……\"}",
        ));
    };
    // Text is read as a .txt file of that name would be.
    let name = if typed {
        let n = upload::safe_name(&name, "稿件");
        let lower = n.to_ascii_lowercase();
        if lower.ends_with(".txt") || lower.ends_with(".md") {
            n
        } else {
            format!("{n}.txt")
        }
    } else {
        name
    };
    let category = match category.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        None | Some("auto") => None,
        Some(c) => Some(Category::parse(c).ok_or_else(|| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("类别“{c}”无法识别，可用：问题类、调研类、典型经验、专报、动态（或 problem、research、experience、special、dynamic）"),
            )
        })?),
    };
    Ok(Draft {
        name,
        bytes,
        category,
    })
}

fn multipart_error(app: &App, e: axum::extract::multipart::MultipartError) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large(app)
    } else {
        ApiError::new(StatusCode::BAD_REQUEST, format!("表单无法读取（{e}）"))
    }
}

/// The status a draft that cannot be read deserves.
fn source_error(e: SourceError) -> ApiError {
    let status = match &e {
        SourceError::Unsupported { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        SourceError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        SourceError::Internal { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    ApiError::new(status, e.to_string())
}

/// Reads and checks a draft (on a checking thread).
fn check_draft(app: &App, d: &Draft) -> Result<crate::DocReport, ApiError> {
    let path = PathBuf::from(&d.name);
    crate::source::isolate::isolate(&d.name, || {
        let mut doc = source::from_bytes(&path, &d.bytes)?;
        if let Some(c) = d.category {
            doc.meta.category = Some(c);
        }
        Ok(app.engine.check(doc))
    })
    .map_err(source_error)
}

async fn check(State(app): State<Arc<App>>, req: Request) -> Result<Response, ApiError> {
    let draft = read_draft(&app, req).await?;
    let body = blocking(&app, move |app| {
        let r = check_draft(app, &draft)?;
        report::json::document(&r, true)
            .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
    })
    .await??;
    Ok(json_response(body))
}

async fn annotate_draft(State(app): State<Arc<App>>, req: Request) -> Result<Response, ApiError> {
    let draft = read_draft(&app, req).await?;
    let (name, bytes) = blocking(&app, move |app| {
        let r = check_draft(app, &draft)?;
        let path = PathBuf::from(&draft.name);
        let copy = crate::source::isolate::isolate(&draft.name, || {
            Ok(annotate::annotate(
                &path,
                &draft.bytes,
                &r,
                &annotate::today(),
            ))
        })
        .map_err(source_error)?
        .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
        let out = annotate::output_path(&path, None);
        let name = out.file_name().map_or("稿件（信鉴批注）.docx".into(), |n| {
            n.to_string_lossy().into_owned()
        });
        Ok::<_, ApiError>((name, copy.bytes))
    })
    .await??;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    .to_string(),
            ),
            (header::CONTENT_DISPOSITION, attachment(&name)),
        ],
        bytes,
    )
        .into_response())
}

/// `Content-Disposition` for a Chinese file name (RFC 6266/5987), with an ASCII fallback.
fn attachment(name: &str) -> String {
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    let ext = Path::new(name)
        .extension()
        .map_or(String::new(), |e| format!(".{}", e.to_string_lossy()));
    format!("attachment; filename=\"xinjian{ext}\"; filename*=UTF-8''{encoded}")
}

fn no_index() -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "没有打开历史信息索引：先用 xinjian index 建立索引，再用 xinjian serve --index 索引文件夹 启动",
    )
}

async fn similar(State(app): State<Arc<App>>, req: Request) -> Result<Response, ApiError> {
    if app.engine.archive().is_none() {
        return Err(no_index());
    }
    let draft = read_draft(&app, req).await?;
    let body = blocking(&app, move |app| {
        let Some(archive) = app.engine.archive() else {
            return Err(no_index());
        };
        let doc = source::from_bytes(Path::new(&draft.name), &draft.bytes).map_err(source_error)?;
        let found = crate::index::search::similar_to(archive, &doc, 10)
            .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        serde_json::to_vec(&SimilarReport {
            schema_version: 1,
            path: draft.name.clone(),
            similar: &found,
        })
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
    })
    .await??;
    Ok(json_response(body))
}

// ---------------------------------------------------------------------------------------
// The archive

#[derive(Deserialize)]
struct SearchParams {
    q: Option<String>,
    unit: Option<String>,
    category: Option<String>,
    since: Option<String>,
    until: Option<String>,
    limit: Option<usize>,
}

async fn search(
    State(app): State<Arc<App>>,
    Query(p): Query<SearchParams>,
) -> Result<Response, ApiError> {
    if app.engine.archive().is_none() {
        return Err(no_index());
    }
    let query = p.q.unwrap_or_default().trim().to_string();
    if query.is_empty() {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, "请输入检索词"));
    }
    let request = SearchRequest {
        query,
        unit: p.unit,
        category: p.category,
        since: p.since.filter(|s| !s.trim().is_empty()),
        until: p.until.filter(|s| !s.trim().is_empty()),
        limit: p.limit.unwrap_or(10).clamp(1, 100),
    };
    let body = blocking(&app, move |app| {
        let Some(archive) = app.engine.archive() else {
            return Err(no_index());
        };
        let hits = request
            .run(archive)
            .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, e))?;
        serde_json::to_vec(&SearchReport {
            schema_version: 1,
            query: &request.query,
            hits: &hits,
        })
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
    })
    .await??;
    Ok(json_response(body))
}

async fn item(
    State(app): State<Arc<App>>,
    axum::extract::Path(hash): axum::extract::Path<String>,
) -> Result<Response, ApiError> {
    if app.engine.archive().is_none() {
        return Err(no_index());
    }
    if hash.is_empty() || hash.len() > 64 || !hash.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, "编号格式不对"));
    }
    let body = blocking(&app, move |app| {
        let Some(archive) = app.engine.archive() else {
            return Err(no_index());
        };
        match archive.item_by_hash(&hash) {
            Ok(Some((item, text))) => Ok(serde_json::to_vec(&serde_json::json!({
                "item": item, "text": text,
            }))
            .unwrap_or_default()),
            Ok(None) => Err(ApiError::new(StatusCode::NOT_FOUND, "索引中没有这条信息")),
            Err(e) => Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                e.to_string(),
            )),
        }
    })
    .await??;
    Ok(json_response(body))
}

// ---------------------------------------------------------------------------------------
// The audit

async fn audit(State(app): State<Arc<App>>, req: Request) -> Result<Response, ApiError> {
    let kind = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if !kind.starts_with("multipart/form-data") {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "请用表单上传稿件（multipart/form-data，字段 files，可多个文件或一个 .zip；台账用字段 ledger）",
        ));
    }
    let Ok(turn) = app.auditing.clone().try_acquire_owned() else {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "正在进行另一次审核，请稍后再试",
        ));
    };
    let mut form = Multipart::from_request(req, &())
        .await
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, format!("表单无法读取（{e}）")))?;
    let mut folder =
        upload::Folder::new().map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e))?;
    let (mut since, mut until, mut files) = (None, None, 0usize);
    let mut ledger = None;
    let mut budget = upload::Budget::new(app.opts.upload_limit as u64 * 10);
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| multipart_error(&app, e))?
    {
        let field_name = field.name().unwrap_or("").to_string();
        match field_name.as_str() {
            "files" | "file" => {
                let name = upload::safe_name(field.file_name().unwrap_or(""), "稿件");
                let data = field.bytes().await.map_err(|e| multipart_error(&app, e))?;
                if data.is_empty() && name == "稿件" {
                    continue;
                }
                files += folder
                    .add(&name, &data, &mut budget)
                    .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e))?;
            }
            "ledger" => {
                let name = upload::safe_name(field.file_name().unwrap_or(""), "台账.xlsx");
                let data = field.bytes().await.map_err(|e| multipart_error(&app, e))?;
                if !data.is_empty() {
                    ledger = Some(
                        folder
                            .put_ledger(&name, &data)
                            .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e))?,
                    );
                }
            }
            "since" | "until" => {
                let v = field.text().await.map_err(|e| multipart_error(&app, e))?;
                let v = Some(v).filter(|v| !v.trim().is_empty());
                if field_name == "since" {
                    since = v;
                } else {
                    until = v;
                }
            }
            _ => {}
        }
    }
    if files == 0 {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "上传的文件中没有可审核的稿件（{}，或装有这些文件的 .zip）",
                source::supported_list()
            ),
        ));
    }
    let (since, until) = crate::date::bounds(since.as_deref(), until.as_deref())
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, e))?;
    let id = format!(
        "{:x}{:04x}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis()),
        app.serial.fetch_add(1, Ordering::SeqCst) & 0xffff
    );
    let body = blocking(&app, move |app| {
        let _turn = turn;
        let ledger = ledger.or_else(|| app.opts.ledger.clone());
        let out = folder.path().join("报告");
        let drafts = [folder.drafts()];
        let req = crate::audit::run::Request {
            paths: &drafts,
            range: crate::audit::DateRange { since, until },
            out: &out,
            ledger: ledger.as_deref(),
            annotate: false,
        };
        crate::audit::run::run(&req, || Ok::<_, String>(&app.engine), &|_| {}).map_err(|e| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                upload::hide_folder(&e.to_string(), folder.path()),
            )
        })?;
        let mut files = Vec::new();
        for name in ["report.json", "report.html", "report.xlsx", "report.md"] {
            let bytes = std::fs::read(out.join(name)).map_err(|_| {
                ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "审核报告没有生成：上传的文件都无法读取",
                )
            })?;
            // Paths inside the reports name the private folder; the user knows the files by
            // their own names.
            let bytes = if name == "report.xlsx" {
                bytes
            } else {
                upload::hide_folder(&String::from_utf8_lossy(&bytes), folder.path()).into_bytes()
            };
            files.push((name, bytes));
        }
        let report = files[0].1.clone();
        let mut stored = app.audits.lock().unwrap_or_else(|e| e.into_inner());
        stored.push_back(StoredAudit {
            id: id.clone(),
            files,
        });
        while stored.len() > KEPT_AUDITS {
            stored.pop_front();
        }
        drop(folder);
        let links: serde_json::Map<String, serde_json::Value> =
            ["report.html", "report.xlsx", "report.json", "report.md"]
                .iter()
                .map(|n| (n.to_string(), format!("/api/audit/{id}/{n}").into()))
                .collect();
        let mut body = format!(
            "{{\"id\":\"{id}\",\"files\":{},\"report\":",
            serde_json::Value::Object(links)
        )
        .into_bytes();
        body.extend_from_slice(&report);
        body.push(b'}');
        Ok::<_, ApiError>(body)
    })
    .await??;
    Ok(json_response(body))
}

async fn audit_file(
    State(app): State<Arc<App>>,
    axum::extract::Path((id, file)): axum::extract::Path<(String, String)>,
) -> Result<Response, ApiError> {
    let stored = app.audits.lock().unwrap_or_else(|e| e.into_inner());
    let Some((name, bytes)) = stored
        .iter()
        .find(|a| a.id == id)
        .and_then(|a| a.files.iter().find(|(n, _)| *n == file))
        .map(|(n, b)| (*n, b.clone()))
    else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "这份审核报告已不在服务器上（只保留最近几次），请重新审核",
        ));
    };
    drop(stored);
    let kind = match name {
        "report.html" => "text/html; charset=utf-8",
        "report.json" => "application/json; charset=utf-8",
        "report.md" => "text/markdown; charset=utf-8",
        _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
    let shown = match name {
        "report.html" => "审核报告.html",
        "report.json" => "审核报告.json",
        "report.md" => "审核报告摘要.md",
        _ => "报送清单.xlsx",
    };
    let mut r = ([(header::CONTENT_TYPE, kind)], bytes).into_response();
    if name != "report.html" {
        if let Ok(v) = HeaderValue::from_str(&attachment(shown)) {
            r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
        }
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_names_with_the_bound_port_pass() {
        assert!(loopback_host("127.0.0.1:8848", 8848));
        assert!(loopback_host("localhost:8848", 8848));
        assert!(loopback_host("[::1]:8848", 8848));
        assert!(loopback_host("localhost", 80));
        assert!(!loopback_host("localhost", 8848));
        assert!(!loopback_host("127.0.0.1:8849", 8848));
        assert!(!loopback_host("evil.example:8848", 8848));
        assert!(!loopback_host("127.0.0.1.evil.example:8848", 8848));
        assert!(!loopback_host("", 8848));
        assert!(!loopback_host(":8848", 8848));
    }

    #[test]
    fn basic_auth_takes_any_user_and_only_the_password() {
        use base64::Engine as _;
        let with = |s: &str| {
            let mut h = HeaderMap::new();
            let v = format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(s)
            );
            h.insert(header::AUTHORIZATION, HeaderValue::from_str(&v).unwrap());
            h
        };
        assert!(authorised(&with("任何人:口令123"), "口令123"));
        assert!(authorised(&with(":口令123"), "口令123"));
        assert!(!authorised(&with("x:口令12"), "口令123"));
        assert!(!authorised(&with("x:口令1234"), "口令123"));
        assert!(!authorised(&with("口令123"), "口令123"));
        assert!(!authorised(&HeaderMap::new(), "口令123"));
    }

    #[test]
    fn chinese_file_names_are_percent_encoded() {
        assert_eq!(
            attachment("稿.docx"),
            "attachment; filename=\"xinjian.docx\"; filename*=UTF-8''%E7%A8%BF.docx"
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any Host header is judged without a panic, and only loopback names with the bound
        /// port pass.
        #[test]
        fn any_host_header_is_judged(host in "\\PC{0,40}", port in any::<u16>()) {
            let ok = loopback_host(&host.to_ascii_lowercase(), port);
            if ok {
                let name = host.rsplit_once(':').map_or(host.as_str(), |(n, _)| n).to_ascii_lowercase();
                prop_assert!(["127.0.0.1", "localhost", "[::1]"].contains(&name.as_str()), "{}", host);
            }
        }

        /// Any Authorization header is judged without a panic; only the password passes.
        #[test]
        fn any_authorization_is_judged(value in "\\PC{0,60}") {
            let mut h = HeaderMap::new();
            if let Ok(v) = HeaderValue::from_str(&value) {
                h.insert(header::AUTHORIZATION, v);
            }
            prop_assert!(!authorised(&h, "一个不会被随机生成的长密码 2026"));
        }
    }
}
