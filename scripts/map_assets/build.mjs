// Copies the map page's third-party assets from the pinned npm packages (package-lock.json)
// into the Python package, with their licences and a manifest of versions and SHA-256s
// (tests/unit/map/test_assets.py checks the files against it). Run through
// scripts/build_map_assets.sh; never edit the output by hand.
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { feature, mesh } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const out = join(here, "..", "..", "services", "sitrep", "map", "static", "vendor");

const version = (name) => JSON.parse(readFileSync(join(modules, name, "package.json"))).version;
const copy = (from, to) => {
  mkdirSync(dirname(join(out, to)), { recursive: true });
  cpSync(join(modules, from), join(out, to), { recursive: true });
};

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "licenses"), { recursive: true });

// Leaflet: the map itself (the images are those leaflet.css refers to).
copy("leaflet/dist/leaflet.js", "leaflet/leaflet.js");
copy("leaflet/dist/leaflet.css", "leaflet/leaflet.css");
copy("leaflet/dist/images", "leaflet/images");
copy("leaflet/LICENSE", "licenses/leaflet.txt");

// Supercluster: point clustering; its UMD build inlines kdbush, so both licences ship.
copy("supercluster/dist/supercluster.min.js", "supercluster/supercluster.min.js");
copy("supercluster/LICENSE", "licenses/supercluster.txt");
copy("kdbush/LICENSE", "licenses/kdbush.txt");

// A low-resolution world (Natural Earth 1:110m via world-atlas): land to fill, and the
// borders between countries as lines, so the map shows the world with no network.
// Coordinates rounded to 0.01 degree (about 1 km), far finer than 1:110m data.
const topology = JSON.parse(readFileSync(join(modules, "world-atlas", "countries-110m.json")));
const round = (value) =>
  Array.isArray(value) ? value.map(round) : Math.round(value * 100) / 100;
const geometry = (g) => ({ type: g.type, coordinates: round(g.coordinates) });
const world = {
  type: "FeatureCollection",
  features: [
    { type: "Feature", properties: { kind: "land" },
      geometry: geometry(feature(topology, topology.objects.land).features[0].geometry) },
    { type: "Feature", properties: { kind: "borders" },
      geometry: geometry(mesh(topology, topology.objects.countries, (a, b) => a !== b)) },
  ],
};
mkdirSync(join(out, "world"), { recursive: true });
writeFileSync(join(out, "world", "world-110m.geojson"), JSON.stringify(world));
copy("world-atlas/LICENSE", "licenses/world-atlas.txt");
writeFileSync(
  join(out, "licenses", "natural-earth.txt"),
  "world/world-110m.geojson is derived from Natural Earth's 1:110m Admin 0 country\n" +
    "boundaries (version 4.1.0), as redistributed in TopoJSON by the world-atlas package.\n" +
    "Natural Earth data is in the public domain: 'No permission is needed to use Natural\n" +
    "Earth. Crediting the authors is unnecessary.' (https://www.naturalearthdata.com/about/terms-of-use/)\n" +
    "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.\n",
);

// The manifest: what was built from which package versions, and each file's SHA-256.
const files = {};
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else files[relative(out, path)] = createHash("sha256").update(readFileSync(path)).digest("hex");
  }
};
walk(out);
const packages = Object.fromEntries(
  ["leaflet", "supercluster", "kdbush", "world-atlas", "topojson-client"].map((n) => [n, version(n)]),
);
writeFileSync(join(out, "manifest.json"), JSON.stringify({ packages, files }, null, 2) + "\n");
console.log(`wrote ${Object.keys(files).length} files to ${relative(process.cwd(), out)}`);
