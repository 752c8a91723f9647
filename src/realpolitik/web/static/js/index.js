import { api, el, say, sayError } from "./common.js";

let version = null;

async function load() {
  const model = await api("GET", "/api/model");
  version = model.version;
  const counts = Object.entries(model.counts).map(([k, v]) => `${v} ${k.replace("_", " ")}`).join(", ");
  document.getElementById("model-summary").replaceChildren(
    el("h2", {}, model.title),
    model.description ? el("p", {}, model.description) : "",
    el("p", { class: "meta" }, `File ${model.file} · version ${model.version} · ${counts}`));
  const body = document.querySelector("#documents tbody");
  body.replaceChildren(...model.documents.map((d) => el("tr", { "data-document": d.id },
    el("td", {}, el("a", { href: `/documents/${encodeURIComponent(d.id)}`, class: "document-link" }, d.title)),
    el("td", {}, d.author || ""), el("td", {}, d.publisher || ""), el("td", {}, d.published || ""),
    el("td", {}, d.items), el("td", {}, d.proposed),
    el("td", {}, d.has_text ? "at hand" : "missing: pass --documents DIR"))));
  const corpus = await api("GET", "/api/corpus");
  document.getElementById("corpus").hidden = !corpus.configured;
  document.querySelector("#corpus-documents tbody").replaceChildren(...corpus.documents.map((d) => el("tr",
    { "data-corpus-document": d.id },
    el("td", {}, d.in_model ? el("a", { href: `/documents/${encodeURIComponent(d.id)}` }, d.title || d.id)
      : (d.title || d.id)),
    el("td", {}, d.file || ""), el("td", {}, d.published || ""), el("td", {}, d.words ?? ""),
    el("td", {}, d.extracted ? "yes" : "not yet"),
    el("td", {}, d.in_model ? "in the model" : el("button", { type: "button", class: "button add",
      onclick: () => add(d) }, "Add to the model")))));
  document.getElementById("history-summary").textContent = model.history
    ? `${model.history} change(s) can be undone.` : "No change made here yet.";
  document.getElementById("undo").disabled = !model.history;
}

async function add(item) {
  try {
    say(`Adding “${item.title || item.id}” and drafting its items…`);
    const change = await api("POST", `/api/corpus/${encodeURIComponent(item.id)}/add`, { version });
    say(`Added with ${change.updated.length - 1} proposed item(s): open it below to review them.`);
    await load();
  } catch (error) { sayError(error); }
}

document.getElementById("undo").addEventListener("click", async () => {
  try {
    const change = await api("POST", "/api/undo", { version });
    say(`Undone: ${change.action.replace("undo ", "")} ${change.id || ""}`);
    await load();
  } catch (error) { sayError(error); }
});

load().then(() => { document.body.dataset.ready = "true"; }).catch(sayError);
