#!/usr/bin/env python3
"""Writes the hostile inputs of the linear-time benchmark: each row is an input that is
ordinary in a real log (a bot failing the same way all night) or was found to make a
reader do superlinear work. Same name and size, same bytes.

Usage: hostile.py LIST                 prints the row names
       hostile.py NAME PATH SIZE_BYTES writes row NAME of about SIZE_BYTES to PATH
"""
import sys


def repeat(line):
    return lambda i: line


def numbered(fmt):
    return lambda i: fmt.format(i=i)


ROWS = {
    # the table
    "ruby-same-line": repeat("Twitter::Error::Forbidden: Status is a duplicate.\n"),
    "ruby-numbered": numbered("Twitter::Error::Forbidden: Status is a duplicate. {i}\n"),
    "remaining-header": repeat("x-rate-limit-remaining: 0\n"),
    "distinct-codes": numbered('{{"errors":[{{"code":{i},"message":"x"}}]}}\n'),
    "distinct-problem-types": numbered(
        '{{"type":"https://api.twitter.com/2/problems/p{i}' + "p" * 200 + '"}}\n'),
    "node-ref-fragments": repeat("{a:<ref *}"),
    "distinct-messages": numbered('{{"errors":[{{"message":"m{i}"}}]}}\n'),
    "alternating-status-lines": lambda i: "HTTP/2 429\n" if i % 2 else "HTTP/2 503\n",
    "bodies-on-one-line": repeat('{"errors":[{"code":88,"message":"Rate limit exceeded"}]}'),
    "unclosed-array": lambda i: "[" if i == 0 else '{"a":1},',
    "dense-errors": repeat('{"errors":[{"code":88,"message":"Rate limit exceeded"}]} HTTP/1.1 429 x\n'),
    # the developer's own: the new readers' worst cases
    "java-values-no-close": repeat("{a=1 "),
    "php-keys-flattened": numbered("[k{i}] => v "),
    "status-words": repeat("status code 403 "),
    "official-words": repeat("Rate limit exceeded - 88 "),
    "escaped-bodies": repeat('{\\"errors\\":[{\\"code\\":88}]} '),
    "error-classes": repeat("x.errors.Forbidden"),
    "json-log-records": numbered('{{"level":"error","msg":"Request failed with status code 429 #{i}"}}\n'),
    "long-word-lines": lambda i: "a" * 100000 + "\n",
    # a fuzz finding: Java values tried as literals and given back, at every level
    "java-values-given-back": repeat("{k=" * 40 + "1 x "),
    # the request readers (issue 16)
    "request-lines": repeat("> POST /1.1/statuses/update.json HTTP/1.1\n"),
    "api-urls": numbered("GET https://api.twitter.com/2/users/{i}/tweets?max_results=5 "),
    "library-calls": repeat("api.update_status(x) client.v2.tweet(y) "),
    "traceback-frames": numbered('  File "/v/site-packages/tweepy/client.py", line {i}, in create_tweet\n'),
    "authorization-headers": repeat("Authorization: Bearer AAAAAAAAAAAAAAAAAAAAAtoken\n"),
    # the readers by neighbourhood (issue 23), and openers repeated along one line
    "member-lines": repeat("    title: 'Client Forbidden',\n"),
    "status-variants-open": repeat("BadStatus(\n"),
    "numbers-at-line-end": repeat("failed: 401\n"),
    "limit-words-one-line": repeat("rate-limited "),
    "error-classes-one-line": repeat("Twitter::Error::Forbidden "),
    "bodies-in-a-list": repeat('[{"errors":[{"code":88}]},'),
    "ok-envelopes": repeat('{"ok":false,"error_code":429}\n'),
    "exception-heads": repeat("SomeError: 'Bad Request: x\n"),
    # issue 21's table: openers never closed, near-misses repeated, deep and long shapes
    "open-brackets": repeat("["),
    "php-var-dump-strings": repeat("[a]=>string(1) "),
    "escaped-json-opens": repeat('{\\"errors\\":[{'),
    "python-dict-opens": repeat("[{u'message': u'"),
    "node-error-opens": repeat("{ [Error: "),
    "deep-arrays": repeat("[1,"),
    "blank-lines": repeat("\n"),
    "long-request-line": lambda i: "> GET /1.1/" if i == 0 else "a/",
    "nested-chunked": None,  # written by nested_chunked()
}

# Rows whose bytes are one line: they are about a single long line.
ONE_LINE = {"bodies-on-one-line", "unclosed-array", "open-brackets", "php-var-dump-strings",
            "escaped-json-opens", "python-dict-opens", "node-error-opens", "deep-arrays",
            "long-request-line"}


def nested_chunked(size):
    """A chunked body inside a chunked body inside ... (a proxy's capture of a proxy's),
    as deep as the size allows: each level adds its header and its chunk framing. Built from
    the sizes inward, so that writing it is linear in its size."""
    inner = '{"errors":[{"code":88,"message":"Rate limit exceeded"}]}'
    head = "HTTP/1.1 429 Too Many Requests\r\nTransfer-Encoding: chunked\r\n\r\n"
    tail = "\r\n0\r\n\r\n"
    sizes = [len(head) + len(inner)]  # the data of level 1, then of each level around it
    while sizes[-1] < size:
        sizes.append(len(head) + len("%x\r\n" % sizes[-1]) + sizes[-1] + len(tail))
    prefixes = [head + "%x\r\n" % n for n in reversed(sizes[:-1])]
    return "".join(prefixes) + head + inner + tail * (len(sizes) - 1)


def write(name, path, size):
    make = ROWS[name]
    written = 0
    i = 0
    with open(path, "w") as f:
        if name == "nested-chunked":
            f.write(nested_chunked(size))
            return
        if name in ONE_LINE:
            # one line: these rows are about a single long line
            parts = []
            while written < size:
                s = make(i)
                parts.append(s)
                written += len(s)
                i += 1
            f.write("".join(parts) + "\n")
            return
        while written < size:
            s = make(i)
            f.write(s)
            written += len(s)
            i += 1


if __name__ == "__main__":
    if sys.argv[1:] == ["LIST"]:
        print("\n".join(ROWS))
    else:
        write(sys.argv[1], sys.argv[2], int(sys.argv[3]))
