//! Memory stays bounded whatever the input size: 1 GiB streamed through stdin leaves the
//! child's peak RSS under 64 MiB. (RSS is a count, not a time: no wall-clock limit here.)
//! Alone in its own test binary, so that the peak RSS of waited children is this child's.

use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn a_gibibyte_on_stdin_in_bounded_memory() {
    let bin = assert_cmd::cargo::cargo_bin("twerr");
    let mut child = Command::new(bin)
        .arg("--json")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        stdin.write_all(b"HTTP/2 503\r\n\r\n").unwrap();
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..1024 {
            stdin.write_all(&chunk).unwrap();
        }
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["status"]["code"], 503);
    assert!(
        v["notes"]
            .to_string()
            .contains("bytes in between were skipped")
    );

    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage fills the struct we own; RUSAGE_CHILDREN covers waited children.
    assert_eq!(
        unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) },
        0
    );
    let peak_kib = usage.ru_maxrss;
    assert!(
        peak_kib < 64 * 1024,
        "peak RSS {peak_kib} KiB is not under 64 MiB"
    );
}
