"""NL Design System (Utrecht component library) classes for Django form widgets.

`{{ field|nlds }}` renders a bound field's widget with the library's class for its kind
(textbox, textarea, select, checkbox), marked invalid when the field has errors. Django's own
attributes (aria-describedby for help text, aria-invalid, required) are kept."""

from django import forms, template
from django.forms.widgets import Input

register = template.Library()

_CLASSES = (
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.RadioSelect, ""),
    (forms.CheckboxSelectMultiple, ""),
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (Input, "utrecht-textbox utrecht-textbox--html-input"),
)
_INVALID = {
    "utrecht-textarea": "utrecht-textarea--invalid",
    "utrecht-select": "utrecht-select--invalid",
    "utrecht-textbox": "utrecht-textbox--invalid",
}


def widget_class(field) -> str:
    widget = field.field.widget
    classes = next((c for kind, c in _CLASSES if isinstance(widget, kind)), "")
    if classes and field.errors:
        base = classes.split()[0]
        classes = f"{classes} {_INVALID.get(base, '')}".strip()
    return classes


@register.filter
def nlds(field):
    """The field's widget with the Utrecht classes added to its own."""
    classes = widget_class(field)
    if not classes or isinstance(field.field.widget, forms.HiddenInput):
        return field
    own = field.field.widget.attrs.get("class", "")
    return field.as_widget(attrs={"class": f"{own} {classes}".strip()})
