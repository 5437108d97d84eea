"""The ecommerce app; models.py is generated from examples/ecommerce/models.yaml by bench/load-data."""
from django.apps import AppConfig


class EcommerceConfig(AppConfig):
    name = "ecommerce"
    default_auto_field = "django.db.models.AutoField"
