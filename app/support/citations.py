"""Sources: the model marks each FAQ it uses as `[FAQ n]`; the markers become a list."""

import re

MARKER = re.compile(r"\s*\[FAQ\s*(\d+)\]")


def source(faq_id: int, question: str) -> dict:
    return {"id": faq_id, "question": question}


def extract_citations(text: str, injected: dict[int, str]) -> tuple[str, list[dict]]:
    """The text without markers, and the cited FAQs that really were in the prompt.

    A marker for an FAQ the model was not given is dropped, never shown as a source.
    """
    cited: list[int] = []
    for match in MARKER.finditer(text):
        faq_id = int(match.group(1))
        if faq_id in injected and faq_id not in cited:
            cited.append(faq_id)
    return MARKER.sub("", text).strip(), [source(i, injected[i]) for i in cited]
