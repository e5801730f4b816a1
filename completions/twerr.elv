
use builtin;
use str;

set edit:completion:arg-completer[twerr] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'twerr'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'twerr'= {
            cand -c 'Explain N as an API error code'
            cand --code 'Explain N as an API error code'
            cand -s 'Explain N as an HTTP status (also the status an unlisted --code falls back to)'
            cand --status 'Explain N as an HTTP status (also the status an unlisted --code falls back to)'
            cand -t 'Explain a v2 problem type, by name or type URI'
            cand --type 'Explain a v2 problem type, by name or type URI'
            cand -f 'Read the response to diagnose from PATH instead of stdin (`-` is stdin)'
            cand --file 'Read the response to diagnose from PATH instead of stdin (`-` is stdin)'
            cand --now 'Measure rate-limit resets from this time (epoch seconds, or RFC 3339: 2026-11-25T12:05:00Z) instead of the date header or clock'
            cand --color 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)'
            cand -q 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)'
            cand --quiet 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)'
            cand --exit-verdict 'Exit with the retry verdict: 0 not-needed, 3 do-not-retry, 4 wait-for-reset, 5 backoff'
            cand --short 'One line per error: status, code or type, verdict, message (for logs and scripts)'
            cand --oneline 'One line per error: status, code or type, verdict, message (for logs and scripts)'
            cand --json 'Print JSON instead of text'
            cand --no-pager 'Print straight to the terminal: no pager for output longer than the screen'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the tables (all, or filtered)'
            cand ls 'List the tables (all, or filtered)'
            cand search 'Search messages, descriptions and advice (every word must match, any case)'
            cand scan 'Summarise every error in a log of many responses (most frequent first)'
            cand endpoint 'What twerr knows of an endpoint: the auth it accepts, its documented rate limits, its v2 move, library methods; with no PATH, every endpoint of the table'
            cand completions 'Print the completion script for a shell'
            cand man 'Print the man page (roff)'
            cand version 'Print twerr''s version (as --version does); with --json, {"name", "version"}'
            cand run 'Run a command that calls the API; on a failure, wait out the reset or back off and run it again, within bounds'
            cand decide 'Decide whether a failed call should be made again and after how long, by the rules `run` follows: reads the failure, prints the decision (for wrappers)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twerr;list'= {
            cand -s 'Only the codes and problems that come with this HTTP status; a class (4xx) lists its statuses too'
            cand --status 'Only the codes and problems that come with this HTTP status; a class (4xx) lists its statuses too'
            cand --source 'Only entries from this source'
            cand --family 'Only entries of this family (auth, rate-limit, permission, ...; `twerr man` lists them)'
            cand --color 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)'
            cand --codes 'Only API error codes'
            cand --statuses 'Only HTTP statuses'
            cand --problems 'Only v2 problem types'
            cand -q 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)'
            cand --quiet 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)'
            cand --json 'Print JSON instead of text'
            cand --no-pager 'Print straight to the terminal: no pager for output longer than the screen'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'twerr;ls'= {
            cand -s 'Only the codes and problems that come with this HTTP status; a class (4xx) lists its statuses too'
            cand --status 'Only the codes and problems that come with this HTTP status; a class (4xx) lists its statuses too'
            cand --source 'Only entries from this source'
            cand --family 'Only entries of this family (auth, rate-limit, permission, ...; `twerr man` lists them)'
            cand --color 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)'
            cand --codes 'Only API error codes'
            cand --statuses 'Only HTTP statuses'
            cand --problems 'Only v2 problem types'
            cand -q 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)'
            cand --quiet 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)'
            cand --json 'Print JSON instead of text'
            cand --no-pager 'Print straight to the terminal: no pager for output longer than the screen'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'twerr;search'= {
            cand --color 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)'
            cand -q 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)'
            cand --quiet 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)'
            cand --json 'Print JSON instead of text'
            cand --no-pager 'Print straight to the terminal: no pager for output longer than the screen'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'twerr;scan'= {
            cand -j 'Threads that read each log, in pieces cut between responses [default: the machine''s cores]; the summary is the same with any number'
            cand --threads 'Threads that read each log, in pieces cut between responses [default: the machine''s cores]; the summary is the same with any number'
            cand --color 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)'
            cand -q 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)'
            cand --quiet 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)'
            cand --json 'Print JSON instead of text'
            cand --no-pager 'Print straight to the terminal: no pager for output longer than the screen'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'twerr;endpoint'= {
            cand --api 'Only the endpoints of this API version'
            cand --color 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)'
            cand -q 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)'
            cand --quiet 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)'
            cand --json 'Print JSON instead of text'
            cand --no-pager 'Print straight to the terminal: no pager for output longer than the screen'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'twerr;completions'= {
            cand --color 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)'
            cand -q 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)'
            cand --quiet 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)'
            cand --json 'Print JSON instead of text'
            cand --no-pager 'Print straight to the terminal: no pager for output longer than the screen'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'twerr;man'= {
            cand --color 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)'
            cand -q 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)'
            cand --quiet 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)'
            cand --json 'Print JSON instead of text'
            cand --no-pager 'Print straight to the terminal: no pager for output longer than the screen'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'twerr;version'= {
            cand --color 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)'
            cand -q 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)'
            cand --quiet 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)'
            cand --json 'Print JSON instead of text'
            cand --no-pager 'Print straight to the terminal: no pager for output longer than the screen'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'twerr;run'= {
            cand --retries 'Run the command again at most N times'
            cand --max-wait 'Wait at most this long before a run (for a reset or a backoff step): 90s, 15m, 1h'
            cand --backoff 'The first backoff step of an HTTP error (doubling after each failure), instead of X''s 5s; a retry-after header is a floor all the same'
            cand --deadline 'Bound the whole run, waits included: a wait that would pass it is not waited, and a command still running then is stopped (exit status 124)'
            cand --retry-on 'Retry only these verdicts: wait-for-reset, backoff (both by default)'
            cand --report 'Write the diagnosis of a failure that was not retried away to PATH, as JSON'
            cand -o 'Write the answer (the stdout of the attempt twerr returns) to FILE, not stdout'
            cand --output 'Write the answer (the stdout of the attempt twerr returns) to FILE, not stdout'
            cand --live-after 'A command still running after this long (a stream consumer) passes its output through as it comes, and is not run again once it has begun'
            cand --color 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)'
            cand --retry-writes 'Resend a write (POST, PUT, PATCH, DELETE) after a 5xx, a timeout or a cut connection, which may have carried it out (a rate limit is always resent)'
            cand --no-jitter 'Wait backoff steps exactly, with no random addition'
            cand --dry-run 'Print what would be retried and how long each wait would be, without running the command'
            cand -q 'Say nothing of twerr''s own on stderr (the command''s output still passes through)'
            cand --quiet 'Say nothing of twerr''s own on stderr (the command''s output still passes through)'
            cand --json 'Print JSON instead of text'
            cand --no-pager 'Print straight to the terminal: no pager for output longer than the screen'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'twerr;decide'= {
            cand --retries 'Run the command again at most N times'
            cand --max-wait 'Wait at most this long before a run (for a reset or a backoff step): 90s, 15m, 1h'
            cand --backoff 'The first backoff step of an HTTP error (doubling after each failure), instead of X''s 5s; a retry-after header is a floor all the same'
            cand --deadline 'Bound the whole run, waits included: a wait that would pass it is not waited, and a command still running then is stopped (exit status 124)'
            cand --retry-on 'Retry only these verdicts: wait-for-reset, backoff (both by default)'
            cand --history 'What the earlier steps left (the `history` of the last decision''s JSON)'
            cand --elapsed 'How long the calls and waits so far took (for --deadline)'
            cand --no-answer 'The call got no answer: the connection was refused, timed out or was cut'
            cand --color 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)'
            cand --retry-writes 'Resend a write (POST, PUT, PATCH, DELETE) after a 5xx, a timeout or a cut connection, which may have carried it out (a rate limit is always resent)'
            cand --no-jitter 'Wait backoff steps exactly, with no random addition'
            cand --write 'The call is a write (POST, PUT, PATCH, DELETE), whatever the text shows'
            cand --stream 'The call opens a stream, whatever the text shows'
            cand -q 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)'
            cand --quiet 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)'
            cand --json 'Print JSON instead of text'
            cand --no-pager 'Print straight to the terminal: no pager for output longer than the screen'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'twerr;help'= {
            cand list 'List the tables (all, or filtered)'
            cand search 'Search messages, descriptions and advice (every word must match, any case)'
            cand scan 'Summarise every error in a log of many responses (most frequent first)'
            cand endpoint 'What twerr knows of an endpoint: the auth it accepts, its documented rate limits, its v2 move, library methods; with no PATH, every endpoint of the table'
            cand completions 'Print the completion script for a shell'
            cand man 'Print the man page (roff)'
            cand version 'Print twerr''s version (as --version does); with --json, {"name", "version"}'
            cand run 'Run a command that calls the API; on a failure, wait out the reset or back off and run it again, within bounds'
            cand decide 'Decide whether a failed call should be made again and after how long, by the rules `run` follows: reads the failure, prints the decision (for wrappers)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'twerr;help;list'= {
        }
        &'twerr;help;search'= {
        }
        &'twerr;help;scan'= {
        }
        &'twerr;help;endpoint'= {
        }
        &'twerr;help;completions'= {
        }
        &'twerr;help;man'= {
        }
        &'twerr;help;version'= {
        }
        &'twerr;help;run'= {
        }
        &'twerr;help;decide'= {
        }
        &'twerr;help;help'= {
        }
    ]
    $completions[$command]
}
