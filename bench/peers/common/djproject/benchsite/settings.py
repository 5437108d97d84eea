"""Settings of the shared bench project. Env: BENCH_DATABASE_URL (postgresql://user@host:port/db), BENCH_PEER
(graphene | strawberry | rail | none) picks the GraphQL stack served at /graphql/."""
import os
from urllib.parse import urlparse

PEER = os.environ.get("BENCH_PEER", "none")
_url = urlparse(os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/railgun_bench"))

SECRET_KEY = "bench-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "benchsite.urls"
USE_TZ = True
TIME_ZONE = "UTC"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
SILENCED_SYSTEM_CHECKS = ["fields.E210"]  # ImageField without Pillow: images are stored paths only
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "ecommerce"]
MIDDLEWARE = []
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True, "OPTIONS": {}}]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": _url.path.lstrip("/"),
        "USER": _url.username or "postgres",
        "PASSWORD": _url.password or "",
        "HOST": _url.hostname or "127.0.0.1",
        "PORT": str(_url.port or 5432),
        "CONN_MAX_AGE": None,  # persistent connections, as a production deployment would use
    }
}
LOGGING = {"version": 1, "disable_existing_loggers": True}

if PEER == "graphene":
    INSTALLED_APPS += ["graphene_django"]
    GRAPHENE = {"SCHEMA": "benchsite.graphene_schema.schema", "MIDDLEWARE": []}
elif PEER == "strawberry":
    INSTALLED_APPS += ["strawberry_django"]
elif PEER == "rail":
    # rail-django-graphql's recommended production settings: generated schema, its query optimizer on,
    # camelCase off (its default), debug/introspection extras off.
    INSTALLED_APPS += ["graphene_django", "django_filters", "rail_django_graphql"]
    GRAPHENE = {"SCHEMA": "rail_django_graphql.schema.schema", "MIDDLEWARE": []}
    RAIL_DJANGO_GRAPHQL = {
        "schema_settings": {"auto_camelcase": False, "enable_graphiql": False, "authentication_required": False,
                            "enable_introspection": True},
        "query_settings": {"enable_pagination": True, "enable_ordering": True, "default_page_size": 20,
                           "max_page_size": 100},
        "performance_settings": {"enable_query_optimization": True, "enable_select_related": True,
                                 "enable_prefetch_related": True, "enable_dataloader": False},
        "mutation_settings": {"enable_create": True, "enable_update": True, "enable_delete": True,
                              "enable_nested_relations": True},
        "security_settings": {"enable_authentication": False, "enable_authorization": False,
                              "enable_rate_limiting": False},
        "middleware_settings": {"enable_authentication_middleware": False, "enable_logging_middleware": False,
                                "enable_performance_middleware": False},
    }
