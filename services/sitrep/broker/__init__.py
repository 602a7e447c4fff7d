"""Kafka plumbing: the embedded broker for laptops and CI, and topic administration."""
