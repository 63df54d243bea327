"""Simulated customers: each chats through HTTP the way the support page's chat.js does.

A conversation loads the page (GET /, then GET /chat/thread), then sends messages one
at a time. After each send it follows the reply like chat.js: when the fragment holds a
pending reply it reads the reply's server-sent events until `end` (reconnecting with
Last-Event-ID a second after a dropped stream), which carries the final fragment (an
`end` without it, from an older server, makes it fetch the fragment instead); a
fragment that is still pending is streamed again, until the page's own deadline
(`data-timeout`) passes and the page would offer Retry. A design that answers within
the send (bare, naive) returns the finished reply in the send's fragment instead.

`customers` slots run at once for `duration` seconds; a slot whose conversation ends
starts a new one, so the number of concurrent conversations stays put. A customer
whose reply never came (or failed) leaves rather than carrying on. Once the duration
is over nobody sends again, but replies already on their way are followed to the end.

A browser keeps its connection to the server open between requests. gunicorn.conf.py
closes one after 10 s idle (`keepalive`), and a customer who thought for 10 s could send
on one just as it closes (a browser would then send again). The client reuses a
connection idle for up to 8 s, like a browser, and never one that may be closing.

Times: request latencies use time.perf_counter(); moments that are compared with the
model server's timings (sent, first text, final) use time.time(), as it does.
"""

import asyncio
import json
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field

import aiohttp

TOKEN_HEADER = "X-Chat-Token"
HTMX = {"HX-Request": "true"}
PENDING = re.compile(
    r'data-stream="(?P<stream>[^"]+)"\s+data-message="(?P<message>[^"]+)"\s+'
    r'data-timeout="(?P<timeout>\d+)"'
)
FAILED = 'class="bubble from-assistant failed"'
RECONNECT_SECONDS = 1.0  # chat.js waits this long before resuming a dropped stream
KEEPALIVE_SECONDS = 8.0  # under gunicorn.conf.py's 10 s keep-alive: see the module's docstring
QUESTIONS = [
    "how long does shipping take to my town",
    "can I return a tent I have already used once",
    "is the down sleeping bag warm enough for winter camping",
    "where is my order, it has been a week",
]


@dataclass(frozen=True)
class Plan:
    base_url: str
    customers: int
    messages: int
    think: tuple[float, float]  # seconds before each message, uniformly drawn
    duration: float
    ramp: float  # the slots start spread over this many seconds
    request_timeout: float  # htmx's timeout on the portal's page (60 s)
    tag: str  # in every question, so each one is unique across runs
    seed: int = 1


@dataclass
class Request:
    kind: str  # page, thread, send, stream, final
    started: float  # time.time()
    seconds: float  # to the last byte of the body; for a stream, to its headers
    status: int | None  # None: no response at all
    error: str | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None or self.status is None or self.status >= 400


@dataclass
class Reply:
    question: str
    sent_at: float  # time.time() as the send left
    answered_at: float | None = None  # the send's fragment arrived
    first_text_at: float | None = None  # first delta; else the fragment holding the reply
    final_at: float | None = None  # the final fragment arrived (in `end`, or fetched)
    outcome: str = "waiting"  # delivered | failed | late | send_failed | error
    streams: int = 0  # stream requests made for it (more than 1: reconnects)
    deltas: int = 0  # text pieces that arrived live, before the final fragment


@dataclass
class Results:
    requests: list[Request] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)
    conversations: int = 0
    endings: Counter = field(default_factory=Counter)  # how conversations ended
    started: float = 0.0
    ended: float = 0.0


