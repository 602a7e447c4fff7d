// How each layer of items looks: colour, size, precision and the detail panel's fields.
// The server's layers (services/sitrep/map/layers.py) and these share names. A second
// layer (incidents) is one more entry in LAYERS with its own colour, radius and fields.

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

function placeText(item) {
  if (item.place === null) return "not located";
  const parts = [item.place, item.detail.admin1, item.country].filter((part) => part);
  return `${parts.join(", ")} — ${PRECISIONS[item.precision] ?? item.precision}`;
}

export const LAYERS = {
  events: {
    colour: (item) => TYPE_COLOURS.get(item.type) ?? OTHER_COLOUR,
    // Area grows with the toll; a toll of 0 is still visible.
    radius: (item) => 5 + Math.min(18, 2.2 * Math.sqrt(item.killed + item.injured)),
    isArea: (item) => item.precision !== "point",
    title: (item) => (item.sub_type ? `${item.type} — ${item.sub_type}` : item.type),
    line: (item) => `${item.date} · ${item.place ?? "not located"}` +
      (item.killed ? ` · ${item.killed} killed` : "") +
      (item.injured ? ` · ${item.injured} injured` : ""),
    // [label, text or list of texts] for the open panel (the whole item, `detail` included);
    // every value is shown as text, never as markup.
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
};
