"""The error every state machine raises when a move is not allowed."""


class StateError(ValueError):
    """An illegal state change; ``message`` is translated and says why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message
