"""The course page's cached fragments (templates/courses/course_page.html): programme,
audiences, trainers and questions, which cost four queries and change only when an editor
changes them.

Wagtail's `{% wagtailpagecache %}` keys them by the page's own cache key (its id, URL path
and last publication, so publishing the course renews them) and skips them in previews; we
add the language and a generation number that changes with what they show from outside the
page: a trainer, an audience, an image (trainers' photos), or a page moved, unpublished or
deleted (links in rich text). Cohorts and enrolments, which change all day, are not in these
fragments and leave them alone.
"""

from leerkring import generations

GENERATION_KEY = "courses:content-generation"


def generation() -> int:
    return generations.current(GENERATION_KEY)


def invalidate(**_kwargs) -> None:
    generations.bump(GENERATION_KEY)


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.images import get_image_model
    from wagtail.models import Page
    from wagtail.signals import page_unpublished, post_page_move

    from courses.models import Audience, Trainer

    page_unpublished.connect(invalidate, dispatch_uid="course-content-unpublished")
    post_page_move.connect(invalidate, dispatch_uid="course-content-moved")
    post_delete.connect(invalidate, sender=Page, dispatch_uid="course-content-page-deleted")
    for model in (Trainer, Audience, get_image_model()):
        for signal in (post_save, post_delete):
            signal.connect(
                invalidate, sender=model, dispatch_uid=f"course-content-{signal}-{model.__name__}"
            )
