from allauth.account.adapter import DefaultAccountAdapter

from accounts.roles import PARTICIPANT, assign_role
from leerkring.client_ip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Everyone who signs up starts as a participant."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            assign_role(user, PARTICIPANT)
        return user

    def get_client_ip(self, request):
        # One definition of the client address for allauth's limits and our own.
        return client_ip(request)
