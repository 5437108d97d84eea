#!/usr/bin/env python3
"""Django entry point of the shared bench project (graphene-django, strawberry-django and rail-django peers)."""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchsite.settings")
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)
