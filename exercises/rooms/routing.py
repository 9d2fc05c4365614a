from django.urls import path

from exercises.rooms import consumers

websocket_urlpatterns = [
    path("ws/kamers/<int:room_id>/", consumers.RoomConsumer.as_asgi()),
    # The benchmark's yardstick: the transport alone, no room, no database.
    path("ws/echo/", consumers.EchoConsumer.as_asgi()),
]
