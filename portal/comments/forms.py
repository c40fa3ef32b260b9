from django import forms

from .models import MAX_BODY_LENGTH, Comment

# Characters that show nothing: a body made only of these is empty.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


class CommentBodyField(forms.CharField):
    """Text as typed, with browsers' \r\n line breaks counted as one character each, and a text of only
    invisible characters treated as empty."""

    def to_python(self, value):
        value = super().to_python(value).replace("\r\n", "\n").replace("\r", "\n")
        return value if value.translate(INVISIBLE).strip() else ""


class CommentForm(forms.Form):
    body = CommentBodyField(
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
    reason = forms.CharField(
        label="What is wrong with it? (optional)",
        max_length=300,
        required=False,
        error_messages={
            "max_length": "Please keep the reason under 300 characters; the report was not sent."
        },
    )
