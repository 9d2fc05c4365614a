from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from accounts import signals  # noqa: F401 — connects the login receivers
        from accounts.roles import ensure_roles_after_migrate

        # After every migrate (and test database set-up) the roles exist with their
        # permissions. Listen for the last app that migrates, so every app's permissions
        # have been created by then.
        last_app = [config for config in apps.get_app_configs() if config.models_module][-1]
        post_migrate.connect(
            ensure_roles_after_migrate, sender=last_app, dispatch_uid="leerkring_roles"
        )
