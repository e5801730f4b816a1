//! twerr explains errors of the Twitter/X API.
//!
//! The data flows one way: [`input`] text → [`evidence`] found in it → a [`diagnosis`]
//! joined with the embedded [`catalog`] → [`render`]ing as human text or JSON. [`app`]
//! wires the command line ([`cli`]) to that pipeline; [`scan`] runs it over whole logs.
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
pub mod render;
pub mod util;
