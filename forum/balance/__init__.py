"""The balance panel: seats, comments, inputs and decisions by sector."""
