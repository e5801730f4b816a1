#!/usr/bin/env python3
"""Writes a deterministic synthetic API log of SIZE MiB to PATH: about a third of its lines
are the real failure shapes twerr reads (v1.1 bodies, curl -i responses, v2 problems, tweepy
and curl --fail lines, partial errors), the rest log noise. Same seed, same bytes.
Usage: gen_log.py PATH SIZE_MIB"""
import random
import sys

SHAPES = [
    '{"errors":[{"code":187,"message":"Status is a duplicate."}]}\n',
    '{"errors":[{"message":"Rate limit exceeded","code":88}]}\n',
    'HTTP/2 429\r\ndate: Wed, 25 Nov 2026 10:00:03 GMT\r\nx-rate-limit-limit: 900\r\n'
    'x-rate-limit-remaining: 0\r\nx-rate-limit-reset: 1795605300\r\ncontent-type: application/json\r\n\r\n'
    '{"errors":[{"code":88,"message":"Rate limit exceeded"}]}\n',
    '{"title":"UsageCapExceeded","detail":"Usage cap exceeded: Monthly product cap","type":'
    '"https://api.twitter.com/2/problems/usage-capped","period":"Monthly","scope":"Product","status":429}\n',
    'tweepy.errors.Forbidden: 403 Forbidden\n187 - Status is a duplicate.\n',
    'curl: (22) The requested URL returned error: 503\n',
    '{"data":[{"id":"1460323737035677698","text":"Introducing a new era"}],"errors":[{"value":"1",'
    '"detail":"Could not find tweet with ids: [1].","title":"Not Found Error","resource_type":"tweet",'
    '"parameter":"ids","resource_id":"1","type":"https://api.twitter.com/2/problems/resource-not-found"}]}\n',
]
NOISE = [
    '2026-11-25T10:00:{:02d}Z INFO worker {} processed batch {} in {} ms\n',
    '2026-11-25T10:01:{:02d}Z DEBUG GET /2/tweets?ids={} -> 200 ({} bytes, {} ms)\n',
]


def chunk(rng, size):
    out, n = [], 0
    while n < size:
        if rng.random() < 0.3:
            s = rng.choice(SHAPES)
        else:
            s = rng.choice(NOISE).format(rng.randrange(60), rng.randrange(100), rng.randrange(10**6), rng.randrange(1000))
        out.append(s)
        n += len(s)
    return "".join(out).encode()


def main():
    path, mib = sys.argv[1], int(sys.argv[2])
    piece = chunk(random.Random(7), 1 << 20)
    with open(path, "wb") as f:
        for _ in range(mib):
            f.write(piece)


if __name__ == "__main__":
    main()
