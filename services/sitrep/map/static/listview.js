// The side list: matching items, newest first. It shows the first LIMIT, so 10,000 items
// never mean 10,000 rows; the count says how many more the filters would need to narrow.
import { LAYERS, itemKey } from "./layers.js";

const LIMIT = 200;

export class ListView {
  constructor(list, count, onOpen) {
    this.list = list;
    this.count = count;
    this.onOpen = onOpen;
    this.current = null;
  }

  show(items, total) {
    const rows = items.slice(0, LIMIT).map((item) => this.row(item));
    this.list.replaceChildren(...rows);
    const shown = rows.length < items.length ? `showing the newest ${rows.length} of ` : "";
    this.count.textContent =
      `${shown}${items.length.toLocaleString("en")} matching, ${total.toLocaleString("en")} in all`;
  }

  row(item) {
    const style = LAYERS[item.layer];
    const li = document.createElement("li");
    li.dataset.id = item.id;
    li.dataset.layer = item.layer;
    if (item.article_id) li.dataset.article = item.article_id;
    const button = document.createElement("button");
    button.type = "button";
    if (this.current === itemKey(item)) button.setAttribute("aria-current", "true");
    const swatch = document.createElement("span");
    swatch.className = `swatch swatch-${item.layer}`;
    swatch.style.setProperty("--colour", style.colour(item));
    const title = document.createElement("span");
    title.className = "title";
    title.textContent = style.title(item);
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = style.line(item);
    button.append(swatch, title, meta);
    button.addEventListener("click", () => this.onOpen(item, button));
    li.append(button);
    return li;
  }

  // Marks the open item's row (`item` null: none).
  mark(item) {
    this.current = item && itemKey(item);
    for (const button of this.list.querySelectorAll("button[aria-current]")) button.removeAttribute("aria-current");
    if (!item) return;
    const row = `li[data-layer="${CSS.escape(item.layer)}"][data-id="${CSS.escape(item.id)}"] button`;
    this.list.querySelector(row)?.setAttribute("aria-current", "true");
  }
}
