#!/usr/bin/env python3
"""Railgun's Django importer: run inside a Django project (by `railgun import-django`), it walks the installed apps'
models (_meta: fields, relations, Meta options, GraphQLMeta inner classes) and writes one Railgun model file (YAML)
per app. Usage: django_export.py SETTINGS_MODULE [--apps a,b] [--out DIR] [--path PROJECT_DIR]"""
import argparse
import json
import os
import sys

GRAPHQL_META_KEYS = [
    "fields", "exclude_fields", "exclude", "read_only_fields", "write_only_fields", "filter_fields", "ordering",
    "descriptions", "search_fields", "field_permissions", "permission_classes", "select_related", "prefetch_related",
    "connection", "validator_class", "caching",
]
FIELD_CLASSES = {
    "AutoField", "BigAutoField", "SmallAutoField", "CharField", "TextField", "SlugField", "EmailField", "URLField",
    "FileField", "ImageField", "UUIDField", "IntegerField", "BigIntegerField", "SmallIntegerField",
    "PositiveIntegerField", "PositiveBigIntegerField", "PositiveSmallIntegerField", "FloatField", "DecimalField",
    "BooleanField", "DateField", "DateTimeField", "TimeField", "DurationField", "JSONField", "BinaryField",
    "GenericIPAddressField", "ForeignKey", "OneToOneField", "ManyToManyField",
}


