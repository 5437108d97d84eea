#!/usr/bin/env python3
"""Django-vs-Railgun schema comparison. Generates a throwaway Django project whose models.py is written from a
Railgun model file (yaml_to_django.py), runs Django's makemigrations + migrate into one PostgreSQL database, and
compares its schema with the one `railgun migrate` made in another: tables, columns (type, length, precision,
scale, nullability, identity), primary keys, foreign keys, unique constraints, check constraints and indexes
(by columns, with their names). Django's own tables (auth_*, django_*) are ignored.

Run with the system python3: it creates/reuses a virtualenv with Django, psycopg2 and PyYAML and re-runs itself
there. Exit codes: 0 same schema, 1 differences (printed), 77 skipped (no Django available)."""
import argparse
import os
import subprocess
import sys
import tempfile

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
REQUIREMENTS = ["Django>=4.2,<6", "psycopg2-binary", "PyYAML"]
IGNORED_PREFIXES = ("auth_", "django_")


def venv_python(venv):
    return os.path.join(venv, "bin", "python")


def ensure_venv(venv):
    """Creates the virtualenv once; a stamp file marks a complete install."""
    stamp = os.path.join(venv, ".railgun-django-ready")
    if os.path.exists(stamp):
        return True
    try:
        subprocess.run([sys.executable, "-m", "venv", venv], check=True, timeout=120)
        r = subprocess.run([venv_python(venv), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
                           + REQUIREMENTS, timeout=600, capture_output=True, text=True)
        if r.returncode != 0:
            print("pip install failed:\n" + r.stdout[-2000:] + r.stderr[-2000:])
            return False
        subprocess.run([venv_python(venv), "-c", "import django, psycopg2, yaml"], check=True, timeout=60)
    except (subprocess.SubprocessError, OSError) as e:
        print(f"cannot create the Django virtualenv: {e}")
        return False
    with open(stamp, "w") as f:
        f.write("ok\n")
    return True


def write_project(root, app, models_py, database_url):
    import urllib.parse
    u = urllib.parse.urlsplit(database_url)
    query = dict(urllib.parse.parse_qsl(u.query))
    db = {"ENGINE": "django.db.backends.postgresql", "NAME": u.path.lstrip("/"), "USER": u.username or "",
          "PASSWORD": urllib.parse.unquote(u.password or ""), "HOST": u.hostname or query.get("host", ""),
          "PORT": str(u.port or "")}
    os.makedirs(os.path.join(root, app, "migrations"))
    open(os.path.join(root, app, "__init__.py"), "w").close()
    open(os.path.join(root, app, "migrations", "__init__.py"), "w").close()
    with open(os.path.join(root, app, "models.py"), "w") as f:
        f.write(models_py)
    with open(os.path.join(root, "settings.py"), "w") as f:
        f.write(f"""SECRET_KEY = "schema-comparison"
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", {app!r}]
DATABASES = {{"default": {db!r}}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
SILENCED_SYSTEM_CHECKS = ["fields.E210"]  # ImageField without Pillow: irrelevant to the schema
""")


def run_django(root, *args):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="settings", PYTHONPATH=root)
    r = subprocess.run([sys.executable, "-m", "django", *args], cwd=root, env=env, capture_output=True, text=True,
                       timeout=300)
    if r.returncode != 0:
        raise SystemExit(f"django-admin {' '.join(args)} failed:\n{r.stdout}\n{r.stderr}")
    return r.stdout


def connect(url):
    import psycopg2
    return psycopg2.connect(url)


def fetch(conn, sql):
    with conn.cursor() as cur:
        cur.execute(sql)
        return cur.fetchall()


def ignored(table):
    return table.startswith(IGNORED_PREFIXES)


