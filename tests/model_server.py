"""A local OpenAI-compatible Chat Completions server for tests and benchmarks.

It records every request body it receives, so tests assert on what the model was
actually sent, and answers with scripted replies (or a default that echoes the
question). Run by the `model_server` fixture on a free loopback port.

- `"stream": true` requests get server-sent events shaped like OpenAI's, one word a chunk.
- `pace()` makes replies as slow as a real model (time to first token, chunks a second).
- `reply_with()` queues replies and `Fault`s in one FIFO (`fail_with()` is the same queue,
  named for readability), so a test scripts "fail once, then succeed".
- `timings[i]` says when request `i` arrived, got its first token and finished.

Standalone, for benchmarks (prints its URL, serves until SIGINT/SIGTERM):

    python -m tests.model_server --port 8765 --ttft 1.0 --tokens-per-second 50 --reply-words 100
"""

import argparse
import json
import re
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from socket import SHUT_RDWR

DEFAULT_REPLY = "Thanks for your question: {question}"
# Pads the default reply to `reply_words` words, so a benchmark gets realistic lengths.
FILLER = "Here is a little more detail about that, sent a word at a time like a real model."


@dataclass(frozen=True)
class Fault:
    """A scripted failure, queued with `reply_with`/`fail_with` and used by one request.

    Build one with the constructors. A request that meets it waits `delay` seconds, then:
    closes the connection without answering (`close`); or answers `status` with the
    OpenAI-shaped body `{"error": error}` and `headers`; or, with `cut_after`, sends the first
    `cut_after` chunks of `reply` and closes the connection mid-body; or else answers `reply`
    (None: the default reply) normally.
    """

    status: int | None = None
    error: dict | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    close: bool = False
    reply: str | None = None
    cut_after: int | None = None

    @classmethod
    def http_error(
        cls,
        status: int,
        message: str,
        error_type: str,
        code: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> "Fault":
        """An error response; the client raises the class it maps `status` to."""
        error = {"message": message, "type": error_type, "param": None, "code": code}
        return cls(status=status, error=error, headers=dict(headers or {}))

    @classmethod
    def rate_limited(cls, retry_after: float | None = 1) -> "Fault":
        """429 `rate_limit_exceeded`, as OpenAI answers a requests-per-minute limit."""
        headers = {} if retry_after is None else {"retry-after": f"{retry_after:g}"}
        message = "Rate limit reached for requests. Please try again in 1s."
        return cls.http_error(429, message, "requests", "rate_limit_exceeded", headers)

    @classmethod
    def insufficient_quota(cls) -> "Fault":
        """429 `insufficient_quota`: same status as a rate limit, but retrying cannot help."""
        message = "You exceeded your current quota, please check your plan and billing details."
        return cls.http_error(429, message, "insufficient_quota", "insufficient_quota")

    @classmethod
    def unauthorized(cls) -> "Fault":
        """401 `invalid_api_key`."""
        message = "Incorrect API key provided."
        return cls.http_error(401, message, "invalid_request_error", "invalid_api_key")

    @classmethod
    def server_error(cls, status: int = 500) -> "Fault":
        """500/502/503: the model's side failed."""
        message = "The server had an error while processing your request. Sorry about that!"
        return cls.http_error(status, message, "server_error")

    @classmethod
    def hang(cls, seconds: float, reply: str | None = None, close: bool = False) -> "Fault":
        """Say nothing for `seconds`, then answer `reply` (None: default) or just `close`."""
        return cls(delay=seconds, reply=reply, close=close)

    @classmethod
    def cut_stream(cls, reply: str, after_chunks: int) -> "Fault":
        """Send `after_chunks` content chunks of `reply`, then drop the connection."""
        return cls(reply=reply, cut_after=after_chunks)


@dataclass
class Timing:
    """When one request arrived, its first content chunk was written and its answer ended."""

    question: str  # the last user message, to match a request with what a browser showed
    received_at: float  # time.time() values throughout
    first_token_at: float | None = None  # None when no content was sent (faults)
    finished_at: float | None = None  # None when the connection was dropped


class ModelServer:
    def __init__(self, host: str = "127.0.0.1", port: int = 0, reply_words: int = 0) -> None:
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        self.timings: list[Timing] = []  # parallel to `requests`
        self.reply_words = reply_words  # pad the default reply to this many words
        self._replies: deque[str | Fault] = deque()
        self._ttft = 0.0
        self._tokens_per_second: float | None = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = _HTTPServer((host, port), _handler_for(self))
        # A short poll interval: stop() waits for the serving loop to notice.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> "ModelServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; handlers still hanging or pacing wake up and drop their connection."""
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def reset(self) -> None:
        """Forget requests, queued replies and faults, and pacing."""
        with self._lock:
            self.requests.clear()
            self.headers.clear()
            self.timings.clear()
            self._replies.clear()
            self._ttft, self._tokens_per_second = 0.0, None

    def reply_with(self, *items: "str | Fault") -> None:
        """Queue replies and faults, used in order; when they run out the default reply is used."""
        with self._lock:
            self._replies.extend(items)

    def fail_with(self, *faults: Fault) -> None:
        """Queue faults (the same FIFO as `reply_with`)."""
        self.reply_with(*faults)

    def pace(self, ttft: float = 0.0, tokens_per_second: float | None = None) -> None:
        """Wait `ttft` seconds before the first content chunk, then send `tokens_per_second`
        chunks a second (None: all at once). A non-stream reply waits as long in total."""
        with self._lock:
            self._ttft, self._tokens_per_second = ttft, tokens_per_second

    # What tests read back -------------------------------------------------
    @property
    def last_messages(self) -> list[dict]:
        return self.requests[-1]["messages"]

    def system_prompt(self, index: int = -1) -> str:
        return self.requests[index]["messages"][0]["content"]

    def customer_message(self, index: int = -1) -> dict:
        """Request `index`'s last user message (the rules' reminder follows it)."""
        return [m for m in self.requests[index]["messages"] if m["role"] == "user"][-1]

    def all_text(self) -> str:
        """Everything any request contained, for "never sent" assertions."""
        return json.dumps(self.requests, ensure_ascii=False)

    # Used by the handler ---------------------------------------------------
    def _receive(self, body: dict, headers: Mapping[str, str]) -> "tuple[str | Fault, Timing]":
        """Record a request and take what to answer with."""
        timing = Timing(_last_user_text(body), received_at=time.time())
        with self._lock:
            self.requests.append(body)
            self.headers.append({k.lower(): v for k, v in headers.items()})
            self.timings.append(timing)
            item = self._replies.popleft() if self._replies else None
        return (self._default_reply(body) if item is None else item), timing

    def _default_reply(self, body: dict) -> str:
        reply = DEFAULT_REPLY.format(question=_last_user_text(body))
        words, filler = reply.split(), FILLER.split()
        if len(words) >= self.reply_words:
            return reply
        return " ".join(
            words + [filler[i % len(filler)] for i in range(self.reply_words - len(words))]
        )

    def _sleep(self, seconds: float) -> bool:
        """Sleep, but wake at `stop()` so no handler outlives the server; False if stopping."""
        return not self._stopping.wait(max(0.0, seconds))


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # else server_close() joins every handler, even a hanging one
    request_queue_size = 1024  # benchmarks open ~200 streams at once

    def handle_error(self, request, client_address) -> None:
        # Clients hanging up mid-answer (timeouts, benchmarks) are expected, not errors.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _pieces(text: str) -> list[str]:
    """Split a reply into streamed chunks: one word and its following whitespace each."""
    return re.findall(r"^\s+|\S+\s*", text)


def _last_user_text(body: dict) -> str:
    users = [m for m in body.get("messages", []) if m.get("role") == "user"]
    content = users[-1].get("content") if users else ""
    return content if isinstance(content, str) else json.dumps(content)


def _usage(body: dict, reply: str) -> dict:
    # Rough counts (4 characters a token) so stored usage is plausible and non-zero.
    prompt = sum(len(m.get("content") or "") for m in body["messages"]) // 4 + 1
    completion = len(reply) // 4 + 1
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }


