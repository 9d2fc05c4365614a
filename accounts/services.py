from accounts.models import User

PROFILE_FIELDS = frozenset(
    {"first_name", "last_name", "certificate_name", "organisation", "job_title", "phone"}
)


def update_profile(*, user: User, data: dict) -> User:
    """Save the profile fields a person may change about themselves; nothing else."""
    fields = [field for field in data if field in PROFILE_FIELDS]
    for field in fields:
        setattr(user, field, data[field])
    user.save(update_fields=fields)
    return user
