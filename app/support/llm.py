"""The model, reached through the official `openai` client (any OpenAI-compatible server).

Replies are streamed. Failures are sorted into three kinds, because each gets its own
treatment: `ModelUnavailable` (quota, credentials: retrying will not help),
`ModelFailed` (errors and timeouts that outlasted the retry budget) and
`StreamInterrupted` (the stream broke off after some text arrived).
"""

import os
import time
from collections.abc import Iterator, Mapping
from functools import lru_cache

import httpx2
from openai import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    OpenAI,
    OpenAIError,
    PermissionDeniedError,
    RateLimitError,
)
from tenacity import Retrying, retry_if_exception, stop_before_delay, wait_exponential_jitter


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
        deadline = time.monotonic() + budget
        client = make_client(self.config)
        retrying = Retrying(
            stop=stop_before_delay(budget),
            wait=_server_wait,
            retry=retry_if_exception(is_transient),
            reraise=True,
        )
        try:
            chunks, first = retrying(self._open, client, deadline)
        except OpenAIError as error:
            if is_unavailable(error):
                raise ModelUnavailable(str(error)) from error
            raise ModelFailed(f"{type(error).__name__}: {error}") from error
        if first:
            yield first
        try:
            for chunk in chunks:
                text = self._read(chunk)
                if text:
                    yield text
                if time.monotonic() > deadline:
                    raise StreamInterrupted("the reply ran past its deadline")
        except (OpenAIError, httpx2.HTTPError) as error:
            raise StreamInterrupted(f"{type(error).__name__}: {error}") from error

    def _open(self, client: OpenAI, deadline: float) -> tuple[Iterator, str]:
        """Start the stream and read up to its first text (the part worth retrying)."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise ModelFailed("no time left for another attempt")
        stream = client.chat.completions.create(
            model=self.model,
            messages=self.messages,
            max_tokens=self.config["OPENAI_MAX_TOKENS"],
            stream=True,
            stream_options={"include_usage": True},
            timeout=min(self.config["OPENAI_TIMEOUT_SECONDS"], remaining),
        )
        chunks = iter(stream)
        for chunk in chunks:
            text = self._read(chunk)
            if text:
                return chunks, text
        return chunks, ""

    def _read(self, chunk) -> str:
        if chunk.model:
            self.model = chunk.model
        if chunk.usage:
            self.prompt_tokens = chunk.usage.prompt_tokens
            self.completion_tokens = chunk.usage.completion_tokens
        if chunk.choices and chunk.choices[0].delta.content:
            return chunk.choices[0].delta.content
        return ""
