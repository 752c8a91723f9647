// The actor network, the causal map and the timeline, drawn with Plotly (served from its Python package).
// Positions, bends, colours, label lines and legends come from the API (the report's layout and palette), so the
// app draws what the report prints. Clicking a node, the dot on a link or an event shows that item's evidence.
import { api, el, plotText, sayError, showEvidence } from "./common.js";

const chart = document.getElementById("chart");
const panel = document.getElementById("evidence");
const legendList = document.getElementById("legend");
const tools = document.getElementById("chart-tools");
const CONFIG = { responsive: false, displaylogo: false, scrollZoom: false };
// One em of the layout on screen: the labels are drawn at this size, and the map is never drawn smaller than one
// em per EM_PX pixels, so that labels the layout keeps apart stay apart.
const EM_PX = 11;
const FONT = { family: "DejaVu Sans, Verdana, sans-serif", size: EM_PX, color: "#222" };
const MARGIN_EM = 2;

function legend(rows) {
  legendList.replaceChildren(...rows.map((row) => {
    const line = row.mark === "line";
    const swatch = el("span", { class: `swatch ${line ? `line ${row.dash}` : row.symbol}` });
    if (line) swatch.style.borderTopColor = row.colour; else if (row.symbol !== "ring") swatch.style.background = row.colour;
    return el("li", {}, swatch, row.label);
  }));
}

/** Points along a link bowed by `bend` (matplotlib's arc3: the control point sits bend × length off the middle). */
function curve(a, b, bend, steps = 16) {
  const cx = (a.x + b.x) / 2 + bend * (b.y - a.y);
  const cy = (a.y + b.y) / 2 - bend * (b.x - a.x);
  const at = (t) => ({ x: (1 - t) ** 2 * a.x + 2 * (1 - t) * t * cx + t ** 2 * b.x,
    y: (1 - t) ** 2 * a.y + 2 * (1 - t) * t * cy + t ** 2 * b.y });
  return { points: Array.from({ length: steps + 1 }, (_, i) => at(i / steps)), at };
}

/** Links as curves with an arrowhead at the effect's end, a clickable dot on each, and the nodes with labels. */
function graphFigure(data, { markerPx, widthOf, opacityOf, hoverOf, nodeHover }) {
  const where = new Map(data.nodes.map((n) => [n.id, n]));
  const traces = [];
  const annotations = [];
  const dots = { x: [], y: [], customdata: [], text: [], marker: { color: [], size: 9, symbol: "circle" } };
  for (const edge of data.edges) {
    const a = where.get(edge.source); const b = where.get(edge.target);
    if (!a || !b) continue;
    const { points, at } = curve(a, b, edge.bend);
    traces.push({ type: "scatter", mode: "lines", x: points.map((p) => p.x), y: points.map((p) => p.y),
      hoverinfo: "skip", showlegend: false, opacity: opacityOf(edge),
      line: { color: edge.colour, width: widthOf(edge), dash: edge.dash } });
    if (edge.directed) {
      const tail = at(0.75);
      annotations.push({ x: b.x, y: b.y, ax: tail.x, ay: tail.y, xref: "x", yref: "y", axref: "x", ayref: "y",
        text: "", showarrow: true, arrowhead: 2, arrowsize: 1.1, arrowwidth: Math.max(1.2, widthOf(edge) * 0.7),
        arrowcolor: edge.colour, opacity: Math.max(0.6, opacityOf(edge)), standoff: markerPx(b) / 2 + 1 });
    }
    const middle = at(0.5);
    dots.x.push(middle.x); dots.y.push(middle.y); dots.customdata.push([edge.section, edge.item]);
    dots.text.push(plotText(hoverOf(edge, where))); dots.marker.color.push(edge.colour);
  }
  traces.push({ type: "scatter", mode: "markers", name: "links", hoverinfo: "text", showlegend: false, ...dots });
  traces.push({ type: "scatter", mode: "markers+text", name: "nodes", x: data.nodes.map((n) => n.x),
    y: data.nodes.map((n) => n.y), text: data.nodes.map((n) => n.lines.map(plotText).join("<br>")),
    textposition: "bottom center", textfont: FONT, cliponaxis: false,
    customdata: data.nodes.map((n) => [n.section, n.id]), hovertext: data.nodes.map((n) => plotText(nodeHover(n))),
    hoverinfo: "text", showlegend: false,
    marker: { size: data.nodes.map(markerPx), color: data.nodes.map((n) => n.colour || "#f0f0f0"),
      symbol: data.nodes.map((n) => (n.kind === "state" ? "square" : "circle")),
      line: { width: data.nodes.map((n) => (n.review === "proposed" ? 3 : 1)),
        color: data.nodes.map((n) => (n.review === "proposed" ? "#222" : n.rim || "#fff")) } } });
  // Pixels per em: fill the column when the map is small, never under EM_PX when it is large (then it scrolls).
  const ems = { w: data.frame.width + 2 * MARGIN_EM, h: data.frame.height + 2 * MARGIN_EM };
  const perEm = Math.max(EM_PX, Math.min((chart.parentElement.clientWidth - 4) / ems.w, 2.2 * EM_PX));
  const axis = (length) => ({ visible: false, zeroline: false, showgrid: false, fixedrange: false,
    range: [-MARGIN_EM, length - MARGIN_EM] });
  return { traces, layout: { xaxis: axis(ems.w), yaxis: axis(ems.h), annotations,
    width: Math.round(ems.w * perEm), height: Math.round(ems.h * perEm), margin: { l: 0, r: 0, t: 0, b: 0 } } };
}

