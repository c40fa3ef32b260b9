from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User

from .usernames import look_alike_problem


class SignUpForm(UserCreationForm):
    """Username, email and a password checked by Django's validators, plus a honeypot field.

    The 'website' field is hidden from people (CSS and aria-hidden); bots that fill every field fill it too.
    """

    email = forms.EmailField(label="Email", help_text="For password resets; never shown to other fans.")
    website = forms.CharField(label="Leave this empty", required=False)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "email"]

    def fields_for_people(self):
        """The visible fields but the honeypot, which the sign-up template renders apart, hidden."""
        return [field for field in self.visible_fields() if field.name != "website"]

    def clean_username(self):
        # Before Django's own check, so "ADMIN" gets the same answer as "аdmin" with a Cyrillic а.
        problem = look_alike_problem(self.cleaned_data.get("username") or "")
        if problem:
            raise forms.ValidationError(problem, code="look_alike")
        return super().clean_username()

    def clean_email(self):
        email = self.cleaned_data["email"]
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this email already exists. Try resetting its password."
            )
        return email

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(
                "This looks automated. If you are a person, leave the last field empty."
            )
        return ""


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password: the account is not deleted.")
        return password
