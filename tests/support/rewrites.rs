//! Meaning-preserving rewrites of a paste, for the metamorphic tests
//! (`tests/integration/metamorphic.rs`): each is a way people or their tools wrap the same
//! error text, written here from how those tools behave, not from any reader of twerr's.
//! A reading that holds only for the text as first written fails on these.

/// One rewrite: its kind (the table's row), and the function that applies it.
pub struct Rewrite {
    pub kind: &'static str,
    pub apply: fn(&str) -> String,
}

/// Every rewrite, in the order of the report.
pub fn all() -> Vec<Rewrite> {
    let mut all = Vec::new();
    macro_rules! prose {
        ($($kind:literal => $before:literal, $after:literal;)*) => {
            $(all.push(Rewrite { kind: $kind, apply: |t| around(t, $before, $after) });)*
        };
    }
    prose! {
        "prose:en" => "Hi all, my bot stopped posting today and I get this:", "Any idea what I am doing wrong? Thanks in advance.";
        "prose:de" => "Hallo zusammen, seit heute bekomme ich beim Posten diesen Fehler:", "Weiß jemand, woran das liegt? Danke!";
        "prose:fr" => "Bonjour, depuis ce matin mon script renvoie cette erreur :", "Quelqu'un a une idée ? Merci d'avance.";
        "prose:es" => "Hola, al intentar publicar con mi bot me sale este error:", "¿Alguien sabe cómo solucionarlo? Gracias.";
        "prose:pt" => "Olá, quando tento publicar pela API recebo este erro:", "Alguém sabe o que pode ser? Obrigado.";
        "prose:ja" => "APIで投稿しようとすると、次のエラーが出ます。", "原因が分かる方はいますか？よろしくお願いします。";
        "prose:zh" => "大家好，我用接口发推的时候一直报这个错误：", "有人知道是什么原因吗？谢谢。";
        "prose:ko" => "안녕하세요, API로 글을 올리려고 하면 이런 오류가 납니다:", "혹시 원인을 아시는 분 계신가요? 감사합니다.";
        "prose:ru" => "Всем привет, при публикации через API получаю такую ошибку:", "Подскажите, в чём может быть дело? Спасибо.";
        "prose:tr" => "Merhaba, API ile gönderi paylaşmaya çalışınca şu hatayı alıyorum:", "Sorunun ne olduğunu bilen var mı? Teşekkürler.";
    }
    all.extend([
        Rewrite {
            kind: "prefix:iso",
            apply: |t| prefixed(t, "2026-03-14T09:26:53.589Z ERROR "),
        },
        Rewrite {
            kind: "prefix:python",
            apply: |t| prefixed(t, "2026-03-14 09:26:53,589 - bot.poster - ERROR - "),
        },
        Rewrite {
            kind: "prefix:syslog",
            apply: |t| prefixed(t, "Mar 14 09:26:53 worker-3 poster[21877]: "),
        },
        Rewrite {
            kind: "prefix:docker",
            apply: |t| prefixed(t, "poster-1  | "),
        },
        Rewrite {
            kind: "prefix:laravel",
            apply: |t| prefixed(t, "[2026-03-14 09:26:53] production.ERROR: "),
        },
        Rewrite {
            kind: "md:quote",
            apply: |t| prefixed(t, "> "),
        },
        Rewrite {
            kind: "md:fence",
            apply: |t| format!("```text\n{}\n```\n", t.trim_end_matches('\n')),
        },
        Rewrite {
            kind: "md:bold",
            apply: bold,
        },
        Rewrite {
            kind: "curly",
            apply: curly,
        },
        Rewrite {
            kind: "wrap:60",
            apply: |t| wrapped(t, 60),
        },
        Rewrite {
            kind: "wrap:80",
            apply: |t| wrapped(t, 80),
        },
        Rewrite {
            kind: "crlf",
            apply: |t| t.replace("\r\n", "\n").replace('\n', "\r\n"),
        },
        Rewrite {
            kind: "json-log",
            apply: json_log,
        },
        Rewrite {
            kind: "python-repr",
            apply: |t| format!("RuntimeError({})\n", python_repr(t)),
        },
        Rewrite {
            kind: "node-inspect",
            apply: node_inspect,
        },
    ]);
    all
}

