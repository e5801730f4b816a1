//! The fixed sets of names the tables use, each name written once: `named_set!` makes
//! the enum, its `key()` (the name in `data/`, JSON and on the command line), `ALL`,
//! `from_key` and its serialisation as that key. `build.rs` includes this file too, so the
//! table checker and the binary read the same names.

/// Declares a fixed set of names: `named_set! { Name { Variant = "key", ... } }`. The
/// variants' order is their order for `Ord`.
macro_rules! named_set {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $key:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        // Not every set uses every helper, and build.rs uses fewer still.
        #[allow(dead_code)]
        impl $name {
            /// Every member, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The name written in `data/`, in JSON and on the command line.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)+
                }
            }

            /// The member named `key`, if any.
            pub fn from_key(key: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.key() == key)
            }

            /// Every member's name, for messages that list the choices.
            pub fn keys() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.key()).collect()
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }
    };
}

// For the crate's other sets (build.rs, which includes this file, has none).
#[allow(unused_imports)]
pub(crate) use named_set;

named_set! {
    /// Where an entry comes from.
    pub enum Source {
        /// The 2015 "Error Codes & Responses" page.
        Page2015 = "2015",
        /// Later v1.1 documentation.
        LaterDocs = "later",
        /// The v2 documentation.
        V2Docs = "v2",
        /// Seen in real responses, not documented.
        Wild = "wild",
    }
}

named_set! {
    /// The kinds of auth an endpoint accepts and a request may carry.
    pub enum Auth {
        /// OAuth 1.0a user context.
        OAuth1User = "oauth1-user",
        /// An OAuth 2.0 app-only bearer token.
        OAuth2App = "oauth2-app",
        /// An OAuth 2.0 user-context token.
        OAuth2User = "oauth2-user",
    }
}

named_set! {
    /// Whom a documented rate limit counts: the app (app-only bearer token) or each user
    /// (user-context auth, OAuth 1.0a or OAuth 2.0).
    pub enum Per {
        App = "app",
        User = "user",
    }
}

named_set! {
    /// Whether and how to retry, from least to most cautious: the verdict of a response is
    /// the greatest of its errors'.
    pub enum Verdict {
        NotNeeded = "not-needed",
        Backoff = "backoff",
        WaitForReset = "wait-for-reset",
        DoNotRetry = "do-not-retry",
    }
}

named_set! {
    /// Which limit a window is, by its header family.
    pub enum WindowKind {
        /// `x-rate-limit-*`: the endpoint's 15-minute window.
        Endpoint = "endpoint",
        /// `x-app-limit-24hour-*`: the app's 24-hour cap.
        App24Hour = "app-24hour",
        /// `x-user-limit-24hour-*`: the user's 24-hour cap.
        User24Hour = "user-24hour",
        /// `x-account-rate-limit-*`: the Ads API's limit per advertising account.
        AdsAccount = "ads-account",
    }
}

// build.rs, which includes this file, reads no headers.
#[allow(dead_code)]
impl WindowKind {
    /// The prefix of the headers that describe it.
    pub fn header_prefix(self) -> &'static str {
        match self {
            WindowKind::Endpoint => "x-rate-limit-",
            WindowKind::App24Hour => "x-app-limit-24hour-",
            WindowKind::User24Hour => "x-user-limit-24hour-",
            WindowKind::AdsAccount => "x-account-rate-limit-",
        }
    }
}
