#!/usr/bin/env python3
"""Writes a large v2 lookup response as `curl -i` prints it: the status line and headers,
then one JSON body of posts (ordinary text with emoji in it) and the partial errors a
lookup of deleted or protected posts returns beside them. Same arguments, same bytes.

Usage: v2_response.py PATH [POSTS [ERRORS]]   defaults 4900 posts and 200 errors (about 1 MiB)
                        the body alone goes to PATH.body, for jq
"""
import json
import sys

EMOJI = ["\U0001F600", "\U0001F680", "\u2764\ufe0f", "\U0001F389", "\U0001F44D"]


def body(posts, errors):
    data = []
    for i in range(posts):
        data.append({
            "id": str(1500000000000000000 + i),
            "text": f"Post number {i} about the launch {EMOJI[i % len(EMOJI)]} see you there",
            "author_id": str(2244994945 + i % 97),
            "created_at": "2026-11-30T12:00:00.000Z",
            "edit_history_tweet_ids": [str(1500000000000000000 + i)],
        })
    errs = []
    for i in range(errors):
        pid = str(1600000000000000000 + i)
        errs.append({
            "value": pid,
            "detail": f"Could not find tweet with ids: [{pid}].",
            "title": "Not Found Error",
            "resource_type": "tweet",
            "parameter": "ids",
            "resource_id": pid,
            "type": "https://api.twitter.com/2/problems/resource-not-found",
        })
    return json.dumps({"data": data, "errors": errs}, ensure_ascii=False, separators=(",", ":"))


def main():
    path = sys.argv[1]
    posts = int(sys.argv[2]) if len(sys.argv) > 2 else 4900
    errors = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    text = body(posts, errors)
    head = (
        "HTTP/2 200\r\n"
        "content-type: application/json; charset=utf-8\r\n"
        "x-rate-limit-limit: 900\r\n"
        "x-rate-limit-remaining: 899\r\n"
        "x-rate-limit-reset: 1764590400\r\n"
        f"content-length: {len(text.encode())}\r\n"
        "\r\n"
    )
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + text + "\n")
    with open(path + ".body", "w", encoding="utf-8") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    main()
