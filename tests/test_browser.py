"""The real page in headless Chromium, driven by Playwright, as a customer uses it."""

import re
import subprocess
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.conftest import TEST_QUEUE, TEST_REDIS_URL, run_worker

MESSAGE_URL = re.compile(r"/chat/messages/\d+")  # one message's own URL (not its stream)


@pytest.mark.app_config(OPENAI_API_KEY=None)
def test_customer_asks_and_sees_the_grounded_reply_without_an_api_key(runner, live_server, page):
    runner.invoke(args=["seed-demo"])
    page.goto(live_server)
    expect(page.get_by_role("heading", name="Trailhead Outfitters")).to_be_visible()

    page.get_by_label("Message").fill("how do I return an item?")
    page.get_by_role("button", name="Send").click()

    expect(page.locator(".from-customer")).to_have_text("You: how do I return an item?")
    reply = page.locator(".from-assistant .reply")
    expect(reply).to_contain_text("You can return unused items within 30 days of delivery.")
    expect(page.locator(".from-assistant .sources")).to_have_text(
        re.compile(r"Source:\s*How do I return an item\?")
    )
    expect(page.get_by_label("Message")).to_have_value("")  # ready for the next question

    page.reload()  # the conversation survives a reload
    expect(page.locator(".from-customer")).to_have_text("You: how do I return an item?")
    expect(reply).to_contain_text("You can return unused items within 30 days")


def test_reply_from_the_model_replaces_the_typing_indicator(live_server, page, model_server):
    model_server.reply_with("Standard shipping takes **3-5 working days**.")
    page.goto(live_server)

    page.get_by_label("Message").fill("How long does shipping take?")
    page.get_by_label("Message").press("Enter")

    reply = page.locator(".from-assistant .reply strong")
    expect(reply).to_have_text("3-5 working days")
    expect(page.locator(".typing")).to_have_count(0)
    assert model_server.customer_message() == {
        "role": "user",
        "content": "How long does shipping take?",
    }
    # The token went in a header and never into a URL the browser visited.
    assert "token" not in page.url.lower()


def test_empty_message_shows_an_inline_error(live_server, page):
    page.goto(live_server)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("alert")).to_have_text("Please type a message.")
    expect(page.locator(".bubble")).to_have_count(0)

    page.get_by_label("Message").fill("Hello")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".from-customer")).to_have_count(1)
    expect(page.locator("#composer-error")).to_be_empty()


def test_customer_watches_the_reply_being_written(live_server, page, model_server):
    model_server.pace(ttft=0.4, tokens_per_second=8)
    written = "Our tents have a **3000 mm** flysheet and taped seams, tested in heavy rain."
    model_server.reply_with(written)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto(live_server)
    page.get_by_label("Message").fill("Are your tents waterproof?")
    page.get_by_label("Message").press("Enter")

    expect(page.locator(".typing")).to_be_visible()  # before the first words
    seen: list[str] = []
    read_page = """() => ({
        live: document.querySelector('.live-text')?.textContent ?? '',
        final: document.querySelector('.reply') !== null,
    })"""  # one atomic read, as the placeholder may be swapped out at any moment
    while not (state := page.evaluate(read_page))["final"]:
        if state["live"] and (not seen or seen[-1] != state["live"]):
            seen.append(state["live"])
        page.wait_for_timeout(30)

    assert len(seen) >= 3, seen  # the text grew in several steps, each the start of the reply...
    assert all(written.startswith(partial) for partial in seen)
    assert len(set(seen)) == len(seen) and seen == sorted(seen, key=len)
    # ...and then became the final, rendered message, which the stream's end brought:
    # the page asked for nothing more.
    expect(page.locator(".reply strong")).to_have_text("3000 mm")
    expect(page.locator(".typing")).to_have_count(0)
    assert not [path for path in requested if MESSAGE_URL.fullmatch(path)], requested


def test_a_stream_that_ends_without_the_message_makes_the_page_fetch_it(
    live_server, page, model_server
):
    model_server.reply_with("Returns are **free** within 30 days.")

    def end_without_the_message(route):  # as an older server would end the stream
        response = route.fetch()
        body = re.sub(r"event: end\ndata: .*\n", 'event: end\ndata: ""\n', response.text())
        route.fulfill(response=response, body=body)

    page.route("**/stream", end_without_the_message)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto(live_server)
    page.get_by_label("Message").fill("Can I return a tent?")
    page.get_by_label("Message").press("Enter")

    expect(page.locator(".reply strong")).to_have_text("free")
    expect(page.locator(".typing")).to_have_count(0)
    assert [path for path in requested if MESSAGE_URL.fullmatch(path)], requested


@pytest.mark.app_config(
    REDIS_URL=TEST_REDIS_URL, RQ_QUEUE=TEST_QUEUE, REPLY_CLIENT_TIMEOUT_SECONDS=2
)
def test_no_endless_spinner_the_page_offers_retry_and_retry_answers(
    app, redis_url, live_server, page, model_server
):
    # No worker is running yet, so the reply cannot arrive.
    page.goto(live_server)
    page.get_by_label("Message").fill("Hello?")
    page.get_by_role("button", name="Send").click()

    expect(page.get_by_text("This is taking longer than usual.")).to_be_visible(timeout=5000)
    expect(page.locator(".typing")).to_be_hidden()

    assert run_worker(app, model_server, stderr=subprocess.DEVNULL).wait(timeout=60) == 0
    page.get_by_role("button", name="Retry").click()
    expect(page.locator(".reply")).to_have_text("Thanks for your question: Hello?")


@pytest.mark.app_config(CHAT_LIMIT_PER_SESSION="1 per minute")
def test_a_customer_over_the_message_limit_is_told_so_inline(live_server, page, model_server):
    page.goto(live_server)
    box = page.get_by_label("Message")
    for text in ("First question", "Second question"):  # the first opens the chat
        box.fill(text)
        box.press("Enter")
        expect(page.locator(".from-customer").last).to_have_text(f"You: {text}")
    expect(page.locator(".from-assistant:not(.pending)")).to_have_count(2)

    box.fill("Third question")
    box.press("Enter")
    expect(page.locator("#composer-error")).to_have_text(
        "You're sending messages faster than we can answer — please wait a minute."
    )
    expect(page.locator(".from-customer")).to_have_count(2)  # not added, not stored
    expect(box).to_have_value("Third question")  # kept, to send once allowed
    assert len(model_server.requests) == 2
