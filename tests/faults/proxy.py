"""A TCP forwarder on loopback that a test can cut and restore, to play a database outage.

    with Proxy(("127.0.0.1", 5432)) as proxy:     # listens on 127.0.0.1:<proxy.port>
        url = f"postgresql://postgres@127.0.0.1:{proxy.port}/mydb"
        proxy.cut()      # live connections closed, new ones accepted and reset at once
        proxy.restore()  # new connections are forwarded again
    # leaving the block closes it; it also closes itself after `lifetime` seconds

Every thread is a daemon and every socket is closed by `close`, so nothing outlives the
test that made it. Thread-safe: `cut` and `restore` may be called from any thread.
"""

import socket
import struct
import threading
from types import TracebackType

Pair = tuple[socket.socket, socket.socket]
CHUNK = 65536


class Proxy:
    """Forwards 127.0.0.1:<port> to `target` until cut; see the module docstring."""

    def __init__(self, target: tuple[str, int] = ("127.0.0.1", 5432), lifetime: float = 900.0):
        self.target = target
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)  # so the accept loop notices `close`
        self._lock = threading.Lock()
        self._pairs: set[Pair] = set()
        self._cut = False
        self._closed = threading.Event()
        self._accepting = threading.Thread(target=self._accept, name="proxy-accept", daemon=True)
        self._timer = threading.Timer(lifetime, self.close)
        self._timer.daemon = True

    @property
    def port(self) -> int:
        """The port the proxy listens on, on 127.0.0.1."""
        port: int = self._listener.getsockname()[1]
        return port

    @property
    def connections(self) -> int:
        """How many connections are being forwarded now."""
        with self._lock:
            return len(self._pairs)

    def start(self) -> "Proxy":
        """Start forwarding; returns the proxy."""
        self._accepting.start()
        self._timer.start()
        return self

    def cut(self) -> None:
        """Close every live connection and refuse new ones, until `restore`."""
        with self._lock:
            self._cut = True
            pairs, self._pairs = self._pairs, set()
        for pair in pairs:
            _close(*pair)

    def restore(self) -> None:
        """Forward new connections again."""
        with self._lock:
            self._cut = False

    def close(self) -> None:
        """Stop: the listener and every connection closed. Safe to call twice."""
        self._closed.set()
        self._timer.cancel()
        self.cut()
        self._listener.close()
        if self._accepting.is_alive() and threading.current_thread() is not self._accepting:
            self._accepting.join(timeout=5)

    def __enter__(self) -> "Proxy":
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # the listener was closed
            self._forward(client)

    def _forward(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        if not self._cut:
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                upstream = None
        with self._lock:
            if upstream is None or self._cut:
                _close(client, upstream, reset=True)
                return
            pair = (client, upstream)
            self._pairs.add(pair)
        # Blocking from here: an idle pooled connection may sit quiet for minutes.
        client.settimeout(None)
        upstream.settimeout(None)
        for source, sink in (pair, pair[::-1]):
            threading.Thread(
                target=self._pump, args=(source, sink, pair), name="proxy-pump", daemon=True
            ).start()

    def _pump(self, source: socket.socket, sink: socket.socket, pair: Pair) -> None:
        try:
            while data := source.recv(CHUNK):
                sink.sendall(data)
        except OSError:
            pass  # closed by `cut`, or by either end
        with self._lock:
            self._pairs.discard(pair)
        _close(*pair)


def _close(*sockets: socket.socket | None, reset: bool = False) -> None:
    for sock in sockets:
        if sock is None:
            continue
        try:
            if reset:
                # Linger 0: the peer sees a reset at once, as from a server that is down.
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            else:
                # Shutdown wakes a thread blocked in recv on it, which close alone may not.
                sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        sock.close()
