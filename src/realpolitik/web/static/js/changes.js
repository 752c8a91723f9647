// The changes view: what an update proposed (its record beside the model), by kind, each proposal with links to
// its evidence in the later document and the review buttons of any proposed item.
import { api, el, say, sayError, SECTION_NAMES } from "./common.js";

let version = null;

function evidenceLink(section, item, evidence) {
  return el("a", { class: "open-in-text", href: `/documents/${encodeURIComponent(evidence.document)}#${section}/${item.id}` },
    `${evidence.title || "the later document"} (characters ${evidence.start}–${evidence.end})`);
}

function changeNote(change) {
  const what = change.kind === "turn" ? "turns" : "contradicts";
  return el("p", { class: "meta change" }, `${what} ${change.old_label || change.old} (from ${change.date})`);
}

function proposalRow(section, item) {
  return el("li", { class: "proposal", "data-section": section, "data-id": item.id },
    el("span", { class: "label" }, item.label), " ",
    el("span", { class: "meta" }, item.id), ...item.changes.map(changeNote),
    el("ul", { class: "evidence" }, ...item.evidence.map((e) => el("li", {}, evidenceLink(section, item, e),
      e.paraphrase ? ` — ${e.paraphrase}` : ""))),
    el("button", { type: "button", class: "button accept", onclick: () => review("POST", section, item, "accept") },
      "Accept"), " ",
    el("button", { type: "button", class: "button reject", onclick: () => review("DELETE", section, item) },
      "Reject"));
}

async function review(method, section, item, action) {
  const url = `/api/items/${section}/${encodeURIComponent(item.id)}${action ? `/${action}` : ""}`;
  try {
    const result = await api(method, url, { version });
    await load();
    const removed = result.removed.length > 1 ? ` (and ${result.removed.length - 1} that depended on it)` : "";
    say(`${action === "accept" ? "Accepted" : "Rejected"} ${SECTION_NAMES[section]} ${item.id}${removed}.`);
  } catch (error) { sayError(error); }
}

async function load() {
  const data = await api("GET", "/api/changes");
  version = data.version;
  const summary = document.getElementById("changes-summary");
  if (!data.record) {
    summary.textContent = "This model has no update record (NAME.update.json beside it): run `realpolitik update` "
      + "and serve the updated model to review what later documents propose.";
  } else {
    summary.textContent = `${data.proposed} proposal(s) from ${data.documents.length} later document(s) await review`
      + (data.changes.length ? `; ${data.changes.length} relation change(s) recorded.` : ".");
  }
  document.getElementById("changes-documents").replaceChildren(...data.documents.map((d) => el("li", {},
    el("a", { href: `/documents/${encodeURIComponent(d.id)}` }, d.title || d.id), ` (${d.published || "undated"})`)));
  document.getElementById("changes-kinds").replaceChildren(...data.kinds.map((kind) => el("section",
    { class: "kind", "data-section": kind.section },
    el("h2", {}, `${SECTION_NAMES[kind.section] || kind.section}s (${kind.items.length})`),
    el("ul", { class: "proposals" }, ...kind.items.map((item) => proposalRow(kind.section, item))))));
}

load().then(() => { document.body.dataset.ready = "true"; }).catch(sayError);
