// Sitrep's live map: items arrive on the stream, pass the filters, and are drawn on the map
// and in the list. Rendering waits for the next animation frame, so a burst of arrivals
// costs one redraw. An item already held (same layer and id) is replaced by a newer one
// (a higher `seq`: an incident's next revision) and taken out by a removal.
import { DetailView } from "./detail.js";
import { FilterForm, filtersQuery, matches, readFilters } from "./filters.js";
import { LAYER_NAMES, LAYERS, itemKey, plural } from "./layers.js";
import { ListView } from "./listview.js";
import { MapView } from "./mapview.js";
import { follow } from "./stream.js";

const STATUS = {
  live: "Live",
  reconnecting: "Connection lost; reconnecting…",
  token: "This map needs its token: open it as /#token=…",
};

// Newest first: by the day it happened, then by publication.
const newestFirst = (a, b) =>
  (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) ||
  (a.published_at < b.published_at ? 1 : a.published_at > b.published_at ? -1 : 0);

// The token comes in the URL's fragment (never sent to a server, nor kept in the address
// bar after this), and stays for this tab only.
function takeToken() {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  if (fragment.has("token")) {
    sessionStorage.setItem("sitrep-token", fragment.get("token"));
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem("sitrep-token") ?? "";
}

async function main() {
  const config = await (await fetch("/config.json")).json();
  const token = takeToken();
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  const load = async (item) => {
    const query = new URLSearchParams({ layer: item.layer, id: item.id });
    const response = await fetch(`/api/item?${query}`, { headers });
    if (!response.ok) throw new Error(`Could not load this item (${response.status}).`);
    return response.json();
  };
  const items = new Map(); // "layer:id" -> item
  let ordered = []; // the same items, newest first once sorted
  let unsorted = false;
  let replaced = false; // `ordered` holds items since replaced or removed: rebuild it
  let filters = readFilters(window.location.search);
  let firstReady = true;
  let frame = 0;
  let state = "Connecting…";

  const status = document.getElementById("status");
  const detail = new DetailView(document.getElementById("detail"), load, () => list.mark(null));
  const open = (item, opener) => {
    list.mark(item);
    detail.open(item, opener);
  };
  const list = new ListView(document.getElementById("event-list"), document.getElementById("count"), open);
  const view = new MapView(document.getElementById("map"), config, open);
  const form = new FilterForm(document.getElementById("filters"), filters, (changed) => {
    filters = changed;
    history.replaceState(null, "", window.location.pathname + filtersQuery(filters));
    render();
  });
  document.getElementById("attribution").textContent = [
    "Outline: Natural Earth (public domain)",
    "Map: Leaflet",
    config.tile_url ? `Tiles: ${config.tile_attribution}` : null,
  ].filter((part) => part).join(" · ");

  function render() {
    if (replaced) {
      ordered = [...items.values()];
      replaced = false;
    }
    if (unsorted) {
      ordered.sort(newestFirst); // new items are few and at the end: nearly sorted, quick
      unsorted = false;
    }
    const shown = ordered.filter((item) => matches(filters, item));
    view.show(shown);
    list.show(shown, items.size);
    const counts = Object.fromEntries(LAYER_NAMES.map((name) => [name, 0]));
    for (const item of items.values()) counts[item.layer] += 1;
    const held = LAYER_NAMES.filter((name) => name === "events" || counts[name])
      .map((name) => plural(counts[name], LAYERS[name].noun));
    status.textContent = [state, ...held].join(" · ");
    document.body.dataset.shown = String(shown.length);
  }
  const renderSoon = () => {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; render(); });
  };

  follow(headers, {
    onItems(batch) {
      for (const item of batch) {
        const key = itemKey(item);
        const held = items.get(key);
        if (held && held.seq >= item.seq) continue; // the server sends each once; a reconnect may not
        if (item.removed) {
          if (held) items.delete(key);
        } else {
          items.set(key, item);
        }
        if (held) {
          replaced = true;
          detail.update(item);
        } else if (!item.removed) {
          ordered.push(item);
        }
      }
      unsorted = true;
      form.addCountries(batch.filter((item) => !item.removed).map((item) => item.country));
      if (!firstReady) renderSoon(); // the replay is drawn once, when it is complete
    },
    onReady() {
      if (firstReady) {
        firstReady = false;
        render();
        view.fit();
        performance.mark("sitrep-replay-drawn");
        document.body.dataset.state = "ready";
      }
    },
    onReset() {
      items.clear();
      ordered = [];
      replaced = false;
      renderSoon();
    },
    onStatus(name) {
      state = STATUS[name];
      status.textContent = state;
      document.body.dataset.stream = name;
    },
  });
}

main();
