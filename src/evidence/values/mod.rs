//! Values read out of text: JSON with bounded memory (`bounded`), and the dumps of other
//! languages read into the same JSON value (`relaxed` for Python, Ruby, JavaScript and Java
//! literals, `php` for `print_r` and `var_dump`), and the `\u` escape the readers of
//! strings share (`escape`). The body reader decides what a value says.

pub(in crate::evidence) mod bounded;
pub(in crate::evidence) mod escape;
pub(in crate::evidence) mod php;
pub(in crate::evidence) mod relaxed;
