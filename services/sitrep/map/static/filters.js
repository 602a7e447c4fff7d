// Filters live in the URL's query (?type=Battles&country=UA&from=…&to=…&min_killed=1), so a
// view can be shared; the form shows them and every change rewrites the URL in place.
import { EVENT_TYPES } from "./layers.js";

const TYPES = EVENT_TYPES.map(([name]) => name);

export function readFilters(search) {
  const params = new URLSearchParams(search);
  const given = params.getAll("type");
  const minKilled = Number.parseInt(params.get("min_killed") ?? "", 10);
  const date = (name) => (/^\d{4}-\d{2}-\d{2}$/.test(params.get(name) ?? "") ? params.get(name) : "");
  return {
    // null: every type; an empty set (?type=none): none.
    types: given.length ? new Set(given.filter((type) => TYPES.includes(type))) : null,
    country: (params.get("country") ?? "").toUpperCase().slice(0, 2),
    from: date("from"),
    to: date("to"),
    minKilled: Number.isFinite(minKilled) && minKilled > 0 ? minKilled : 0,
  };
}

export function filtersQuery(filters) {
  const params = new URLSearchParams();
  if (filters.types) {
    for (const type of TYPES) if (filters.types.has(type)) params.append("type", type);
    if (!filters.types.size) params.append("type", "none");
  }
  if (filters.country) params.set("country", filters.country);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.minKilled) params.set("min_killed", String(filters.minKilled));
  const query = params.toString();
  return query ? `?${query}` : "";
}

export function matches(filters, item) {
  if (filters.types && !filters.types.has(item.type)) return false;
  if (filters.country && item.country !== filters.country) return false;
  if (filters.from && item.date < filters.from) return false;
  if (filters.to && item.date > filters.to) return false;
  return item.killed >= filters.minKilled;
}

// Binds the form to the filters: `onChange(filters)` after every edit.
export class FilterForm {
  constructor(form, filters, onChange) {
    this.form = form;
    this.country = form.querySelector("#country");
    this.countries = new Set();
    const fieldset = form.querySelector("#type-filter");
    for (const [type, colour] of EVENT_TYPES) {
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = "type";
      box.value = type;
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = colour;
      label.append(box, swatch, type);
      fieldset.append(label);
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
    for (const box of this.form.querySelectorAll("input[name=type]")) {
      box.checked = !filters.types || filters.types.has(box.value);
    }
    this.addCountries([filters.country].filter((code) => code));
    this.country.value = filters.country;
    this.form.querySelector("#from").value = filters.from;
    this.form.querySelector("#to").value = filters.to;
    this.form.querySelector("#min-killed").value = filters.minKilled || "";
  }

  read() {
    const checked = [...this.form.querySelectorAll("input[name=type]:checked")].map((box) => box.value);
    const query = new URLSearchParams();
    if (checked.length < TYPES.length) {
      for (const type of checked) query.append("type", type);
      if (!checked.length) query.append("type", "none");
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
