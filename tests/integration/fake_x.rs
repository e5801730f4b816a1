//! A loopback fake of the X API for `twerr run`'s tests: it listens on 127.0.0.1 only,
//! serves a fixed list of answers in order, one per request, records each request's
//! method, path and body, and stops after the last answer (or after a minute, whichever
//! comes first), so no test can leave it running.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// One answer, made when its request comes (so a reset can be relative to that moment).
pub type Answer = Box<dyn Fn() -> String + Send>;

/// A request as the fake received it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub body: Vec<u8>,
}

/// The running fake.
pub struct Fake {
    base: String,
    requests: Arc<Mutex<Vec<Request>>>,
}

impl Fake {
    /// The URL of `path` on the fake.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The requests served so far.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    pub fn served(&self) -> usize {
        self.requests.lock().unwrap().len()
    }
}

/// Serves `answers` in order, one per request, then stops.
pub fn serve(answers: Vec<Answer>) -> Fake {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let base = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&requests);
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let until = Instant::now() + Duration::from_secs(60);
        let mut answers = answers.into_iter();
        let mut next = answers.next();
        while let Some(answer) = &next {
            if Instant::now() > until {
                return;
            }
            let Ok((stream, _)) = listener.accept() else {
                std::thread::sleep(Duration::from_millis(5));
                continue;
            };
            stream.set_nonblocking(false).unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .unwrap();
            let Some(request) = read_request(&stream) else {
                continue;
            };
            log.lock().unwrap().push(request);
            let mut stream = stream;
            let _ = stream.write_all(answer().as_bytes());
            next = answers.next();
        }
    });
    Fake { base, requests }
}

/// Reads one request: its line, headers, and a body of its `content-length`.
fn read_request(stream: &std::net::TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut words = line.split_whitespace();
    let (method, path) = (words.next()?.to_string(), words.next()?.to_string());
    let mut length = 0usize;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 || header == "\r\n" {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok()?;
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request { method, path, body })
}

/// An HTTP/1.1 answer with a JSON body.
pub fn response(status: &str, headers: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\n{headers}content-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
}

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// The body of the fake's successful answer.
pub const OK_BODY: &str = r#"{"data":{"id":"1","text":"hi"}}"#;

pub fn ok_answer() -> Answer {
    Box::new(|| response("200 OK", "", OK_BODY))
}

/// A 429 with code 88 whose endpoint window resets `reset_in` seconds from now.
pub fn rate_limited(reset_in: i64) -> Answer {
    Box::new(move || {
        let reset = now() as i64 + reset_in;
        let headers = format!(
            "x-rate-limit-limit: 300\r\nx-rate-limit-remaining: 0\r\nx-rate-limit-reset: {reset}\r\n"
        );
        response(
            "429 Too Many Requests",
            &headers,
            r#"{"errors":[{"code":88,"message":"Rate limit exceeded"}]}"#,
        )
    })
}

/// A 503 with code 130 and the extra headers given.
pub fn over_capacity_with(headers: &'static str) -> Answer {
    Box::new(move || {
        let body = r#"{"errors":[{"code":130,"message":"Over capacity"}]}"#;
        response("503 Service Unavailable", headers, body)
    })
}

pub fn over_capacity() -> Answer {
    over_capacity_with("")
}
