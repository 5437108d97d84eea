"""Routes /graphql/ to the GraphQL stack chosen by BENCH_PEER (CSRF off: the bench POSTs JSON without cookies)."""
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from benchsite.settings import PEER

urlpatterns = []
if PEER == "graphene":
    from graphene_django.views import GraphQLView

    from benchsite.graphene_schema import schema
    urlpatterns = [path("graphql/", csrf_exempt(GraphQLView.as_view(schema=schema)))]
elif PEER == "strawberry":
    from strawberry.django.views import GraphQLView

    from benchsite.strawberry_schema import schema
    urlpatterns = [path("graphql/", csrf_exempt(GraphQLView.as_view(schema=schema)))]
elif PEER == "rail":
    from graphene_django.views import GraphQLView
    from rail_django_graphql.schema import schema
    urlpatterns = [path("graphql/", csrf_exempt(GraphQLView.as_view(schema=schema)))]
