"""Finding a page by its URL in a fixed number of queries.

Wagtail walks the page tree one level at a time (two queries per level), and before that
loads the site's root page as its specific type only to call its `route()`. Here a page
below the home page is found by its full `url_path` together with its parent in one query
and loaded as its specific type in a second, whatever its depth; the home page itself is
loaded only when it is the page asked for, or when the path is not a page's own (a
routable page's sub-routes), in which case Wagtail's usual walk answers.
"""

from django.conf import settings
from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.models import Page, Site


def route_by_url_path(root: Page, request, path_components: list[str]):
    """The route result for the page at `path_components` below `root`, or None when no
    page has exactly that path (the caller then takes Wagtail's walk)."""
    if not path_components:
        return None
    url_path = root.url_path + "/".join(path_components) + "/"
    parent_url_path = root.url_path + "".join(f"{c}/" for c in path_components[:-1])
    rows = {
        row.url_path: row
        for row in Page.objects.filter(
            url_path__in=[url_path, parent_url_path], path__startswith=root.path
        )
    }
    found = rows.get(url_path)
    if found is None or found.specific_class is None:
        return None
    model = found.specific_class
    related = getattr(model, "route_select_related", ())
    page = model.objects.select_related(*related).get(pk=found.pk)
    parent = rows.get(parent_url_path)
    if parent is not None and parent.path == page.path[: -page.steplen]:
        page._cached_parent_obj = parent  # breadcrumbs need no query
    return page.route(request, [])


def serve(request, path):
    """Wagtail's `serve` view, routed by `route_by_url_path` straight from the site's root
    row when the root is our home page (it is in every installation of Leerkring), so the
    home page is not loaded as its specific type for every other page."""
    from courses.models import HomePage

    components = [component for component in path.split("/") if component]
    if (
        components
        and not hasattr(request, "_wagtail_route_for_request")
        and not getattr(settings, "WAGTAIL_I18N_ENABLED", False)
    ):
        site = Site.find_for_request(request)
        root = site.root_page if site is not None else None
        if root is not None and root.specific_class is HomePage:
            try:
                route = route_by_url_path(root, request, components)
            except Http404:
                request._wagtail_route_for_request = None
            else:
                if route is not None:
                    request._wagtail_route_for_request = route
    return wagtail_views.serve(request, path)
