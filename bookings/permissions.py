from accounts.roles import EDITOR, TRAINER


def can_manage_bookings(user) -> bool:
    """Trainers and editors draft quotes and schedule requests."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=[TRAINER, EDITOR]).exists()
