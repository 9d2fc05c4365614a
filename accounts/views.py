from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.forms import ProfileForm
from accounts.roles import TRAINER, has_role
from accounts.services import update_profile
from bookings.permissions import can_manage_bookings
from bookings.selectors import requests_of_contact
from courses.selectors.progress import my_courses


@login_required
def dashboard(request):
    """ "My Leerkring": one home for every role; each app adds its own section."""
    user = request.user
    return render(
        request,
        "accounts/dashboard.html",
        {
            "my_courses": my_courses(user=user),
            "my_booking_requests": list(requests_of_contact(user=user)[:5]),
            "is_trainer": has_role(user, TRAINER),
            "manages_bookings": can_manage_bookings(user),
        },
    )


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        update_profile(user=request.user, data=form.cleaned_data)
        messages.success(request, _("Your details have been saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})
