# One module per part of the domain; import here so Django and other apps find every model.
from courses.models.pages import HomePage

__all__ = ["HomePage"]
