# A small library app exercising what the importer reads: relations, Meta options and a GraphQLMeta.
from django.contrib.auth.models import User
from django.db import models


class Author(models.Model):
    """A person who writes books."""
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="author_profile")
    name = models.CharField(max_length=120)
    email = models.EmailField(unique=True)

    class Meta:
        ordering = ["name"]


class Tag(models.Model):
    label = models.SlugField(unique=True)


class Book(models.Model):
    KINDS = [("novel", "Novel"), ("essay", "Essay")]
    title = models.CharField(max_length=200, db_index=True)
    slug = models.SlugField()
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="books")
    kind = models.CharField(max_length=10, choices=KINDS, default="novel")
    price = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    tags = models.ManyToManyField(Tag, related_name="books", blank=True)
    published = models.DateField(null=True)

    class Meta:
        unique_together = [("slug", "author")]
        ordering = ["-published", "title"]
        indexes = [models.Index(fields=["kind", "published"], name="library_book_kind_pub")]

    class GraphQLMeta:
        filter_fields = {"title": ["exact", "icontains"], "kind": ["exact", "in"]}
        ordering = ["title", "-published"]
        exclude_fields = ["slug"]
        search_fields = ["title"]
