"""Read side: projections that turn stored events into SQL rows, and queries on them."""