def describe(url):
    """The schema as comparable facts: {section: {key: value}}."""
    conn = connect(url)
    facts = {"tables": {}, "columns": {}, "primary keys": {}, "foreign keys": {}, "unique constraints": {},
             "check constraints": {}, "indexes": {}}
    for (t,) in fetch(conn, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                            "AND table_type = 'BASE TABLE'"):
        if not ignored(t):
            facts["tables"][t] = "table"
    for t, c, dtype, length, prec, scale, nullable, identity in fetch(
            conn, "SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, "
                  "numeric_scale, is_nullable, is_identity FROM information_schema.columns "
                  "WHERE table_schema = current_schema()"):
        if ignored(t):
            continue
        desc = dtype
        if length is not None:
            desc += f"({length})"
        if dtype == "numeric":
            desc += f"({prec},{scale})"
        desc += " NULL" if nullable == "YES" else " NOT NULL"
        if identity == "YES":
            desc += " IDENTITY"
        facts["columns"][f"{t}.{c}"] = desc
    constraints = fetch(conn, """
        SELECT c.conname, c.contype, t.relname,
               ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i),
               rt.relname,
               ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                     JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i),
               c.condeferrable, c.condeferred, c.confdeltype, pg_get_constraintdef(c.oid)
        FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace LEFT JOIN pg_class rt ON rt.oid = c.confrelid
        WHERE n.nspname = current_schema()""")
    constraint_names = set()
    for name, kind, t, cols, rt, rcols, deferrable, deferred, deltype, definition in constraints:
        constraint_names.add(name)
        if ignored(t):
            continue
        key = f"{t}({', '.join(cols)})"
        if kind == "p":
            facts["primary keys"][key] = name
        elif kind == "f":
            facts["foreign keys"][key] = (f"-> {rt}({', '.join(rcols)}) {name}"
                                          f"{' DEFERRABLE' if deferrable else ''}"
                                          f"{' INITIALLY DEFERRED' if deferred else ''} on_delete={deltype}")
        elif kind == "u":
            facts["unique constraints"][key] = name
        elif kind == "c":
            facts["check constraints"][f"{t}: {definition}"] = name
    for name, t, unique, cols, opclasses, predicate in fetch(conn, """
        SELECT i.relname, t.relname, x.indisunique,
               ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_subscripts(x.indkey, 1) k
                     ORDER BY k),
               ARRAY(SELECT o.opcname FROM unnest(x.indclass) c JOIN pg_opclass o ON o.oid = c),
               pg_get_expr(x.indpred, x.indrelid)
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = current_schema()"""):
        if ignored(t) or name in constraint_names:  # pk/unique constraints' own indexes are compared above
            continue
        pattern = [o for o in opclasses if o.endswith("_pattern_ops")]
        key = (f"{t}({', '.join(cols)})" + (" UNIQUE" if unique else "") +
               (f" {'/'.join(pattern)}" if pattern else "") + (f" WHERE {predicate}" if predicate else ""))
        facts["indexes"][key] = name
    conn.close()
    return facts


def diff(django, railgun):
    """Lines describing every difference; empty when the schemas agree."""
    out = []
    for section in django:
        d, r = django[section], railgun[section]
        for key in sorted(set(d) | set(r)):
            if key not in r:
                out.append(f"{section}: only in Django:  {key}  {d[key]}")
            elif key not in d:
                out.append(f"{section}: only in Railgun: {key}  {r[key]}")
            elif d[key] != r[key]:
                out.append(f"{section}: {key}: Django {d[key]!r} != Railgun {r[key]!r}")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", help="Railgun model file (YAML)")
    parser.add_argument("--django-db", help="empty PostgreSQL database for Django's migrate")
    parser.add_argument("--railgun-db", help="PostgreSQL database `railgun migrate` populated")
    parser.add_argument("--venv", required=True, help="virtualenv to create/reuse")
    parser.add_argument("--ensure-venv-only", action="store_true", help="just create the virtualenv (exit 0 or 77)")
    args = parser.parse_args()
    if args.ensure_venv_only:
        return 0 if ensure_venv(args.venv) else SKIP
    if not (args.models and args.django_db and args.railgun_db):
        parser.error("--models, --django-db and --railgun-db are required")
    if os.path.realpath(sys.prefix) != os.path.realpath(args.venv):
        if not ensure_venv(args.venv):
            print("SKIP: Django could not be installed; the Django schema comparison did not run")
            return SKIP
        os.execv(venv_python(args.venv), [venv_python(args.venv), os.path.abspath(__file__)] + sys.argv[1:])

    import yaml
    sys.path.insert(0, HERE)
    import yaml_to_django
    with open(args.models, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    import django
    print(f"Django {django.get_version()}: {args.models}")
    with tempfile.TemporaryDirectory(prefix="rg-django-") as root:
        write_project(root, doc["app"], yaml_to_django.models_source(doc), args.django_db)
        run_django(root, "makemigrations", doc["app"])
        run_django(root, "migrate", "--no-input")
    django_facts = describe(args.django_db)
    railgun_facts = describe(args.railgun_db)
    for section in django_facts:
        print(f"  {section}: Django {len(django_facts[section])}, Railgun {len(railgun_facts[section])}")
    problems = diff(django_facts, railgun_facts)
    if problems:
        print(f"{len(problems)} differences:")
        for p in problems:
            print("  " + p)
        return 1
    print("schemas match")
    return 0


if __name__ == "__main__":
    sys.exit(main())
