// The forecasts board: every forecast with its band, its resolution and its Brier score; resolve open ones.
import { api, el, say, sayError, svgImage } from "./common.js";

let version = null;
let resolving = null;
const dialog = document.getElementById("resolve-dialog");

function percent(range) { return range.map((p) => `${Math.round(100 * p)}%`).join("–"); }

async function load() {
  const model = await api("GET", "/api/model");
  version = model.version;
  const data = await api("GET", "/api/forecasts");
  document.getElementById("forecast-summary").textContent = `${data.forecasts.length} forecasts: ${data.resolved} `
    + `resolved, ${data.open} open. Mean Brier score over the resolved ones, each scored at its band's midpoint: `
    + (data.brier === null ? "none yet" : data.brier.toFixed(3)) + " (always answering 50% scores 0.250).";
  document.querySelector("#forecast-table tbody").replaceChildren(...data.forecasts.map((f) => {
    const outcome = f.resolution ? `${f.resolution.outcome ? "happened" : "did not happen"} (${f.resolution.date}; `
      + `${f.resolution.source})` : "open";
    return el("tr", { "data-forecast": f.id, class: f.resolution ? "resolved" : "open" },
      el("td", {}, el("a", { href: "#", onclick: (e) => { e.preventDefault(); evidence(f.id); } }, f.statement),
        f.trail ? trail(f.trail) : null),
      el("td", {}, f.estimative_term), el("td", {}, f.band.replace(/_/g, " ")), el("td", {}, percent(f.probability)),
      el("td", {}, f.horizon || ""), el("td", {}, outcome), el("td", { class: "number" },
        f.brier === null ? "" : f.brier.toFixed(3)),
      el("td", {}, f.resolution ? "" : el("button", { type: "button", class: "button resolve",
        onclick: () => openResolve(f) }, "Resolve")));
  }));
  const figure = document.getElementById("forecast-figure");
  figure.replaceChildren(...(data.figure ? [svgImage(data.figure, "forecasts"), el("figcaption", {},
    "Each forecast's probability band with its midpoint, and the outcome where it has resolved.")] : []));
}

/** A forecast's evidence trail from an update: later passages with stance and score, the resolution proposed. */
function trail(found) {
  if (!found.evidence.length) return el("p", { class: "hint trail-none" }, "No passage of the later documents bears on it.");
  const proposed = found.proposed_resolution;
  const heading = `${found.evidence.length} later passage(s)` + (proposed ? `; proposed: ${proposed.outcome
    ? "happened" : "did not happen"} (${proposed.date}; ${proposed.source}), apply with Resolve`
    : "; no resolution proposed");
  return el("details", { class: "trail" }, el("summary", {}, heading),
    el("ul", {}, ...found.evidence.map((p) => el("li", { class: `stance-${p.stance}` },
      el("span", { class: "stance" }, p.stance), ` ${p.score.toFixed(2)} · `,
      el("a", { href: `/documents/${encodeURIComponent(p.document)}` }, p.title || p.document.slice(0, 12)),
      ` (${p.published}, characters ${p.start}–${p.end})`, p.text ? el("blockquote", { class: "excerpt" }, p.text)
        : null))));
}

async function evidence(id) {
  try {
    const item = await api("GET", `/api/items/forecasts/${encodeURIComponent(id)}`);
    const first = item.evidence[0];
    if (first) location.href = `/documents/${encodeURIComponent(first.document)}#forecasts/${id}`;
  } catch (error) { sayError(error); }
}

function openResolve(forecast) {
  resolving = { id: forecast.id, version };
  document.getElementById("resolve-title").textContent = `Resolve: ${forecast.statement}`;
  const form = document.getElementById("resolve-form");
  form.reset();
  // the resolution an update proposed fills the form; nothing is saved until the analyst checks it and submits
  const proposed = forecast.trail && forecast.trail.proposed_resolution;
  if (proposed) {
    form.elements.outcome.value = proposed.outcome ? "true" : "false";
    form.elements.date.value = proposed.date || "";
    form.elements.source.value = proposed.source || "";
    form.elements.note.value = proposed.note || "";
  }
  dialog.showModal();
}

document.getElementById("resolve-cancel").addEventListener("click", () => dialog.close());
document.getElementById("resolve-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const resolution = { outcome: form.get("outcome") === "true", date: form.get("date"), source: form.get("source") };
  if (form.get("note")) resolution.note = form.get("note");
  dialog.close();
  try {
    await api("PATCH", `/api/items/forecasts/${encodeURIComponent(resolving.id)}`,
      { body: { fields: { resolution } }, version: resolving.version });
    await load();
    say(`Resolved ${resolving.id}.`);
  } catch (error) { sayError(error); }
});

load().then(() => { document.body.dataset.ready = "true"; }).catch(sayError);
