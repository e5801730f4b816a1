//! Memory stays bounded whatever the input's size or shape: 1 GiB streamed through stdin,
//! millions of lines, one very long line, each leave the child's peak RSS under 64 MiB. (RSS is a count, not a time: no wall-clock limit here.)
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

    // Shapes whose memory once grew with the input's lines or one line's length: 8.4
    // million blank lines (8 bytes a line in the line index: 97 MB), and a 7 MiB request
    // line (its path copied and split into segments: 103 MB).
    let blank = vec![b'\n'; 8_400_000];
    let mut request = b"> GET /1.1/".to_vec();
    request.extend(b"a/".repeat(7 << 19));
    request.extend(b" HTTP/1.1\n");
    for input in [blank, request] {
        let out = assert_cmd::Command::cargo_bin("twerr")
            .unwrap()
            .arg("--json")
            .write_stdin(input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "nothing to recognise in it");
    }

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
