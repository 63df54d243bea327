"""A local OpenAI-compatible Chat Completions server for tests.

It records every request body it receives, so tests assert on what the model was
actually sent, and answers with scripted replies (or a default that echoes the
question). Run by the `model_server` fixture on a free loopback port.
"""

import json
import threading
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DEFAULT_REPLY = "Thanks for your question: {question}"


class ModelServer:
    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        self._replies: deque[str] = deque()
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> "ModelServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self.headers.clear()
            self._replies.clear()

    def reply_with(self, *texts: str) -> None:
        """Queue replies, used in order; when they run out the default reply is used."""
        with self._lock:
            self._replies.extend(texts)

    # What tests read back -------------------------------------------------
    @property
    def last_messages(self) -> list[dict]:
        return self.requests[-1]["messages"]

    def system_prompt(self, index: int = -1) -> str:
        return self.requests[index]["messages"][0]["content"]

    def all_text(self) -> str:
        """Everything any request contained, for "never sent" assertions."""
        return json.dumps(self.requests, ensure_ascii=False)

    def _next_reply(self, body: dict) -> str:
        with self._lock:
            self.requests.append(body)
            if self._replies:
                return self._replies.popleft()
        return DEFAULT_REPLY.format(question=body["messages"][-1]["content"])


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

        def log_message(self, format, *args):  # keep test output quiet
            pass

        def do_POST(self) -> None:
            if self.path.rstrip("/") != "/v1/chat/completions":
                self._json(
                    404, {"error": {"message": "not found", "type": "invalid_request_error"}}
                )
                return
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            server.headers.append({k.lower(): v for k, v in self.headers.items()})
            reply = server._next_reply(body)
            self._json(200, _completion(body, reply))

        def _json(self, status: int, payload: dict) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
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
