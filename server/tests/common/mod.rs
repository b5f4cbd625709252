//! Test harness: a real router on a real port, over a fresh database.
//!
//! Every test runs against SQLite. When `TEST_DATABASE_URL` points at a
//! PostgreSQL server, it runs against PostgreSQL too, in a database created for
//! that test alone and dropped afterwards.
#![allow(dead_code)]

pub mod fake_llm;

use std::net::SocketAddr;
use std::path::PathBuf;

use rehearse::config::{DatabaseKind, DatabaseUrl, ServeSettings};
use rehearse::state::AppState;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

/// How long one test may take on one backend.
pub const TEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// The backends this run tests against.
pub fn backends() -> Vec<DatabaseKind> {
    let mut kinds = vec![DatabaseKind::Sqlite];
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|v| !v.trim().is_empty()) {
        kinds.push(DatabaseKind::Postgres);
    }
    kinds
}

/// A database that exists for one test.
pub struct TestDb {
    pub url: DatabaseUrl,
    kind: DatabaseKind,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

impl TestDb {
    pub async fn new(kind: DatabaseKind) -> Self {
        match kind {
            DatabaseKind::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary directory for SQLite");
                let url = format!("sqlite://{}/rehearse.db", dir.path().display());
                Self {
                    url: DatabaseUrl::parse(&url).expect("valid SQLite URL"),
                    kind,
                    _dir: Some(dir),
                    pg: None,
                }
            }
            DatabaseKind::Postgres => {
                let admin = std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL is set");
                let name = format!("rehearse_test_{}", uuid::Uuid::new_v4().simple());
                let conn = Database::connect(admin.as_str())
                    .await
                    .expect("connect to TEST_DATABASE_URL");
                conn.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("create the test database");
                conn.close().await.ok();
                let mut url = url::Url::parse(&admin).expect("TEST_DATABASE_URL is a URL");
                url.set_path(&name);
                Self {
                    url: DatabaseUrl::parse(url.as_str()).expect("valid PostgreSQL URL"),
                    kind,
                    _dir: None,
                    pg: Some((admin, name)),
                }
            }
        }
    }

    pub fn kind(&self) -> DatabaseKind {
        self.kind
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((admin, name)) = self.pg.take() else {
            return;
        };
        // Drop runs outside any async context we can borrow, so the cleanup
        // gets a small runtime of its own.
        let cleanup = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime for test cleanup");
            runtime.block_on(async move {
                if let Ok(conn) = Database::connect(admin.as_str()).await {
                    let _ = conn
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        ))
                        .await;
                    let _ = conn.close().await;
                }
            });
        });
        let _ = cleanup.join();
    }
}

/// A running server and what a test needs to talk to it.
pub struct TestApp {
    pub address: SocketAddr,
    pub client: reqwest::Client,
    /// The server's writer connection.
    pub db: DatabaseConnection,
    /// Its writer and readers, for a second state on the same database.
    pub pools: rehearse::db::Db,
    pub kind: DatabaseKind,
    _test_db: TestDb,
}

impl TestApp {
    /// The database the server uses, for running the CLI against it.
    pub fn database_url(&self) -> String {
        self._test_db.url.as_str().to_string()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request reaches the server")
    }
}

/// The `name=value` part of the response's `Set-Cookie` for `name`, ready
/// to send back in a `Cookie` header.
pub fn cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or_default().to_string())
        .find(|pair| pair.split('=').next() == Some(name))
}

/// The password the tests' accounts use.
pub const PASSWORD: &str = "violet tugboat lantern";

/// Creates an account called "Sam" through the API and returns its session
/// cookie, ready for a `Cookie` header.
pub async fn signup(app: &TestApp, email: &str) -> String {
    let response = app
        .client
        .post(app.url("/api/v1/auth/signup"))
        .json(&serde_json::json!({"email": email, "password": PASSWORD, "display_name": "Sam"}))
        .send()
        .await
        .expect("request reaches the server");
    assert_eq!(
        response.status(),
        reqwest::StatusCode::CREATED,
        "{:?}",
        response.text().await
    );
    cookie(&response, "rehearse-session").expect("a session cookie")
}

/// A set made through the API by the account with session `session`:
/// its slug.
pub async fn make_set(app: &TestApp, session: &str, body: serde_json::Value) -> String {
    let made = app
        .client
        .post(app.url("/api/v1/question-sets"))
        .header("cookie", session)
        .json(&body)
        .send()
        .await
        .expect("request reaches the server");
    assert_eq!(made.status(), reqwest::StatusCode::CREATED);
    made.json::<serde_json::Value>().await.unwrap()["slug"]
        .as_str()
        .expect("a slug")
        .to_string()
}

/// A page as the browser with `cookie` (if any) gets it: status and HTML.
pub async fn html(
    app: &TestApp,
    path: &str,
    cookie: Option<&str>,
) -> (reqwest::StatusCode, String) {
    let mut request = app.client.get(app.url(path));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.expect("request reaches the server");
    (response.status(), response.text().await.expect("a body"))
}

/// Posts a page's form to `path`, as the browser with `cookie` (a session
/// or a claim) would, without following the redirect.
pub async fn post_form(
    app: &TestApp,
    path: &str,
    cookie: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("cookie", cookie)
        .form(fields)
        .send()
        .await
        .expect("request reaches the server")
}

