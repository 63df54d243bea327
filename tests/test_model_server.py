"""The fake model server, checked through the real `openai` client: the exceptions asserted
here are the ones the app sees when the real API fails the same way."""

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import httpx2
import pytest
from openai import (
    APIConnectionError,
    APITimeoutError,
    AsyncOpenAI,
    AuthenticationError,
    InternalServerError,
    OpenAI,
    RateLimitError,
)

from tests.model_server import Fault, ModelServer

QUESTION = [{"role": "user", "content": "Do you ship to Canada?"}]


@pytest.fixture
def server():
    # A server of its own: faults and pacing never leak into the app's tests.
    server = ModelServer().start()
    yield server
    server.stop()


def client(server: ModelServer, **options) -> OpenAI:
    return OpenAI(api_key="test-key", base_url=server.url, **{"max_retries": 0, **options})


def stream(server: ModelServer, **options):
    return client(server, **options).chat.completions.create(
        model="test-model", messages=QUESTION, stream=True, stream_options={"include_usage": True}
    )


def ask(server: ModelServer, **options) -> str:
    completion = client(server, **options).chat.completions.create(
        model="test-model", messages=QUESTION
    )
    return completion.choices[0].message.content


def test_stream_sends_word_deltas_then_finish_then_usage(server):
    server.reply_with("Yes, we ship to **Canada** and Mexico.")

    chunks = list(stream(server))

    assert chunks[0].choices[0].delta.role == "assistant"
    deltas = [c.choices[0].delta.content for c in chunks[1:] if c.choices]
    assert deltas[:2] == ["Yes, ", "we "]
    assert "".join(filter(None, deltas)) == "Yes, we ship to **Canada** and Mexico."
    assert chunks[-2].choices[0].finish_reason == "stop"
    assert chunks[-1].choices == [] and chunks[-1].usage.completion_tokens > 0
    timing = server.timings[0]
    assert timing.question == "Do you ship to Canada?"
    assert timing.received_at <= timing.first_token_at <= timing.finished_at


def test_default_reply_can_be_padded_for_benchmarks():
    server = ModelServer(reply_words=100).start()
    try:
        reply = ask(server)
    finally:
        server.stop()
    assert reply.startswith("Thanks for your question: Do you ship to Canada?")
    assert len(reply.split()) == 100


def test_pace_delays_the_first_token_and_spaces_the_rest(server):
    server.pace(ttft=0.3, tokens_per_second=20)
    server.reply_with("one two three four five")  # 5 chunks: the last is due at 0.3 + 4/20 s

    started = time.monotonic()
    seen = [
        time.monotonic() - started
        for chunk in stream(server)
        if chunk.choices and chunk.choices[0].delta.content
    ]

    assert len(seen) == 5
    assert seen[0] >= 0.3 * 0.9
    # The server keeps to its schedule from the request, so a late first chunk (a busy
    # machine) is followed by closer ones: check the last chunk's time, not the spacing.
    assert seen[-1] >= (0.3 + 4 / 20) * 0.9
    started = time.monotonic()
    ask(server)  # non-stream: the whole wait before answering
    assert time.monotonic() - started >= 0.3 * 0.9
    server.reset()
    started = time.monotonic()
    ask(server)
    assert time.monotonic() - started < 0.25


@pytest.mark.parametrize("streaming", [False, True])
@pytest.mark.parametrize(
    "fault, error_class, status, code",
    [
        (Fault.rate_limited(retry_after=1), RateLimitError, 429, "rate_limit_exceeded"),
        (Fault.insufficient_quota(), RateLimitError, 429, "insufficient_quota"),
        (Fault.unauthorized(), AuthenticationError, 401, "invalid_api_key"),
        (Fault.server_error(500), InternalServerError, 500, None),
        (Fault.server_error(503), InternalServerError, 503, None),
    ],
)
def test_error_faults_raise_what_the_real_api_would(
    server, streaming, fault, error_class, status, code
):
    server.fail_with(fault)

    with pytest.raises(error_class) as raised:
        list(stream(server)) if streaming else ask(server)

    assert raised.value.status_code == status
    assert raised.value.code == code  # from the body's error.code
    assert len(server.requests) == 1  # failed calls are recorded too


def test_rate_limit_retry_after_reaches_the_caller(server):
    server.fail_with(Fault.rate_limited(retry_after=1))
    with pytest.raises(RateLimitError) as raised:
        ask(server)
    assert raised.value.response.headers["retry-after"] == "1"
    assert raised.value.type == "requests"


def test_fault_then_reply_fails_once_then_succeeds(server):
    server.reply_with(Fault.server_error(502), "Recovered.")
    with pytest.raises(InternalServerError):
        ask(server)
    assert ask(server) == "Recovered."
    assert len(server.requests) == 2


def test_client_retries_honour_retry_after(server):
    server.fail_with(Fault.rate_limited(retry_after=0.2))
    server.reply_with("After the wait.")

    started = time.monotonic()
    assert ask(server, max_retries=1) == "After the wait."

    assert time.monotonic() - started >= 0.2 * 0.9
    assert [h["x-stainless-retry-count"] for h in server.headers] == ["0", "1"]


def test_hang_times_out_the_client_and_does_not_block_stop():
    server = ModelServer().start()
    server.fail_with(Fault.hang(30))

    with pytest.raises(APITimeoutError):
        list(stream(server, timeout=0.3))

    assert len(server.requests) == 1
    started = time.monotonic()
    server.stop()  # the handler is still asleep
    assert time.monotonic() - started < 2


def test_short_hang_then_answers_normally(server):
    server.fail_with(Fault.hang(0.2, reply="Slow but sure."))
    assert ask(server, timeout=5) == "Slow but sure."


def test_cut_stream_yields_first_chunks_then_connection_error(server):
    server.fail_with(Fault.cut_stream("one two three four", after_chunks=2))
    deltas = []

    # The client gets a cleanly closed socket mid-body: httpx2.RemoteProtocolError
    # ("incomplete chunked read"), wrapped as APIConnectionError, not a timeout.
    with pytest.raises(APIConnectionError) as raised:
        for chunk in stream(server):
            deltas.append(chunk.choices[0].delta.content)

    assert deltas == ["", "one ", "two "]  # the role chunk, then the first 2 content chunks
    assert not isinstance(raised.value, APITimeoutError)
    assert isinstance(raised.value.__cause__, httpx2.RemoteProtocolError)
    assert server.timings[0].finished_at is None


def test_200_concurrent_streams_are_served_at_once(server):
    server.pace(ttft=0.5)

    async def all_streams() -> list[str]:
        async with AsyncOpenAI(api_key="test-key", base_url=server.url, max_retries=0) as ai:

            async def one(i: int) -> str:
                messages = [{"role": "user", "content": f"question {i}"}]
                chunks = await ai.chat.completions.create(
                    model="test-model", messages=messages, stream=True
                )
                return "".join([c.choices[0].delta.content or "" async for c in chunks])

            return await asyncio.gather(*(one(i) for i in range(200)))

    started = time.monotonic()
    # In a thread of its own: Playwright's tests leave an event loop on the main thread.
    with ThreadPoolExecutor(1) as thread:
        replies = thread.submit(asyncio.run, all_streams()).result()

    assert replies[199] == "Thanks for your question: question 199"
    assert time.monotonic() - started < 5  # in parallel: 200 in series would take 100 s
