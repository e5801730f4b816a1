//! HTTP reason phrases, written once: the registered ones (RFC 9110 and the IANA registry)
//! with the variants servers and libraries print, Twitter's 420, and the error-class names
//! that stand for a status. Evidence reads them in text; the diagnosis and the rendering
//! name a status by them.

/// The registered reason phrase of an HTTP status (`405` is `Method Not Allowed`).
pub fn reason_phrase(code: u16) -> Option<&'static str> {
    reasons(code).and_then(|r| r.first().copied())
}

/// The registered HTTP statuses (RFC 9110 and the IANA registry) with their reason phrases
/// and the variants servers and libraries print, plus Twitter's 420.
const REASONS: &[(u16, &[&str])] = &[
    (100, &["Continue"]),
    (101, &["Switching Protocols"]),
    (102, &["Processing"]),
    (103, &["Early Hints"]),
    (200, &["OK"]),
    (201, &["Created"]),
    (202, &["Accepted"]),
    (203, &["Non-Authoritative Information"]),
    (204, &["No Content"]),
    (205, &["Reset Content"]),
    (206, &["Partial Content"]),
    (207, &["Multi-Status"]),
    (208, &["Already Reported"]),
    (226, &["IM Used"]),
    (300, &["Multiple Choices"]),
    (301, &["Moved Permanently"]),
    (302, &["Found"]),
    (303, &["See Other"]),
    (304, &["Not Modified"]),
    (305, &["Use Proxy"]),
    (307, &["Temporary Redirect"]),
    (308, &["Permanent Redirect"]),
    (400, &["Bad Request"]),
    (401, &["Unauthorized", "Authorization Required"]),
    (402, &["Payment Required"]),
    (403, &["Forbidden"]),
    (404, &["Not Found"]),
    (405, &["Method Not Allowed"]),
    (406, &["Not Acceptable"]),
    (407, &["Proxy Authentication Required"]),
    (408, &["Request Timeout", "Request Time-out"]),
    (409, &["Conflict"]),
    (410, &["Gone"]),
    (411, &["Length Required"]),
    (412, &["Precondition Failed"]),
    (
        413,
        &[
            "Content Too Large",
            "Payload Too Large",
            "Request Entity Too Large",
        ],
    ),
    (414, &["URI Too Long", "Request-URI Too Long"]),
    (415, &["Unsupported Media Type"]),
    (
        416,
        &["Range Not Satisfiable", "Requested Range Not Satisfiable"],
    ),
    (417, &["Expectation Failed"]),
    (418, &["I'm a teapot"]),
    (420, &["Enhance Your Calm"]),
    (421, &["Misdirected Request"]),
    (422, &["Unprocessable Entity", "Unprocessable Content"]),
    (423, &["Locked"]),
    (424, &["Failed Dependency"]),
    (425, &["Too Early"]),
    (426, &["Upgrade Required"]),
    (428, &["Precondition Required"]),
    (429, &["Too Many Requests"]),
    (431, &["Request Header Fields Too Large"]),
    (451, &["Unavailable For Legal Reasons"]),
    (500, &["Internal Server Error"]),
    (501, &["Not Implemented"]),
    (502, &["Bad Gateway"]),
    (
        503,
        &["Service Unavailable", "Service Temporarily Unavailable"],
    ),
    (504, &["Gateway Timeout", "Gateway Time-out"]),
    (505, &["HTTP Version Not Supported"]),
    (506, &["Variant Also Negotiates"]),
    (507, &["Insufficient Storage"]),
    (508, &["Loop Detected"]),
    (510, &["Not Extended"]),
    (511, &["Network Authentication Required"]),
];

/// Error-class names that stand for a status without being its reason phrase (the Ruby
/// gem's subclasses of Forbidden).
const CLASS_ALIASES: &[(&str, u16)] = &[
    ("DuplicateStatus", 403),
    ("AlreadyFavorited", 403),
    ("AlreadyRetweeted", 403),
    ("PayloadTooLarge", 413),
];

pub fn reasons(code: u16) -> Option<&'static [&'static str]> {
    REASONS.iter().find(|(c, _)| *c == code).map(|(_, r)| *r)
}

/// The status a reason phrase or error-class name stands for (`Too Many Requests`,
/// `TooManyRequests`), 4xx and 5xx only.
pub fn status_named(name: &str) -> Option<u16> {
    let squeezed: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let from_reason = REASONS.iter().find(|(_, phrases)| {
        phrases.iter().any(|p| {
            p.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .eq(squeezed.chars())
        })
    });
    let code = match from_reason {
        Some((code, _)) => *code,
        None => CLASS_ALIASES.iter().find(|(n, _)| *n == squeezed)?.1,
    };
    (code >= 400).then_some(code)
}

/// Whether `text` is a reason phrase as written (`Too Many Requests`), not a class name.
pub fn is_reason_phrase(text: &str) -> bool {
    status_of_reason(text).is_some()
}

/// The status whose reason phrase `text` is, as written in any case (`Too Many Requests`,
/// `unauthorized`).
pub fn status_of_reason(text: &str) -> Option<u16> {
    REASONS
        .iter()
        .find(|(_, phrases)| phrases.iter().any(|p| p.eq_ignore_ascii_case(text)))
        .map(|(code, _)| *code)
}

/// Every registered status with its reason phrases, for readers that index them all.
pub fn all_reasons() -> impl Iterator<Item = (u16, &'static str)> {
    REASONS
        .iter()
        .flat_map(|(code, phrases)| phrases.iter().map(move |p| (*code, *p)))
}
