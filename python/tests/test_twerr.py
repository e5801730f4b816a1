"""The Python package end to end: the installed twerr binary behind it, real requests,
httpx and tweepy against the loopback fake of X in conftest.py."""

from __future__ import annotations

import asyncio
import json
import subprocess
import time
import urllib.error
import urllib.request

import httpx
import pytest
import requests

import twerr
from conftest import duplicate, need, ok, over_capacity, rate_limited


def test_lookup_explains_a_code_and_a_problem_type():
    entry = twerr.lookup(187)
    assert entry.errors[0].code == 187
    assert entry.errors[0].verdict == "do-not-retry"
    assert "Status is a duplicate" in str(entry)
    capped = twerr.lookup("usage-capped")
    assert capped.errors[0].raw["problem"]["name"] == "usage-capped"


def test_a_rate_limit_with_a_reset_two_seconds_away_is_waited_out(fake):
    x = fake(rate_limited(2), ok)
    seen = []

    @twerr.retry(on_attempt=seen.append)
    def get():
        r = requests.get(x.url("/2/tweets/1"), timeout=10)
        r.raise_for_status()
        return r.json()["data"]["text"]

    started = time.monotonic()
    assert get() == "hi"
    assert time.monotonic() - started >= 2
    assert len(x.requests) == 2
    assert [(a.decision, a.rule, a.diagnosis.status) for a in seen] == [("again", "reset", 429)]


def tweepy_client(base: str, monkeypatch):
    tweepy = need("tweepy")
    send = requests.Session.request

    def to_fake(self, method, url, *args, **kwargs):
        for host in ("https://api.x.com", "https://api.twitter.com"):
            url = url.replace(host, base)
        return send(self, method, url, *args, **kwargs)

    monkeypatch.setattr(requests.Session, "request", to_fake)
    client = tweepy.Client(
        bearer_token="t", consumer_key="k", consumer_secret="s", access_token="a", access_token_secret="b"
    )
    return tweepy, client


def test_a_duplicate_from_tweepy_raises_at_once(fake, monkeypatch):
    x = fake(duplicate, ok)
    tweepy, client = tweepy_client(x.base, monkeypatch)
    with pytest.raises(tweepy.errors.Forbidden):
        twerr.retry(client.create_tweet)(text="the same again")
    assert [(m, p) for m, p, _ in x.requests] == [("POST", "/2/tweets")]


def test_a_503_is_backed_off_with_tweepy_and_httpx(fake, monkeypatch):
    x = fake(over_capacity, ok)
    _, client = tweepy_client(x.base, monkeypatch)
    assert twerr.retry(client.get_tweet, backoff=0.05)(1).data.text == "hi"
    y = fake(over_capacity, over_capacity, ok)

    def get():
        return httpx.get(y.url("/2/tweets/1"), timeout=10).raise_for_status().json()

    assert twerr.retry(get, backoff=0.05)()["data"]["id"] == "1"
    assert len(y.requests) == 3


def test_a_write_answered_503_is_not_resent(fake):
    x = fake(over_capacity, ok)

    def post():
        requests.post(x.url("/2/tweets"), json={"text": "hi"}, timeout=10).raise_for_status()

    with pytest.raises(requests.HTTPError):
        twerr.retry(post, backoff=0.05)()
    assert len(x.requests) == 1
    twerr.retry(post, backoff=0.05, retry_writes=True)()
    assert len(x.requests) == 2


def test_a_usage_cap_with_no_reset_raises(fake):
    body = json.dumps(
        {
            "title": "UsageCapExceeded",
            "detail": "Usage cap exceeded: Monthly product cap",
            "type": "https://api.twitter.com/2/problems/usage-capped",
            "period": "Monthly",
            "scope": "Product",
        }
    )
    x = fake(lambda: (429, [], body), ok)
    with pytest.raises(httpx.HTTPStatusError) as caught:
        twerr.retry(lambda: httpx.get(x.url("/2/tweets/search/recent"), timeout=10).raise_for_status())()
    assert len(x.requests) == 1
    d = twerr.diagnose(caught.value)
    assert (d.status, d.verdict) == (429, "do-not-retry")


