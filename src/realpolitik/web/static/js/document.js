// The document view: the text with every evidence span highlighted, and a side panel to review each item.
import { api, el, say, sayError, SECTION_NAMES } from "./common.js";

const layout = document.querySelector(".document-layout");
const documentId = layout.dataset.document;
const textBox = document.getElementById("doc-text");
const list = document.getElementById("items");
let version = null;
let spans = [];
let text = null;
let itemsBySection = {};

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
      "data-id": item.id, "data-review": status, id: `item-${item.section}-${item.id}` },
      el("div", { class: "item-head" },
        el("label", {}, el("input", { type: "checkbox", class: "item-check", "data-key": key,
          "aria-label": `tick ${item.label}`, checked: ticked.has(key), onchange: onTick }),
        el("span", { class: `tag hl-${item.section}` }, SECTION_NAMES[item.section])),
        el("span", { class: `badge badge-${status}` }, status)),
      el("p", { class: "item-label" }, item.label),
      numbersLine(item.numbers),
      el("p", { class: "item-id" }, item.id),
      ...item.paraphrases.map((p) => el("p", { class: "paraphrase" }, p)),
      el("div", { class: "actions" },
        el("button", { type: "button", class: "button show", onclick: () => showInText(key) }, "Show in text"),
        el("button", { type: "button", class: "button accept", disabled: item.review === "accepted",
          onclick: () => accept(item) }, "Accept"),
        el("button", { type: "button", class: "button edit", onclick: () => edit(item) }, "Edit"),
        MERGEABLE.has(item.section)
          ? el("button", { type: "button", class: "button merge", onclick: () => openMerge(item) }, "Merge into…")
          : null,
        el("button", { type: "button", class: "button reject", onclick: () => reject(item) }, "Reject"))));
  }
  list.replaceChildren(...cards);
  if (!cards.length) list.append(el("li", { class: "hint" }, "No item to show."));
  onTick();
}

const MERGEABLE = new Set(["actors", "concepts"]);
const NUMBER_NAMES = { weight: "weight", confidence: "confidence", polarity: "polarity", probability: "probability" };

/** A card's numbers in words: a link's weight and confidence, a relation's polarity, a forecast's range. */
function numbersLine(numbers) {
  const parts = Object.entries(numbers || {}).map(([name, value]) => `${NUMBER_NAMES[name] || name} ${
    Array.isArray(value) ? value.map((v) => Number(v).toFixed(2)).join("–") : (value > 0 && name !== "confidence"
      ? "+" : "") + Number(value).toFixed(2)}`);
  return parts.length ? el("p", { class: "numbers" }, parts.join(" · ")) : null;
}

// --- ticking items for a bulk review ---------------------------------------------------------------------
const ticked = new Set();

function onTick(event) {
  if (event?.target) {
    if (event.target.checked) ticked.add(event.target.dataset.key); else ticked.delete(event.target.dataset.key);
  }
  document.getElementById("bulk-accept").disabled = !ticked.size;
  document.getElementById("bulk-reject").disabled = !ticked.size;
}

function bulkMessage(verb, result) {
  const count = verb === "Accepted" ? result.updated.length : result.removed.length;
  return `${verb} ${count} item(s) in one change. Undo takes it back.`;
}

function bulk(action) {
  const ids = [...ticked].map((key) => { const [section, id] = key.split("/"); return { section, id }; });
  change(api("POST", "/api/bulk", { body: { action, ids, include_curated: true }, version }), (result) => {
    ticked.clear();
    return bulkMessage(action === "accept" ? "Accepted" : "Rejected", result);
  });
}

document.getElementById("check-shown").addEventListener("click", () => {
  for (const card of list.querySelectorAll('li.item[data-review="proposed"]')) ticked.add(card.dataset.key);
  renderPanel();
});
document.getElementById("bulk-accept").addEventListener("click", () => bulk("accept"));
document.getElementById("bulk-reject").addEventListener("click", () => bulk("reject"));
document.getElementById("reject-below").addEventListener("click", () => {
  const threshold = Number(document.getElementById("threshold").value);
  change(api("POST", "/api/bulk", { body: { action: "reject", sections: ["causal_links"],
    confidence_below: threshold }, version }), (result) => bulkMessage("Rejected", result));
});

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
    text = data.text;
    renderText(data.text);
  }
  itemsBySection = (await api("GET", "/api/items")).sections;
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

// --- forms: every field of the format, with pickers for references ----------------------------------------
const dialog = document.getElementById("edit-dialog");
let editing = null;
const NEW_CONCEPT = "__new__";
const LONG_TEXT = new Set(["description", "statement", "note", "activation"]);

function options(section, chosen, { blank = true, exclude = null } = {}) {
  const rows = (itemsBySection[section] || []).filter((row) => row.id !== exclude);
  const made = rows.map((row) => el("option", { value: row.id, selected: chosen.includes(row.id) },
    `${row.label || row.name || row.id} (${row.id})`));
  return blank ? [el("option", { value: "" }, "(none)"), ...made] : made;
}

