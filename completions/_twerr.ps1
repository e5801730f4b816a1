
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'twerr' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'twerr'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'twerr' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Explain N as an API error code')
            [CompletionResult]::new('--code', '--code', [CompletionResultType]::ParameterName, 'Explain N as an API error code')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Explain N as an HTTP status (also the status an unlisted --code falls back to)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Explain N as an HTTP status (also the status an unlisted --code falls back to)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Explain a v2 problem type, by name or type URI')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Explain a v2 problem type, by name or type URI')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Read the response to diagnose from PATH instead of stdin (`-` is stdin)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the response to diagnose from PATH instead of stdin (`-` is stdin)')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Measure rate-limit resets from this time (epoch seconds, or RFC 3339: 2026-11-25T12:05:00Z) instead of the date header or clock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)')
            [CompletionResult]::new('--exit-verdict', '--exit-verdict', [CompletionResultType]::ParameterName, 'Exit with the retry verdict: 0 not-needed, 3 do-not-retry, 4 wait-for-reset, 5 backoff')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'One line per error: status, code or type, verdict, message (for logs and scripts)')
            [CompletionResult]::new('--oneline', '--oneline', [CompletionResultType]::ParameterName, 'One line per error: status, code or type, verdict, message (for logs and scripts)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print straight to the terminal: no pager for output longer than the screen')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the tables (all, or filtered)')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the tables (all, or filtered)')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search messages, descriptions and advice (every word must match, any case)')
            [CompletionResult]::new('scan', 'scan', [CompletionResultType]::ParameterValue, 'Summarise every error in a log of many responses (most frequent first)')
            [CompletionResult]::new('endpoint', 'endpoint', [CompletionResultType]::ParameterValue, 'What twerr knows of an endpoint: the auth it accepts, its documented rate limits, its v2 move, library methods; with no PATH, every endpoint of the table')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Print twerr''s version (as --version does); with --json, {"name", "version"}')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command that calls the API; on a failure, wait out the reset or back off and run it again, within bounds')
            [CompletionResult]::new('decide', 'decide', [CompletionResultType]::ParameterValue, 'Decide whether a failed call should be made again and after how long, by the rules `run` follows: reads the failure, prints the decision (for wrappers)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twerr;list' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Only the codes and problems that come with this HTTP status; a class (4xx) lists its statuses too')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only the codes and problems that come with this HTTP status; a class (4xx) lists its statuses too')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Only entries from this source')
            [CompletionResult]::new('--family', '--family', [CompletionResultType]::ParameterName, 'Only entries of this family (auth, rate-limit, permission, ...; `twerr man` lists them)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)')
            [CompletionResult]::new('--codes', '--codes', [CompletionResultType]::ParameterName, 'Only API error codes')
            [CompletionResult]::new('--statuses', '--statuses', [CompletionResultType]::ParameterName, 'Only HTTP statuses')
            [CompletionResult]::new('--problems', '--problems', [CompletionResultType]::ParameterName, 'Only v2 problem types')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print straight to the terminal: no pager for output longer than the screen')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'twerr;ls' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Only the codes and problems that come with this HTTP status; a class (4xx) lists its statuses too')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only the codes and problems that come with this HTTP status; a class (4xx) lists its statuses too')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Only entries from this source')
            [CompletionResult]::new('--family', '--family', [CompletionResultType]::ParameterName, 'Only entries of this family (auth, rate-limit, permission, ...; `twerr man` lists them)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)')
            [CompletionResult]::new('--codes', '--codes', [CompletionResultType]::ParameterName, 'Only API error codes')
            [CompletionResult]::new('--statuses', '--statuses', [CompletionResultType]::ParameterName, 'Only HTTP statuses')
            [CompletionResult]::new('--problems', '--problems', [CompletionResultType]::ParameterName, 'Only v2 problem types')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print straight to the terminal: no pager for output longer than the screen')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'twerr;search' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print straight to the terminal: no pager for output longer than the screen')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'twerr;scan' {
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Threads that read each log, in pieces cut between responses [default: the machine''s cores]; the summary is the same with any number')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Threads that read each log, in pieces cut between responses [default: the machine''s cores]; the summary is the same with any number')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print straight to the terminal: no pager for output longer than the screen')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'twerr;endpoint' {
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Only the endpoints of this API version')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print straight to the terminal: no pager for output longer than the screen')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'twerr;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print straight to the terminal: no pager for output longer than the screen')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'twerr;man' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print straight to the terminal: no pager for output longer than the screen')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'twerr;version' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print straight to the terminal: no pager for output longer than the screen')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'twerr;run' {
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Run the command again at most N times')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Wait at most this long before a run (for a reset or a backoff step): 90s, 15m, 1h')
            [CompletionResult]::new('--backoff', '--backoff', [CompletionResultType]::ParameterName, 'The first backoff step of an HTTP error (doubling after each failure), instead of X''s 5s; a retry-after header is a floor all the same')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound the whole run, waits included: a wait that would pass it is not waited, and a command still running then is stopped (exit status 124)')
            [CompletionResult]::new('--retry-on', '--retry-on', [CompletionResultType]::ParameterName, 'Retry only these verdicts: wait-for-reset, backoff (both by default)')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Write the diagnosis of a failure that was not retried away to PATH, as JSON')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the answer (the stdout of the attempt twerr returns) to FILE, not stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the answer (the stdout of the attempt twerr returns) to FILE, not stdout')
            [CompletionResult]::new('--live-after', '--live-after', [CompletionResultType]::ParameterName, 'A command still running after this long (a stream consumer) passes its output through as it comes, and is not run again once it has begun')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)')
            [CompletionResult]::new('--retry-writes', '--retry-writes', [CompletionResultType]::ParameterName, 'Resend a write (POST, PUT, PATCH, DELETE) after a 5xx, a timeout or a cut connection, which may have carried it out (a rate limit is always resent)')
            [CompletionResult]::new('--no-jitter', '--no-jitter', [CompletionResultType]::ParameterName, 'Wait backoff steps exactly, with no random addition')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be retried and how long each wait would be, without running the command')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Say nothing of twerr''s own on stderr (the command''s output still passes through)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Say nothing of twerr''s own on stderr (the command''s output still passes through)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print straight to the terminal: no pager for output longer than the screen')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'twerr;decide' {
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Run the command again at most N times')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Wait at most this long before a run (for a reset or a backoff step): 90s, 15m, 1h')
            [CompletionResult]::new('--backoff', '--backoff', [CompletionResultType]::ParameterName, 'The first backoff step of an HTTP error (doubling after each failure), instead of X''s 5s; a retry-after header is a floor all the same')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Bound the whole run, waits included: a wait that would pass it is not waited, and a command still running then is stopped (exit status 124)')
            [CompletionResult]::new('--retry-on', '--retry-on', [CompletionResultType]::ParameterName, 'Retry only these verdicts: wait-for-reset, backoff (both by default)')
            [CompletionResult]::new('--history', '--history', [CompletionResultType]::ParameterName, 'What the earlier steps left (the `history` of the last decision''s JSON)')
            [CompletionResult]::new('--elapsed', '--elapsed', [CompletionResultType]::ParameterName, 'How long the calls and waits so far took (for --deadline)')
            [CompletionResult]::new('--no-answer', '--no-answer', [CompletionResultType]::ParameterName, 'The call got no answer: the connection was refused, timed out or was cut')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: only on a terminal that is not TERM=dumb, and never when NO_COLOR is set)')
            [CompletionResult]::new('--retry-writes', '--retry-writes', [CompletionResultType]::ParameterName, 'Resend a write (POST, PUT, PATCH, DELETE) after a 5xx, a timeout or a cut connection, which may have carried it out (a rate limit is always resent)')
            [CompletionResult]::new('--no-jitter', '--no-jitter', [CompletionResultType]::ParameterName, 'Wait backoff steps exactly, with no random addition')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'The call is a write (POST, PUT, PATCH, DELETE), whatever the text shows')
            [CompletionResult]::new('--stream', '--stream', [CompletionResultType]::ParameterName, 'The call opens a stream, whatever the text shows')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stdout; only the exit status speaks (pair with --exit-verdict)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print straight to the terminal: no pager for output longer than the screen')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'twerr;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the tables (all, or filtered)')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search messages, descriptions and advice (every word must match, any case)')
            [CompletionResult]::new('scan', 'scan', [CompletionResultType]::ParameterValue, 'Summarise every error in a log of many responses (most frequent first)')
            [CompletionResult]::new('endpoint', 'endpoint', [CompletionResultType]::ParameterValue, 'What twerr knows of an endpoint: the auth it accepts, its documented rate limits, its v2 move, library methods; with no PATH, every endpoint of the table')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Print twerr''s version (as --version does); with --json, {"name", "version"}')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command that calls the API; on a failure, wait out the reset or back off and run it again, within bounds')
            [CompletionResult]::new('decide', 'decide', [CompletionResultType]::ParameterValue, 'Decide whether a failed call should be made again and after how long, by the rules `run` follows: reads the failure, prints the decision (for wrappers)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'twerr;help;list' {
            break
        }
        'twerr;help;search' {
            break
        }
        'twerr;help;scan' {
            break
        }
        'twerr;help;endpoint' {
            break
        }
        'twerr;help;completions' {
            break
        }
        'twerr;help;man' {
            break
        }
        'twerr;help;version' {
            break
        }
        'twerr;help;run' {
            break
        }
        'twerr;help;decide' {
            break
        }
        'twerr;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
