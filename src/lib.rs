//! twerr explains errors of the Twitter/X API.
//!
//! The data flows one way: [`input`] text → [`evidence`] found in it → a [`diagnosis`]
//! joined with the embedded [`catalog`] → [`render`]ing as human text or JSON. [`app`]
//! wires the command line ([`cli`]) to that pipeline.

pub mod app;
pub mod catalog;
pub mod cli;
pub mod diagnosis;
pub mod docs;
pub mod evidence;
pub mod input;
pub mod listing;
pub mod ratelimit;
pub mod render;
pub mod sanitize;
pub mod scan;
