"""The Redis channel layer keeps a quiet socket alive: redis-py 8 reads with a 5-second
socket timeout by default, which raced channels-redis's blocking reads, so a room's socket
died after a few quiet seconds (django/channels_redis#422). And it is the publish/subscribe
layer (one message per room's news, not one per member). Skipped without Redis."""

import os

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.test import override_settings

from leerkring.channel_layers import channel_layers

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/6")


def redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping())
    except redis.RedisError:
        return False


def test_the_redis_layer_is_pubsub_without_client_side_read_timeout():
    layer = channel_layers("redis://127.0.0.1:6379/0")["default"]
    assert layer["BACKEND"] == "channels_redis.pubsub.RedisPubSubChannelLayer"
    [host] = layer["CONFIG"]["hosts"]
    assert host["address"] == "redis://127.0.0.1:6379/0"
    assert host["socket_timeout"] is None
    assert host["socket_keepalive"] is True


def test_a_receive_outlasts_the_blocking_pop_of_a_quiet_room():
    if not redis_reachable():
        pytest.skip(f"needs Redis at {REDIS_URL}")
    with override_settings(CHANNEL_LAYERS=channel_layers(REDIS_URL)):
        from channels.layers import channel_layers as layers

        layers.backends.pop("default", None)
        layer = get_channel_layer()

        async def quiet_then_news():
            import asyncio

            channel = await layer.new_channel()
            waiting = asyncio.ensure_future(layer.receive(channel))
            # Longer than both the blocking pop and redis-py 8's default read timeout.
            await asyncio.sleep(7)
            assert not waiting.done(), waiting.exception() if waiting.done() else None
            await layer.send(channel, {"type": "room.news", "revision": 1})
            message = await asyncio.wait_for(waiting, 10)
            await layer.flush()
            return message

        try:
            assert async_to_sync(quiet_then_news)()["revision"] == 1
        finally:
            layers.backends.pop("default", None)
