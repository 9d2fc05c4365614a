from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class JobTitle(models.TextChoices):
    COUNCILLOR = "raadslid", _("Councillor")
    CIVIL_SERVANT = "ambtenaar", _("Civil servant")
    PROJECT_LEADER = "projectleider", _("Project leader")
    EXECUTIVE = "bestuurder", _("Executive")
    ADVISER = "adviseur", _("Adviser")
    OTHER = "anders", _("Other")


class EmailUserManager(UserManager):
    """Users are known by their email address; there is no username."""

    use_in_migrations = True

    def _create_user_object(self, email, password, **extra_fields):
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        return user

    def _create_user(self, email, password, **extra_fields):
        user = self._create_user_object(email, password, **extra_fields)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person using Leerkring: participant, trainer, municipal contact or editor.

    The role is a group membership (see accounts.roles); the fields below are the profile
    the person keeps up to date on "My details".
    """

    username = None
    email = models.EmailField(_("email address"), unique=True)
    certificate_name = models.CharField(
        _("name on certificate"),
        max_length=200,
        blank=True,
        help_text=_(
            "This is how your name appears on certificates, for example with initials or "
            "prefix. Leave empty to use your first and last name."
        ),
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("For example: Gemeente Utrecht"),
    )
    job_title = models.CharField(
        _("job title"), max_length=20, choices=JobTitle.choices, blank=True
    )
    phone = models.CharField(_("phone number"), max_length=30, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            # Email addresses differ in case only by accident: one person, one account.
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def name_on_certificate(self) -> str:
        return self.certificate_name.strip() or self.get_full_name()
