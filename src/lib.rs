//! twerr explains errors of the Twitter/X API.
//!
//! The data flows one way, and the modules are its stages, each using only the stages
//! before it, the [`catalog`] and [`util`]:
//!
//! 1. [`input`]: the bytes of stdin or a file become text, with memory bounded (the head
//!    and tail of a huge input, UTF-16 decoded, gzip and binary data noted).
//! 2. [`evidence`]: the wrapping of a paste is undone (markdown, log prefixes, chunked
//!    framing), then readers find what the text says, each in the role it had and with
//!    the line it was seen on: statuses, codes, problem types, headers, the request.
//!    [`evidence::arguments`] reads the command line's words as evidence the same way.
//! 3. [`diagnosis`]: the evidence joined with the [`catalog`]: which status the response
//!    had, every error explained through its entry or by the fallback rule, rate-limit
//!    resets, one retry verdict, and advice that names the request.
//! 4. [`batch`]: the same over a whole log, one occurrence per response, counted.
//! 5. [`render`]: text for people, one line per error, JSON for programs, tables.
//!
//! [`cmd`] turns the command line ([`cli`]) once into a [`cmd::Plan`] and runs its job
//! through those stages; `main.rs` only parses and exits. The [`catalog`] holds the tables
//! of `data/`, checked and embedded at build time; [`util`] what serves every stage alike
//! (making input text safe to print, counting what is not shown, the pager).
//!
//! ```
//! use twerr::{catalog, diagnosis, evidence};
//!
//! let response = "HTTP/2 429\r\nx-rate-limit-reset: 1800000300\r\n\r\n\
//!                 {\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}";
//! let found = evidence::extract(response);
//! let d = diagnosis::diagnose(&found, diagnosis::Options { now: Some(1_800_000_000), ..Default::default() });
//! assert_eq!(d.status.as_ref().map(|s| s.code), Some(429));
//! assert_eq!(d.errors[0].code, Some(88));
//! assert_eq!(d.retry.verdict, catalog::Verdict::WaitForReset);
//! assert_eq!(d.retry.wait_seconds, Some(300));
//!
//! // The tables themselves:
//! assert_eq!(catalog::code(187).unwrap().message, "Status is a duplicate");
//! assert_eq!(catalog::status(420).unwrap().message, "Enhance Your Calm");
//! ```

pub mod batch;
pub mod catalog;
pub mod cli;
pub mod cmd;
pub mod diagnosis;
pub mod evidence;
pub mod input;
pub mod policy;
pub mod render;
pub mod util;
