from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bookings.errors import BookingError
from bookings.models import ContactInvitation
from bookings.services import accept_contact_invitation


@login_required
@require_http_methods(["GET", "POST"])
def accept(request, token):
    """An invited contact person opens the link the requester passed on. GET asks, POST
    accepts; logging in or signing up first (allauth) proves the address is theirs."""
    invitation = get_object_or_404(ContactInvitation.objects.select_related("request"), token=token)
    if request.method == "POST":
        try:
            accept_contact_invitation(token=token, user=request.user)
        except BookingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("You now follow this request."))
            return redirect("bookings:detail", public_id=invitation.request.public_id)
    return render(
        request,
        "bookings/invitation.html",
        {"organisation": invitation.request.organisation, "course": invitation.request.course},
    )
