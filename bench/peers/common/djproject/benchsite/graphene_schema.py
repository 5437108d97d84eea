"""graphene-django 3 peer: Railgun's API shape for the bench queries (camelCase, connections with totalCount,
flat filters), hand-tuned with select_related / prefetch_related (Prefetch with ordered, filtered querysets)."""
import graphene
from django.db.models import Prefetch
from graphene_django import DjangoObjectType

from ecommerce import models as m


class BrandType(DjangoObjectType):
    class Meta:
        model = m.Brand
        fields = ("id", "name", "slug")


class ProductImageType(DjangoObjectType):
    class Meta:
        model = m.ProductImage
        fields = ("id", "image", "alt_text", "is_primary", "sort_order")


class CategoryType(DjangoObjectType):
    class Meta:
        model = m.Category
        fields = ("id", "name", "slug", "sort_order")

    products = graphene.List(graphene.NonNull(lambda: ProductType), first=graphene.Int())

    def resolve_products(self, info, first=None):
        rows = getattr(self, "bench_products", None)
        rows = list(rows) if rows is not None else list(self.products.all())
        return rows[:first] if first is not None else rows


class ProductType(DjangoObjectType):
    class Meta:
        model = m.Product
        fields = ("id", "name", "sku", "price", "sale_price", "stock_quantity", "is_active", "category", "brand")

    images = graphene.List(graphene.NonNull(ProductImageType))

    def resolve_images(self, info):
        return self.images.all()


class ProductConnection(graphene.ObjectType):
    total_count = graphene.Int(required=True)
    nodes = graphene.List(graphene.NonNull(ProductType), required=True)


def product_queryset(info_fields):
    qs = m.Product.objects.all()
    if "category" in info_fields:
        qs = qs.select_related("category")
    if "brand" in info_fields:
        qs = qs.select_related("brand")
    return qs


def selected(info):
    """Names of the fields selected under the current field (one level, plus `nodes`)."""
    names = set()
    for node in info.field_nodes:
        for sel in node.selection_set.selections if node.selection_set else []:
            names.add(sel.name.value)
            if sel.name.value == "nodes" and sel.selection_set:
                names.update(s.name.value for s in sel.selection_set.selections)
    return names


class Query(graphene.ObjectType):
    product = graphene.Field(ProductType, id=graphene.ID(required=True))
    products = graphene.Field(ProductConnection, first=graphene.Int(), order_by=graphene.String(),
                              category_name=graphene.String(), price_gte=graphene.Decimal())
    categories = graphene.List(graphene.NonNull(CategoryType), first=graphene.Int(), parent_isnull=graphene.Boolean(),
                               products_first=graphene.Int(), products_order_by=graphene.String(),
                               products_is_active=graphene.Boolean())

    def resolve_product(self, info, id):
        return product_queryset(selected(info)).filter(pk=id).first()

    def resolve_products(self, info, first=None, order_by=None, category_name=None, price_gte=None):
        qs = product_queryset(selected(info))
        if category_name is not None:
            qs = qs.filter(category__name=category_name)
        if price_gte is not None:
            qs = qs.filter(price__gte=price_gte)
        if order_by:
            qs = qs.order_by(order_by, "id")
        return ProductConnection(total_count=qs.count() if "totalCount" in selected(info) else 0,
                                 nodes=list(qs[:first] if first is not None else qs))

    def resolve_categories(self, info, first=None, parent_isnull=None, products_first=None, products_order_by=None,
                           products_is_active=None):
        qs = m.Category.objects.all()
        if parent_isnull is not None:
            qs = qs.filter(parent__isnull=parent_isnull)
        inner = m.Product.objects.all()
        if products_is_active is not None:
            inner = inner.filter(is_active=products_is_active)
        if products_order_by:
            inner = inner.order_by(products_order_by, "id")
        inner = inner.prefetch_related(Prefetch("images", queryset=m.ProductImage.objects.order_by("sort_order", "id")))
        if products_first is not None:
            inner = inner[:products_first]  # Django >= 4.2 slices prefetches per parent with a window function
        qs = qs.prefetch_related(Prefetch("products", queryset=inner, to_attr="bench_products"))
        return list(qs[:first] if first is not None else qs)



class OrderItemType(DjangoObjectType):
    class Meta:
        model = m.OrderItem
        fields = ("id", "quantity", "unit_price", "total_price", "product_name", "product_sku")


class OrderType(DjangoObjectType):
    class Meta:
        model = m.Order
        fields = ("id", "order_number", "total_amount", "status")

    items = graphene.List(graphene.NonNull(OrderItemType))

    def resolve_items(self, info):
        return self.items.order_by("id")


class OrderItemInput(graphene.InputObjectType):
    product = graphene.ID(required=True)
    quantity = graphene.Int(required=True)
    unit_price = graphene.Decimal(required=True)
    total_price = graphene.Decimal(required=True)
    product_name = graphene.String(required=True)
    product_sku = graphene.String(required=True)


class CreateOrderInput(graphene.InputObjectType):
    order_number = graphene.String(required=True)
    store = graphene.ID(required=True)
    customer = graphene.ID(required=True)
    subtotal = graphene.Decimal(required=True)
    total_amount = graphene.Decimal(required=True)
    billing_address = graphene.JSONString(required=True)
    shipping_address = graphene.JSONString(required=True)
    items = graphene.List(graphene.NonNull(OrderItemInput), required=True)


class CreateOrder(graphene.Mutation):
    """Nested create: the order and its items in one transaction (items with one bulk_create)."""
    class Arguments:
        input = CreateOrderInput(required=True)

    ok = graphene.Boolean(required=True)
    order = graphene.Field(OrderType)

    def mutate(self, info, input):
        from django.db import transaction
        data = dict(input)
        items = data.pop("items")
        with transaction.atomic():
            order = m.Order.objects.create(store_id=data.pop("store"), customer_id=data.pop("customer"), **data)
            m.OrderItem.objects.bulk_create([m.OrderItem(order=order, product_id=i.pop("product"), **i)
                                             for i in (dict(x) for x in items)])
        return CreateOrder(ok=True, order=order)


class Mutation(graphene.ObjectType):
    create_order = CreateOrder.Field()


schema = graphene.Schema(query=Query, mutation=Mutation, auto_camelcase=True)