def test_the_diagnosis_matches_twerr_json_on_the_same_response(fake):
    date = "Wed, 25 Nov 2026 12:00:00 GMT"
    headers = [("date", date), ("x-rate-limit-limit", "50"), ("x-rate-limit-remaining", "0"), ("x-rate-limit-reset", "1795608300")]
    answer = lambda: (429, headers, '{"errors":[{"code":88,"message":"Rate limit exceeded"}]}')  # noqa: E731
    x = fake(answer, answer)
    response = requests.get(x.url("/2/users/me"), timeout=10)
    d = twerr.diagnose(response)
    raw = subprocess.run(["curl", "-si", x.url("/2/users/me")], capture_output=True, check=True).stdout
    cli = json.loads(subprocess.run([twerr.binary(), "--json"], input=raw, capture_output=True).stdout)
    assert d.status == cli["status"]["code"] == 429
    assert [e.code for e in d.errors] == [e["code"] for e in cli["errors"]] == [88]
    assert d.retry.verdict == cli["retry"]["verdict"] == "wait-for-reset"
    assert d.retry.wait_seconds == cli["retry"]["wait_seconds"] == 300
    assert d.rate_limit["reset"] == cli["rate_limit"]["reset"]
    assert d.request["method"] == "GET" and d.request["path"] == "/2/users/me"


def test_an_urllib_http_error_is_read_once_and_diagnosed(fake):
    x = fake(duplicate)
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(x.url("/2/tweets"), timeout=10)
    assert twerr.diagnose(caught.value).errors[0].code == 187
    assert twerr.diagnose(caught.value).errors[0].code == 187


def test_the_async_wrapper_awaits_its_waits(fake):
    x = fake(over_capacity, ok)

    async def get():
        async with httpx.AsyncClient() as client:
            r = await client.get(x.url("/2/tweets/1"), timeout=10)
            return r.raise_for_status().json()["data"]["text"]

    assert asyncio.run(twerr.retry(get, backoff=0.05)()) == "hi"
    assert len(x.requests) == 2


def test_an_error_that_is_no_failed_call_passes_through():
    calls = []

    @twerr.retry
    def broken():
        calls.append(1)
        raise KeyError("not an API error")

    with pytest.raises(KeyError):
        broken()
    assert calls == [1]


def test_tweepys_async_client_is_retried_and_its_187_raised(fake, monkeypatch):
    asynchronous = need("tweepy.asynchronous")
    aiohttp = need("aiohttp")
    x = fake(over_capacity, ok, duplicate)
    send = aiohttp.ClientSession._request

    def to_fake(self, method, url, *args, **kwargs):
        for host in ("https://api.x.com", "https://api.twitter.com"):
            url = str(url).replace(host, x.base)
        return send(self, method, url, *args, **kwargs)

    monkeypatch.setattr(aiohttp.ClientSession, "_request", to_fake)
    client = asynchronous.AsyncClient(
        bearer_token="t", consumer_key="k", consumer_secret="s", access_token="a", access_token_secret="b"
    )

    async def both():
        tweet = await twerr.retry(client.get_tweet, backoff=0.05)(1)
        with pytest.raises(Exception) as caught:
            await twerr.retry(client.create_tweet)(text="again")
        return tweet, caught.value

    tweet, error = asyncio.run(both())
    assert tweet.data.text == "hi"
    assert twerr.diagnose(error).errors[0].code == 187
    assert [m for m, _, _ in x.requests] == ["GET", "GET", "POST"]


def test_a_wait_past_the_deadline_is_not_waited(fake):
    x = fake(over_capacity, ok)
    seen = []

    def get():
        httpx.get(x.url("/2/tweets/1"), timeout=10).raise_for_status()

    started = time.monotonic()
    with pytest.raises(httpx.HTTPStatusError):
        twerr.retry(get, deadline=1, on_attempt=seen.append)()
    assert time.monotonic() - started < 1
    assert len(x.requests) == 1
    assert seen[0].decision == "stop" and "--deadline" in seen[0].why
