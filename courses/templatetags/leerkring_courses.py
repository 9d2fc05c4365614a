from django import template

from courses.forms import reflection_field_name

register = template.Library()


@register.filter
def reflection_field(form, block_id):
    """The bound answer field for one reflection question of a lesson form."""
    return form[reflection_field_name(block_id)]
