"""The crawler's spiders: ``article`` (given URLs)."""
