"""The demo once stood in a made-up person, "Queen of Tears co-director (name not given)", for the director
our source does not name. Their credits now name nobody (as unnamed actors' castings do) and the made-up
person, with its page and search entry, goes."""

from django.db import migrations

SLUG = "queen-of-tears-co-director"
NOTES = {
    "queen-of-tears": (
        "Co-director; our source leaves the name out, saying only that they had worked on Crash Landing on "
        "You and Bulgasal: Immortal Souls"
    ),
    "other": (
        "One of the two directors of Queen of Tears, whom our source does not name, worked on the series; "
        "it does not say in what role"
    ),
}


def unname_the_co_director(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    CrewCredit = apps.get_model("people", "CrewCredit")
    SearchEntry = apps.get_model("search", "SearchEntry")
    person = Person.objects.filter(slug=SLUG, name__endswith="(name not given)").first()
    if person is None or person.castings.exists():
        return  # gone, named by an editor since, or given a role: leave it alone
    for credit in CrewCredit.objects.filter(person=person).select_related("show"):
        credit.person = None
        credit.note = NOTES.get(credit.show.slug, NOTES["other"])
        credit.save(update_fields=["person", "note"])
    SearchEntry.objects.filter(kind="person", object_id=person.pk).delete()
    person.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_page_indexes"),
        ("search", "0004_postgresql_keys_index"),
    ]

    operations = [migrations.RunPython(unname_the_co_director, migrations.RunPython.noop)]
