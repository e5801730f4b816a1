//! Values read out of text: JSON with bounded memory (`bounded`), and the dumps of other
//! languages read into the same JSON value (`relaxed` for Python, Ruby, JavaScript and Java
//! literals, `php` for `print_r` and `var_dump`), and the `\u` escape the readers of
//! strings share (`escape`). The body reader decides what a value says.

pub(in crate::evidence) mod bounded;
pub(in crate::evidence) mod escape;
pub(in crate::evidence) mod php;
pub(in crate::evidence) mod relaxed;

/// Digits as programs print a whole number: no sign, and no leading zero but in `0` itself.
/// Rust's integer parse also takes `+144` and `0144`, which stand in the input as no such
/// number (a sign print_r never prints; Python 2's octal, where `0144` is 100; padding).
pub(in crate::evidence) fn is_plain_number(digits: &str) -> bool {
    let plain = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    plain && (digits.len() == 1 || !digits.starts_with('0'))
}