/** One labelled control for a field described by GET /api/fields (kind, bounds, choices, picker target). */
function fieldControl(spec, value, { allowNewConcept = false } = {}) {
  let input;
  const chosen = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
  if (spec.kind === "ref") {
    input = el("select", {}, ...options(spec.target, chosen, { exclude: editing?.section === spec.target
      ? editing.id : null }));
    if (allowNewConcept && spec.target === "concepts") input.append(el("option", { value: NEW_CONCEPT }, "New concept…"));
  } else if (spec.kind === "refs") {
    input = el("select", { multiple: true }, ...options(spec.target, chosen, { blank: false }));
  } else if (spec.kind === "choice") {
    input = el("select", {}, spec.required ? null : el("option", { value: "" }, "(none)"),
      ...spec.choices.map((choice) => el("option", { value: choice, selected: choice === value }, choice)));
  } else if (spec.kind === "number") {
    input = el("input", { type: "number", step: "0.05", min: spec.min ?? undefined, max: spec.max ?? undefined,
      value: value ?? "", placeholder: spec.default !== undefined ? `default ${spec.default}` : "" });
  } else if (spec.kind === "list") {
    input = el("input", { value: (value || []).join(", "), placeholder: "one value per comma" });
  } else if (spec.kind === "json") {
    input = el("textarea", { rows: 2, placeholder: "JSON" }, value === null || value === undefined ? "" : JSON.stringify(value));
  } else if (LONG_TEXT.has(spec.name)) {
    input = el("textarea", { rows: 2 }, value ?? "");
  } else {
    input = el("input", { value: value ?? "" });
  }
  input.name = spec.name;
  input.dataset.kind = spec.kind;
  input.dataset.original = JSON.stringify(normalised(spec.kind, value));
  const label = el("label", { class: "field", "data-field": spec.name },
    el("span", { title: spec.description || "" }, spec.name + (spec.required ? " (required)" : "")), input);
  if (allowNewConcept && spec.kind === "ref" && spec.target === "concepts") {
    const newLabel = el("input", { class: "new-concept", name: `${spec.name}__label`, placeholder: "label of the new concept",
      hidden: true });
    input.addEventListener("change", () => { newLabel.hidden = input.value !== NEW_CONCEPT; });
    label.append(newLabel);
  }
  return label;
}

function normalised(kind, value) {
  if (value === undefined || value === "" || (Array.isArray(value) && !value.length)) return null;
  if (value !== null && typeof value === "object" && !Array.isArray(value) && !Object.keys(value).length) return null;
  return value;
}

function readControl(input) {
  if (input.multiple) return normalised("refs", [...input.selectedOptions].map((o) => o.value));
  const raw = input.value.trim();
  if (raw === "") return null;
  switch (input.dataset.kind) {
    case "number": return Number(raw);
    case "list": return normalised("list", raw.split(",").map((v) => v.trim()).filter(Boolean));
    case "json": return JSON.parse(raw);
    default: return raw;
  }
}

async function edit(item) {
  try {
    const data = await api("GET", `/api/items/${item.section}/${encodeURIComponent(item.id)}`);
    editing = { ...item, version };
    document.getElementById("edit-title").textContent = `Edit ${SECTION_NAMES[item.section]} ${item.id}`;
    document.getElementById("edit-fields").replaceChildren(
      ...data.fields.map((spec) => fieldControl(spec, data.item[spec.name])));
    dialog.showModal();
  } catch (error) { sayError(error); }
}

document.getElementById("edit-cancel").addEventListener("click", () => dialog.close());
document.getElementById("edit-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const fields = {};
  try {
    for (const input of document.getElementById("edit-fields").querySelectorAll("input, textarea, select")) {
      const value = readControl(input);
      if (JSON.stringify(value) !== input.dataset.original) fields[input.name] = value;
    }
  } catch (error) { say(`Not valid JSON: ${error.message}`, "error"); return; }
  dialog.close();
  if (!Object.keys(fields).length) { say("Nothing changed."); return; }
  const item = editing;
  change(api("PATCH", `/api/items/${item.section}/${encodeURIComponent(item.id)}`, { body: { fields }, version: item.version }),
    () => `Saved ${Object.keys(fields).join(", ")} of ${SECTION_NAMES[item.section]} ${item.id}.`);
});

// --- merging ---------------------------------------------------------------------------------------------
const mergeDialog = document.getElementById("merge-dialog");
let merging = null;

function openMerge(item) {
  merging = { ...item, version };
  editing = null;
  document.getElementById("merge-title").textContent = `Merge ${SECTION_NAMES[item.section]} “${item.label}” into…`;
  document.getElementById("merge-into").replaceChildren(...options(item.section, [], { blank: false, exclude: item.id }));
  mergeDialog.showModal();
}

