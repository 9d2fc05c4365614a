"""CHANNEL_LAYERS from one URL (`CHANNEL_LAYER_URL`): the news of live practice rooms.

Empty or `memory://`: Channels' in-memory layer, one process only (`make run`, tests).
`redis://host:port/db` (or `rediss://`): channels-redis, shared by any number of ASGI
processes (production, CI's scale-out test).
"""

from typing import Any


def channel_layers(url: str) -> dict[str, Any]:
    if url.startswith(("redis://", "rediss://")):
        return {
            "default": {
                "BACKEND": "channels_redis.core.RedisChannelLayer",
                "CONFIG": {
                    # redis-py 8 reads with a 5-second socket timeout by default, which races
                    # channels-redis's 5-second blocking receive (BZPOPMIN): a socket quiet
                    # for a few seconds died with "Timeout reading from …"
                    # (django/channels_redis#422). No client-side read timeout, as before.
                    "hosts": [{"address": url, "socket_timeout": None}],
                    "capacity": 1000,
                    "expiry": 30,
                },
            }
        }
    if url in ("", "memory://"):
        return {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    raise ValueError(f"CHANNEL_LAYER_URL must be memory:// or redis://…, not {url!r}")
