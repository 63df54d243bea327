"""The model, reached through the official `openai` client (any OpenAI-compatible server)."""

from collections.abc import Mapping
from dataclasses import dataclass

from openai import OpenAI


@dataclass(frozen=True)
class Answer:
    """A reply's text and what it cost; `faq_id` names the FAQ an offline answer quotes."""

    text: str
    model: str
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    faq_id: int | None = None


def make_client(config: Mapping) -> OpenAI:
    # A client per call: RQ forks a work horse per job, and an HTTP pool must not cross a fork.
    return OpenAI(
        api_key=config["OPENAI_API_KEY"],
        base_url=config["OPENAI_BASE_URL"],
        timeout=config["OPENAI_TIMEOUT_SECONDS"],
        max_retries=config["OPENAI_MAX_RETRIES"],
    )


def complete(messages: list[dict[str, str]], config: Mapping) -> Answer:
    """One Chat Completions call; raises `openai.OpenAIError` when the model fails."""
    response = make_client(config).chat.completions.create(
        model=config["OPENAI_MODEL"],
        messages=messages,
        max_tokens=config["OPENAI_MAX_TOKENS"],
    )
    usage = response.usage
    return Answer(
        text=(response.choices[0].message.content or "").strip(),
        model=response.model or config["OPENAI_MODEL"],
        prompt_tokens=usage.prompt_tokens if usage else None,
        completion_tokens=usage.completion_tokens if usage else None,
    )
