from simple_history.models import HistoricalRecords

APP_LABEL = "history"


def edit_history(**options):
    """A model's HistoricalRecords, its table kept in this app (one migration folder for every tracked
    model, apart from the apps' own)."""
    return HistoricalRecords(app=APP_LABEL, **options)
