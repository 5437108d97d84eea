#!/usr/bin/env python3
"""Deterministic ecommerce rows for the peer benchmarks (same seed -> same rows), written with COPY.
Usage: gen_data.py <postgresql-url> small|large
small: 100 categories (10 roots x 9 children), 50 brands, 10,000 products x 3 images, 2,000 orders x 5 items.
large: the same catalogue x10 (100,000 products, 300,000 images), 200,000 orders x 5 items = 1,000,000 order items.
Every product has a distinct created_at so the default ordering (-created_at) is total."""
import io
import random
import sys
from datetime import datetime, timedelta, timezone

import psycopg2

SIZES = {"small": dict(products=10_000, orders=2_000), "large": dict(products=100_000, orders=200_000)}
BASE = datetime(2025, 1, 1, tzinfo=timezone.utc)
WORDS = ["Red", "Blue", "Green", "Smart", "Classic", "Pro", "Ultra", "Mini", "Eco", "Prime", "Solar", "Nova",
         "Swift", "Urban", "Alpine", "Coastal", "Vintage", "Modern", "Rapid", "Silent"]
NOUNS = ["Phone", "Laptop", "Chair", "Lamp", "Shoe", "Jacket", "Watch", "Bottle", "Camera", "Desk", "Backpack",
         "Speaker", "Kettle", "Blender", "Tent", "Bike", "Helmet", "Mug", "Scarf", "Drone"]


def text(v):
    if v is None:
        return r"\N"
    if isinstance(v, bool):
        return "t" if v else "f"
    return str(v).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def copy(cur, table, columns, rows):
    buf = io.StringIO()
    n = 0
    for row in rows:
        buf.write("\t".join(text(v) for v in row) + "\n")
        n += 1
        if n % 50_000 == 0:
            buf.seek(0)
            cur.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buf)
            buf = io.StringIO()
    buf.seek(0)
    cur.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buf)
    cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))")


def main():
    url, size = sys.argv[1], sys.argv[2]
    n_products, n_orders = SIZES[size]["products"], SIZES[size]["orders"]
    rnd = random.Random(42)
    conn = psycopg2.connect(url)
    cur = conn.cursor()
    users = 20
    copy(cur, "auth_user", ["id", "password", "is_superuser", "username", "first_name", "last_name", "email",
                            "is_staff", "is_active", "date_joined"],
         ((i, "!", i == 1, f"user{i}", f"First{i}", f"Last{i}", f"user{i}@example.com", i == 1, True,
           BASE.isoformat()) for i in range(1, users + 1)))
    copy(cur, "ecommerce_store", ["id", "name", "slug", "owner_id", "description", "is_active", "created_at"],
         [(1, "Bench Store", "bench-store", 1, "The benchmark store", True, BASE.isoformat())])
    cats = []
    for root in range(10):
        cid = root * 10 + 1
        cats.append((cid, f"Category {root:02d}", f"category-{root:02d}", None, 1, None, True, root))
        for child in range(1, 10):
            cats.append((cid + child, f"Category {root:02d}-{child}", f"category-{root:02d}-{child}", cid, 1, None,
                         True, child))
    copy(cur, "ecommerce_category", ["id", "name", "slug", "parent_id", "store_id", "image", "is_active",
                                     "sort_order"], cats)
    copy(cur, "ecommerce_brand", ["id", "name", "slug", "logo", "description", "website"],
         ((i, f"Brand {i:02d}", f"brand-{i:02d}", None, f"Brand number {i}", f"https://brand{i}.example")
          for i in range(1, 51)))
    products = []
    for i in range(1, n_products + 1):
        price = rnd.randint(100, 99_999) / 100
        sale = round(price * 0.8, 2) if rnd.random() < 0.2 else None
        name = f"{rnd.choice(WORDS)} {rnd.choice(NOUNS)} {i}"
        created = (BASE + timedelta(minutes=i)).isoformat()
        products.append((i, name, f"product-{i}", f"SKU-{i:07d}", rnd.choice(["simple", "variable"]), 1,
                         (i % 100) + 1, (i % 50) + 1 if i % 7 else None, f"Description of {name}", "",
                         f"{price:.2f}", None if sale is None else f"{sale:.2f}", None, True, rnd.randint(0, 200), 5,
                         None, None, None, None, "", "", i % 10 != 3, i % 25 == 0, created, created))
    copy(cur, "ecommerce_product", ["id", "name", "slug", "sku", "product_type", "store_id", "category_id", "brand_id",
                                    "description", "short_description", "price", "sale_price", "cost_price",
                                    "manage_stock", "stock_quantity", "low_stock_threshold", "weight", "length",
                                    "width", "height", "meta_title", "meta_description", "is_active", "is_featured",
                                    "created_at", "updated_at"], products)
    copy(cur, "ecommerce_productimage", ["id", "product_id", "variation_id", "image", "alt_text", "is_primary",
                                         "sort_order"],
         ((p * 3 + k - 2, p, None, f"products/{p}-{k}.jpg", f"Image {k} of product {p}", k == 1, k)
          for p in range(1, n_products + 1) for k in range(1, 4)))
    orders, items = [], []
    for o in range(1, n_orders + 1):
        lines = []
        for k in range(5):
            p = products[rnd.randrange(n_products)]
            q = rnd.randint(1, 4)
            lines.append((o * 5 + k - 4, o, p[0], None, q, p[10], f"{float(p[10]) * q:.2f}", p[1], p[3], None))
        sub = sum(float(x[6]) for x in lines)
        when = (BASE + timedelta(minutes=3 * o)).isoformat()
        orders.append((o, f"ORD-{o:08d}", 1, (o % users) + 1, f"{sub:.2f}", "0.00", "5.00", "0.00", f"{sub + 5:.2f}",
                       ["pending", "processing", "shipped", "delivered"][o % 4], "", '{"city": "Paris"}',
                       '{"city": "Paris"}', "", "", when, when, None, None))
        items.extend(lines)
    copy(cur, "ecommerce_order", ["id", "order_number", "store_id", "customer_id", "subtotal", "tax_amount",
                                  "shipping_amount", "discount_amount", "total_amount", "status", "tracking_number",
                                  "billing_address", "shipping_address", "customer_notes", "admin_notes", "created_at",
                                  "updated_at", "shipped_at", "delivered_at"], orders)
    copy(cur, "ecommerce_orderitem", ["id", "order_id", "product_id", "variation_id", "quantity", "unit_price",
                                      "total_price", "product_name", "product_sku", "variation_attributes"], items)
    conn.commit()
    print(f"gen_data: {size}: {n_products} products, {3 * n_products} images, {n_orders} orders, {len(items)} items",
          file=sys.stderr)


if __name__ == "__main__":
    main()
