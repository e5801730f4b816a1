//! The end-to-end tests, one binary (as ripgrep keeps its own): each module runs the
//! built `twerr` as a user would, or checks what it ships (tables, completion, man page,
//! README). Linked once, which keeps CI's link time short. `tests/memory.rs` stays a
//! binary of its own, so that the peak memory it reads of its children is theirs alone.

mod advice_2026;
mod binary;
mod bot_log;
mod common;

mod completion;
mod curl_loopback;
mod current_docs;
mod data_tables;
mod decide;
mod diagnose;
mod endpoints_v2;
mod envelopes;
mod fake_x;
mod hostile;
mod install;
mod lookup;
mod metamorphic;
mod new_user;
mod output_safety;
mod pastes;
mod properties;
mod readme;
mod request;
mod run;
mod run_pipelines;
mod scan;
mod tables;
mod tables_current_api;
mod word_files;
