// Shared helpers of the pages. Every piece of model or document text goes into the page as a text node
// (textContent), never as markup, so a document that contains "<script>" shows it rather than runs it.

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** Call the JSON API; `version` goes in If-Match. Resolves to the parsed body, rejects with ApiError. */
export async function api(method, url, { body, version } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (version) headers["If-Match"] = `"${version}"`;
  const response = await fetch(url, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin",
  });
  const type = response.headers.get("Content-Type") || "";
  const data = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    let detail = typeof data === "object" && data !== null ? data.detail : data;
    if (Array.isArray(detail)) detail = detail.map((d) => `${(d.loc || []).join(".")}: ${d.msg}`).join("; ");
    throw new ApiError(response.status, String(detail || response.statusText));
  }
  return data;
}

/** Make an element: attributes (class, data-*, on* handlers as functions) and children (nodes or text). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "class") node.className = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Show one line in the message bar: kind is "ok", "error" or "conflict". */
export function say(text, kind = "ok") {
  const bar = document.getElementById("message");
  bar.replaceChildren(el("span", {}, text));
  if (kind === "conflict") {
    bar.append(" ", el("button", { type: "button", class: "button", id: "reload", onclick: () => location.reload() },
      "Reload"));
  }
  bar.className = `message ${kind}`;
  bar.hidden = false;
  bar.dataset.kind = kind;
}

/** Say what went wrong with a call, in the words the server used. */
export function sayError(error) {
  if (error instanceof ApiError && error.status === 409) say(error.message, "conflict");
  else say(error.message || String(error), "error");
}

export const SECTION_NAMES = {
  actors: "actor", relations: "relation", events: "event", concepts: "concept", causal_links: "causal link",
  forecasts: "forecast", scenarios: "scenario", documents: "document",
};

/** An SVG string as an <img> (an image cannot run scripts, whatever the SVG holds). */
export function svgImage(svg, alt) {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  return el("img", { src: url, alt, class: "svg" });
}

/** Render one item's evidence (from GET /api/items/...) into `panel`. */
export function showEvidence(panel, data) {
  panel.replaceChildren();
  panel.append(el("h2", {}, data.label), el("p", { class: "meta" },
    `${SECTION_NAMES[data.section] || data.section} · ${data.id}`,
    data.item.review ? ` · ${data.item.review}` : " · curated"));
  if (!data.evidence.length) panel.append(el("p", { class: "hint" }, "No evidence recorded for this item."));
  for (const evidence of data.evidence) {
    const block = el("div", { class: "evidence-entry" });
    block.append(el("p", { class: "paraphrase" }, evidence.paraphrase));
    if (evidence.span !== null) {
      block.append(el("blockquote", { class: "excerpt" }, "…", evidence.before,
        el("mark", { class: "hl" }, evidence.span), evidence.after, "…"));
    } else {
      block.append(el("p", { class: "hint" }, "The document's text is not at hand."));
    }
    block.append(el("a", { href: `/documents/${encodeURIComponent(evidence.document)}#${data.section}/${data.id}`,
      class: "open-in-text" }, `Open in “${evidence.title || "the document"}” (characters ${evidence.start}–${evidence.end})`));
    panel.append(block);
  }
}

/** Text for a Plotly label: Plotly reads a few HTML tags in labels (a link, bold, a line break), so a name
 * holding `<a href=…>` would become a live link; with the markup characters as entities it shows as written. */
export function plotText(text) {
  return String(text ?? "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
