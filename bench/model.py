"""The paced model server (tests/model_server.py) in a child process of its own.

Its timings tell exactly when each request arrived, when its first token left and when
it finished, as time.time() values: the same clock the simulated customers read, so the
two can be subtracted. It runs in its own process rather than a thread of the load
generator so that its ~200 streaming threads and the customers' event loop do not wait
on each other's GIL, which would blur both sides' timestamps.
"""

import multiprocessing
from dataclasses import asdict
from multiprocessing.connection import Connection

STARTUP_SECONDS = 30


def _serve(conn: Connection, ttft: float, rate: float, reply_words: int) -> None:
    from tests.model_server import ModelServer  # imported in the child only

    server = ModelServer(reply_words=reply_words).start()
    server.pace(ttft, rate)
    conn.send(server.url)
    while (command := conn.recv()) != "stop":
        if command == "timings":
            conn.send([asdict(timing) for timing in server.timings])
    server.stop()


class ModelProcess:
    """Start with `start()` (returns the base URL); read `timings()`; `stop()` when done."""

    def __init__(self, ttft: float, rate: float, reply_words: int) -> None:
        self.ttft, self.rate, self.reply_words = ttft, rate, reply_words
        context = multiprocessing.get_context("spawn")  # no inherited event loop or sockets
        self._conn, child_conn = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(child_conn, ttft, rate, reply_words), daemon=True
        )
        self.url = ""

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def start(self) -> str:
        self._process.start()
        if not self._conn.poll(STARTUP_SECONDS):
            raise RuntimeError("the model server did not start")
        self.url = self._conn.recv()
        return self.url

    def timings(self) -> list[dict]:
        """Every request so far: question, received_at, first_token_at, finished_at."""
        self._conn.send("timings")
        return self._conn.recv()

    def stop(self) -> None:
        if self._process.is_alive():
            self._conn.send("stop")
            self._process.join(10)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