class Customer:
    """One browser tab: its own connections (at most six, like a browser) and chat token."""

    def __init__(self, http: aiohttp.ClientSession, plan: Plan, results: Results, name: str):
        self.http, self.plan, self.results, self.name = http, plan, results, name
        self.token: str | None = None

    def headers(self, htmx: bool = True) -> dict[str, str]:
        headers = dict(HTMX) if htmx else {}
        if self.token:
            headers[TOKEN_HEADER] = self.token
        return headers

    async def fetch(
        self, kind: str, method: str, path: str, htmx: bool = True, data: dict | None = None
    ) -> tuple[int, str, dict] | None:
        """One request read to its end; None unless it answered 2xx."""
        started, clock = time.time(), time.perf_counter()
        record = Request(kind, started, 0.0, None)
        self.results.requests.append(record)
        try:
            async with self.http.request(
                method, path, headers=self.headers(htmx), data=data
            ) as response:
                body = await response.text()
                record.status = response.status
        except (aiohttp.ClientError, TimeoutError) as error:
            record.error = type(error).__name__
            return None
        finally:
            record.seconds = time.perf_counter() - clock
        if record.failed:
            return None
        return response.status, body, dict(response.headers)

    async def converse(self, stop_at: float, rng: random.Random) -> str:
        """The whole conversation; returns how it ended."""
        if not await self.fetch("page", "GET", "/", htmx=False):
            return "page failed"
        if not await self.fetch("thread", "GET", "/chat/thread"):
            return "page failed"
        for index in range(self.plan.messages):
            await asyncio.sleep(rng.uniform(*self.plan.think))  # reading, then typing
            if time.monotonic() >= stop_at:
                return "cut by the end of the run"
            topic = QUESTIONS[index % len(QUESTIONS)]
            reply = await self.send(f"Hello, {self.name} message {index + 1}: {topic}?")
            if reply.outcome != "delivered":
                return "left without an answer"
        return "all answered"

    async def send(self, question: str) -> Reply:
        reply = Reply(question, sent_at=time.time())
        self.results.replies.append(reply)
        sent = await self.fetch("send", "POST", "/chat/messages", data={"message": question})
        if sent is None:
            reply.outcome = "send_failed"
            return reply
        _, body, headers = sent
        reply.answered_at = time.time()
        self.token = headers.get(TOKEN_HEADER) or self.token
        pending = PENDING.search(body)
        if pending is None:  # the reply came whole, inside the send's fragment
            reply.first_text_at = reply.final_at = reply.answered_at
            reply.outcome = "failed" if FAILED in body else "delivered"
            return reply
        await self.follow(reply, pending)
        return reply

    async def follow(self, reply: Reply, pending: re.Match) -> None:
        """chat.js's streamReply: stream to `end` and show the fragment it brings (else fetch
        it), until final or late."""
        while True:
            give_up_at = time.monotonic() + int(pending["timeout"])
            last_id = None
            while True:
                remaining = give_up_at - time.monotonic()
                if remaining <= 0:
                    reply.outcome = "late"  # the page now offers Retry
                    return
                ended, last_id, body = await self.stream(
                    reply, pending["stream"], last_id, remaining
                )
                if ended:
                    break
                await asyncio.sleep(RECONNECT_SECONDS)
            if not body:  # an `end` without the fragment: fetch it, as chat.js does
                final = await self.fetch("final", "GET", pending["message"])
                if final is None:
                    reply.outcome = "error"
                    return
                body = final[1]
            still_pending = PENDING.search(body)
            if still_pending is None:
                reply.final_at = time.time()
                if reply.first_text_at is None:  # nothing came live: the text shows now
                    reply.first_text_at = reply.final_at
                reply.outcome = "failed" if FAILED in body else "delivered"
                return
            pending = still_pending  # chat.js streams the new pending element again

    async def stream(
        self, reply: Reply, path: str, last_id: str | None, timeout: float
    ) -> tuple[bool, str | None, str]:
        """Read one event stream; (saw `end`, last event id, the fragment `end` carried)."""
        headers = {"Accept": "text/event-stream", **self.headers(htmx=False)}
        if last_id:
            headers["Last-Event-ID"] = last_id
        reply.streams += 1
        started, clock = time.time(), time.perf_counter()
        record = Request("stream", started, 0.0, None)
        self.results.requests.append(record)
        event: dict[str, str] = {}
        try:
            limit = aiohttp.ClientTimeout(total=timeout)
            async with self.http.get(path, headers=headers, timeout=limit) as response:
                record.status = response.status
                record.seconds = time.perf_counter() - clock
                if response.status != 200:
                    return False, last_id, ""
                async for raw in response.content:
                    line = raw.decode().rstrip("\r\n")
                    if line.startswith(":"):
                        continue  # keep-alive comment
                    if line:
                        name, _, value = line.partition(": ")
                        event[name] = value
                        continue
                    last_id = event.get("id", last_id)
                    if event.get("event") == "delta":
                        reply.deltas += 1
                        reply.first_text_at = reply.first_text_at or time.time()
                    elif event.get("event") == "end":
                        return True, last_id, json.loads(event.get("data") or '""')
                    event = {}
        except TimeoutError:
            return False, last_id, ""  # the page's own deadline: not the server's fault
        except aiohttp.ClientError as error:
            record.error = type(error).__name__
        if record.status == 200 and record.error is None:
            record.error = "closed before end"
        return False, last_id, ""


async def _slot(plan: Plan, number: int, results: Results, stop_at: float) -> None:
    rng = random.Random(plan.seed * 100_003 + number)
    await asyncio.sleep(plan.ramp * number / plan.customers)
    conversation = 0
    timeout = aiohttp.ClientTimeout(total=plan.request_timeout)
    while time.monotonic() < stop_at:
        conversation += 1
        results.conversations += 1
        name = f"customer {number + 1}.{conversation} [{plan.tag}]"
        connector = aiohttp.TCPConnector(limit=6, keepalive_timeout=KEEPALIVE_SECONDS)
        async with aiohttp.ClientSession(
            plan.base_url, connector=connector, timeout=timeout
        ) as http:
            ending = await Customer(http, plan, results, name).converse(stop_at, rng)
            results.endings[ending] += 1


async def _run(plan: Plan) -> Results:
    results = Results(started=time.time())
    stop_at = time.monotonic() + plan.duration
    await asyncio.gather(*(_slot(plan, n, results, stop_at) for n in range(plan.customers)))
    results.ended = time.time()
    return results


def run(plan: Plan) -> Results:
    return asyncio.run(_run(plan))
