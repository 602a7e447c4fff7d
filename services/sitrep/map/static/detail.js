// The detail panel of one item: its fields as text, and the evidence sentence with each
// extracted span marked (events). The stream carries items without their `detail`;
// `load(item)` fetches the whole item when the panel opens. Offsets are code points into the
// summary (the server computed them), so the text is cut with Array.from, and every piece
// goes in as a text node.
import { LAYERS } from "./layers.js";

const KINDS = new Set(["place", "actor", "number", "trigger", "date", "source"]);

export function evidenceNodes(summary, highlights) {
  const chars = Array.from(summary);
  const nodes = [];
  let at = 0;
  for (const mark of highlights) {
    if (!KINDS.has(mark.kind) || mark.start < at || mark.end > chars.length) continue;
    if (mark.start > at) nodes.push(document.createTextNode(chars.slice(at, mark.start).join("")));
    const element = document.createElement("mark");
    element.className = `hl-${mark.kind}`;
    element.title = `${mark.kind}: ${mark.label}`;
    element.textContent = chars.slice(mark.start, mark.end).join("");
    nodes.push(element);
    at = mark.end;
  }
  if (at < chars.length) nodes.push(document.createTextNode(chars.slice(at).join("")));
  return nodes;
}

export class DetailView {
  constructor(panel, load, onClose) {
    this.panel = panel;
    this.load = load;
    this.opener = null;
    this.item = null;
    this.note = panel.querySelector("#detail-note");
    panel.querySelector("#detail-close").addEventListener("click", () => this.close());
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !panel.hidden) this.close();
    });
    this.onClose = onClose;
  }

  async open(brief, opener, { focus = true } = {}) {
    const style = LAYERS[brief.layer];
    this.item = brief;
    if (focus) this.opener = opener ?? document.activeElement;
    this.panel.dataset.id = brief.id;
    this.panel.dataset.layer = brief.layer;
    this.panel.dataset.state = "loading";
    this.panel.querySelector("#detail-title").textContent = style.title(brief);
    if (focus) {
      this.panel.querySelector("#detail-fields").replaceChildren();
      this.panel.querySelector("#evidence-block").hidden = true;
      this.note.textContent = "Loading…";
    }
    this.panel.hidden = false;
    if (focus) this.panel.focus();
    let item;
    try {
      item = await this.load(brief);
    } catch (error) {
      if (this.item === brief) this.note.textContent = error.message;
      return;
    }
    if (this.item !== brief) return; // another item was opened meanwhile
    this.show(style, item);
  }

  // A newer version of an item arrived: if it is the one open, show it (without moving the
  // focus); if it was removed, say so.
  update(item) {
    const open = this.item;
    if (this.panel.hidden || !open || open.layer !== item.layer || open.id !== item.id) return;
    if (!item.removed) {
      this.open(item, null, { focus: false });
      return;
    }
    this.item = item;
    this.panel.querySelector("#detail-fields").replaceChildren();
    this.note.textContent = "Retracted: every report of this incident was withdrawn.";
    this.panel.dataset.state = "removed";
  }

  show(style, item) {
    const rows = [];
    for (const [label, value] of style.fields(item)) {
      const dt = document.createElement("dt");
      dt.textContent = label;
      const dd = document.createElement("dd");
      dd.dataset.field = label.toLowerCase();
      if (Array.isArray(value)) {
        const list = document.createElement("ul");
        for (const entry of value) {
          const li = document.createElement("li");
          li.textContent = entry;
          list.append(li);
        }
        dd.append(list);
      } else {
        dd.textContent = value;
      }
      rows.push(dt, dd);
    }
    this.panel.querySelector("#detail-fields").replaceChildren(...rows);
    this.note.textContent = "";
    this.panel.querySelector("#evidence-block").hidden = !style.evidence;
    if (style.evidence) {
      const { summary, highlights } = item.detail;
      this.panel.querySelector("#evidence").replaceChildren(...evidenceNodes(summary, highlights));
    }
    this.panel.dataset.state = "shown";
  }

  close() {
    this.panel.hidden = true;
    this.item = null;
    this.onClose();
    if (this.opener?.isConnected) this.opener.focus();
  }
}
