// Filters live in the URL's query (?layer=incidents&type=Battles&country=UA&from=…&to=…&
// min_killed=1), so a view can be shared; the form shows them and every change rewrites
// the URL in place.
import { EVENT_TYPES, LAYERS, LAYER_NAMES } from "./layers.js";

const TYPES = EVENT_TYPES.map(([name]) => name);
// The checkbox groups: query name, the values offered, and where the form shows them.
const CHOICES = [
  { name: "layer", key: "layers", values: LAYER_NAMES, fieldset: "#layer-filter" },
  { name: "type", key: "types", values: TYPES, fieldset: "#type-filter" },
];

export function readFilters(search) {
  const params = new URLSearchParams(search);
  const minKilled = Number.parseInt(params.get("min_killed") ?? "", 10);
  const date = (name) => (/^\d{4}-\d{2}-\d{2}$/.test(params.get(name) ?? "") ? params.get(name) : "");
  const filters = {
    country: (params.get("country") ?? "").toUpperCase().slice(0, 2),
    from: date("from"),
    to: date("to"),
    minKilled: Number.isFinite(minKilled) && minKilled > 0 ? minKilled : 0,
  };
  for (const { name, key, values } of CHOICES) {
    const given = params.getAll(name);
    // null: every value; an empty set (?type=none): none.
    filters[key] = given.length ? new Set(given.filter((value) => values.includes(value))) : null;
  }
  return filters;
}

export function filtersQuery(filters) {
  const params = new URLSearchParams();
  for (const { name, key, values } of CHOICES) {
    if (!filters[key]) continue;
    for (const value of values) if (filters[key].has(value)) params.append(name, value);
    if (!filters[key].size) params.append(name, "none");
  }
  if (filters.country) params.set("country", filters.country);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.minKilled) params.set("min_killed", String(filters.minKilled));
  const query = params.toString();
  return query ? `?${query}` : "";
}

// An incident's days are a window (`date_from` to `date`): it matches if they overlap.
export function matches(filters, item) {
  if (filters.layers && !filters.layers.has(item.layer)) return false;
  if (filters.types && !filters.types.has(item.type)) return false;
  if (filters.country && item.country !== filters.country) return false;
  if (filters.from && item.date < filters.from) return false;
  if (filters.to && (item.date_from ?? item.date) > filters.to) return false;
  return item.killed >= filters.minKilled;
}

function checkbox(name, value, text, swatchClass, colour) {
  const label = document.createElement("label");
  const box = document.createElement("input");
  box.type = "checkbox";
  box.name = name;
  box.value = value;
  const swatch = document.createElement("span");
  swatch.className = swatchClass;
  swatch.style.setProperty("--colour", colour);
  label.append(box, swatch, text);
  return label;
}

// Binds the form to the filters: `onChange(filters)` after every edit.
export class FilterForm {
  constructor(form, filters, onChange) {
    this.form = form;
    this.country = form.querySelector("#country");
    this.countries = new Set();
    for (const name of LAYER_NAMES) {
      const box = checkbox("layer", name, LAYERS[name].label, `swatch swatch-${name}`, "#5a5a5a");
      form.querySelector("#layer-filter").append(box);
    }
    for (const [type, colour] of EVENT_TYPES) {
      form.querySelector("#type-filter").append(checkbox("type", type, type, "swatch", colour));
    }
    this.show(filters);
    form.addEventListener("change", () => onChange(this.read()));
    form.addEventListener("input", (event) => {
      if (event.target.type === "number") onChange(this.read());
    });
    form.querySelector("#clear-filters").addEventListener("click", () => {
      this.show(readFilters(""));
      onChange(this.read());
    });
  }

  show(filters) {
    for (const { name, key } of CHOICES) {
      for (const box of this.form.querySelectorAll(`input[name=${name}]`)) {
        box.checked = !filters[key] || filters[key].has(box.value);
      }
    }
    this.addCountries([filters.country].filter((code) => code));
    this.country.value = filters.country;
    this.form.querySelector("#from").value = filters.from;
    this.form.querySelector("#to").value = filters.to;
    this.form.querySelector("#min-killed").value = filters.minKilled || "";
  }

  read() {
    const query = new URLSearchParams();
    for (const { name, values } of CHOICES) {
      const checked = [...this.form.querySelectorAll(`input[name=${name}]:checked`)].map((box) => box.value);
      if (checked.length < values.length) {
        for (const value of checked) query.append(name, value);
        if (!checked.length) query.append(name, "none");
      }
    }
    for (const [name, id] of [["country", "#country"], ["from", "#from"], ["to", "#to"], ["min_killed", "#min-killed"]]) {
      const value = this.form.querySelector(id).value;
      if (value) query.set(name, value);
    }
    return readFilters(query.toString());
  }

  // Offers every country seen so far, sorted, keeping the selection.
  addCountries(codes) {
    const fresh = codes.filter((code) => code && !this.countries.has(code));
    if (!fresh.length) return;
    for (const code of fresh) this.countries.add(code);
    const selected = this.country.value;
    const options = [...this.countries].sort().map((code) => new Option(code, code));
    this.country.replaceChildren(new Option("All", ""), ...options);
    this.country.value = selected;
  }
}
