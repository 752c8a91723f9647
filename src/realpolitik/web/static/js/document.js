// The document view: the text with every evidence span highlighted, and a side panel to review each item.
import { api, el, say, sayError, SECTION_NAMES } from "./common.js";

const layout = document.querySelector(".document-layout");
const documentId = layout.dataset.document;
const textBox = document.getElementById("doc-text");
const list = document.getElementById("items");
let version = null;
let spans = [];

/** Split the text at every span boundary; each piece knows which spans cover it (spans may overlap). */
function renderText(text) {
  const cuts = new Set([0, text.length]);
  for (const span of spans) { cuts.add(span.start); cuts.add(Math.min(span.end, text.length)); }
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = text.slice(from, to);
    const covering = spans.map((s, index) => [s, index]).filter(([s]) => s.start <= from && s.end >= to);
    if (!covering.length) { fragment.append(document.createTextNode(piece)); continue; }
    const first = covering[0][0];
    const mark = el("mark", {
      class: `hl hl-${first.section} depth-${Math.min(covering.length, 3)}`,
      "data-spans": covering.map(([, index]) => index).join(" "),
      "data-items": [...new Set(covering.map(([s]) => `${s.section}/${s.id}`))].join(" "),
      title: covering.map(([s]) => `${SECTION_NAMES[s.section]}: ${s.label}`).join("\n"),
    }, piece);
    fragment.append(mark);
  }
  textBox.replaceChildren(fragment);
}

function itemKey(section, id) { return `${section}/${id}`; }

function cardOf(key) { return list.querySelector(`li[data-key="${CSS.escape(key)}"]`); }

/** The panel: one card per item with evidence in this document, in order of first appearance. */
function renderPanel() {
  const byKey = new Map();
  for (const span of spans) {
    const key = itemKey(span.section, span.id);
    if (!byKey.has(key)) byKey.set(key, { ...span, paraphrases: [] });
    byKey.get(key).paraphrases.push(span.paraphrase);
  }
  const filter = document.getElementById("filter").value;
  const cards = [];
  for (const [key, item] of byKey) {
    if (filter === "proposed" && item.review !== "proposed") continue;
    if (filter !== "all" && filter !== "proposed" && item.section !== filter) continue;
    const status = item.review || "curated";
    cards.push(el("li", { class: `item review-${status}`, "data-key": key, "data-section": item.section,
      "data-id": item.id, id: `item-${item.section}-${item.id}` },
      el("div", { class: "item-head" },
        el("span", { class: `tag hl-${item.section}` }, SECTION_NAMES[item.section]),
        el("span", { class: `badge badge-${status}` }, status)),
      el("p", { class: "item-label" }, item.label),
      el("p", { class: "item-id" }, item.id),
      ...item.paraphrases.map((p) => el("p", { class: "paraphrase" }, p)),
      el("div", { class: "actions" },
        el("button", { type: "button", class: "button show", onclick: () => showInText(key) }, "Show in text"),
        el("button", { type: "button", class: "button accept", disabled: item.review === "accepted",
          onclick: () => accept(item) }, "Accept"),
        el("button", { type: "button", class: "button edit", onclick: () => edit(item) }, "Edit"),
        el("button", { type: "button", class: "button reject", onclick: () => reject(item) }, "Reject"))));
  }
  list.replaceChildren(...cards);
  if (!cards.length) list.append(el("li", { class: "hint" }, "No item to show."));
}

function select(keys) {
  for (const node of document.querySelectorAll(".selected")) node.classList.remove("selected");
  for (const key of keys) {
    cardOf(key)?.classList.add("selected");
    for (const mark of textBox.querySelectorAll("mark")) {
      if (mark.dataset.items.split(" ").includes(key)) mark.classList.add("selected");
    }
  }
}

function showInText(key) {
  select([key]);
  const mark = [...textBox.querySelectorAll("mark")].find((m) => m.dataset.items.split(" ").includes(key));
  if (mark) mark.scrollIntoView({ block: "center" });
  else say("This item has no span in this document's text.", "error");
}

textBox.addEventListener("click", (event) => {
  const mark = event.target.closest("mark");
  if (!mark) return;
  const keys = mark.dataset.items.split(" ");
  select(keys);
  cardOf(keys[0])?.scrollIntoView({ block: "nearest" });
});

async function load() {
  const data = await api("GET", `/api/documents/${encodeURIComponent(documentId)}`);
  version = data.version;
  spans = data.spans;
  document.getElementById("version").textContent = version;
  document.getElementById("doc-meta").textContent = [data.author, data.publisher, data.published,
    `${data.items} items, ${data.proposed} proposed`].filter(Boolean).join(" · ");
  if (data.text === null) {
    textBox.replaceChildren(el("p", { class: "error" },
      "The text of this document is not at hand: start the server with --documents DIR (or set REALPOLITIK_DOCUMENTS)."));
  } else {
    renderText(data.text);
  }
  renderPanel();
  const history = await api("GET", "/api/history");
  document.getElementById("undo").disabled = !history.entries.length;
}

