"""Private files: certificates, quote PDFs and personal data exports.

They live outside MEDIA_ROOT (PRIVATE_MEDIA_ROOT), so neither `/media/` in development nor
a web server that serves MEDIA_ROOT in production hands them out. They have no URL: the
views that check who asks (and whether a certificate was revoked) stream them.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateFileSystemStorage(FileSystemStorage):
    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("Private files have no public URL; a view that checks access serves them.")
