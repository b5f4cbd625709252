//! The built WebAssembly bundle, JavaScript glue and stylesheet under `/pkg`.
//!
//! Release builds leave `.br` and `.gz` copies beside each file; the browser
//! gets the smallest one it accepts, without compressing on every request.

use std::path::Path;

use axum::http::{HeaderValue, header};
use leptos::config::LeptosOptions;
use tower::Layer;
use tower_http::{services::ServeDir, set_header::SetResponseHeaderLayer};

pub fn pkg_service(
    options: &LeptosOptions,
) -> tower_http::set_header::SetResponseHeader<ServeDir, HeaderValue> {
    let dir = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    // File names are not content-hashed, so caches must revalidate; the
    // ETag/Last-Modified check keeps that to a 304.
    SetResponseHeaderLayer::overriding(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=0, must-revalidate"),
    )
    .layer(files)
}
