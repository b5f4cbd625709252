//! The built WebAssembly bundle, JavaScript glue and stylesheet under `/pkg`.
//!
//! They are read into memory once at start-up, with the `.br` and `.gz`
//! copies that release builds leave beside each file, so a request costs
//! a map lookup: no file opened, no compression per request. The browser
//! gets the smallest encoding it accepts. Release builds name every file by
//! a hash of its content (`rehearse.<hash>.wasm`), so those are cached for a
//! year as immutable; any other file is revalidated, and the `ETag` turns
//! that into a 304 with no body.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// Files larger than this are left out rather than held in memory.
const LARGEST_FILE: u64 = 32 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    fn token(self) -> Option<&'static str> {
        match self {
            Encoding::Brotli => Some("br"),
            Encoding::Gzip => Some("gzip"),
            Encoding::Identity => None,
        }
    }
}

#[derive(Debug)]
struct Representation {
    encoding: Encoding,
    body: Bytes,
    etag: HeaderValue,
}

#[derive(Debug)]
struct Asset {
    content_type: HeaderValue,
    /// Smallest first; the uncompressed file is always last.
    representations: Vec<Representation>,
}

/// Every file under the bundle folder, by its path below `/pkg`.
#[derive(Debug, Default, Clone)]
pub struct Assets(Arc<HashMap<String, Asset>>);

impl Assets {
    /// Reads the folder; a missing folder is an empty set of assets (the
    /// pages still render, they just do not hydrate).
    pub fn load(dir: &Path) -> Self {
        let mut files = HashMap::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(folder) = pending.pop() {
            let Ok(entries) = std::fs::read_dir(&folder) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                let Ok(meta) = entry.metadata() else { continue };
                if meta.is_dir() {
                    pending.push(path);
                    continue;
                }
                let is_copy =
                    matches!(path.extension().and_then(|e| e.to_str()), Some("br" | "gz"));
                if is_copy || meta.len() > LARGEST_FILE {
                    continue;
                }
                let Ok(relative) = path.strip_prefix(dir) else {
                    continue;
                };
                let Some(name) = relative.to_str() else {
                    continue;
                };
                if let Some(asset) = Asset::read(&path) {
                    files.insert(name.to_string(), asset);
                }
            }
        }
        tracing::debug!(files = files.len(), dir = %dir.display(), "bundle files loaded");
        Self(Arc::new(files))
    }

    fn get(&self, name: &str) -> Option<&Asset> {
        self.0.get(name)
    }
}

impl Asset {
    fn read(path: &Path) -> Option<Self> {
        let body = Bytes::from(std::fs::read(path).ok()?);
        let hash = hex::encode(&Sha256::digest(&body)[..12]);
        let etag = |suffix: &str| {
            HeaderValue::from_str(&format!("\"{hash}{suffix}\"")).expect("hex is a valid header")
        };
        let mut representations = Vec::new();
        for (encoding, extension, suffix) in [
            (Encoding::Brotli, "br", "-br"),
            (Encoding::Gzip, "gz", "-gz"),
        ] {
            let mut copy = path.as_os_str().to_owned();
            copy.push(".");
            copy.push(extension);
            // A copy older than its file would serve stale bytes.
            if let Ok(bytes) = std::fs::read(&copy)
                && is_fresh(path, Path::new(&copy))
                && bytes.len() < body.len()
            {
                representations.push(Representation {
                    encoding,
                    body: Bytes::from(bytes),
                    etag: etag(suffix),
                });
            }
        }
        representations.sort_by_key(|r| r.body.len());
        representations.push(Representation {
            encoding: Encoding::Identity,
            body,
            etag: etag(""),
        });
        Some(Self {
            content_type: HeaderValue::from_static(content_type(path)),
            representations,
        })
    }

    /// The smallest representation the request accepts.
    fn choose(&self, headers: &HeaderMap) -> &Representation {
        self.representations
            .iter()
            .find(|r| r.encoding.token().is_none_or(|t| accepts(headers, t)))
            .expect("the uncompressed file is always there")
    }
}

fn is_fresh(file: &Path, copy: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(file), modified(copy)) {
        (Some(file), Some(copy)) => copy >= file,
        _ => false,
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "wasm" => "application/wasm",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Whether `Accept-Encoding` allows the content coding `token` (named with
/// a q-value above zero).
fn accepts(headers: &HeaderMap, token: &str) -> bool {
    super::headers::items(headers, header::ACCEPT_ENCODING, ',').any(|item| {
        let mut parts = item.split(';');
        let named = parts
            .next()
            .is_some_and(|c| c.trim().eq_ignore_ascii_case(token));
        named
            && !parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            })
    })
}

/// Whether `If-None-Match` names the representation's tag (or `*`).
fn not_modified(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    let Ok(etag) = etag.to_str() else {
        return false;
    };
    super::headers::items(headers, header::IF_NONE_MATCH, ',')
        .map(|t| t.trim_start_matches("W/"))
        .any(|t| t == "*" || t == etag)
}

