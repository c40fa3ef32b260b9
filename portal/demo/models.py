from django.db import models


class DemoRecord(models.Model):
    """A row that load_demo created, under the natural key it was created with.

    Once a row is here, load_demo never changes it again: staff may edit or re-key it (rename a crew role,
    move a character to another group) and a later load neither overwrites the edit nor adds a second row.
    """

    key = models.CharField("key", max_length=64, unique=True, help_text="sha256 of model and natural key")
    description = models.TextField("natural key", help_text="The model and natural key, for people reading.")
    object_id = models.CharField("object id", max_length=64)
    created_at = models.DateTimeField("created", auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "demo record"
        verbose_name_plural = "demo records"

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        return ""