def plain(value):
    """JSON-able data, or None when the value is code (classes, callables)."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        items = [plain(v) for v in value]
        return None if any(i is None and v is not None for i, v in zip(items, value)) else items
    if isinstance(value, dict):
        out = {str(k): plain(v) for k, v in value.items()}
        return None if any(v is None and value[k] is not None for k, v in zip(value, out.values())) else out
    if isinstance(value, type):
        return f"{value.__module__}.{value.__qualname__}"
    return None


def field_class(field):
    for cls in type(field).__mro__:
        if cls.__name__ in FIELD_CLASSES:
            return cls.__name__
    return field.get_internal_type()


def model_ref(target, model):
    if target is model:
        return "self"
    if target._meta.app_label == model._meta.app_label:
        return target.__name__
    return f"{target._meta.app_label}.{target.__name__}"


def default_value(field):
    from django.db.models.fields import NOT_PROVIDED
    d = field.default
    if d is NOT_PROVIDED:
        return NOT_PROVIDED
    if callable(d):
        name = getattr(d, "__name__", "")
        if name == "uuid4":
            return "uuid4"
        if name == "now":
            return "now"
        if name == "today":
            return "today"
        if d in (dict, list):
            return d()
        return NOT_PROVIDED
    if isinstance(d, (str, int, float, bool)) or d is None:
        return d
    try:
        from decimal import Decimal
        if isinstance(d, Decimal):
            return str(d)
    except ImportError:
        pass
    return NOT_PROVIDED


def field_spec(field, model):
    from django.db.models.fields import NOT_PROVIDED
    kind = field_class(field)
    spec = {"type": kind}
    if field.is_relation:
        spec["to"] = model_ref(field.remote_field.model, model)
        if kind != "ManyToManyField":
            spec["on_delete"] = field.remote_field.on_delete.__name__
            target_pk = field.remote_field.model._meta.pk
            if field.target_field is not None and field.target_field is not target_pk:
                spec["to_field"] = field.target_field.name
        else:
            through = field.remote_field.through
            if through is not None and not through._meta.auto_created:
                spec["through"] = model_ref(through, model)
            elif field.db_table:
                spec["db_table"] = field.db_table
            if field.remote_field.symmetrical is False and field.remote_field.model is model:
                spec["symmetrical"] = False
        if field.remote_field.related_name:
            spec["related_name"] = field.remote_field.related_name
        if getattr(field.remote_field, "related_query_name", None):
            spec["related_query_name"] = field.remote_field.related_query_name
    if getattr(field, "max_length", None) is not None and kind in (
            "CharField", "SlugField", "EmailField", "URLField", "FileField", "ImageField") and not (
            kind == "SlugField" and field.max_length == 50) and not (
            kind == "EmailField" and field.max_length == 254) and not (
            kind == "URLField" and field.max_length == 200) and not (
            kind in ("FileField", "ImageField") and field.max_length == 100):
        spec["max_length"] = field.max_length
    if kind == "DecimalField":
        spec["max_digits"] = field.max_digits
        spec["decimal_places"] = field.decimal_places
    if field.primary_key:
        spec["primary_key"] = True
    if field.null and kind != "ManyToManyField":
        spec["null"] = True
    if field.blank:
        spec["blank"] = True
    if field.unique and not field.primary_key and kind != "OneToOneField":
        spec["unique"] = True
    if field.db_index and not field.unique and kind not in ("ForeignKey", "SlugField"):
        spec["db_index"] = True
    if field.db_column:
        spec["db_column"] = field.db_column
    for key in ("auto_now", "auto_now_add"):
        if getattr(field, key, False):
            spec[key] = True
    if isinstance(getattr(field, "upload_to", None), str) and field.upload_to:
        spec["upload_to"] = field.upload_to
    if field.choices:
        spec["choices"] = [[plain(v), str(label)] for v, label in field.flatchoices]
    d = default_value(field)
    if d is not NOT_PROVIDED and not field.is_relation:
        spec["default"] = d
    if field.help_text:
        spec["help_text"] = str(field.help_text)
    return spec


def model_entry(model, default_auto):
    opts = model._meta
    entry = {}
    doc = (model.__doc__ or "").strip()
    if doc and not doc.startswith(model.__name__ + "("):
        entry["description"] = doc
    parents = [p for p in opts.parents if not p._meta.abstract]
    if parents:
        entry["extends"] = model_ref(parents[0], model)
    fields = {}
    for field in list(opts.local_fields) + list(opts.local_many_to_many):
        if getattr(field.remote_field, "parent_link", False) and field.auto_created:
            continue
        if field.auto_created and field.primary_key and field_class(field) == default_auto:
            continue
        fields[field.name] = field_spec(field, model)
    entry["fields"] = fields
    meta = {}
    if opts.db_table != f"{opts.app_label}_{opts.model_name}":
        meta["db_table"] = opts.db_table
    if opts.ordering:
        meta["ordering"] = [o for o in opts.ordering if isinstance(o, str)]
    if opts.unique_together:
        meta["unique_together"] = [list(t) for t in opts.unique_together]
    if opts.indexes:
        meta["indexes"] = [{"fields": list(i.fields), **({"name": i.name} if i.name else {})}
                           for i in opts.indexes if i.fields]
    uniques = [c for c in opts.constraints if type(c).__name__ == "UniqueConstraint" and c.fields and
               c.condition is None]
    if uniques:
        meta["constraints"] = [{"name": c.name, "fields": list(c.fields)} for c in uniques]
    if opts.get_latest_by and isinstance(opts.get_latest_by, str):
        meta["get_latest_by"] = opts.get_latest_by
    if meta:
        entry["meta"] = meta
    graphql_meta = getattr(model, "GraphQLMeta", None)
    if graphql_meta is not None:
        graphql = {}
        for key in GRAPHQL_META_KEYS:
            if hasattr(graphql_meta, key):
                value = plain(getattr(graphql_meta, key))
                if value is not None:
                    graphql["exclude_fields" if key == "exclude" else key] = value
        if graphql:
            entry["graphql"] = graphql
    return entry


def to_yaml(doc):
    """Block YAML for the outer levels, JSON flow (valid YAML) for values."""
    lines = [f"# Generated by `railgun import-django` from the Django app {doc['app']!r}.", f"app: {doc['app']}"]
    if doc.get("default_auto_field"):
        lines.append(f"default_auto_field: {doc['default_auto_field']}")
    lines.append("models:")
    for name, entry in doc["models"].items():
        lines.append(f"  {name}:")
        for key, value in entry.items():
            if key == "fields":
                lines.append("    fields:" + (" {}" if not value else ""))
                for fname, spec in value.items():
                    lines.append(f"      {fname}: {json.dumps(spec)}")
            else:
                lines.append(f"    {key}: {json.dumps(value)}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description="Export Django models as Railgun model files")
    parser.add_argument("settings")
    parser.add_argument("--apps", default="", help="comma-separated app labels (default: every non-django.* app)")
    parser.add_argument("--out", default=".", help="output folder (one <app>.yaml per app)")
    parser.add_argument("--path", default=os.getcwd(), help="folder to put on sys.path (the project root)")
    args = parser.parse_args()
    sys.path.insert(0, os.path.abspath(args.path))
    os.environ["DJANGO_SETTINGS_MODULE"] = args.settings
    import django
    from django.apps import apps
    from django.conf import settings
    django.setup()
    wanted = [a for a in args.apps.split(",") if a]
    os.makedirs(args.out, exist_ok=True)
    written = []
    for config in apps.get_app_configs():
        if wanted and config.label not in wanted:
            continue
        if not wanted and config.name.startswith("django."):
            continue
        models = [m for m in config.get_models() if not m._meta.proxy and not m._meta.swapped]
        if not models:
            continue
        default_auto = (getattr(config, "default_auto_field", None) or settings.DEFAULT_AUTO_FIELD).rsplit(".", 1)[-1]
        doc = {"app": config.label, "default_auto_field": default_auto if default_auto != "BigAutoField" else None,
               "models": {m.__name__: model_entry(m, default_auto) for m in models}}
        path = os.path.join(args.out, f"{config.label}.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(to_yaml(doc))
        written.append(path)
    missing = set(wanted) - {c.label for c in apps.get_app_configs()}
    if missing:
        print(f"unknown apps: {', '.join(sorted(missing))}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
