"""The incident stage: events from many articles merged into incidents that update.

Two steps, each with its own state per input partition and a changelog topic:
`router` (keyed by article) sends each event to the partition of its place and withdraws
the events of an article's replaced revisions; `book` (keyed by place) merges reports into
incidents by the rule in `rules` and writes every change as an `Incident`. Both are pure
logic over a `store`; `loop` and `service` run them on Kafka.
"""