const NODE_PX = (node_em) => node_em * EM_PX * 0.85;

async function network() {
  const data = await api("GET", "/api/network");
  legend(data.legend);
  const size = NODE_PX(data.frame.node_em);
  return graphFigure(data, { markerPx: (n) => (n.kind === "person" ? size * 0.8 : size),
    widthOf: (e) => (e.origin === "affiliation" ? 1.2 : 1 + 2.5 * Math.abs(e.polarity)),
    opacityOf: () => 0.85,
    hoverOf: (e, where) => `${where.get(e.source).label} → ${where.get(e.target).label}: ${e.type}`
      + (e.origin === "relation" ? ` (polarity ${e.polarity.toFixed(2)})` : ""),
    nodeHover: (n) => `${n.label} (${(n.kind || "actor").replace("_", " ")})${n.review === "proposed" ? ", proposed" : ""}` });
}

async function causalMap() {
  const data = await api("GET", "/api/causal-map");
  legend(data.legend);
  const size = NODE_PX(data.frame.node_em);
  const biggest = Math.max(1e-9, ...data.nodes.map((n) => n.strength));
  return graphFigure(data, { markerPx: (n) => size * (0.55 + 0.45 * (n.strength / biggest)),
    widthOf: (e) => 0.8 + 3 * Math.abs(e.weight), opacityOf: (e) => 0.4 + 0.6 * e.confidence,
    hoverOf: (e, where) => `${where.get(e.source).label} ${e.weight >= 0 ? "increases" : "decreases"} `
      + `${where.get(e.target).label} (weight ${e.weight.toFixed(2)}, confidence ${e.confidence.toFixed(2)})`
      + (e.review === "proposed" ? ", proposed" : ""),
    nodeHover: (n) => `${n.label} (linked with total weight ${n.strength.toFixed(2)})` });
}

const DAY = 86400000;
const shift = (iso, days) => new Date(Date.parse(iso) + days * DAY).toISOString().slice(0, 10);
const padded = ([first, last]) => {
  const pad = Math.max(2, Math.round(((Date.parse(last) - Date.parse(first)) / DAY) * 0.04));
  return [shift(first, -pad), shift(last, pad)];
};

async function timeline() {
  const data = await api("GET", "/api/timeline");
  legend(data.legend);
  const events = data.events.filter((e) => e.lower || e.upper);
  const [left, right] = data.span ? padded(data.span) : ["2000-01-01", "2001-01-01"];
  // Rows as tall as their labels (the report's rule), so no description is cut to one line.
  const heights = events.map((e) => Math.max(1, 0.8 * e.lines.length + 0.25));
  const rows = heights.map((h, i) => heights.slice(0, i).reduce((a, b) => a + b, 0) + h / 2);
  const traces = [];
  const ends = { x: [], y: [], marker: { symbol: [], color: [], size: 11 } };
  events.forEach((e, i) => {
    if (e.lower === e.upper) return;
    const start = e.lower || left; const stop = e.upper || right;
    traces.push({ type: "scatter", mode: "lines", x: [start, stop], y: [rows[i], rows[i]], hoverinfo: "skip",
      showlegend: false, line: { width: 8, color: e.colour }, opacity: 0.5 });
    for (const [open, at, symbol] of [[!e.lower, left, "triangle-left"], [!e.upper, right, "triangle-right"]]) {
      if (open) { ends.x.push(at); ends.y.push(rows[i]); ends.marker.symbol.push(symbol); ends.marker.color.push(e.colour); }
    }
  });
  traces.push({ type: "scatter", mode: "markers", name: "open ends", hoverinfo: "skip", showlegend: false,
    cliponaxis: false, ...ends });
  traces.push({ type: "scatter", mode: "markers", name: "events", x: events.map((e) => e.lower || e.upper),
    y: rows, customdata: events.map((e) => [e.section, e.id]),
    text: events.map((e) => plotText(`${e.date_text || e.date}: ${e.description}`)), hoverinfo: "text", showlegend: false,
    marker: { size: 11, color: events.map((e) => e.colour),
      line: { width: events.map((e) => (e.review === "proposed" ? 2 : 0)), color: "#222" } } });
  const total = heights.reduce((a, b) => a + b, 0) || 1;
  if (data.window) {
    const close = el("button", { type: "button", id: "close-up" }, `Close up: ${data.window[0]} to ${data.window[1]}`);
    const whole = el("button", { type: "button", id: "whole-span" }, "Whole span");
    close.addEventListener("click", () => Plotly.relayout(chart, { "xaxis.range": padded(data.window) }));
    whole.addEventListener("click", () => Plotly.relayout(chart, { "xaxis.range": [left, right] }));
    tools.replaceChildren(close, whole);
  }
  const layout = {
    xaxis: { type: "date", range: [left, right], rangeslider: { visible: true, thickness: 0.06 }, title: { text: "date" } },
    yaxis: { tickvals: rows, ticktext: events.map((e) => e.lines.map(plotText).join("<br>")), range: [total, 0],
      automargin: true, tickfont: { ...FONT, size: 10 }, fixedrange: true },
    height: Math.max(480, 20 * total + 160), margin: { l: 20, r: 20, t: 20, b: 40 },
  };
  return { traces, layout };
}

const VIEWS = { network, causal_map: causalMap, timeline };

async function main() {
  const { traces, layout } = await VIEWS[chart.dataset.view]();
  await Plotly.newPlot(chart, traces, { ...layout, hovermode: "closest", dragmode: "pan", showlegend: false,
    font: FONT }, CONFIG);
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
