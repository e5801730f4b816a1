//! The checker that runs at build time refuses broken tables, naming file and entry, and
//! the real tables hold what the issues promise (specific advice, sources, statuses).

#[allow(dead_code)]
#[path = "../../build/tables.rs"]
mod tables;

const STATUSES: &str = include_str!("../../data/statuses.toml");
const CODES: &str = include_str!("../../data/codes.toml");
const PROBLEMS: &str = include_str!("../../data/problems.toml");
const CLASSES: &str = include_str!("../../data/classes.toml");
const FAMILIES: &str = include_str!("../../data/families.toml");
const ENDPOINTS: &str = include_str!("../../data/endpoints.toml");
const ENDPOINTS_V2: &str = include_str!("../../data/endpoints_v2.toml");
const CONDITIONS: &str = include_str!("../../data/conditions.toml");

fn check_codes(codes: &str) -> Result<String, Vec<String>> {
    tables::check(&tables::Sources {
        statuses: STATUSES,
        codes,
        problems: PROBLEMS,
        classes: CLASSES,
        families: FAMILIES,
        endpoints: ENDPOINTS,
        endpoints_v2: ENDPOINTS_V2,
        conditions: CONDITIONS,
    })
}

#[test]
fn an_endpoint_moving_to_no_v2_row_names_file_and_entry() {
    let broken = ENDPOINTS.replacen("v2 = \"POST /2/tweets\"", "v2 = \"POST /2/tweet\"", 1);
    assert_ne!(broken, ENDPOINTS);
    let problems = tables::check(&tables::Sources {
        statuses: STATUSES,
        codes: CODES,
        problems: PROBLEMS,
        classes: CLASSES,
        families: FAMILIES,
        endpoints: &broken,
        endpoints_v2: ENDPOINTS_V2,
        conditions: CONDITIONS,
    })
    .unwrap_err();
    assert_eq!(
        problems,
        [
            "data/endpoints.toml: entry POST /1.1/statuses/update: `v2` \"POST /2/tweet\" is no v2 row of this table"
        ]
    );
}

#[test]
fn an_entry_of_an_unknown_family_names_file_and_entry() {
    let broken = CODES.replacen("family = \"content\"", "family = \"contnet\"", 1);
    assert_ne!(broken, CODES);
    let problems = check_codes(&broken).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("data/codes.toml: entry ")
                && p.ends_with("family \"contnet\" is not in data/families.toml")),
        "{problems:?}"
    );
}

#[test]
fn the_real_tables_pass() {
    let generated = check_codes(CODES).expect("data/ is valid");
    assert!(generated.contains("pub static CODES"));
}

#[test]
fn a_duplicate_code_names_file_and_entry() {
    let broken = format!(
        "{CODES}\n[[code]]\ncode = 187\nmessage = \"again\"\nsource = \"later\"\nfamily = \"x\"\nretry = \"backoff\"\ndescription = \"d\"\nadvice = \"something only this entry says\"\n"
    );
    let problems = check_codes(&broken).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p == "data/codes.toml: entry 187: duplicate code"),
        "{problems:?}"
    );
}

#[test]
fn a_missing_field_names_the_file_and_the_field() {
    let broken = format!(
        "{CODES}\n[[code]]\ncode = 9001\nmessage = \"m\"\nsource = \"later\"\nfamily = \"x\"\nretry = \"backoff\"\ndescription = \"d\"\n"
    );
    let problems = check_codes(&broken).unwrap_err();
    assert!(
        problems[0].starts_with("data/codes.toml: not a valid table"),
        "{problems:?}"
    );
    assert!(problems[0].contains("advice"), "{problems:?}");
}

#[test]
fn shared_advice_and_bad_values_are_refused() {
    let copy = "The same account already posted this exact text recently. Change the text (a timestamp or counter is enough for automated posts) or skip the post; resending it unchanged is refused every time.";
    let broken = format!(
        "{CODES}\n[[code]]\ncode = 9002\nmessage = \"m\"\nsource = \"guess\"\nfamily = \"x\"\nretry = \"sometimes\"\ndescription = \"d\"\nadvice = \"{copy}\"\n"
    );
    let problems = check_codes(&broken).unwrap_err();
    let text = problems.join("\n");
    assert!(
        text.contains("entry 9002: advice is the same text as data/codes.toml entry 187"),
        "{text}"
    );
    assert!(text.contains("entry 9002: `source`"), "{text}");
    assert!(text.contains("entry 9002: `retry`"), "{text}");
}

#[test]
fn malformed_toml_is_refused() {
    let problems = check_codes("[[code]\ncode = ").unwrap_err();
    assert!(
        problems[0].starts_with("data/codes.toml: not a valid table"),
        "{problems:?}"
    );
}

fn check_endpoints(endpoints: &str, endpoints_v2: &str) -> Vec<String> {
    tables::check(&tables::Sources {
        statuses: STATUSES,
        codes: CODES,
        problems: PROBLEMS,
        classes: CLASSES,
        families: FAMILIES,
        endpoints,
        endpoints_v2,
        conditions: CONDITIONS,
    })
    .err()
    .unwrap_or_default()
}

#[test]
fn a_v2_row_is_an_operation_of_the_spec_and_takes_its_auth_from_it() {
    let moved = ENDPOINTS.replacen(
        "path = \"/2/users/:id/likes\"",
        "path = \"/2/users/:id/likez\"",
        1,
    );
    assert_ne!(moved, ENDPOINTS);
    let problems = check_endpoints(&moved, ENDPOINTS_V2);
    assert!(
        problems.iter().any(|p| p == "data/endpoints.toml: entry POST /2/users/:id/likez: no operation of X's spec (data/endpoints_v2.toml) has this method and path"),
        "{problems:?}"
    );
    let own_auth = ENDPOINTS.replacen(
        "path = \"/2/users/:id/likes\"\n",
        "path = \"/2/users/:id/likes\"\nauth = [\"oauth2-app\"]\n",
        1,
    );
    assert_ne!(own_auth, ENDPOINTS);
    let problems = check_endpoints(&own_auth, ENDPOINTS_V2);
    assert!(
        problems.iter().any(|p| p
            .ends_with("a v2 row's `auth` and `scopes` are the spec's (data/endpoints_v2.toml)")),
        "{problems:?}"
    );
    let bad_limit = ENDPOINTS_V2.replacen("window_seconds = 900", "window_seconds = 600", 1);
    assert!(
        check_endpoints(ENDPOINTS, &bad_limit).iter().any(|p| p
            .starts_with("data/endpoints_v2.toml: entry ")
            && p.contains("a limit is per")),
    );
}
