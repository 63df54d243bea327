"""The model, reached through the official `openai` client (any OpenAI-compatible server).

Replies are streamed. Failures are sorted into three kinds, because each gets its own
treatment: `ModelUnavailable` (quota, credentials: retrying will not help),
`ModelFailed` (errors and timeouts that outlasted the retry budget) and
`StreamInterrupted` (the stream broke off after some text arrived).
"""

import json
import os
import time
from collections.abc import Iterator, Mapping
from functools import lru_cache

import httpx2
from openai import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    OpenAI,
    OpenAIError,
    PermissionDeniedError,
    RateLimitError,
)
from tenacity import Retrying, retry_if_exception, stop_before_delay, wait_exponential_jitter

from app import metrics


class ModelUnavailable(Exception):
    """The model refuses us until someone fixes the account: do not retry."""


class ModelFailed(Exception):
    """Transient errors or timeouts lasted longer than the reply's time budget."""


class StreamInterrupted(Exception):
    """The stream broke off (or ran out of time) after some text had arrived."""


def is_unavailable(error: BaseException) -> bool:
    if isinstance(error, AuthenticationError | PermissionDeniedError):
        return True
    return isinstance(error, RateLimitError) and error.code == "insufficient_quota"


def is_transient(error: BaseException) -> bool:
    """429 (but not quota), 5xx, timeouts and connection errors are worth another try."""
    if is_unavailable(error):
        return False
    if isinstance(error, APIStatusError):
        return error.status_code == 429 or error.status_code >= 500
    return isinstance(error, APIConnectionError)  # includes APITimeoutError


def error_kind(error: BaseException) -> str:
    """A failed call's kind, for the metrics (portal_model_errors_total)."""
    if isinstance(error, AuthenticationError | PermissionDeniedError):
        return "auth"
    if isinstance(error, RateLimitError) and error.code == "insufficient_quota":
        return "quota"
    if isinstance(error, APIStatusError):
        if error.status_code == 429:
            return "rate_limit"
        return "server" if error.status_code >= 500 else "rejected"
    if isinstance(error, APITimeoutError | httpx2.TimeoutException):
        return "timeout"
    if isinstance(error, APIConnectionError | httpx2.HTTPError):
        return "connection"
    if isinstance(error, ModelFailed):
        return "deadline"  # no time left for another attempt
    return "stream"  # a malformed chunk, an error sent in the stream


def _server_wait(retry_state) -> float:
    """The server's retry-after when it gives one, else exponential backoff with jitter."""
    error = retry_state.outcome.exception()
    if isinstance(error, APIStatusError):
        retry_after = error.response.headers.get("retry-after")
        if retry_after and retry_after.replace(".", "", 1).isdigit():
            return float(retry_after)
    return wait_exponential_jitter(multiplier=0.5, max=8)(retry_state)


@lru_cache(maxsize=4)
def _client(api_key: str, base_url: str | None, pid: int) -> OpenAI:
    # Retries are ours (bounded by the reply's deadline, never on quota errors), so
    # the client's own are off.
    return OpenAI(api_key=api_key, base_url=base_url, max_retries=0)


def make_client(config: Mapping) -> OpenAI:
    """One client per process, kept: building one (and its TLS context) is costly.

    Keyed by pid too, so a forked RQ work horse never uses its parent's connections.
    """
    return _client(config["OPENAI_API_KEY"], config["OPENAI_BASE_URL"], os.getpid())


