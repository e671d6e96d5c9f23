"""Things joined pair by pair, gathered into groups."""

from katalog_sop.importer.joined import Joins


def test_groups_are_reached_through_joins_in_the_order_of_their_first_item():
    joins = Joins(6)
    joins.join(4, 1)
    joins.join(1, 3)
    joins.join(5, 2)
    assert joins.groups() == [[0], [1, 3, 4], [2, 5]]