/// The paste between a sentence before and after it, as a forum post holds it.
fn around(text: &str, before: &str, after: &str) -> String {
    format!("{before}\n\n{}\n\n{after}\n", text.trim_end_matches('\n'))
}

/// Every line with the same prefix, as a logger or a quoting mail client writes it.
fn prefixed(text: &str, prefix: &str) -> String {
    text.lines().map(|l| format!("{prefix}{l}\n")).collect()
}

/// Each line that holds words made bold in markdown.
fn bold(text: &str) -> String {
    text.lines()
        .map(|l| {
            let (indent, rest) = l.split_at(l.len() - l.trim_start().len());
            let rest = rest.trim_end();
            if rest.is_empty() {
                format!("{l}\n")
            } else {
                format!("{indent}**{rest}**\n")
            }
        })
        .collect()
}

/// Straight quotes turned typographic, as a word processor or a forum's editor does:
/// double quotes open and close in turn on each line, single quotes become apostrophes.
fn curly(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for line in text.split_inclusive('\n') {
        let mut open = true;
        for c in line.chars() {
            match c {
                '"' => {
                    out.push(if open { '\u{201C}' } else { '\u{201D}' });
                    open = !open;
                }
                '\'' => out.push('\u{2019}'),
                c => out.push(c),
            }
        }
    }
    out
}

/// Every line longer than `width` broken at its last space before that column, as an
/// editor's hard wrap or a mail client does; a word longer than the width stays whole.
fn wrapped(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width);
    for line in text.lines() {
        let mut rest = line;
        while rest.chars().count() > width {
            let cut = rest
                .char_indices()
                .take_while(|&(i, _)| rest[..i].chars().count() <= width)
                .filter(|&(_, c)| c == ' ')
                .map(|(i, _)| i)
                .last()
                .filter(|&i| i > 0);
            let Some(cut) = cut else { break };
            out.push_str(&rest[..cut]);
            out.push('\n');
            rest = &rest[cut + 1..];
        }
        out.push_str(rest);
        out.push('\n');
    }
    out
}

/// The whole text as the message of one JSON log record (pino's shape).
fn json_log(text: &str) -> String {
    let msg = serde_json::to_string(text).expect("a string serialises");
    format!(
        "{{\"level\":50,\"time\":1773480413589,\"pid\":21877,\"hostname\":\"worker-3\",\"msg\":{msg}}}\n"
    )
}

/// Python's `repr` of a str: single quotes unless the text holds one and no double quote,
/// backslash escapes for the quote, backslash and control characters.
fn python_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Node's `util.inspect` of an Error that carries the text as a property: the stack with
/// its line and column numbers, then the string split at its line breaks into quoted
/// pieces joined by ` +`.
fn node_inspect(text: &str) -> String {
    let mut out = String::from(
        "Error: request failed\n    at post (/srv/poster/index.js:41:13)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5) {\n  detail: ",
    );
    let pieces: Vec<&str> = text.split_inclusive('\n').collect();
    for (i, piece) in pieces.iter().enumerate() {
        if i > 0 {
            out.push_str(" +\n    ");
        }
        out.push('\'');
        for c in piece.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\'' => out.push_str("\\'"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\x{:02X}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('\'');
    }
    if pieces.is_empty() {
        out.push_str("''");
    }
    out.push_str("\n}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rewrites_do_what_their_tools_do() {
        assert_eq!(wrapped("aaa bbb ccc", 7), "aaa bbb\nccc\n");
        assert_eq!(
            curly("say \"hi\" it's"),
            "say \u{201C}hi\u{201D} it\u{2019}s"
        );
        assert_eq!(python_repr("it's\n"), "\"it's\\n\"");
        assert_eq!(python_repr("a'b\"c"), "'a\\'b\"c'");
        assert!(node_inspect("a\nb").contains("'a\\n' +\n    'b'"));
        assert_eq!(bold("  x \n\n"), "  **x**\n\n");
    }
}
