// The actor network, the causal map and the timeline, drawn with Plotly (served from its Python package).
// Clicking a node, a link's midpoint or an event shows that item's evidence beside the chart.
import { api, el, plotText, sayError, showEvidence } from "./common.js";

const chart = document.getElementById("chart");
const panel = document.getElementById("evidence");
const KIND_COLOURS = {
  state: "#4e79a7", person: "#f28e2b", armed_group: "#e15759", group: "#9c755f", organisation: "#76b7b2",
  region: "#59a14f", alliance: "#b07aa1",
};
const CONFIG = { responsive: true, displaylogo: false };

function polarityColour(value) {
  if (value > 0.05) return `rgba(44,160,44,${0.35 + 0.6 * Math.min(1, value)})`;
  if (value < -0.05) return `rgba(214,39,40,${0.35 + 0.6 * Math.min(1, -value)})`;
  return "rgba(120,120,120,0.6)";
}

/** Lines for the edges (one trace each, so each keeps its colour) and a clickable marker at each midpoint. */
function graphTraces(data, colourOf, widthOf, hoverOf) {
  const where = new Map(data.nodes.map((n) => [n.id, n]));
  const traces = [];
  const mid = { x: [], y: [], customdata: [], text: [], marker: { color: [] } };
  // Several edges between one pair share a line; their markers are spread along it so that each can be clicked.
  const pair = (e) => [e.source, e.target].sort().join(" ");
  const total = new Map();
  for (const edge of data.edges) total.set(pair(edge), (total.get(pair(edge)) || 0) + 1);
  const seen = new Map();
  for (const edge of data.edges) {
    const a = where.get(edge.source); const b = where.get(edge.target);
    if (!a || !b) continue;
    traces.push({ type: "scatter", mode: "lines", x: [a.x, b.x], y: [a.y, b.y], hoverinfo: "skip", showlegend: false,
      line: { color: colourOf(edge), width: widthOf(edge), dash: edge.valid_to ? "dash" : "solid" } });
    const k = seen.get(pair(edge)) || 0;
    seen.set(pair(edge), k + 1);
    const n = total.get(pair(edge));
    // One edge: 70% of the way along, towards its target; parallel edges share the line from 25% to 85%.
    const t = n === 1 ? 0.7 : 0.25 + (0.6 * (k + 0.5)) / n;
    mid.x.push(a.x + t * (b.x - a.x)); mid.y.push(a.y + t * (b.y - a.y));
    mid.customdata.push([edge.section, edge.item]); mid.text.push(plotText(hoverOf(edge, where)));
    mid.marker.color.push(colourOf(edge));
  }
  traces.push({ type: "scatter", mode: "markers", name: "links", x: mid.x, y: mid.y, customdata: mid.customdata,
    text: mid.text, hoverinfo: "text", marker: { ...mid.marker, size: 9, symbol: "diamond" }, showlegend: false });
  return traces;
}

const AXIS = { visible: false, zeroline: false, showgrid: false, range: [-1.35, 1.35] };

async function network() {
  const data = await api("GET", "/api/network");
  const traces = graphTraces(data, (e) => (e.origin === "affiliation" ? "rgba(150,150,150,0.5)" : polarityColour(e.polarity)),
    (e) => (e.origin === "affiliation" ? 1 : 1 + 3 * Math.abs(e.polarity)),
    (e, where) => `${where.get(e.source).label} → ${where.get(e.target).label}: ${e.type}`
      + (e.origin === "relation" ? ` (${e.polarity.toFixed(2)})` : ""));
  traces.push({ type: "scatter", mode: "markers+text", name: "actors", x: data.nodes.map((n) => n.x),
    y: data.nodes.map((n) => n.y), text: data.nodes.map((n) => plotText(n.label)), textposition: "top center",
    customdata: data.nodes.map((n) => [n.section, n.id]), hovertext: data.nodes.map((n) => plotText(`${n.label} (${n.kind})`)),
    hoverinfo: "text", marker: { size: 16, color: data.nodes.map((n) => KIND_COLOURS[n.kind] || "#999"),
      line: { width: data.nodes.map((n) => (n.review === "proposed" ? 3 : 1)), color: "#222" } } });
  return { traces, layout: { xaxis: AXIS, yaxis: AXIS } , count: data.nodes.length };
}

