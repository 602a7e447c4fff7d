"""`sitrep map`: a live map of the events and incidents topics, served to a browser.

The data flows `EventConsumer / IncidentConsumer -> items -> MapStore -> /api/stream ->
static/app.js`. A layer (`layers.py`) names one topic and how its messages become map
items; the page draws each layer its own way. Nothing runs at import:
`server.run_map(settings)` builds and starts it.
"""
