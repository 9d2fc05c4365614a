"""News of a room, carried by the channel layer. Only news: a message says the log grew to a
sequence number, and every receiver reads the state from the database."""

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)


def group_name(room_id: int) -> str:
    return f"room-{room_id}"


def publish(
    room_id: int,
    *,
    sequence: int,
    revision: int,
    entry: dict[str, Any] | None = None,
    status: str = "",
) -> None:
    """Tell every connected member that the room changed. A layer that is down loses only
    the news: the action is stored, and clients catch up on reconnect or by polling.

    A member's action adds its log entry and the room's status (plain values): a process
    that knew the room one revision before needs nothing else (`state.advance`)."""
    layer = get_channel_layer()
    if layer is None:
        return
    message = {"type": "room.news", "sequence": sequence, "revision": revision}
    if entry is not None:
        message.update(entry=entry, status=status)
    try:
        async_to_sync(layer.group_send)(group_name(room_id), message)
    except Exception:  # noqa: BLE001 — see the docstring: news may be lost, never the action
        logger.warning("Room %s: news of revision %s not sent", room_id, revision, exc_info=True)