def _handler_for(server: ModelServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # each chunk leaves at once, so timings are honest

        def log_message(self, format, *args):  # keep test output quiet
            pass

        def do_POST(self) -> None:
            if self.path.rstrip("/") != "/v1/chat/completions":
                self._json(
                    404, {"error": {"message": "not found", "type": "invalid_request_error"}}
                )
                return
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            start = time.monotonic()  # pacing counts from here, like a model's latency
            item, timing = server._receive(body, self.headers)
            reply, cut_after = item, None
            if isinstance(item, Fault):
                if not server._sleep(item.delay) or item.close:
                    self._drop()
                    return
                if item.status:
                    timing.finished_at = time.time()
                    self._json(item.status, {"error": item.error}, item.headers)
                    return
                start = time.monotonic()  # a slow reply after a hang is paced as usual
                reply = server._default_reply(body) if item.reply is None else item.reply
                cut_after = item.cut_after
            if body.get("stream"):
                self._stream(body, reply, timing, start, cut_after)
            else:
                self._complete(body, reply, timing, start, cut_after)

        def _complete(self, body: dict, reply: str, timing: Timing, start: float, cut: int | None):
            ttft, rate = server._ttft, server._tokens_per_second
            due = start + ttft + (len(_pieces(reply)) / rate if rate else 0)
            if not server._sleep(due - time.monotonic()):
                self._drop()
                return
            data = json.dumps(_completion(body, reply)).encode()
            timing.first_token_at = time.time()
            if cut is not None:  # promise the whole body, send half of it
                self._send_head(200, "application/json", {"Content-Length": str(len(data))})
                self.wfile.write(data[: len(data) // 2])
                self._drop()
                return
            timing.finished_at = timing.first_token_at
            self._json(200, data)

        def _stream(self, body: dict, reply: str, timing: Timing, start: float, cut: int | None):
            # Chunked encoding: the client sees the end of the stream (and a cut) exactly.
            self._send_head(200, "text/event-stream", {"Transfer-Encoding": "chunked"})
            include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
            base = {
                "id": f"chatcmpl-test-{id(timing):x}",
                "object": "chat.completion.chunk",
                "created": int(timing.received_at),
                "model": body.get("model", "test-model"),
                "system_fingerprint": None,
            }
            if include_usage:  # OpenAI then sends "usage": null on every chunk but the last
                base["usage"] = None

            def chunk(delta: dict, finish_reason: str | None = None) -> dict:
                choice = {"index": 0, "delta": delta, "logprobs": None}
                return {**base, "choices": [{**choice, "finish_reason": finish_reason}]}

            ttft, rate = server._ttft, server._tokens_per_second
            self._event(chunk({"role": "assistant", "content": ""}))
            for i, piece in enumerate(_pieces(reply)):
                if i == cut:
                    self._drop()
                    return
                # Due times count from the request, so slow writes do not add up.
                due = start + ttft + (i / rate if rate else 0)
                if not server._sleep(due - time.monotonic()):
                    self._drop()
                    return
                if i == 0:  # times are taken just before writing: a client may act at once
                    timing.first_token_at = time.time()
                self._event(chunk({"content": piece}))
            if cut is not None:  # the reply had no more than `cut` chunks
                self._drop()
                return
            self._event(chunk({}, "stop"))
            if include_usage:
                self._event({**base, "choices": [], "usage": _usage(body, reply)})
            timing.finished_at = time.time()
            self._event("[DONE]")
            self.wfile.write(b"0\r\n\r\n")  # last chunk of the chunked body

        def _event(self, data: dict | str) -> None:
            text = data if isinstance(data, str) else json.dumps(data)
            payload = f"data: {text}\n\n".encode()
            # One write per event: chunk size line, event, chunk end.
            self.wfile.write(b"%X\r\n%s\r\n" % (len(payload), payload))

        def _drop(self) -> None:
            # Close the TCP connection (FIN) mid-answer: the client sees an incomplete response.
            self.close_connection = True
            try:
                self.connection.shutdown(SHUT_RDWR)
            except OSError:
                pass

        def _send_head(self, status: int, content_type: str, headers: Mapping[str, str]):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()

        def _json(
            self, status: int, payload: dict | bytes, headers: Mapping[str, str] | None = None
        ):
            data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
            length = {"Content-Length": str(len(data))}
            self._send_head(status, "application/json", {**(headers or {}), **length})
            self.wfile.write(data)

    return Handler


def _completion(body: dict, reply: str) -> dict:
    return {
        "id": f"chatcmpl-test-{len(reply)}",
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model", "test-model"),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": reply},
                "finish_reason": "stop",
            }
        ],
        "usage": _usage(body, reply),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve a paced fake OpenAI Chat Completions API.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument("--ttft", type=float, default=0.0, help="seconds to the first token")
    parser.add_argument("--tokens-per-second", type=float, default=None, help="default: no limit")
    parser.add_argument("--reply-words", type=int, default=0, help="pad replies to N words")
    args = parser.parse_args(argv)

    server = ModelServer(args.host, args.port, reply_words=args.reply_words).start()
    server.pace(args.ttft, args.tokens_per_second)
    stopping = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stopping.set())
    print(server.url, flush=True)
    while not stopping.wait(0.5):  # a timeout keeps the main thread responsive to signals
        pass
    server.stop()


if __name__ == "__main__":
    main()
