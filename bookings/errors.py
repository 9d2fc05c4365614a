class BookingError(Exception):
    """A booking rule refused the change; the message is shown to the user as it is."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
