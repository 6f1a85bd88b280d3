"""Fault injection for tests: a TCP proxy that plays a database outage."""
