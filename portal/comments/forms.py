from django import forms

from .models import MAX_BODY_LENGTH, Comment


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_BODY_LENGTH}),
        error_messages={
            "required": "Write something before posting: a comment cannot be empty.",
            "max_length": (
                f"Comments can be at most {MAX_BODY_LENGTH:,} characters (this one has %(show_value)d)."
            ),
        },
    )
    is_spoiler = forms.BooleanField(
        label="Contains spoilers (hidden until a reader chooses to show it)", required=False
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    submission = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, target=None, **kwargs):
        self.target = target
        super().__init__(*args, **kwargs)

    def clean_parent(self):
        parent_id = self.cleaned_data.get("parent")
        if not parent_id:
            return None
        parent = (
            Comment.objects.public().for_target(self.target).filter(pk=parent_id, is_deleted=False).first()
            if self.target
            else None
        )
        if parent is None:
            raise forms.ValidationError("The comment you are replying to is no longer available.")
        return parent


class EditCommentForm(forms.Form):
    body = CommentForm.base_fields["body"]
    is_spoiler = CommentForm.base_fields["is_spoiler"]


class ReportForm(forms.Form):
    reason = forms.CharField(label="What is wrong with it? (optional)", max_length=300, required=False)
