"""CHANNEL_LAYERS from one URL (`CHANNEL_LAYER_URL`): the news of live practice rooms.

Empty or `memory://`: Channels' in-memory layer, one process only (`make run`, tests).
`redis://host:port/db` (or `rediss://`): channels-redis's publish/subscribe layer, shared
by any number of ASGI processes (production, CI's scale-out test). A room's news is one
PUBLISH that each process receives once and hands to its own sockets; the list-based
`RedisChannelLayer` pushed a copy per member socket into Redis and had every consumer poll
for it, which at 400 sockets cost more than the rooms themselves and, twice, lost news. News
needs no delivery guarantee (the database is the authority; a client that misses one
catches up on the next news, its slow poll or a reconnect), which is what pub/sub offers.
"""

from typing import Any


def channel_layers(url: str) -> dict[str, Any]:
    if url.startswith(("redis://", "rediss://")):
        return {
            "default": {
                "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
                "CONFIG": {
                    # redis-py 8 reads with a 5-second socket timeout by default: a room quiet
                    # for a few seconds lost its connection with "Timeout reading from …"
                    # (django/channels_redis#422). No client-side read timeout, as before.
                    # A connection that silently died is found by TCP keepalive and a PING
                    # when idle, rather than holding the layer's lock on a publish.
                    "hosts": [
                        {
                            "address": url,
                            "socket_timeout": None,
                            "socket_keepalive": True,
                            "health_check_interval": 30,
                        }
                    ],
                },
            }
        }
    if url in ("", "memory://"):
        return {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    raise ValueError(f"CHANNEL_LAYER_URL must be memory:// or redis://…, not {url!r}")
