"""Logs, metrics and health: how operators see a running worker."""
