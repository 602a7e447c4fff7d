"""Sitrep: news articles in, structured conflict events out, over Kafka."""

__version__ = "0.1.0"
