"""Without a model key, an answer offers related questions; a click asks one (Chromium)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results"  # looked at by people


@pytest.mark.app_config(OPENAI_API_KEY=None)
@pytest.mark.parametrize("width", [1280, 390])  # desktop and phone
def test_a_related_question_is_asked_with_one_click(runner, live_server, browser, width):
    runner.invoke(args=["seed-demo"])
    SCREENSHOTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(live_server)

    page.get_by_label("Message").fill("What is your return policy?")
    page.get_by_role("button", name="Send").click()

    first = page.locator(".from-assistant").first
    expect(first.locator(".reply")).to_contain_text("You can return unused items within 30 days")
    expect(first.locator(".sources")).to_have_text(re.compile(r"Source:\s*How do I return an item"))
    offered = first.locator(".related").get_by_role("button")
    expect(offered).to_have_count(2)
    question = "Can I exchange an item for a different size?"
    expect(first.locator(".related")).to_contain_text(question)
    page.screenshot(path=f"{SCREENSHOTS}/related-{width}.png", full_page=True)

    first.locator(".related").get_by_role("button", name=question).click()

    expect(page.locator(".from-customer")).to_have_count(2)
    expect(page.locator(".from-customer").last).to_have_text(f"You: {question}")
    second = page.locator(".from-assistant").nth(1)
    expect(second.locator(".reply")).to_contain_text("Choose Exchange instead of Refund")
    expect(second.locator(".sources")).to_have_text(re.compile(r"Source:\s*Can I exchange"))
    page.screenshot(path=f"{SCREENSHOTS}/related-asked-{width}.png", full_page=True)
    page.close()
