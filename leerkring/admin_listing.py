"""Cheap rows for Wagtail admin listings (issue 15).

A row of a Wagtail listing cost about 2 ms, nearly all of it templates: the title cell
includes the link's attributes, the buttons, the "more options" dropdown (a component, the
dropdown tag and its template), a button template and an icon template per action, and
every other cell renders `cell.html` (and `get_FOO_display` builds the choices dict on every
call), and `table.html` adds an include and a component tag per row and cell. Per row, the
view also asks the permission policy the same questions again (edit? inspect? delete?) and
reverses each action's URL.

`QuickListingMixin`, for a `generic.IndexView`, keeps Wagtail's decisions and changes only
how often they are made and how the result is written:

- each permission question is asked once per request (the generic listing asks per row,
  but never about the row: its checks are per model, not per instance);
- each action's URL is reversed once per request and the row's pk put in its place;
- the table, the title cell and plain cells are written in Python with the same markup as
  Wagtail's templates (`wagtailadmin/tables/table.html`, `title_cell.html`, `cell.html`,
  `shared/buttons.html`, `shared/button_with_dropdown.html`,
  `shared/dropdown/dropdown.html`, `shared/button.html`); icons come from Wagtail's own
  icon template, rendered once per name, and column headers keep their template (once a
  page). Whatever else a listing might hold (another kind of button, column or table) is
  left to Wagtail's templates.

`tests/cohorts/test_admin_listing.py` renders the listing with and without this mixin and
requires the same HTML (whitespace aside), for every kind of user: a Wagtail upgrade that
changes its markup or its buttons fails there instead of drifting.
"""

import html
import inspect
from functools import lru_cache, partialmethod

from django.contrib.admin.utils import quote
from django.db.models import Model
from django.template.base import render_value_in_context
from django.template.context import Context
from django.template.loader import get_template
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from django.utils.hashable import make_hashable
from django.utils.safestring import mark_safe
from wagtail.admin.templatetags.wagtailadmin_tags import icon as icon_context
from wagtail.admin.ui.tables import Column, Table, TitleColumn
from wagtail.admin.widgets.button import Button, ButtonWithDropdown

# Read only by render_value_in_context (autoescape, use_l10n, use_tz): safe to share.
_VALUE_CONTEXT = Context(autoescape=True)
# Stands in for the pk when an action's URL is reversed once; digits, so an int converter
# takes it. Never a real pk in practice, and checked to occur exactly once in the URL.
_PK_PLACEHOLDER = 987654321987654321


def _esc(value) -> str:
    """Django's conditional_escape (the same entities: it uses html.escape too), without its
    lazy-string wrappers, which were a good part of a row's cost."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _text(value) -> str:
    """`{{ value }}` in a template: localized, escaped unless already safe."""
    return render_value_in_context(value, _VALUE_CONTEXT)


@lru_cache(maxsize=64)
def _icon(name: str, classname: str | None = None) -> str:
    """`{% icon name=… classname=… %}`, from Wagtail's own template, once per process."""
    return get_template("wagtailadmin/shared/icon.html").render(icon_context(name, classname))


def _attrs(attrs: dict) -> str:
    """`wagtailadmin/shared/attrs.html`: False leaves an attribute out, True writes its name."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {_esc(name)}")
        else:
            # `stringformat:'s'` keeps a safe string as it is and escapes anything else.
            parts.append(f' {_esc(name)}="{_esc(value)}"')
    return "".join(parts)


def _classnames(*classes) -> str:
    """Wagtail's `{% classnames %}`."""
    return " ".join(c.strip() for c in classes if c)


def _button(button) -> str:
    """`wagtailadmin/shared/button.html` for a plain Button."""
    icon = f"{_icon(button.icon_name)} " if button.icon_name else ""
    content = f"{icon}{_esc(button.label)}"
    attrs = button.base_attrs_string if button.attrs else ""
    if button.url:
        return (
            f'<a href="{_esc(button.url)}" class="{_esc(button.classname)}" {attrs}> {content} </a>'
        )
    return f'<button class="{_esc(button.classname)}" {attrs}> {content} </button>'