class ModelStream:
    """One streamed reply: iterate for text deltas; `usage` is filled in at the end.

    Everything, retries included, fits in REPLY_DEADLINE_SECONDS. Failures before the
    first text are retried while time remains; after it the text is kept, so a
    break is reported as `StreamInterrupted` rather than starting over.
    """

    def __init__(self, messages: list[dict[str, str]], config: Mapping) -> None:
        self.messages = messages
        self.config = config
        self.model: str = config["OPENAI_MODEL"]
        self.prompt_tokens: int | None = None
        self.completion_tokens: int | None = None

    def __iter__(self) -> Iterator[str]:
        budget = self.config["REPLY_DEADLINE_SECONDS"]
        started = time.monotonic()
        deadline = started + budget
        client = make_client(self.config)
        retrying = Retrying(
            stop=stop_before_delay(budget),
            wait=_server_wait,
            retry=retry_if_exception(is_transient),
            before_sleep=lambda _: metrics.MODEL_RETRIES.inc(),
            reraise=True,
        )
        try:
            chunks, first = retrying(self._attempt, client, deadline)
        except OpenAIError as error:
            if is_unavailable(error):
                raise ModelUnavailable(str(error)) from error
            raise ModelFailed(f"{type(error).__name__}: {error}") from error
        if first:
            metrics.MODEL_FIRST_TOKEN.observe(time.monotonic() - started)
            yield first
        try:
            for chunk in chunks:
                text = self._read(chunk)
                if text:
                    yield text
                if time.monotonic() > deadline:
                    metrics.MODEL_ERRORS.labels("deadline").inc()
                    raise StreamInterrupted("the reply ran past its deadline")
        except (OpenAIError, httpx2.HTTPError) as error:
            metrics.MODEL_ERRORS.labels("interrupted").inc()
            raise StreamInterrupted(f"{type(error).__name__}: {error}") from error
        metrics.MODEL_REPLY.observe(time.monotonic() - started)

    def _attempt(self, client: OpenAI, deadline: float) -> tuple[Iterator[dict], str]:
        """One attempt at `_open`, its failure counted by kind."""
        try:
            return self._open(client, deadline)
        except (OpenAIError, httpx2.HTTPError, ModelFailed) as error:
            metrics.MODEL_ERRORS.labels(error_kind(error)).inc()
            raise

    def _open(self, client: OpenAI, deadline: float) -> tuple[Iterator[dict], str]:
        """Start the stream and read up to its first text (the part worth retrying)."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise ModelFailed("no time left for another attempt")
        # The official client sends the request and raises its typed errors for any
        # status but 2xx; the body is read here (see `_chunks`).
        response = client.chat.completions.with_raw_response.create(
            model=self.model,
            messages=self.messages,
            max_tokens=self.config["OPENAI_MAX_TOKENS"],
            stream=True,
            stream_options={"include_usage": True},
            timeout=min(self.config["OPENAI_TIMEOUT_SECONDS"], remaining),
        ).http_response
        chunks = _chunks(response)
        try:
            for chunk in chunks:
                text = self._read(chunk)
                if text:
                    return chunks, text
        except BaseException:
            chunks.close()  # the connection goes back before a retry opens another
            raise
        return chunks, ""

    def _read(self, chunk: dict) -> str:
        self.model = chunk.get("model") or self.model
        if usage := chunk.get("usage"):
            self.prompt_tokens = usage.get("prompt_tokens")
            self.completion_tokens = usage.get("completion_tokens")
        if choices := chunk.get("choices"):
            return (choices[0].get("delta") or {}).get("content") or ""
        return ""


def _chunks(response: httpx2.Response) -> Iterator[dict]:
    """The stream's chunks as plain dicts, read from its `data:` lines.

    Not the client's typed chunks: building a pydantic object for each of a reply's
    ~100 chunks was most of a reply worker's CPU (35.7 ms a reply against 9.3 ms for
    this; docs/benchmarks.md). Chat completion streams send one JSON object per
    `data:` line and end with `data: [DONE]`; errors mid-stream come as `{"error": ...}`,
    raised as the client raises them.
    """
    try:
        for line in response.iter_lines():
            if not line.startswith("data:"):
                continue  # blank separators between events, ": keep-alive" comments
            data = line[5:].strip()
            if data == "[DONE]":
                return
            try:
                chunk = json.loads(data)
            except ValueError as error:
                raise APIError(
                    "the model sent a malformed chunk", response.request, body=data
                ) from error
            if isinstance(chunk, dict) and chunk.get("error"):
                error = chunk["error"]
                message = error.get("message") if isinstance(error, dict) else None
                raise APIError(
                    message or "the model failed mid-stream", response.request, body=error
                )
            yield chunk
    finally:
        response.close()