async function change(promise, done) {
  try {
    const result = await promise;
    version = result.version;
    await load();
    say(done(result));
  } catch (error) { sayError(error); }
}

function accept(item) {
  change(api("POST", `/api/items/${item.section}/${encodeURIComponent(item.id)}/accept`, { version }),
    () => `Accepted ${SECTION_NAMES[item.section]} “${item.label}”.`);
}

function reject(item) {
  change(api("DELETE", `/api/items/${item.section}/${encodeURIComponent(item.id)}`, { version }), (result) => {
    const also = result.removed.map((r) => `${SECTION_NAMES[r.section]} ${r.id}`);
    return `Rejected ${SECTION_NAMES[item.section]} “${item.label}”` + (also.length ? `; also removed ${also.join(", ")}` : "")
      + (result.updated.length ? `; ${result.updated.length} item(s) no longer name it` : "") + ". Undo puts it back.";
  });
}

// --- editing ---------------------------------------------------------------------------------------------
const dialog = document.getElementById("edit-dialog");
const FIXED = new Set(["id", "evidence", "review"]);
let editing = null;

function fieldInput(name, value) {
  let input;
  if (typeof value === "number") input = el("input", { type: "number", step: "any", value });
  else if (Array.isArray(value) && value.every((v) => typeof v !== "object")) input = el("input", { value: value.join(", ") });
  else if (value !== null && typeof value === "object") input = el("textarea", { rows: 3 }, JSON.stringify(value));
  else if (typeof value === "string" && value.length > 60) input = el("textarea", { rows: 3 }, value);
  else input = el("input", { value: value ?? "" });
  input.name = name;
  input.dataset.kind = Array.isArray(value) ? "list" : value !== null && typeof value === "object" ? "json"
    : typeof value;
  input.dataset.original = JSON.stringify(value);
  return el("label", { class: "field" }, el("span", {}, name), input);
}

async function edit(item) {
  try {
    const data = await api("GET", `/api/items/${item.section}/${encodeURIComponent(item.id)}`);
    editing = { ...item, version };
    document.getElementById("edit-title").textContent = `Edit ${SECTION_NAMES[item.section]} ${item.id}`;
    const fields = Object.entries(data.item).filter(([name, value]) => !FIXED.has(name) && value !== null
      && !(Array.isArray(value) && value.length === 0) && !(typeof value === "object" && !Array.isArray(value)
      && Object.keys(value).length === 0));
    document.getElementById("edit-fields").replaceChildren(...fields.map(([name, value]) => fieldInput(name, value)));
    dialog.showModal();
  } catch (error) { sayError(error); }
}

function readInput(input) {
  const raw = input.value.trim();
  if (raw === "") return null;
  switch (input.dataset.kind) {
    case "number": return Number(raw);
    case "list": return raw.split(",").map((v) => v.trim()).filter(Boolean);
    case "json": return JSON.parse(raw);
    default: return raw;
  }
}

document.getElementById("edit-cancel").addEventListener("click", () => dialog.close());
document.getElementById("edit-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const fields = {};
  try {
    for (const input of dialog.querySelectorAll("input, textarea")) {
      const value = readInput(input);
      if (JSON.stringify(value) !== input.dataset.original) fields[input.name] = value;
    }
  } catch (error) { say(`Not valid JSON: ${error.message}`, "error"); return; }
  dialog.close();
  if (!Object.keys(fields).length) { say("Nothing changed."); return; }
  const item = editing;
  change(api("PATCH", `/api/items/${item.section}/${encodeURIComponent(item.id)}`, { body: { fields }, version: item.version }),
    () => `Saved ${Object.keys(fields).join(", ")} of ${SECTION_NAMES[item.section]} ${item.id}.`);
});

document.getElementById("filter").addEventListener("change", renderPanel);
document.getElementById("draft").addEventListener("click", () => {
  say("Drafting: the extractor reads the whole text, which takes a while…");
  change(api("POST", `/api/documents/${encodeURIComponent(documentId)}/draft`, { version }), (result) => {
    const counts = {};
    for (const added of result.updated) counts[added.section] = (counts[added.section] || 0) + 1;
    const parts = Object.entries(counts).map(([section, n]) => `${n} ${SECTION_NAMES[section]}(s)`);
    return parts.length ? `Drafted ${parts.join(", ")}, all proposed: review them below (Show: proposed only).`
      : "The draft found nothing the model does not hold already.";
  });
});
document.getElementById("undo").addEventListener("click", () => {
  change(api("POST", "/api/undo", { version }), (result) => `Undone: ${result.action.replace("undo ", "")} of ${result.id}.`);
});

load().then(() => {
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted) showInText(wanted);
  document.body.dataset.ready = "true";
}).catch(sayError);