/// Whether a file's name carries its content hash, as the release build
/// names them: `stem.<hash>.ext`, the hash being 22 characters of unpadded
/// URL-safe base64 (an MD5 digest). A new build gives changed content a new
/// name, so such a file never changes under its name.
fn is_content_named(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    let mut parts = file.rsplit('.');
    let (Some(_ext), Some(hash), Some(stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !stem.is_empty()
        && hash.len() == 22
        && hash
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `GET /pkg/{*path}` (axum answers `HEAD` from it, without the body).
pub async fn serve(State(assets): State<Assets>, request: Request) -> Response {
    let name = request.uri().path().trim_start_matches('/');
    let Some(asset) = assets.get(name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let chosen = asset.choose(request.headers());
    let mut headers = HeaderMap::new();
    headers.insert(header::ETAG, chosen.etag.clone());
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if is_content_named(name) {
            "public, max-age=31536000, immutable"
        } else {
            "public, max-age=0, must-revalidate"
        }),
    );
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if not_modified(request.headers(), &chosen.etag) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    headers.insert(header::CONTENT_TYPE, asset.content_type.clone());
    if let Some(token) = chosen.encoding.token() {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(token));
    }
    (StatusCode::OK, headers, Body::from(chosen.body.clone())).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use tower::ServiceExt;

    #[test]
    fn only_names_that_carry_a_content_hash_are_immutable() {
        assert!(is_content_named("rehearse.Xk3dQ9aB-_c1D2e3F4g5Hw.wasm"));
        assert!(is_content_named("chunk_12.Xk3dQ9aB-_c1D2e3F4g5Hw.wasm"));
        assert!(is_content_named("__wasm_split.Xk3dQ9aB-_c1D2e3F4g5Hw.js"));
        assert!(!is_content_named("rehearse.wasm"));
        assert!(!is_content_named("rehearse.css"));
        assert!(!is_content_named("rehearse.short.wasm"));
        assert!(!is_content_named(".Xk3dQ9aB-_c1D2e3F4g5Hw.js"));
        assert!(!is_content_named("rehearse.Xk3dQ9aB+/c1D2e3F4g5Hw.wasm"));
    }

    fn bundle() -> (tempfile::TempDir, Router) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let css = "body { color: black; } ".repeat(40);
        std::fs::write(dir.path().join("app.css"), &css).unwrap();
        std::fs::write(dir.path().join("app.css.br"), b"brotli bytes").unwrap();
        std::fs::write(
            dir.path().join("app.css.gz"),
            b"gzip bytes, a little longer",
        )
        .unwrap();
        std::fs::write(dir.path().join("app.wasm"), b"\0asm").unwrap();
        std::fs::write(dir.path().join("app.Xk3dQ9aB-_c1D2e3F4g5Hw.wasm"), b"\0asm").unwrap();
        let assets = Assets::load(dir.path());
        let router =
            Router::new().nest_service("/pkg", axum::routing::get(serve).with_state(assets));
        (dir, router)
    }

    async fn get(router: &Router, path: &str, headers: &[(&str, &str)]) -> Response {
        let mut request = Request::get(path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        router
            .clone()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap()
    }

    async fn body(response: Response) -> Vec<u8> {
        axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec()
    }

    #[tokio::test]
    async fn the_smallest_accepted_encoding_is_sent() {
        let (_dir, router) = bundle();
        let br = get(&router, "/pkg/app.css", &[("accept-encoding", "gzip, br")]).await;
        assert_eq!(br.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(
            br.headers()[header::CONTENT_TYPE],
            "text/css; charset=utf-8"
        );
        assert_eq!(br.headers()[header::VARY], "accept-encoding");
        assert_eq!(body(br).await, b"brotli bytes");

        let gz = get(
            &router,
            "/pkg/app.css",
            &[("accept-encoding", "gzip, br;q=0")],
        )
        .await;
        assert_eq!(gz.headers()[header::CONTENT_ENCODING], "gzip");

        let plain = get(&router, "/pkg/app.css", &[]).await;
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(body(plain).await.len(), 23 * 40);
    }

    #[tokio::test]
    async fn a_file_named_by_its_content_is_cached_as_immutable() {
        let (_dir, router) = bundle();
        let hashed = get(&router, "/pkg/app.Xk3dQ9aB-_c1D2e3F4g5Hw.wasm", &[]).await;
        assert_eq!(hashed.status(), StatusCode::OK);
        assert_eq!(
            hashed.headers()[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
    }

    #[tokio::test]
    async fn a_known_etag_gets_a_304_without_a_body() {
        let (_dir, router) = bundle();
        let first = get(&router, "/pkg/app.wasm", &[]).await;
        assert_eq!(first.status(), StatusCode::OK);
        assert_eq!(first.headers()[header::CONTENT_TYPE], "application/wasm");
        assert_eq!(
            first.headers()[header::CACHE_CONTROL],
            "public, max-age=0, must-revalidate"
        );
        let etag = first.headers()[header::ETAG].to_str().unwrap().to_string();
        let again = get(&router, "/pkg/app.wasm", &[("if-none-match", &etag)]).await;
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        assert!(body(again).await.is_empty());
        // The brotli copy of a file is a different representation with its
        // own tag: the plain file's tag does not revalidate it.
        let plain = get(&router, "/pkg/app.css", &[]).await;
        let plain_tag = plain.headers()[header::ETAG].to_str().unwrap().to_string();
        let br = get(
            &router,
            "/pkg/app.css",
            &[("accept-encoding", "br"), ("if-none-match", &plain_tag)],
        )
        .await;
        assert_eq!(br.status(), StatusCode::OK);
        assert_eq!(body(br).await, b"brotli bytes");
    }

    #[tokio::test]
    async fn unknown_files_and_copies_are_not_found() {
        let (_dir, router) = bundle();
        for path in ["/pkg/nothing.js", "/pkg/app.css.br", "/pkg/../Cargo.toml"] {
            assert_eq!(
                get(&router, path, &[]).await.status(),
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
        let send = |request: axum::http::request::Builder| {
            router.clone().oneshot(request.body(Body::empty()).unwrap())
        };
        let post = send(Request::post("/pkg/app.css")).await.unwrap();
        assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
        let head = send(Request::head("/pkg/app.wasm")).await.unwrap();
        assert_eq!(head.status(), StatusCode::OK);
        assert_eq!(head.headers()[header::CONTENT_LENGTH], "4");
        assert!(body(head).await.is_empty());
    }
}
