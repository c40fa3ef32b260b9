from django.apps import AppConfig


class DumpsConfig(AppConfig):
    name = "portal.dumps"
    label = "dumps"
    verbose_name = "Data dumps"