/// A JSON API request as the browser with `session` (if any) makes it,
/// with `body` (if any) as its JSON.
pub async fn api(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    session: Option<&str>,
    body: Option<serde_json::Value>,
) -> reqwest::Response {
    let mut request = app.client.request(method, app.url(path));
    if let Some(session) = session {
        request = request.header("cookie", session);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.expect("request reaches the server")
}

/// [`api`], and the JSON it answers with.
pub async fn api_json(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    session: Option<&str>,
    body: Option<serde_json::Value>,
) -> serde_json::Value {
    api(app, method, path, session, body)
        .await
        .json()
        .await
        .expect("the answer is JSON")
}

/// The one number `sql` (a `SELECT COUNT(*) …`) returns, read straight
/// from the server's database.
pub async fn count(app: &TestApp, sql: &str) -> i64 {
    let row = app
        .db
        .query_one_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            sql.to_string(),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

/// Deletes a set through its share page's form, as the browser with
/// `cookie` (a session or a claim) would.
pub async fn delete_set(app: &TestApp, cookie: &str, slug: &str) -> reqwest::Response {
    post_form(app, &format!("/s/{slug}/delete"), cookie, &[]).await
}

/// Submits an answer through `POST /api/v1/assessments`.
pub async fn submit_answer(
    app: &TestApp,
    session: Option<&str>,
    slug: &str,
    index: u32,
    answer: &str,
    key: &str,
) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url("/api/v1/assessments"))
        .json(&serde_json::json!({
            "question_set": slug,
            "question_index": index,
            "answer": answer,
            "idempotency_key": key,
        }));
    if let Some(session) = session {
        request = request.header("cookie", session);
    }
    request.send().await.expect("request reaches the server")
}

/// The built-in content, loaded once per test binary.
pub fn library() -> std::sync::Arc<rehearse::content::Library> {
    static LIBRARY: std::sync::OnceLock<std::sync::Arc<rehearse::content::Library>> =
        std::sync::OnceLock::new();
    LIBRARY
        .get_or_init(|| {
            std::sync::Arc::new(rehearse::content::Library::embedded().expect("content loads"))
        })
        .clone()
}

/// The offline coach with the embedded model, as `rehearse serve` runs it,
/// built once per test binary: its indexes and the model take a moment.
pub fn offline_coach() -> std::sync::Arc<rehearse::coach::OfflineCoach> {
    static COACH: std::sync::OnceLock<std::sync::Arc<rehearse::coach::OfflineCoach>> =
        std::sync::OnceLock::new();
    COACH
        .get_or_init(|| {
            std::sync::Arc::new(rehearse::coach::OfflineCoach::with_model(
                library(),
                Some(rehearse::coach::offline::meaning::load_for_tests()),
            ))
        })
        .clone()
}

/// The folder `scripts/setup.sh` put the embedded model in.
pub fn model_dir() -> std::path::PathBuf {
    rehearse::coach::offline::meaning::repository_dir()
}

/// The folder served as the site root in tests: the static files from
/// `public/`, without a built WebAssembly bundle.
pub fn site_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../public")
}

pub async fn spawn_app(kind: DatabaseKind) -> TestApp {
    spawn_app_with(kind, |_| {}).await
}

/// A server whose settings `adjust` changes first, e.g. a lower rate limit.
pub async fn spawn_app_with(
    kind: DatabaseKind,
    adjust: impl FnOnce(&mut ServeSettings),
) -> TestApp {
    let test_db = TestDb::new(kind).await;
    let pools = rehearse::db::connect(&test_db.url)
        .await
        .expect("connect to the test database");
    rehearse::db::migrate_up(pools.write())
        .await
        .expect("migrations apply");
    let mut settings =
        ServeSettings::local("127.0.0.1:0".parse().expect("literal address"), site_root());
    adjust(&mut settings);
    let address = serve(pools.clone(), &settings).await;
    let db = pools.write().clone();

    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .expect("HTTP client");
    TestApp {
        address,
        client,
        db,
        pools,
        kind,
        _test_db: test_db,
    }
}

/// A second instance of the server on `app`'s database, with pools (and
/// so in-memory state) of its own, as another process would have: the
/// address it listens on.
pub async fn spawn_second_instance(app: &TestApp) -> SocketAddr {
    let pools = rehearse::db::connect(&app._test_db.url)
        .await
        .expect("connect to the test database");
    let settings =
        ServeSettings::local("127.0.0.1:0".parse().expect("literal address"), site_root());
    serve(pools, &settings).await
}

/// The router over `pools`, serving on a free port in the background: the
/// address it listens on.
async fn serve(pools: rehearse::db::Db, settings: &ServeSettings) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind(settings.addr)
        .await
        .expect("bind a free port");
    let address = listener.local_addr().expect("bound address");
    let router = rehearse::http::router(AppState::with_offline(pools, settings, offline_coach()));
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .expect("test server runs");
    });
    address
}

/// Runs `check` once per backend, each on a fresh server and database.
#[macro_export]
macro_rules! on_every_backend {
    ($(#[$meta:meta])* $name:ident, |$app:ident| $body:block) => {
        $(#[$meta])*
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $name() {
            for kind in $crate::common::backends() {
                // A stuck test fails with its backend named, rather than
                // holding up the whole run.
                let run = async {
                    let $app = $crate::common::spawn_app(kind).await;
                    let $app = &$app;
                    async move $body.await;
                };
                if tokio::time::timeout($crate::common::TEST_TIMEOUT, run).await.is_err() {
                    panic!("timed out after {:?} on {:?}", $crate::common::TEST_TIMEOUT, kind);
                }
            }
        }
    };
}
