# One module per part of the domain; import here so Django and other apps find every model.
from courses.models.pages import (
    AttendanceRule,
    Audience,
    CourseFAQ,
    CourseFormat,
    CourseIndexPage,
    CoursePage,
    HomeFeaturedCourse,
    HomePage,
    LessonPage,
    ProgrammeItem,
    Trainer,
    VatCategory,
)
from courses.models.progress import LessonProgress, ReflectionNote

__all__ = [
    "AttendanceRule",
    "Audience",
    "CourseFAQ",
    "CourseFormat",
    "CourseIndexPage",
    "CoursePage",
    "HomeFeaturedCourse",
    "HomePage",
    "LessonPage",
    "LessonProgress",
    "ProgrammeItem",
    "ReflectionNote",
    "Trainer",
    "VatCategory",
]
