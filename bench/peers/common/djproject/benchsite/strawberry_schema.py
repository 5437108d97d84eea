"""strawberry-django peer: the same API shape as the graphene peer (Railgun's naming), served through
strawberry_django's query optimizer extension (automatic select_related / prefetch_related / only)."""
from decimal import Decimal
from typing import List, Optional

import strawberry
import strawberry_django
from django.db.models import Prefetch
import strawberry.scalars
from strawberry_django.optimizer import DjangoOptimizerExtension

from ecommerce import models as m


@strawberry_django.type(m.Brand)
class BrandType:
    id: strawberry.ID
    name: str
    slug: str


@strawberry_django.type(m.ProductImage)
class ProductImageType:
    id: strawberry.ID
    alt_text: str
    is_primary: bool
    sort_order: int

    @strawberry_django.field(only=["image"])
    def image(self) -> str:
        return str(self.image)


@strawberry_django.type(m.Category)
class CategoryType:
    id: strawberry.ID
    name: str
    slug: str
    sort_order: int

    @strawberry_django.field(prefetch_related=[])
    def products(self, first: Optional[int] = None) -> List["ProductType"]:
        rows = getattr(self, "bench_products", None)
        rows = list(rows) if rows is not None else list(self.products.all())
        return rows[:first] if first is not None else rows


@strawberry_django.type(m.Product)
class ProductType:
    id: strawberry.ID
    name: str
    sku: str
    price: Decimal
    sale_price: Optional[Decimal]
    stock_quantity: int
    is_active: bool
    category: Optional[CategoryType]
    brand: Optional[BrandType]
    images: List[ProductImageType]


@strawberry.type
class ProductConnection:
    total_count: int
    nodes: List[ProductType]


@strawberry.type
class Query:
    @strawberry_django.field
    def product(self, info: strawberry.Info, id: strawberry.ID) -> Optional[ProductType]:
        from strawberry_django.optimizer import optimize
        return optimize(m.Product.objects.filter(pk=id), info).first()

    @strawberry.field
    def products(self, info: strawberry.Info, first: Optional[int] = None, order_by: Optional[str] = None,
                 category_name: Optional[str] = None, price_gte: Optional[Decimal] = None) -> ProductConnection:
        qs = m.Product.objects.all()
        if category_name is not None:
            qs = qs.filter(category__name=category_name)
        if price_gte is not None:
            qs = qs.filter(price__gte=price_gte)
        if order_by:
            qs = qs.order_by(order_by, "id")
        wants_count = any(s.name == "totalCount" for s in info.selected_fields[0].selections)
        nodes = qs.select_related("category", "brand")[:first] if first is not None else qs
        return ProductConnection(total_count=qs.count() if wants_count else 0, nodes=list(nodes))

    @strawberry.field
    def categories(self, first: Optional[int] = None, parent_isnull: Optional[bool] = None,
                   products_first: Optional[int] = None, products_order_by: Optional[str] = None,
                   products_is_active: Optional[bool] = None) -> List[CategoryType]:
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
            inner = inner[:products_first]
        return list(qs.prefetch_related(Prefetch("products", queryset=inner, to_attr="bench_products"))
                    [:first] if first is not None else qs)


@strawberry_django.type(m.OrderItem)
class OrderItemType:
    id: strawberry.ID
    quantity: int
    unit_price: Decimal
    total_price: Decimal
    product_name: str
    product_sku: str


@strawberry_django.type(m.Order)
class OrderType:
    id: strawberry.ID
    order_number: str
    total_amount: Decimal
    status: str
    items: List[OrderItemType] = strawberry_django.field(order=None)


@strawberry.input
class OrderItemInput:
    product: strawberry.ID
    quantity: int
    unit_price: Decimal
    total_price: Decimal
    product_name: str
    product_sku: str


@strawberry.input
class CreateOrderInput:
    order_number: str
    store: strawberry.ID
    customer: strawberry.ID
    subtotal: Decimal
    total_amount: Decimal
    billing_address: strawberry.scalars.JSON
    shipping_address: strawberry.scalars.JSON
    items: List[OrderItemInput]


@strawberry.type
class CreateOrderPayload:
    ok: bool
    order: Optional[OrderType]


@strawberry.type
class Mutation:
    @strawberry.mutation
    def create_order(self, input: CreateOrderInput) -> CreateOrderPayload:
        """Nested create: the order and its items in one transaction (items with one bulk_create)."""
        from django.db import transaction
        with transaction.atomic():
            order = m.Order.objects.create(
                order_number=input.order_number, store_id=input.store, customer_id=input.customer,
                subtotal=input.subtotal, total_amount=input.total_amount, billing_address=input.billing_address,
                shipping_address=input.shipping_address)
            m.OrderItem.objects.bulk_create([
                m.OrderItem(order=order, product_id=i.product, quantity=i.quantity, unit_price=i.unit_price,
                            total_price=i.total_price, product_name=i.product_name, product_sku=i.product_sku)
                for i in input.items])
        return CreateOrderPayload(ok=True, order=m.Order.objects.prefetch_related("items").get(pk=order.pk))


schema = strawberry.Schema(query=Query, mutation=Mutation, extensions=[DjangoOptimizerExtension])
