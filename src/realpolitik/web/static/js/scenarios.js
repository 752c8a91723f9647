// The scenario page: a control per concept, the bundled scenarios, FCM results and press perturbation.
import { api, el, plotText, say, sayError, svgImage } from "./common.js";

let info = null;
const results = document.querySelector(".results");

function controlRow(concept) {
  const id = concept.id;
  const value = el("output", { id: `value-${id}` }, "0.50");
  const slider = el("input", { type: "range", min: info.low, max: info.high, step: "0.05", value: "0.5",
    id: `slider-${id}`, "aria-label": `value of ${concept.label}`, disabled: true,
    oninput: () => { value.textContent = Number(slider.value).toFixed(2); } });
  const box = el("input", { type: "checkbox", id: `hold-${id}`, "data-concept": id,
    onchange: () => { slider.disabled = !box.checked; } });
  return el("div", { class: "concept-row", title: concept.description || "" },
    el("label", { for: `hold-${id}` }, box, " ", concept.label), slider, value);
}

function setControls(clamps) {
  for (const concept of info.concepts) {
    const box = document.getElementById(`hold-${concept.id}`);
    const slider = document.getElementById(`slider-${concept.id}`);
    const held = Object.prototype.hasOwnProperty.call(clamps, concept.id);
    box.checked = held; slider.disabled = !held;
    slider.value = held ? clamps[concept.id] : 0.5;
    document.getElementById(`value-${concept.id}`).textContent = Number(slider.value).toFixed(2);
  }
}

function readControls() {
  const clamps = {};
  for (const concept of info.concepts) {
    if (document.getElementById(`hold-${concept.id}`).checked) {
      clamps[concept.id] = Number(document.getElementById(`slider-${concept.id}`).value);
    }
  }
  return clamps;
}

async function show(result) {
  const labels = result.concepts.map((c) => plotText(c.label));
  const colours = result.delta.map((d) => (d >= 0 ? "#1f77b4" : "#d62728"));
  const traces = [{ type: "bar", orientation: "h", x: result.delta, y: labels, marker: { color: colours },
    name: "change against the baseline", hovertemplate: "%{y}: %{x:.3f}<extra></extra>" }];
  const expected = result.concepts.map((c) => result.expected[c.id]);
  const scale = Math.max(0.05, ...result.delta.map(Math.abs));
  if (expected.some((e) => e !== undefined)) {
    traces.push({ type: "scatter", mode: "markers", name: "the source's claim (direction)",
      // Beside the bar's end when the run agrees with the source, on the other side when it does not.
      x: expected.map((e, i) => (e === undefined ? null : e * (Math.abs(result.delta[i]) + 0.04 * scale))), y: labels,
      marker: { symbol: "star", size: 12, color: "#f2b705", line: { width: 1, color: "#333" } } });
  }
  await Plotly.react("delta-chart", traces, { height: 140 + 24 * labels.length, margin: { l: 10, r: 20, t: 10, b: 40 },
    xaxis: { title: { text: "final activation minus the baseline's" }, zeroline: true },
    yaxis: { automargin: true, autorange: "reversed" }, legend: { orientation: "h" } }, { displaylogo: false });
  document.getElementById("result-title").textContent = result.name;
  const status = result.status.replace("_", " ") + (result.period ? `, period ${result.period}` : "");
  const held = Object.entries(result.clamps).map(([c, v]) => `${c} = ${v}`).join(", ") || "nothing";
  document.getElementById("result-status").textContent = `${status} after ${result.steps_run} steps; held: ${held}.`;
  document.getElementById("trajectories").replaceChildren(svgImage(result.figure, `trajectories of ${result.name}`),
    el("figcaption", {}, "Activation of every concept by simulation step; the concepts that move most are coloured."));
  results.dataset.scenario = result.scenario;
  results.dataset.runs = String(Number(results.dataset.runs || 0) + 1);
}

async function run(body) {
  try {
    say("Running…");
    await show(await api("POST", "/api/simulate", { body }));
    say("Done.");
  } catch (error) { sayError(error); }
}

async function press() {
  const concept = document.getElementById("press-concept").value;
  const direction = Number(document.getElementById("press-direction").value);
  try {
    say("Pressing…");
    const result = await api("POST", "/api/press", { body: { concept, direction } });
    const label = document.getElementById("press-concept").selectedOptions[0].textContent;
    document.getElementById("press-title").textContent = `Press ${direction > 0 ? "up" : "down"} on ${label}`;
    document.getElementById("press-status").textContent = `${result.accepted} of ${result.draws} sampled systems `
      + `were stable and kept (seed ${result.seed}).`;
    document.getElementById("press-figure").replaceChildren(svgImage(result.figure, "press perturbation"),
      el("figcaption", {}, "The share of sampled stable systems in which each concept rises (P(+)) or falls (P(−))."));
    results.dataset.press = concept;
    say("Done.");
  } catch (error) { sayError(error); }
}

async function main() {
  info = await api("GET", "/api/scenarios");
  document.getElementById("concept-controls").replaceChildren(...info.concepts.map(controlRow));
  document.getElementById("press-concept").replaceChildren(...info.concepts.map((c) => el("option", { value: c.id }, c.label)));
  document.getElementById("scenario-buttons").replaceChildren(...info.scenarios.map((s) => el("button", {
    type: "button", class: "button scenario", id: `run-${s.id}`, "data-scenario": s.id, title: s.description || "",
    onclick: () => { setControls(s.clamps); run({ scenario: s.id }); } }, s.name)));
  document.getElementById("run-controls").addEventListener("click", () => run({ clamps: readControls() }));
  document.getElementById("run-press").addEventListener("click", press);
  document.body.dataset.ready = "true";
}

main().catch(sayError);
