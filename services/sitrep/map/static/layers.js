// How each layer of items looks: its marker, list line and the detail panel's fields.
// The server's layers (services/sitrep/map/layers.py) and these share names: events are
// filled circles, incidents (many reports merged) rings of the same type colours.

// ACLED's six event types, in colours that stay apart for common colour-vision deficiencies
// (Okabe & Ito's palette); every marker also has a dark outline.
export const EVENT_TYPES = [
  ["Battles", "#d55e00"],
  ["Explosions/Remote violence", "#cc79a7"],
  ["Violence against civilians", "#0072b2"],
  ["Protests", "#009e73"],
  ["Riots", "#e69f00"],
  ["Strategic developments", "#f0e442"],
];
const TYPE_COLOURS = new Map(EVENT_TYPES);
const OTHER_COLOUR = "#777777";

const QUALIFIERS = { exact: "", at_least: "at least ", at_most: "up to ", about: "about " };
const PRECISIONS = {
  point: "exact place",
  admin2: "district (approximate point)",
  admin1: "region (approximate point)",
  region: "area (approximate point)",
  country: "country (approximate point)",
};

function figure(casualty) {
  if (casualty.qualifier === "range" && casualty.min !== null && casualty.max !== null) {
    return `${casualty.min}–${casualty.max}`;
  }
  const count = casualty.count ?? casualty.min ?? "?";
  return `${QUALIFIERS[casualty.qualifier] ?? ""}${count}`;
}

function casualtyText(casualty) {
  const victims = casualty.victims === "unknown" ? "" : ` ${casualty.victims}`;
  return `${casualty.kind}: ${figure(casualty)}${victims}`;
}

function actorText(actor) {
  let text = `${actor.name} (${actor.type.replaceAll("_", " ")}, ${actor.role})`;
  if (actor.person) text += ` — ${actor.person}${actor.title ? `, ${actor.title}` : ""}`;
  if (actor.text && actor.text !== actor.name) text += ` — as written: “${actor.text}”`;
  return text;
}

const TOLL_RULES = {
  latest_credible: "the latest credible report",
  latest_any: "the latest report (none credible gives a figure)",
};

function tollText(toll) {
  const figure = `${QUALIFIERS[toll.qualifier] ?? ""}${toll.count}`;
  return `${toll.kind}: ${figure} — from ${TOLL_RULES[toll.rule] ?? toll.rule}, published ${toll.reported_at}`;
}

export const plural = (count, word) => `${count.toLocaleString("en")} ${word}${count === 1 ? "" : "s"}`;

function placeText(item) {
  if (item.place === null) return "not located";
  const parts = [item.place, item.detail.admin1, item.country].filter((part) => part);
  return `${parts.join(", ")} — ${PRECISIONS[item.precision] ?? item.precision}`;
}

const typeColour = (item) => TYPE_COLOURS.get(item.type) ?? OTHER_COLOUR;
// Area grows with the toll; a toll of 0 is still visible.
const tollRadius = (item) => 5 + Math.min(18, 2.2 * Math.sqrt(item.killed + item.injured));
const isArea = (item) => item.precision !== "point";
const typeTitle = (item) => (item.sub_type ? `${item.type} — ${item.sub_type}` : item.type);
const tollLine = (item) =>
  (item.killed ? ` · ${item.killed} killed` : "") + (item.injured ? ` · ${item.injured} injured` : "");

// Each layer: `marker(item)` gives Leaflet path options; `fields(item)` gives [label, text
// or list of texts] for the open panel (the whole item, `detail` included), every value
// shown as text, never as markup; `evidence` says whether the panel shows a marked sentence.
export const LAYERS = {
  events: {
    label: "Events",
    noun: "event",
    colour: typeColour,
    marker: (item) => ({
      radius: tollRadius(item),
      color: "#1a1a1a",
      weight: isArea(item) ? 2.5 : 1.5,
      dashArray: isArea(item) ? "4 3" : null, // dashed: placed at a region's point
      fillColor: typeColour(item),
      fillOpacity: isArea(item) ? 0.35 : 0.9,
    }),
    title: typeTitle,
    line: (item) => `${item.date} · ${item.place ?? "not located"}${tollLine(item)}`,
    evidence: true,
    fields: (item) => {
      const detail = item.detail;
      return [
        ["Date", `${item.date} (${detail.date_precision})`],
        ["Place", placeText(item)],
        ["Actors", detail.actors.length ? detail.actors.map(actorText) : "none named"],
        ["Casualties", detail.casualties.length ? detail.casualties.map(casualtyText) : "none reported"],
        ["Source", detail.sources.length ? detail.sources : "not attributed"],
        ["Confidence", `${Math.round(detail.confidence * 100)} %`],
        ["Article", `${item.article_id}, published ${item.published_at}`],
      ];
    },
  },
  incidents: {
    label: "Incidents",
    noun: "incident",
    colour: typeColour,
    // A thick ring in the type's colour (app.css gives it a dark edge), a little larger
    // than an event of the same toll and unfilled, so the reports it merges show, and
    // answer clicks, inside it.
    marker: (item) => ({
      radius: tollRadius(item) + 4,
      color: typeColour(item),
      weight: 5,
      opacity: 1,
      dashArray: isArea(item) ? "6 4" : null,
      fill: false,
    }),
    title: (item) => `Incident: ${typeTitle(item)}`,
    line: (item) => {
      const days = item.date_from === item.date ? item.date : `${item.date_from} – ${item.date}`;
      return `${days} · ${item.place ?? "not located"}${tollLine(item)} · ${plural(item.reports, "report")}`;
    },
    evidence: false,
    fields: (item) => {
      const detail = item.detail;
      const days = item.date_from === item.date ? item.date : `${item.date_from} to ${item.date}`;
      const withdrawn = detail.withdrawn ? `; ${detail.withdrawn} withdrawn` : "";
      return [
        ["Type", typeTitle(item)],
        ["Place", placeText(item)],
        ["Dates", `${days} (${detail.date_precision})`],
        ["Toll", detail.tolls.length ? detail.tolls.map(tollText) : "none reported"],
        ["Reports", `${plural(item.reports, "report")} in ${plural(detail.articles, "article")}${withdrawn}`],
        ["Sources", detail.sources.length ? detail.sources : "not attributed"],
        ["Actors", detail.actors.length ? detail.actors.map(actorText) : "none named"],
        ["Revision", String(item.revision)],
        ["First reported", detail.first_reported_at],
        ["Updated", detail.updated_at],
      ];
    },
  },
};
export const LAYER_NAMES = Object.keys(LAYERS);
export const itemKey = (item) => `${item.layer}:${item.id}`;
