//! The `rehearse` binary killed while an answer's feedback is being
//! computed: the answer is already committed, and after a restart its
//! feedback can still be computed.

mod common;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::fake_llm::{FakeLlm, Reply};
use common::{TestDb, backends, cookie, site_root};
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

const ANSWER: &str = "At my last job I led the move of our billing jobs to a queue. The nightly run kept timing out. I split it into small jobs, and the run finished in an hour.";

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn start(db: &TestDb, model_url: Option<&str>) -> Server {
    let port = free_port();
    let mut command = Command::new(env!("CARGO_BIN_EXE_rehearse"));
    command
        .arg("serve")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", db.url.as_str())
        .env("REHEARSE_ADDR", format!("127.0.0.1:{port}"))
        .env("REHEARSE_SITE_ROOT", site_root())
        .env("REHEARSE_MODEL_DIR", common::model_dir())
        .env("REHEARSE_LOG_LEVEL", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(url) = model_url {
        command
            .env("REHEARSE_LLM_BASE_URL", url)
            .env("REHEARSE_LLM_MODEL", "test-model")
            .env("REHEARSE_LLM_TIMEOUT", "120")
            .env("REHEARSE_LLM_DEADLINE", "120");
    }
    let server = Server {
        child: command.spawn().expect("the binary starts"),
        base: format!("http://127.0.0.1:{port}"),
    };
    let client = reqwest::Client::new();
    for _ in 0..200 {
        if let Ok(response) = client.get(format!("{}/readyz", server.base)).send().await
            && response.status() == StatusCode::OK
        {
            return server;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server never became ready");
}

async fn answers(db: &sea_orm::DatabaseConnection) -> (i64, i64) {
    let mut counts = [0; 2];
    for (i, table) in ["answers", "feedback"].into_iter().enumerate() {
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                format!("SELECT COUNT(*) FROM {table}"),
            ))
            .await
            .unwrap()
            .unwrap();
        counts[i] = row.try_get_by_index::<i64>(0).unwrap();
    }
    (counts[0], counts[1])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_survives_a_crash_before_its_feedback() {
    rehearse::coach::llm::client::install_crypto_provider();
    for kind in backends() {
        let db_for_test = TestDb::new(kind).await;
        // The model writes the set, then never answers the assessment.
        let fake = FakeLlm::start(vec![Reply::good()], Reply::Hang).await;
        let server = start(&db_for_test, Some(&fake.base_url)).await;
        let client = reqwest::Client::new();

        let signed_up = client
            .post(format!("{}/api/v1/auth/signup", server.base))
            .json(&json!({"email": "sam@example.org", "password": common::PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(signed_up.status(), StatusCode::CREATED);
        let session = cookie(&signed_up, "rehearse-session").unwrap();
        let made: Value = client
            .post(format!("{}/api/v1/question-sets", server.base))
            .header("cookie", &session)
            .json(&json!({"role": "backend-engineer", "count": 5}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let slug = made["slug"].as_str().unwrap().to_string();
        let body = json!({
            "question_set": slug,
            "question_index": 1,
            "answer": ANSWER,
            "idempotency_key": "crash-test-key",
        });

        // Submit; the request waits on the model while the answer is
        // already committed.
        let pending = tokio::spawn({
            let (client, url, session, body) = (
                client.clone(),
                format!("{}/api/v1/assessments", server.base),
                session.clone(),
                body.clone(),
            );
            async move {
                client
                    .post(url)
                    .header("cookie", session)
                    .json(&body)
                    .send()
                    .await
            }
        });
        let db = rehearse::db::connect(&db_for_test.url)
            .await
            .unwrap()
            .write()
            .clone();
        let mut committed = false;
        for _ in 0..200 {
            if answers(&db).await == (1, 0) && fake.calls() >= 2 {
                committed = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(
            committed,
            "{kind:?}: the answer is committed before the model answers"
        );

        // Kill the server mid-assessment.
        drop(server);
        assert!(
            pending.await.unwrap().is_err(),
            "the request died with the server"
        );
        assert_eq!(answers(&db).await, (1, 0), "{kind:?}: the answer survived");

        // After a restart (now without a model), the same submit finds the
        // answer and computes its feedback.
        let server = start(&db_for_test, None).await;
        let again = client
            .post(format!("{}/api/v1/assessments", server.base))
            .header("cookie", &session)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::CREATED, "{kind:?}");
        let attempt: Value = again.json().await.unwrap();
        assert_eq!(attempt["answer"], ANSWER);
        assert_eq!(attempt["feedback"]["engine"], "offline/2+embeddings");
        assert_eq!(answers(&db).await, (1, 1), "{kind:?}");
        db.close().await.ok();
        drop(server);
    }
}
