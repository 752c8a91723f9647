// The scenario page: a control per concept, the bundled scenarios, FCM results and press perturbation.
import { api, el, plotText, say, sayError } from "./common.js";

let info = null;
const results = document.querySelector(".results");
const CONFIG = { displaylogo: false, responsive: true };
// The colours of the report's trajectories figure: the concepts that move most, in order; the rest are grey.
const LINE_COLOURS = ["#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2"];

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
  await drawTrajectories(result);
  results.dataset.scenario = result.scenario;
  results.dataset.runs = String(Number(results.dataset.runs || 0) + 1);
}

/** Every concept's activation by step (drawn here from the run's data): grey lines, the most moved in colour. */
async function drawTrajectories(result) {
  const steps = result.trajectory.map((_, step) => step);
  const line = (k) => result.trajectory.map((values) => values[k]);
  document.getElementById("trajectories").hidden = false;  // shown before drawing, so that Plotly sees its width
  const traces = [];
  result.concepts.forEach((c, k) => {
    if (!result.highlight.includes(c.id)) {
      traces.push({ type: "scatter", mode: "lines", x: steps, y: line(k), name: plotText(c.label), showlegend: false,
        line: { color: "#c8c8c8", width: 1 }, hovertemplate: `${plotText(c.label)}: %{y:.3f}<extra></extra>` });
    }
  });
  result.highlight.forEach((id, rank) => {
    const k = result.concepts.findIndex((c) => c.id === id);
    traces.push({ type: "scatter", mode: "lines", x: steps, y: line(k), name: plotText(result.concepts[k].label),
      line: { color: LINE_COLOURS[rank % LINE_COLOURS.length], width: 2.5 },
      hovertemplate: `${plotText(result.concepts[k].label)}: %{y:.3f}<extra></extra>` });
  });
  await Plotly.react("trajectories-chart", traces, { height: 320, margin: { l: 50, r: 20, t: 10, b: 40 },
    xaxis: { title: { text: "step" } }, yaxis: { title: { text: "activation" } }, legend: { orientation: "h" } },
  CONFIG);
}

/** P(+) to the right and P(−) to the left for every concept, drawn here from the press's data. */
async function drawPress(result) {
  document.getElementById("press-figure").hidden = false;
  const labels = result.responses.map((r) => plotText(r.label));
  const traces = [
    { type: "bar", orientation: "h", name: "P(+)", x: result.responses.map((r) => r.p_positive), y: labels,
      marker: { color: "#2166ac" }, hovertemplate: "%{y}: P(+) %{x:.2f}<extra></extra>" },
    { type: "bar", orientation: "h", name: "P(−)", x: result.responses.map((r) => -r.p_negative), y: labels,
      marker: { color: "#b2182b" }, customdata: result.responses.map((r) => r.p_negative),
      hovertemplate: "%{y}: P(−) %{customdata:.2f}<extra></extra>" },
  ];
  await Plotly.react("press-chart", traces, { barmode: "overlay", height: 140 + 22 * labels.length,
    margin: { l: 10, r: 20, t: 10, b: 40 }, legend: { orientation: "h" },
    xaxis: { range: [-1, 1], tickvals: [-1, -0.5, 0, 0.5, 1], ticktext: ["1", ".5", "0", ".5", "1"], zeroline: true },
    yaxis: { automargin: true, autorange: "reversed" } }, CONFIG);
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
    await drawPress(result);
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
