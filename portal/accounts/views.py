from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import RedirectURLMixin
from django.db import DatabaseError, IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.generic import CreateView

from . import ratelimit, services
from .forms import DeleteAccountForm, SignUpForm


class RateLimitedFormMixin:
    """Count a valid submission with ratelimit.spend(); over a limit, answer 429 with the form as it was
    typed (password fields never render their value) and a message at its top."""

    rate_limit_action = None

    def rate_limit_values(self, form):
        return {"address": ratelimit.client_ip(self.request)}

    def rate_limit_message(self, limited):
        raise NotImplementedError

    def refused_by_rate_limit(self, form):
        """None when this submission may go on; the 429 response to send instead otherwise."""
        try:
            ratelimit.spend(self.rate_limit_action, **self.rate_limit_values(form))
        except ratelimit.RateLimited as limited:
            form.add_error(None, self.rate_limit_message(limited))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return None


class SignUpView(RateLimitedFormMixin, RedirectURLMixin, CreateView):
    """Create an account, sign in, and go back to where the visitor came from (?next=)."""

    form_class = SignUpForm
    template_name = "registration/signup.html"
    next_page = reverse_lazy("home")
    rate_limit_action = "signup"

    def rate_limit_message(self, limited):
        return (
            f"{limited.limit} accounts have been created from your network in the last {limited.period}, "
            f"as many as we allow. Please try again later; what you typed is kept below, except the password."
        )

    def form_valid(self, form):
        refused = self.refused_by_rate_limit(form)
        if refused:
            return refused
        try:
            with transaction.atomic():
                self.object = form.save()
        except IntegrityError:
            # Someone took the same username a moment ago, between the form's check and the save.
            form.add_error("username", "This username was just taken. Please choose another.")
            return self.render_to_response(self.get_context_data(form=form), status=400)
        except DatabaseError:
            form.add_error(
                None, "The site is very busy and could not create your account just now. Try again."
            )
            response = self.render_to_response(self.get_context_data(form=form), status=503)
            response["Retry-After"] = "5"
            return response
        login(self.request, self.object, backend="django.contrib.auth.backends.ModelBackend")
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return self.get_redirect_url() or str(self.next_page)

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.get_redirect_url(), **kwargs)


class PasswordResetView(RateLimitedFormMixin, auth_views.PasswordResetView):
    """Django's reset request, with limits per email and per client address.

    The limits count requests whether or not an account has the email, and the message is the same
    either way, so they tell no one which emails are registered.
    """

    rate_limit_action = "password_reset"

    def form_valid(self, form):
        return self.refused_by_rate_limit(form) or super().form_valid(form)

    def rate_limit_values(self, form):
        return {"email": form.cleaned_data["email"], **super().rate_limit_values(form)}

    def rate_limit_message(self, limited):
        return (
            f"Too many reset links have been asked for, for this email or from your network, in the last "
            f"{limited.period}. If an account uses this email, a link is already on its way: check your "
            f"inbox and spam folder, or try again later."
        )


@login_required
def delete_account(request):
    """Ask for the password, then delete the account and sign out (services.delete_account)."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        try:
            services.delete_account(user)
        except services.NotAllowed as refusal:
            form.add_error(None, str(refusal))
        except DatabaseError:
            form.add_error(
                None, "The site is very busy and could not delete the account just now. Try again."
            )
        else:
            logout(request)
            messages.success(request, "Your account is deleted. Your comments stay, from “deleted account”.")
            return redirect("home")
    return render(
        request, "registration/delete_account.html", {"form": form}, status=400 if form.errors else 200
    )
