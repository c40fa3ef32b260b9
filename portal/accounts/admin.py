"""Accounts made or renamed in the admin pass the same look-alike check as sign-ups."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from .usernames import look_alike_problem


class LookAlikeCheck:
    def clean_username(self):
        username = (
            super().clean_username() if hasattr(super(), "clean_username") else self.cleaned_data["username"]
        )
        if not username:  # Django's own check found it taken and said so
            return username
        problem = look_alike_problem(username, account=self.instance)
        if problem:
            raise forms.ValidationError(problem, code="look_alike")
        return username


class AccountCreationForm(LookAlikeCheck, AdminUserCreationForm):
    pass


class AccountChangeForm(LookAlikeCheck, UserChangeForm):
    pass


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class AccountAdmin(UserAdmin):
    add_form = AccountCreationForm
    form = AccountChangeForm
