//! An OpenAI-compatible Chat Completions server on a real port, following a
//! script: it answers, fails, stalls or talks nonsense the way real model
//! servers do, and records every request it receives.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};

/// The model's text for a request.
pub type Writer = Arc<dyn Fn(&Value) -> String + Send + Sync>;

#[derive(Clone)]
pub enum Reply {
    /// A completion whose content `Writer` writes for the request.
    Complete(Writer),
    /// An HTTP error, with a `Retry-After` header when given.
    Status {
        status: u16,
        retry_after: Option<String>,
        body: String,
    },
    /// Accepts the request and never answers.
    Hang,
    /// 200 with this body, which is not a chat completion.
    RawBody(String),
}

impl Reply {
    /// A well-behaved model: the questions asked for, each a different one.
    pub fn good() -> Self {
        Self::Complete(Arc::new(|request| good_questions(request).to_string()))
    }

    /// A completion whose text is always `content`.
    pub fn text(content: &str) -> Self {
        let content = content.to_string();
        Self::Complete(Arc::new(move |_| content.clone()))
    }

    /// Good questions, changed by `edit` first.
    pub fn edited(edit: impl Fn(&mut Value) + Send + Sync + 'static) -> Self {
        Self::Complete(Arc::new(move |request| {
            let mut value = good_questions(request);
            edit(&mut value);
            value.to_string()
        }))
    }

    pub fn status(status: u16) -> Self {
        Self::Status {
            status,
            retry_after: None,
            body: json!({"error": {"message": "upstream failed", "type": "server_error", "param": null, "code": null}}).to_string(),
        }
    }
}

#[derive(Clone)]
struct Shared {
    script: Arc<Mutex<VecDeque<Reply>>>,
    otherwise: Reply,
    requests: Arc<Mutex<Vec<(HeaderMap, Value)>>>,
    /// Requests whose caller hung up before an answer.
    abandoned: Arc<std::sync::atomic::AtomicUsize>,
}

pub struct FakeLlm {
    /// Base URL to configure, ending in `/v1`.
    pub base_url: String,
    shared: Shared,
}

impl FakeLlm {
    /// Answers with `script` in order, then with `otherwise` for ever.
    pub async fn start(script: Vec<Reply>, otherwise: Reply) -> Self {
        let shared = Shared {
            script: Arc::new(Mutex::new(script.into())),
            otherwise,
            requests: Arc::default(),
            abandoned: Arc::default(),
        };
        let app = axum::Router::new()
            .route("/v1/chat/completions", post(complete))
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a port for the fake model server");
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move {
            axum::serve(listener, app).await.ok();
        });
        Self {
            base_url: format!("http://{address}/v1"),
            shared,
        }
    }

    /// How many requests arrived.
    pub fn calls(&self) -> usize {
        self.shared.requests.lock().unwrap().len()
    }

    /// Every request body, in order.
    pub fn bodies(&self) -> Vec<Value> {
        self.shared
            .requests
            .lock()
            .unwrap()
            .iter()
            .map(|(_, body)| body.clone())
            .collect()
    }

    /// Requests the caller gave up on while this server was still working.
    pub fn abandoned(&self) -> usize {
        self.shared
            .abandoned
            .load(std::sync::atomic::Ordering::SeqCst)
    }

    pub fn headers(&self, index: usize) -> HeaderMap {
        self.shared.requests.lock().unwrap()[index].0.clone()
    }
}

async fn complete(State(shared): State<Shared>, headers: HeaderMap, body: String) -> Response {
    let request: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    shared
        .requests
        .lock()
        .unwrap()
        .push((headers, request.clone()));
    let reply = shared
        .script
        .lock()
        .unwrap()
        .pop_front()
        .unwrap_or_else(|| shared.otherwise.clone());
    match reply {
        Reply::Complete(writer) => {
            let content = writer(&request);
            let prompt_tokens = body.len() as u64 / 4;
            let completion_tokens = content.len() as u64 / 4;
            axum::Json(json!({
                "id": "chatcmpl-fake",
                "object": "chat.completion",
                "created": 1_764_000_000u64,
                "model": request["model"],
                "choices": [{
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop"
                }],
                "usage": {
                    "prompt_tokens": prompt_tokens,
                    "completion_tokens": completion_tokens,
                    "total_tokens": prompt_tokens + completion_tokens
                }
            }))
            .into_response()
        }
        Reply::Status {
            status,
            retry_after,
            body,
        } => {
            let mut response = (
                StatusCode::from_u16(status).unwrap(),
                [("content-type", "application/json")],
                body,
            )
                .into_response();
            if let Some(value) = retry_after {
                response
                    .headers_mut()
                    .insert("retry-after", HeaderValue::from_str(&value).unwrap());
            }
            response
        }
        Reply::Hang => {
            // Counts the request as abandoned if the caller hangs up first.
            struct Watch(Arc<std::sync::atomic::AtomicUsize>);
            impl Drop for Watch {
                fn drop(&mut self) {
                    self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                }
            }
            let _watch = Watch(shared.abandoned.clone());
            tokio::time::sleep(Duration::from_secs(3600)).await;
            StatusCode::GATEWAY_TIMEOUT.into_response()
        }
        Reply::RawBody(body) => {
            (StatusCode::OK, [("content-type", "application/json")], body).into_response()
        }
    }
}

/// The user message of a request.
pub fn user_message(request: &Value) -> String {
    request["messages"]
        .as_array()
        .and_then(|m| m.iter().find(|m| m["role"] == "user"))
        .and_then(|m| m["content"].as_str())
        .unwrap_or_default()
        .to_string()
}

pub fn system_message(request: &Value) -> String {
    request["messages"]
        .as_array()
        .and_then(|m| m.iter().find(|m| m["role"] == "system"))
        .and_then(|m| m["content"].as_str())
        .unwrap_or_default()
        .to_string()
}

/// Questions as a good model writes them: the count and kinds the prompt
/// asks for, every one different.
pub fn good_questions(request: &Value) -> Value {
    let user = user_message(request);
    let count: usize = user
        .split("Write ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(10);
    let kinds: Vec<String> = user
        .lines()
        .find_map(|l| l.strip_prefix("Kinds allowed: "))
        .map(|k| {
            k.trim_end_matches('.')
                .split(", ")
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_else(|| vec!["technical".into()]);
    let subjects = [
        "a deployment that went wrong",
        "a design you would change today",
        "an estimate that turned out badly",
        "a disagreement about priorities",
        "an on-call night you remember",
        "a piece of code you were proud of",
        "a migration with no downtime",
        "a review that changed your mind",
        "a metric you chose to watch",
        "a customer report you chased down",
        "a dependency you replaced",
        "a test suite you made faster",
        "a handover to another team",
        "a security finding you fixed",
        "a cost you cut",
        "a launch you delayed on purpose",
        "a process you simplified",
        "a mentoring relationship",
        "a rollback you decided on",
        "a requirement that kept changing",
    ];
    let questions: Vec<Value> = (0..count)
        .map(|i| {
            json!({
                "text": format!("Tell me about {} and what you learned from it.", subjects[i % subjects.len()]),
                "kind": kinds[i % kinds.len()],
                "focus_area": "Delivery",
                "difficulty": 2,
                "provenance": {"source": "focus_area", "detail": "Delivery"},
                "rubric": ["Explains the situation briefly", "Says what they did themselves"],
                "follow_ups": ["What would you do differently?"]
            })
        })
        .collect();
    json!({ "questions": questions })
}
