#!/usr/bin/env python3
"""Unit tests of the peer driver's answer normaliser: python3 bench/tools/test_peers.py"""
import unittest

from peers import normalise


class NormaliseTest(unittest.TestCase):
    def test_connection_shapes_agree(self):
        railgun = {"products": {"totalCount": 2, "edges": [{"node": {"id": "1", "salePrice": "9.50"}}]}}
        postgraphile = {"products": {"totalCount": 2, "nodes": [{"id": 1, "salePrice": "9.5"}]}}
        rail = {"products": {"page_info": {"total_count": 2}, "nodes": [{"id": "1", "sale_price": 9.5}]}}
        self.assertEqual(normalise(railgun), normalise(postgraphile))
        self.assertEqual(normalise(railgun), normalise(rail))
        self.assertEqual(normalise(railgun), {"products": {"totalcount": "2", "nodes": [{"id": "1", "saleprice": "9.5"}]}})

    def test_plain_nodes_connection_becomes_list_and_items_field_stays(self):
        self.assertEqual(normalise({"images": {"nodes": [{"altText": "a"}]}}), {"images": [{"alttext": "a"}]})
        self.assertEqual(normalise({"order": {"items": [{"quantity": 2}]}}), {"order": {"items": [{"quantity": "2"}]}})

    def test_values_differ_when_they_should(self):
        self.assertNotEqual(normalise({"price": "10.01"}), normalise({"price": "10.1"}))
        self.assertNotEqual(normalise({"a": None}), normalise({"a": False}))
        self.assertEqual(normalise({"ok": True, "name": "Eco 1"}), {"ok": True, "name": "Eco 1"})


if __name__ == "__main__":
    unittest.main()
