"""Waiting for htmx the way a person waits for the page: until the swap has settled."""

SETTLED = "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"


def wait_until_settled(page) -> None:
    """Return once no htmx request, swap or settle is under way.

    After a practice step settles, the page moves focus to the new step's heading; a test
    that focuses an option before that would lose its focus to the heading."""
    page.wait_for_function(SETTLED)
