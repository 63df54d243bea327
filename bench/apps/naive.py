"""The naive design, as tutorials write it: the web request calls the model and waits.

The send handler asks the model with the official openai client, reads its streamed
answer to the end, and only then returns the reply fragment: the customer sees nothing
until the whole reply exists, and a worker (a sync process, or a greenlet under gevent)
is held for all that time. Streaming rather than a plain completion makes the model
server pace it exactly like the portal's replies; the wait is the same either way.

It is flattered: no database, no history, no sanitising, and the client's defaults.
"""

import os

from flask import request
from openai import OpenAI

from bench.apps.html import TOKEN_HEADER, chat_token, exchange, page_app

SYSTEM = "You are the customer support assistant for a shop. Be brief and friendly."

app = page_app(__name__)
client = OpenAI(api_key=os.environ["OPENAI_API_KEY"], base_url=os.environ["OPENAI_BASE_URL"])


@app.post("/chat/messages")
def send():
    question = request.form["message"].strip()
    stream = client.chat.completions.create(
        model=os.environ.get("OPENAI_MODEL", "gpt-4o-mini"),
        messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": question}],
        stream=True,
    )
    reply = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
    return exchange(question, reply), {TOKEN_HEADER: chat_token()}
