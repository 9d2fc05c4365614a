"""A small WebSocket test client for the ASGI application (channels.testing imports daphne,
which the project does not install; asgiref's communicator is all it needs)."""

import json

from asgiref.testing import ApplicationCommunicator
from django.conf import settings


class Socket:
    def __init__(self, application, path: str, *, session_key: str | None = None, query=""):
        headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
        if session_key:
            cookie = f"{settings.SESSION_COOKIE_NAME}={session_key}"
            headers.append((b"cookie", cookie.encode()))
        scope = {
            "type": "websocket",
            "path": path,
            "raw_path": path.encode(),
            "query_string": query.encode(),
            "headers": headers,
            "subprotocols": [],
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 80),
        }
        self.communicator = ApplicationCommunicator(application, scope)

    async def connect(self, timeout: float = 5) -> dict:
        await self.communicator.send_input({"type": "websocket.connect"})
        return await self.communicator.receive_output(timeout)

    async def send_json(self, data: dict) -> None:
        await self.communicator.send_input({"type": "websocket.receive", "text": json.dumps(data)})

    async def receive_json(self, timeout: float = 5) -> dict:
        message = await self.communicator.receive_output(timeout)
        assert message["type"] == "websocket.send", message
        return json.loads(message["text"])

    async def receive_nothing(self, timeout: float = 0.3) -> bool:
        return await self.communicator.receive_nothing(timeout)

    async def close(self) -> None:
        await self.communicator.send_input({"type": "websocket.disconnect", "code": 1000})
        await self.communicator.wait(2)
