"""Kafka security settings for faust (aiokafka clients use `Settings.aiokafka_security`)."""

from __future__ import annotations

from typing import Any

from sitrep.settings import Settings


def faust_credentials(settings: Settings) -> Any:
    """faust's `broker_credentials`: None, an SSL context, or SASL credentials (over SSL or not)."""
    import faust

    options = settings.aiokafka_security()
    ssl_context = options.get("ssl_context")
    if settings.kafka_security_protocol.startswith("SASL"):
        return faust.SASLCredentials(
            username=options["sasl_plain_username"],
            password=options["sasl_plain_password"],
            mechanism=options["sasl_mechanism"],
            ssl_context=ssl_context,
        )
    return ssl_context