async function causalMap() {
  const data = await api("GET", "/api/causal-map");
  const traces = graphTraces(data, (e) => (e.weight >= 0 ? `rgba(31,119,180,${0.3 + 0.7 * e.confidence})`
    : `rgba(214,39,40,${0.3 + 0.7 * e.confidence})`), (e) => 1 + 4 * Math.abs(e.weight),
  (e, where) => `${where.get(e.source).label} ${e.weight >= 0 ? "increases" : "decreases"} ${where.get(e.target).label}`
    + ` (weight ${e.weight.toFixed(2)}, confidence ${e.confidence.toFixed(2)})`);
  const biggest = Math.max(1, ...data.nodes.map((n) => n.strength));
  traces.push({ type: "scatter", mode: "markers+text", name: "concepts", x: data.nodes.map((n) => n.x),
    y: data.nodes.map((n) => n.y), text: data.nodes.map((n) => plotText(n.label)), textposition: "top center",
    customdata: data.nodes.map((n) => [n.section, n.id]), hoverinfo: "text",
    marker: { size: data.nodes.map((n) => 10 + 22 * (n.strength / biggest)), color: "#ffd166",
      line: { width: 1, color: "#444" } } });
  return { traces, layout: { xaxis: AXIS, yaxis: AXIS }, count: data.nodes.length };
}

async function timeline() {
  const data = await api("GET", "/api/timeline");
  const events = data.events.filter((e) => e.lower);
  const short = (text) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
  const traces = events.filter((e) => e.upper !== e.lower).map((e, i) => ({ type: "scatter", mode: "lines",
    x: [e.lower, e.upper], y: [events.indexOf(e), events.indexOf(e)], hoverinfo: "skip", showlegend: false,
    line: { width: 8, color: "rgba(78,121,167,0.45)" } }));
  traces.push({ type: "scatter", mode: "markers", name: "events", x: events.map((e) => e.lower),
    y: events.map((_, i) => i), customdata: events.map((e) => [e.section, e.id]),
    text: events.map((e) => plotText(`${e.date_text || e.date}: ${e.description}`)), hoverinfo: "text",
    marker: { size: 11, color: events.map((e) => (e.review === "proposed" ? "#f28e2b" : "#4e79a7")) } });
  const layout = { xaxis: { type: "date", title: { text: "date" } },
    yaxis: { tickvals: events.map((_, i) => i), ticktext: events.map((e) => plotText(short(e.description))), autorange: "reversed",
      automargin: true, tickfont: { size: 10 } } };
  return { traces, layout, count: events.length };
}

const VIEWS = { network, causal_map: causalMap, timeline };

async function main() {
  const { traces, layout, count } = await VIEWS[chart.dataset.view]();
  const height = chart.dataset.view === "timeline" ? Math.max(480, 26 * count + 120) : 720;
  await Plotly.newPlot(chart, traces, { ...layout, height, margin: { l: 20, r: 20, t: 20, b: 40 }, hovermode: "closest",
    dragmode: "pan", showlegend: false }, CONFIG);
  chart.on("plotly_click", async (event) => {
    const point = event.points && event.points[0];
    if (!point || !point.customdata) return;
    const [section, id] = point.customdata;
    try {
      showEvidence(panel, await api("GET", `/api/items/${section}/${encodeURIComponent(id)}`));
      panel.dataset.item = `${section}/${id}`;
    } catch (error) { sayError(error); }
  });
  document.body.dataset.ready = "true";
}

main().catch(sayError);
