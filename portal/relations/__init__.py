"""Reading across apps from a model module without importing the other app's models.

shows, people and awards relate to each other both ways; their model modules reach one another through
the relations themselves (string references in the fields, `related_objects()` in querysets), so no model
module imports another app's models and none of them needs a function-local import.
"""


def related_objects(model, name):
    """A fresh queryset of the model at the other end of `model`'s relation `name` (a field or the
    accessor of a reverse relation), through its default manager, so its named queryset methods apply."""
    return model._meta.get_field(name).related_model._default_manager.all()
