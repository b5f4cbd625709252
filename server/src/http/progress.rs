//! A long piece of work answered as a stream of progress lines: one JSON
//! object per line as each stage starts, then the last one with the
//! outcome. Closing the connection stops the work.

use std::convert::Infallible;
use std::future::Future;
use std::task::Poll;

use app::model::{ProgressEvent, Stage};
use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, header};
use axum::response::Response;
use futures::StreamExt;

/// How often the stream says something while the work is quiet.
const HEARTBEAT: std::time::Duration = std::time::Duration::from_secs(1);

/// The content type of the progress stream: one JSON object per line.
pub const CONTENT_TYPE: &str = "application/x-ndjson";

/// Runs `work` on its own task, handing it where to report each stage, and
/// streams those stages and then the event it ends with.
pub fn stream<W, F>(work: W) -> Response
where
    W: FnOnce(Box<dyn Fn(Stage) + Send + Sync>) -> F,
    F: Future<Output = ProgressEvent> + Send + 'static,
{
    let (events, mut received) = tokio::sync::mpsc::unbounded_channel::<ProgressEvent>();
    let report = {
        let events = events.clone();
        Box::new(move |stage: Stage| {
            let _ = events.send(ProgressEvent::stage(stage));
        })
    };
    let running = work(report);
    let task = tokio::spawn(async move {
        let _ = events.send(running.await);
    });
    let cancel_on_drop = AbortOnDrop(task);
    // A blank line every second while nothing else is said: a server only
    // learns that the visitor left when a write fails, and proxies close
    // connections that stay silent.
    let mut heartbeat =
        tokio::time::interval_at(tokio::time::Instant::now() + HEARTBEAT, HEARTBEAT);
    let lines = futures::stream::poll_fn(move |cx| {
        let _keep = &cancel_on_drop;
        match received.poll_recv(cx) {
            Poll::Ready(Some(event)) => {
                let mut line = serde_json::to_vec(&event).expect("progress events serialise");
                line.push(b'\n');
                Poll::Ready(Some(Bytes::from(line)))
            }
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => heartbeat
                .poll_tick(cx)
                .map(|_| Some(Bytes::from_static(b"\n"))),
        }
    })
    .map(Ok::<_, Infallible>);

    let mut response = Response::new(Body::from_stream(lines));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // Tells nginx and similar proxies not to hold the lines back.
    headers.insert("x-accel-buffering", HeaderValue::from_static("no"));
    response
}

/// Stops a spawned task when the response that waits for it goes away.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}
