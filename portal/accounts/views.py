from django.contrib.auth import login
from django.contrib.auth.views import RedirectURLMixin
from django.http import HttpResponseRedirect
from django.urls import reverse_lazy
from django.views.generic import CreateView

from .forms import SignUpForm


class SignUpView(RedirectURLMixin, CreateView):
    """Create an account, sign in, and go back to where the visitor came from (?next=)."""

    form_class = SignUpForm
    template_name = "registration/signup.html"
    next_page = reverse_lazy("home")

    def form_valid(self, form):
        self.object = form.save()
        login(self.request, self.object, backend="django.contrib.auth.backends.ModelBackend")
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return self.get_redirect_url() or str(self.next_page)

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.get_redirect_url(), **kwargs)
