//! A bot's log, as `twerr scan` is meant to read all night: JSON-lines records of posts
//! created and timelines and searches fetched (status 200/201), and about one record in
//! fifteen an error (one line in six: tracebacks and captures take several) in one of the
//! shapes such logs hold (a bare v1.1 body, a v1.1 body inside
//! a record, v2 problems, a partial error, a tweepy traceback, a `curl -i` capture).
//! Deterministic: the same seed and size give the same bytes, and the count of every
//! error shape written, which is what `twerr scan` must report.

use std::io::{self, Write};

/// An error shape, and the summary row `twerr scan` counts it under.
pub struct Shape {
    pub text: &'static str,
    pub status: Option<u16>,
    /// The code, or the problem type's URI.
    pub code: Option<u64>,
    pub type_uri: Option<&'static str>,
}

pub const SHAPES: [Shape; 7] = [
    Shape {
        text: r#"{"errors":[{"code":187,"message":"Status is a duplicate."}]}"#,
        status: None,
        code: Some(187),
        type_uri: None,
    },
    Shape {
        text: r#"{"ts":"@TS","level":"error","event":"post.failed","endpoint":"POST /1.1/statuses/update.json","status":403,"body":"{\"errors\":[{\"code\":187,\"message\":\"Status is a duplicate.\"}]}"}"#,
        status: Some(403),
        code: Some(187),
        type_uri: None,
    },
    Shape {
        text: r#"{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}"#,
        status: Some(429),
        code: None,
        type_uri: Some("about:blank"),
    },
    Shape {
        text: "Traceback (most recent call last):\n  File \"/srv/bot/post.py\", line 41, in <module>\n    api.update_status(text)\n  File \"/usr/lib/python3/dist-packages/tweepy/api.py\", line 46, in wrapper\n    return method(*args, **kwargs)\ntweepy.errors.Forbidden: 403 Forbidden\n187 - Status is a duplicate.",
        status: Some(403),
        code: Some(187),
        type_uri: None,
    },
    Shape {
        text: "HTTP/2 429\r\ndate: Wed, 25 Nov 2026 10:00:03 GMT\r\nx-rate-limit-limit: 900\r\nx-rate-limit-remaining: 0\r\nx-rate-limit-reset: 1795605300\r\ncontent-type: application/json; charset=utf-8\r\n\r\n{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}",
        status: Some(429),
        code: Some(88),
        type_uri: None,
    },
    Shape {
        text: r#"{"ts":"@TS","level":"warn","event":"lookup.partial","status":200,"body":{"data":[{"id":"1460323737035677698","text":"hello"}],"errors":[{"value":"1","detail":"Could not find tweet with ids: [1].","title":"Not Found Error","resource_type":"tweet","parameter":"ids","resource_id":"1","type":"https://api.twitter.com/2/problems/resource-not-found"}]}}"#,
        status: Some(200),
        code: None,
        type_uri: Some("https://api.twitter.com/2/problems/resource-not-found"),
    },
    Shape {
        text: r#"{"detail":"Usage cap exceeded: Monthly product cap","title":"UsageCapExceeded","period":"Monthly","scope":"Product","type":"https://api.twitter.com/2/problems/usage-capped","status":429}"#,
        status: Some(429),
        code: None,
        type_uri: Some("https://api.twitter.com/2/problems/usage-capped"),
    },
];

/// What was written: lines, and how many times each of [`SHAPES`] was.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Written {
    pub lines: u64,
    pub bytes: u64,
    pub errors: [u64; 7],
}

const POSTS: [&str; 6] = [
    "Good morning! Today's forecast: sunny and mild.",
    "New blog post: how we cut our build times in half",
    "Reminder: the community call starts in one hour",
    "Thread: five things we learned shipping on Fridays",
    "Weekly digest #214 is out, with links to everything we read",
    "Thanks to everyone who came to the meetup last night",
];
const EMOJI: [&str; 5] = [" 🚀", " 🌅🌤️", " 🎉", " 👋😊", " 📈"];

/// splitmix64: a small deterministic generator, enough for a log's choices.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A successful record: a post created, a timeline or a search fetched.
fn quiet(rng: &mut Rng, ts: &str, emoji: bool) -> String {
    let ms = 40 + rng.below(400);
    match rng.below(3) {
        0 => {
            let mut text = POSTS[rng.below(POSTS.len() as u64) as usize].to_string();
            // Posts are about a third of the records: 38% of them with an emoji puts one on
            // about 8.5% of all lines.
            if emoji && rng.below(100) < 38 {
                text.push_str(EMOJI[rng.below(EMOJI.len() as u64) as usize]);
            }
            let id = 1_861_000_000_000_000_000 + rng.below(1_000_000_000_000);
            format!(
                r#"{{"ts":"{ts}","level":"info","event":"post.created","endpoint":"POST /2/tweets","status":201,"ms":{ms},"id":"{id}","text":"{text}"}}"#
            )
        }
        1 => format!(
            r#"{{"ts":"{ts}","level":"info","event":"timeline.fetched","endpoint":"GET /2/users/2244994945/tweets","status":200,"ms":{ms},"result_count":{},"next_token":"7140dibdnow9c7btw3z2vwioavpvutgzrvw{}"}}"#,
            5 + rng.below(95),
            rng.below(10_000)
        ),
        _ => format!(
            r#"{{"ts":"{ts}","level":"info","event":"search.fetched","endpoint":"GET /2/tweets/search/recent","query":"from:XDevelopers -is:retweet","status":200,"ms":{ms},"result_count":{}}}"#,
            rng.below(100)
        ),
    }
}

/// Writes about `size` bytes of log (whole records) to `out`, and says what it wrote.
pub fn write(out: &mut impl Write, size: u64, emoji: bool, seed: u64) -> io::Result<Written> {
    let mut rng = Rng(seed);
    let mut written = Written::default();
    let mut record = 0u64;
    while written.bytes < size {
        record += 1;
        let ts = format!(
            "2026-11-25T{:02}:{:02}:{:02}.{:03}Z",
            (record / 3_600_000) % 24,
            (record / 60_000) % 60,
            (record / 1000) % 60,
            record % 1000
        );
        let text = if rng.below(15) == 0 {
            let i = rng.below(SHAPES.len() as u64) as usize;
            written.errors[i] += 1;
            SHAPES[i].text.replace("@TS", &ts)
        } else {
            quiet(&mut rng, &ts, emoji)
        };
        out.write_all(text.as_bytes())?;
        out.write_all(b"\n")?;
        written.lines += text.matches('\n').count() as u64 + 1;
        written.bytes += text.len() as u64 + 1;
    }
    Ok(written)
}