def _dropdown(button, parent_context) -> str:
    """`wagtailadmin/shared/button_with_dropdown.html` and the dropdown tag's template it
    uses, for a ButtonWithDropdown without theme or suffix (as the generic listing makes)."""
    context = button.get_context_data(parent_context)
    label = context["label"]
    toggle_class = _classnames(
        "w-dropdown__toggle",
        "" if label else "w-dropdown__toggle--icon",
        context["toggle_classname"],
    )
    aria_label = f' aria-label="{_esc(context["title"])}"' if context["title"] else ""
    toggle_icon = _icon(context["icon_name"] or "arrow-down", "w-dropdown__toggle-icon")
    children = " ".join(_button(child) for child in context["buttons"])
    return (
        f'<div data-controller="w-dropdown" class="w-dropdown" {button.base_attrs_string}> '
        f'<button type="button" class="{_esc(toggle_class)}" data-w-dropdown-target="toggle"'
        f"{aria_label}> {_esc(label)} {toggle_icon} </button> "
        f'<div data-w-dropdown-target="content" class="w-dropdown__content" hidden> {children} '
        "</div> </div>"
    )


def _is_plain_dropdown(button) -> bool:
    return type(button) is ButtonWithDropdown and all(
        type(child) is Button for child in button.dropdown_buttons
    )


class QuickTitleColumn(TitleColumn):
    """Wagtail's TitleColumn (the view adds its buttons as it does for its own), written
    without templates. Anything but the generic listing's dropdown of plain buttons goes
    through Wagtail's template as before."""

    def render_cell_html(self, instance, parent_context):
        context = self.get_cell_context_data(instance, parent_context)
        buttons = [button for button in context.get("buttons", ()) if button.show]
        if not all(_is_plain_dropdown(button) for button in buttons):
            return self.cell_template.render(context)
        value = _text(context["value"])
        if context["title_id"]:
            value = f'<span id="{_esc(context["title_id"])}">{value}</span>'
        if context["link_url"]:
            title = f"<a{_attrs(context['link_attrs'])}> {value} </a>"
        elif context["label_id"]:
            title = f'<label for="{_esc(context["label_id"])}"> {value} </label>'
        else:
            title = value
        actions = ""
        if context.get("buttons"):
            items = " ".join(f"<li> {_dropdown(button, context)} </li>" for button in buttons)
            actions = f' <ul class="actions"> {items} </ul>'
        classname = f"{self.classname} title" if self.classname else "title"
        return mark_safe(  # noqa: S308 — every part escaped above (_esc, _text, _attrs)
            f'<td class="{_esc(classname)}"> <div class="title-wrapper"> {title} </div>'
            f"{actions} </td>"
        )


@lru_cache(maxsize=256)
def _is_djangos_display(model, accessor: str) -> bool:
    """Whether model.get_FOO_display is the one Django makes for a field with choices."""
    method = inspect.getattr_static(model, accessor, None)
    return isinstance(method, partialmethod) and method.func is Model._get_FIELD_display


class QuickColumn(Column):
    """Wagtail's Column, its `cell.html` written in Python. A `get_FOO_display` accessor
    reads the field's choices from a dict made once per column (Django's method makes
    one for every call), in the language of this request as the method would."""

    @cached_property
    def _choice_field(self):
        accessor = self.accessor
        if not isinstance(accessor, str) or "." in accessor:
            return None
        if not (accessor.startswith("get_") and accessor.endswith("_display")):
            return None
        return accessor.removeprefix("get_").removesuffix("_display")

    @cached_property
    def _choice_labels(self) -> dict:
        return {}

    def get_value(self, instance):
        name = self._choice_field
        if name is None:
            return super().get_value(instance)
        field = instance._meta.get_field(name)
        if not _is_djangos_display(type(instance), self.accessor):
            return super().get_value(instance)  # the model's own get_FOO_display decides
        labels = self._choice_labels.get(name)
        if labels is None:
            labels = self._choice_labels[name] = dict(make_hashable(field.flatchoices))
        value = getattr(instance, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)

    def render_cell_html(self, instance, parent_context):
        value = self.get_cell_context_data(instance, parent_context)["value"]
        classname = f'class="{_esc(self.classname)}"' if self.classname else ""
        text = _text(value) if value is not None else ""
        return mark_safe(f"<td {classname}> {text} </td>")  # noqa: S308 — escaped by _text