document.getElementById("merge-cancel").addEventListener("click", () => mergeDialog.close());
document.getElementById("merge-form").addEventListener("submit", (event) => {
  event.preventDefault();
  mergeDialog.close();
  const item = merging;
  const kept = document.getElementById("merge-into").value;
  change(api("POST", "/api/merge", { body: { section: item.section, kept, merged: item.id }, version: item.version }),
    (result) => `Merged ${SECTION_NAMES[item.section]} ${item.id} into ${kept}; ${result.updated.length} item(s) now `
      + "name it instead. Undo takes the merge back.");
});

// --- adding an item marked in the text -------------------------------------------------------------------
const selectionBar = document.getElementById("selection-bar");
const addDialog = document.getElementById("add-dialog");
let marked = null;
let adding = null;
const NAME_FIELD = { actors: "name", concepts: "label" };

/** The offset in the document's text of a point in the text box (its text is the document's, piece by piece). */
function textOffset(node, offset) {
  const range = document.createRange();
  range.setStart(textBox, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

document.addEventListener("mouseup", (event) => {
  if (selectionBar.contains(event.target)) return;
  const selection = window.getSelection();
  if (text === null || !selection || selection.isCollapsed || !selection.rangeCount) { selectionBar.hidden = true; return; }
  const range = selection.getRangeAt(0);
  if (!textBox.contains(range.startContainer) || !textBox.contains(range.endContainer)) { selectionBar.hidden = true; return; }
  const start = textOffset(range.startContainer, range.startOffset);
  const end = textOffset(range.endContainer, range.endOffset);
  if (end <= start || !text.slice(start, end).trim()) { selectionBar.hidden = true; return; }
  marked = { start, end };
  const box = range.getBoundingClientRect();
  selectionBar.style.left = `${Math.max(4, box.left)}px`;
  selectionBar.style.top = `${Math.min(window.innerHeight - 40, box.bottom + 6)}px`;
  selectionBar.hidden = false;
});

async function openAdd(kind) {
  selectionBar.hidden = true;
  const section = kind === "person" ? "actors" : kind;
  try {
    const specs = await api("GET", `/api/fields/${section}`);
    adding = { section, kind, ...marked, version };
    editing = null;
    const selected = text.slice(marked.start, marked.end).trim();
    const preset = {};
    if (NAME_FIELD[section] && selected.length <= 60) preset[NAME_FIELD[section]] = selected;
    if (kind === "person") preset.kind = "person";
    document.getElementById("add-title").textContent = `Add ${kind === "person" ? "person" : SECTION_NAMES[section]}`;
    document.getElementById("add-quote").textContent = selected;
    document.getElementById("add-paraphrase").value = "";
    document.getElementById("add-fields").replaceChildren(
      ...specs.map((spec) => fieldControl(spec, preset[spec.name], { allowNewConcept: section === "causal_links" })));
    addDialog.showModal();
  } catch (error) { sayError(error); }
}

for (const button of selectionBar.querySelectorAll("button[data-add]")) {
  button.addEventListener("click", () => openAdd(button.dataset.add));
}
document.getElementById("add-cancel").addEventListener("click", () => addDialog.close());
document.getElementById("add-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const fields = {};
  const newConcepts = {};
  try {
    for (const input of document.getElementById("add-fields").querySelectorAll("input, textarea, select")) {
      if (input.classList.contains("new-concept")) continue;
      const value = readControl(input);
      if (value === NEW_CONCEPT) {
        newConcepts[input.name] = { label: addDialog.querySelector(`input[name="${input.name}__label"]`).value.trim() };
      } else if (value !== null) fields[input.name] = value;
    }
  } catch (error) { say(`Not valid JSON: ${error.message}`, "error"); return; }
  const paraphrase = document.getElementById("add-paraphrase").value.trim();
  if (!paraphrase) { say("Write a paraphrase of the selection in your own words.", "error"); return; }
  addDialog.close();
  const item = adding;
  change(api("POST", `/api/documents/${encodeURIComponent(documentId)}/items`, {
    body: { section: item.section, fields, start: item.start, end: item.end, paraphrase, new_concepts: newConcepts },
    version: item.version }), (result) => `Added ${SECTION_NAMES[item.section]} ${result.id}`
      + (result.updated.length ? ` and ${result.updated.map((r) => `${SECTION_NAMES[r.section]} ${r.id}`).join(", ")}` : "")
      + ". Undo takes it back.");
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
  change(api("POST", "/api/undo", { version }), (result) => `Undone: ${result.action.replace("undo ", "")}`
    + (result.id ? ` of ${result.id}.` : "."));
});

load().then(() => {
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted) showInText(wanted);
  document.body.dataset.ready = "true";
}).catch(sayError);
