//! A real HTTP receiver on 127.0.0.1 (axum): records every request and answers as told.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request as the receiver saw it.
#[derive(Clone, Debug)]
pub struct Received {
    pub method: Method,
    pub path: String,
    /// The raw query string, exactly as sent.
    pub query: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Received {
    /// The query parameters, decoded, in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        url_pairs(&self.query)
    }

    pub fn body_json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("request body is JSON")
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|value| value.to_str().unwrap_or_default().to_string())
    }
}

/// Decodes `a=1&b=%20` into pairs, in order.
pub fn url_pairs(query: &str) -> Vec<(String, String)> {
    let url = reqwest::Url::parse(&format!("http://x/?{query}")).expect("query parses");
    url.query_pairs()
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect()
}

/// How the receiver answers.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub delay: Duration,
}

impl Reply {
    /// 200 with a JSON body.
    pub fn json(body: &str) -> Self {
        Reply {
            status: 200,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
            delay: Duration::ZERO,
        }
    }

    /// The standard allow answer.
    pub fn ok() -> Self {
        Reply::json(r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"#)
    }

    /// What a spec-correct receiver with no business rule answers to `body`, written here
    /// from docs/protocol.md §2.4 rather than taken from grpcb: OK/0, with a ResultItem per
    /// target of a friend request and an RspData for the chatbot.
    pub fn allowing(body: &serde_json::Value) -> Self {
        for list in ["FriendItem", "ResponseFriendItem"] {
            if let Some(items) = body[list].as_array() {
                let results: Vec<serde_json::Value> = items
                    .iter()
                    .map(|item| {
                        serde_json::json!({"To_Account": item["To_Account"], "ResultCode": 0, "ResultInfo": ""})
                    })
                    .collect();
                let answer = serde_json::json!({"ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "ResultItem": results});
                return Reply::json(&answer.to_string());
            }
        }
        if body["CallbackCommand"] == "Chatbot.OnC2CSignalMessage" {
            return Reply::json(
                r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RspData":""}"#,
            );
        }
        Reply::ok()
    }

    pub fn status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    pub fn bytes(body: Vec<u8>) -> Self {
        Reply {
            status: 200,
            headers: vec![],
            body,
            delay: Duration::ZERO,
        }
    }
}

type Answerer = Arc<dyn Fn(&Received) -> Reply + Send + Sync>;

#[derive(Clone)]
struct Shared {
    log: Arc<Mutex<Vec<Received>>>,
    answer: Answerer,
}

/// A running receiver; it lives until the test process ends.
pub struct Receiver {
    pub url: String,
    pub base: String,
    log: Arc<Mutex<Vec<Received>>>,
}

impl Receiver {
    /// A spec-correct receiver without business rules: every request allowed
    /// ([`Reply::allowing`]).
    pub fn allowing() -> Self {
        Self::start_with(|got| {
            Reply::allowing(&serde_json::from_slice(&got.body).unwrap_or_default())
        })
    }

    /// Answers every request with the same reply.
    pub fn start(reply: Reply) -> Self {
        Self::start_with(move |_| reply.clone())
    }

    /// Answers each request with what `answer` returns for it.
    pub fn start_with(answer: impl Fn(&Received) -> Reply + Send + Sync + 'static) -> Self {
        let log = Arc::new(Mutex::new(Vec::new()));
        let shared = Shared {
            log: log.clone(),
            answer: Arc::new(answer),
        };
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener.set_nonblocking(true).expect("nonblocking");
        let address = listener.local_addr().expect("address");
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
                let app = axum::Router::new().fallback(handle).with_state(shared);
                axum::serve(listener, app).await.expect("serve");
            });
        });
        Receiver {
            url: format!("http://{address}/im"),
            base: format!("http://{address}"),
            log,
        }
    }

    /// Every request received so far.
    pub fn received(&self) -> Vec<Received> {
        self.log.lock().expect("log").clone()
    }

    /// The only request received; fails the test if there was not exactly one.
    pub fn single(&self) -> Received {
        let received = self.received();
        assert_eq!(received.len(), 1, "expected exactly one request");
        received.into_iter().next().expect("one request")
    }
}

async fn handle(State(shared): State<Shared>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 64 << 20)
        .await
        .unwrap_or_default();
    let received = Received {
        method: parts.method,
        path: parts.uri.path().to_string(),
        query: parts.uri.query().unwrap_or_default().to_string(),
        headers: parts.headers,
        body,
    };
    let reply = (shared.answer)(&received);
    shared.log.lock().expect("log").push(received);
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    let mut response =
        Response::builder().status(StatusCode::from_u16(reply.status).unwrap_or(StatusCode::OK));
    for (name, value) in &reply.headers {
        response = response.header(name, value);
    }
    response
        .body(Body::from(reply.body))
        .unwrap_or_else(|_| Response::new(Body::empty()))
}