class QuickTable(Table):
    """Wagtail's Table (`wagtailadmin/tables/table.html`) written in Python when all its
    cells are quick ones: the template's include and component tag per row and cell cost
    about as much as a quick cell. Column headers keep Wagtail's template (once a page)."""

    def render_html(self, parent_context=None):
        columns = list(self.columns.values())
        if not all(isinstance(column, (QuickTitleColumn, QuickColumn)) for column in columns):
            return super().render_html(parent_context)
        context = self.get_context_data(parent_context or {})
        parts = [f"<table{_attrs(self.attrs)}> "]
        caption = self.get_caption()
        if caption:
            parts.append(f'<caption class="w-sr-only">{_text(caption)}</caption> ')
        if self.has_column_widths():
            for column in columns:
                width = f'width="{_esc(column.width)}"' if column.width else ""
                parts.append(f"<col {width} /> ")
        header_class = (
            f'class="{_esc(self.header_row_classname)}"' if self.header_row_classname else ""
        )
        parts.append(f"<thead> <tr {header_class}> ")
        parts.extend(f"{column.header.render_html(context)} " for column in columns)
        parts.append("</tr> </thead> <tbody> ")
        for row in self.rows:
            cell_context = {**context, "row": row}
            parts.append(f"<tr{_attrs(row.attrs)}> ")
            parts.extend(
                f"{column.render_cell_html(row.instance, cell_context)} " for column in columns
            )
            parts.append("</tr> ")
        parts.append("</tbody> </table>")
        return mark_safe("".join(parts))  # noqa: S308 — escaped parts and rendered cells


class QuickListingMixin:
    """For a Wagtail `generic.IndexView`: each permission once per request, each action's
    URL reversed once, and the title and plain cells without templates."""

    @cached_property
    def _permission_answers(self) -> dict:
        return {}

    def user_has_permission(self, permission):
        key = ("one", permission)
        if key not in self._permission_answers:
            self._permission_answers[key] = super().user_has_permission(permission)
        return self._permission_answers[key]

    def user_has_any_permission(self, permissions):
        key = ("any", frozenset(permissions))
        if key not in self._permission_answers:
            self._permission_answers[key] = super().user_has_any_permission(permissions)
        return self._permission_answers[key]

    @cached_property
    def _url_templates(self) -> dict:
        return {}

    def _row_url(self, url_name, instance):
        """reverse(url_name, args=(quote(instance.pk),)), reversed once per request."""
        pk = instance.pk
        if type(pk) is not int:
            return reverse(url_name, args=(quote(pk),))
        if url_name not in self._url_templates:
            url = reverse(url_name, args=(_PK_PLACEHOLDER,))
            parts = url.split(str(_PK_PLACEHOLDER))
            self._url_templates[url_name] = parts if len(parts) == 2 else None
        parts = self._url_templates[url_name]
        if parts is None:
            return reverse(url_name, args=(quote(pk),))
        return f"{parts[0]}{pk}{parts[1]}"

    # The same conditions as Wagtail's IndexView, with the URL from _row_url.
    def get_edit_url(self, instance):
        if self.edit_url_name and self.user_has_permission("change"):
            return self._row_url(self.edit_url_name, instance)

    def get_copy_url(self, instance):
        if self.copy_url_name and self.user_has_permission("add"):
            return self._row_url(self.copy_url_name, instance)

    def get_inspect_url(self, instance):
        if self.inspect_url_name and self.user_has_any_permission(
            {"add", "change", "delete", "view"}
        ):
            return self._row_url(self.inspect_url_name, instance)

    def get_delete_url(self, instance):
        if self.delete_url_name and self.user_has_permission("delete"):
            return self._row_url(self.delete_url_name, instance)

    @cached_property
    def table_class(self):
        table_class = super().table_class
        return QuickTable if table_class is Table else table_class

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        if column_class is TitleColumn:
            column_class = QuickTitleColumn
        return super()._get_title_column(field_name, column_class, **kwargs)

    def _get_custom_column(self, field_name, column_class=Column, **kwargs):
        if column_class is Column:
            column_class = QuickColumn
        return super()._get_custom_column(field_name, column_class, **kwargs)
