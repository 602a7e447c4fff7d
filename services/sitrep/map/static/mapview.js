// The map: the bundled world outline (or web tiles when configured), and the items as
// markers clustered by Supercluster. Only what is in view is drawn, so 10,000 items cost
// a cluster index, not 10,000 DOM nodes.
import { LAYERS } from "./layers.js";

const WORLD = "/static/vendor/world/world-110m.geojson";

export class MapView {
  constructor(element, config, onOpen) {
    this.onOpen = onOpen;
    this.map = L.map(element, {
      minZoom: 1,
      maxZoom: config.tile_url ? 18 : 12,
      worldCopyJump: true,
      attributionControl: false, // attribution is shown as plain text in the footer
    }).setView([30, 20], 2);
    if (config.tile_url) L.tileLayer(config.tile_url, { maxZoom: 18 }).addTo(this.map);
    // The outline gets its own pane below the markers' (Leaflet's overlay pane is 400).
    this.map.createPane("world").style.zIndex = 300;
    fetch(WORLD)
      .then((response) => response.json())
      .then((world) => {
        if (config.tile_url) return; // the tiles draw the world
        L.geoJSON(world, {
          pane: "world",
          interactive: false,
          style: (feature) => feature.properties.kind === "land"
            ? { stroke: false, fill: true, fillColor: "#f3f0e8", fillOpacity: 1 }
            : { color: "#9a948a", weight: 0.8, fill: false },
        }).addTo(this.map);
      });
    this.markers = L.layerGroup().addTo(this.map);
    this.index = null;
    this.items = [];
    this.map.on("moveend", () => this.draw());
  }

  // Replaces the items on the map (already filtered) and redraws.
  show(items) {
    this.items = items.filter((item) => item.lat !== null && item.lon !== null);
    this.index = new Supercluster({ radius: 60, maxZoom: 9 }).load(
      this.items.map((item, i) => ({
        type: "Feature",
        properties: { i },
        geometry: { type: "Point", coordinates: [item.lon, item.lat] },
      })),
    );
    this.draw();
  }

  // Fits the view to the items once, when the first replay is in.
  fit() {
    if (!this.items.length) return;
    const bounds = L.latLngBounds(this.items.map((item) => [item.lat, item.lon]));
    this.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 6, animate: false });
  }

  draw() {
    this.markers.clearLayers();
    if (!this.index) return;
    const bounds = this.map.getBounds();
    const box = [
      Math.max(-180, bounds.getWest()), Math.max(-85, bounds.getSouth()),
      Math.min(180, bounds.getEast()), Math.min(85, bounds.getNorth()),
    ];
    const zoom = Math.round(this.map.getZoom());
    for (const feature of this.index.getClusters(box, zoom)) {
      const [lon, lat] = feature.geometry.coordinates;
      if (feature.properties.cluster) this.markers.addLayer(this.cluster(feature, lat, lon));
      else this.markers.addLayer(this.marker(this.items[feature.properties.i]));
    }
  }

  cluster(feature, lat, lon) {
    const count = feature.properties.point_count;
    const size = Math.round(24 + 7 * Math.log10(count));
    const label = document.createElement("span");
    label.textContent = feature.properties.point_count_abbreviated;
    const marker = L.marker([lat, lon], {
      icon: L.divIcon({ html: label, className: "cluster", iconSize: [size, size] }),
      title: `${count} items here: zoom in`,
      alt: `${count} items`,
      keyboard: true,
    });
    marker.on("click", () => {
      const zoom = this.index.getClusterExpansionZoom(feature.properties.cluster_id);
      this.map.setView([lat, lon], Math.min(zoom, this.map.getMaxZoom()));
    });
    return marker;
  }

  marker(item) {
    const style = LAYERS[item.layer];
    const marker = L.circleMarker([item.lat, item.lon], {
      ...style.marker(item),
      className: `item-marker layer-${item.layer}`,
    });
    marker.bindTooltip(() => text(`${style.title(item)}: ${style.line(item)}`), { sticky: true });
    marker.on("click", () => this.onOpen(item));
    marker.on("add", () => {
      const path = marker.getElement();
      path.dataset.id = item.id;
      path.dataset.layer = item.layer;
      path.dataset.precision = item.precision;
    });
    return marker;
  }
}

// Leaflet writes a string tooltip as HTML; an element keeps event text as text.
function text(value) {
  const span = document.createElement("span");
  span.textContent = value;
  return span;
}
