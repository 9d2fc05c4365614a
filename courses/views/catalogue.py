from django.template.response import TemplateResponse

from courses.forms import CatalogueFilterForm
from courses.selectors.catalogue import CatalogueFilters, catalogue


def course_index(request, page):
    """The catalogue: CourseIndexPage.serve hands over here."""
    form = CatalogueFilterForm(request.GET or None)
    filters = CatalogueFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = CatalogueFilters(
            format=data["format"],
            audience=data["audience"],
            planned=data["planned"],
            query=data["q"].strip(),
        )
    context = page.get_context(request)
    context.update(
        {"form": form, "filters": filters, "result": catalogue(filters=filters, request=request)}
    )
    return TemplateResponse(request, page.get_template(request), context)
