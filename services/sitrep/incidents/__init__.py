"""The incident stage: events from many articles merged into incidents that update.

Two steps share one stream loop (`stage`) and one state per partition: `router` (keyed by
article) sends each event to the partition of its place and withdraws the events of an
article's replaced revisions; `book` (keyed by place) merges reports into incidents by the
rule in `rules` (thresholds in `data/matching.yaml`; `candidates` narrows the search) and
writes every change as an `Incident`. Both are pure logic over a `store` whose changes the
loop keeps in a changelog topic; `offline` runs them without Kafka.
"""
