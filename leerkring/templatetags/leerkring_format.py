from django import template

from leerkring.money import format_euro

register = template.Library()


@register.filter
def euro(amount):
    """{{ course.price|euro }} → € 1.234,56"""
    return format_euro(amount)
