// The samlad inspection page: plain JavaScript against the /v1 API, no framework, nothing fetched from elsewhere.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { banks: [], token: sessionStorage.getItem("samlad-token") || "", current: null, selectedBank: null };
const VERDICT_COLOURS = { ok: "#22a06b", missing: "#ef4444", extra: "#f59e0b", mismatched: "#c026d3", structural: "#0ea5e9" };

function authHeaders() {
  return state.token ? { Authorization: "Bearer " + state.token } : {};
}

async function api(path, options = {}) {
  const res = await fetch(path, { ...options, headers: { ...authHeaders(), ...(options.headers || {}) } });
  const type = res.headers.get("content-type") || "";
  const body = type.includes("json") ? await res.json() : await res.blob();
  if (!res.ok) {
    const msg = body && body.message ? body.message : res.status + " " + res.statusText;
    const err = new Error(msg);
    err.status = res.status;
    throw err;
  }
  return body;
}

// Images on protected routes need the Authorization header, so they are fetched and shown as blob URLs.
async function imageUrl(path) {
  const blob = await api(path);
  return URL.createObjectURL(blob);
}

function fmt(x, digits = 2) {
  return x === undefined || x === null || Number.isNaN(x) ? "–" : Number(x).toFixed(digits);
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v; else if (k === "text") e.textContent = v; else e.setAttribute(k, v);
  }
  children.forEach((c) => e.append(c));
  return e;
}

function chip(label) {
  return el("span", { class: "chip " + label, text: label });
}

// ---- readiness and banks ----
async function refreshBanks() {
  try {
    const ready = await fetch("/ready").then((r) => r.json().then((j) => ({ ok: r.ok, j })));
    const pill = $("ready");
    pill.className = "pill " + (ready.ok ? "pill-ok" : "pill-bad");
    pill.textContent = ready.ok ? "ready · " + ready.j.banks.length + " bank" + (ready.j.banks.length === 1 ? "" : "s") : ready.j.status;
    const data = await api("/v1/banks");
    state.banks = data.banks;
    const select = $("bank-select");
    const keep = select.value;
    select.replaceChildren(...state.banks.map((b) => el("option", { value: b.name, text: b.name + "  (threshold " + fmt(b.threshold) + ")" })));
    if (keep && state.banks.some((b) => b.name === keep)) select.value = keep;
    const filter = $("filter-bank");
    const fkeep = filter.value;
    filter.replaceChildren(el("option", { value: "", text: "all banks" }), ...state.banks.map((b) => el("option", { value: b.name, text: b.name })));
    filter.value = fkeep;
    renderBankList();
  } catch (e) {
    $("ready").className = "pill pill-bad";
    $("ready").textContent = "unreachable";
  }
}

// ---- inspecting ----
async function inspectFile(file) {
  const bank = $("bank-select").value;
  if (!bank) { showError("No bank is served."); return; }
  const drop = $("drop");
  drop.classList.add("busy");
  showError("");
  try {
    const form = new FormData();
    form.append("image", file, file.name);
    const answer = await api("/v1/inspect/" + encodeURIComponent(bank) + "?maps=true", { method: "POST", body: form });
    await showInspection(answer);
    refreshLog();
  } catch (e) {
    showError("Inspection refused: " + e.message);
  } finally {
    drop.classList.remove("busy");
    $("file-input").value = "";
  }
}

function showError(msg) {
  const box = $("error");
  box.textContent = msg;
  box.classList.toggle("shown", !!msg);
  if (msg) $("result").classList.remove("empty");
}

async function showInspection(a) {
  state.current = a;
  history.replaceState(null, "", "#inspection/" + a.id);
  const result = $("result");
  result.classList.remove("empty");
  const anomalous = a.label === "anomalous";
  const verdict = $("verdict");
  verdict.className = "verdict " + a.label;
  verdict.textContent = anomalous ? "ANOMALY" : "NORMAL";
  const top = Math.max(2 * a.threshold, a.score * 1.1, 1);
  const fill = $("gauge-fill");
  fill.style.width = Math.max(0, Math.min(100, (100 * a.score) / top)) + "%";
  fill.classList.toggle("over", anomalous);
  $("gauge-threshold").style.left = (100 * a.threshold) / top + "%";
  $("score-text").innerHTML = "score <b>" + fmt(a.score) + "</b>";
  $("threshold-text").innerHTML = "threshold <b>" + fmt(a.threshold) + "</b> · bank " + a.bank;
  $("logical").textContent = fmt(a.logicalScore);
  $("structural").textContent = fmt(a.structuralScore);
  const total = Object.values(a.timingsMs || {}).reduce((s, x) => s + x, 0);
  $("time").textContent = fmt(total, 0) + " ms";
  $("inspection-id").textContent = "#" + a.id;
  $("image-name").textContent = a.path + " · " + a.image.width + "×" + a.image.height;
  document.querySelectorAll("#log tr").forEach((tr) => tr.classList.toggle("selected", tr.dataset.id === String(a.id)));
  renderObjects(a);
  renderReferences(a);
  await renderStage(a);
}

async function renderStage(a) {
  const img = $("stage-img");
  const heat = $("show-heat").checked;
  fitImage(a);
  try {
    img.src = await imageUrl("/v1/inspections/" + a.id + "/" + (heat ? "heat.png" : "image"));
  } catch (e) {
    img.removeAttribute("src");
    showError(e.status === 401 ? "Images need the bearer token (Token button, top right)." : "Image not available: " + e.message);
  }
  img.onload = () => drawBoxes(a);
}

// Small images are scaled up to a comfortable height; large ones down to the stage's width.
function fitImage(a) {
  const img = $("stage-img");
  const avail = $("stage").clientWidth || 600;
  const scale = Math.min(520 / a.image.height, avail / a.image.width);
  img.style.width = Math.round(a.image.width * scale) + "px";
  img.style.height = Math.round(a.image.height * scale) + "px";
}

function drawBoxes(a) {
  const img = $("stage-img");
  const svg = $("stage-svg");
  fitImage(a);
  const w = a.image.width, h = a.image.height;
  svg.setAttribute("viewBox", "0 0 " + w + " " + h);
  svg.style.width = img.clientWidth + "px";
  svg.style.height = img.clientHeight + "px";
  svg.style.left = img.offsetLeft + "px";
  svg.style.top = img.offsetTop + "px";
  svg.replaceChildren();
  if (!$("show-boxes").checked) return;
  const scale = w / Math.max(1, img.clientWidth);
  const ns = "http://www.w3.org/2000/svg";
  const ordered = [...a.objects].sort((p, q) => (p.verdict === "ok") - (q.verdict === "ok")).reverse();
  const placed = [];
  const labels = [];
  for (const o of ordered) {
    const [x0, y0, x1, y1] = o.bbox;
    const colour = VERDICT_COLOURS[o.verdict] || "#fff";
    const r = document.createElementNS(ns, "rect");
    r.setAttribute("x", x0); r.setAttribute("y", y0);
    r.setAttribute("width", x1 - x0 + 1); r.setAttribute("height", y1 - y0 + 1);
    r.setAttribute("fill", o.verdict === "ok" ? "none" : colour + "22");
    r.setAttribute("stroke", colour);
    r.setAttribute("stroke-width", (o.verdict === "ok" ? 1.2 : 2.4) * scale);
    if (o.verdict === "missing") r.setAttribute("stroke-dasharray", 6 * scale + " " + 4 * scale);
    svg.append(r);
    if (o.verdict !== "ok") {
      const label = o.verdict + " " + fmt(o.score, 1);
      const fs = 11 * scale;
      const bg = document.createElementNS(ns, "rect");
      let ty = Math.max(fs + 2 * scale, y0 - 2 * scale);
      const lw = label.length * fs * 0.62 + 6 * scale, lh = fs + 4 * scale;
      // Labels of nearby objects would overlap: move each down past those already placed.
      for (let moved = true; moved;) {
        moved = false;
        for (const p of placed) {
          if (x0 < p.x + p.w && p.x < x0 + lw && ty - fs < p.y + p.h && p.y < ty - fs + lh) { ty = p.y + p.h + fs + scale; moved = true; }
        }
      }
      placed.push({ x: x0, y: ty - fs, w: lw, h: lh });
      bg.setAttribute("x", x0); bg.setAttribute("y", ty - fs);
      bg.setAttribute("width", lw); bg.setAttribute("height", lh);
      bg.setAttribute("fill", colour); bg.setAttribute("rx", 2 * scale);
      const t = document.createElementNS(ns, "text");
      t.setAttribute("x", x0 + 3 * scale); t.setAttribute("y", ty + scale);
      t.setAttribute("fill", "#fff"); t.setAttribute("style", "font-size:" + fs + "px");
      t.textContent = label;
      labels.push(bg, t);
    }
  }
  svg.append(...labels); // labels above every box
}

function renderObjects(a) {
  const rows = [...a.objects].sort((p, q) => (p.verdict === "ok") - (q.verdict === "ok") || q.score - p.score);
  const bad = rows.filter((o) => o.verdict !== "ok").length;
  $("object-count").textContent = "(" + rows.length + ", " + bad + " not ok)";
  $("objects").replaceChildren(...rows.map((o) => {
    const tr = el("tr", { class: o.verdict === "ok" ? "" : "notok" },
      el("td", { text: String(o.id) }), el("td", {}, chip(o.verdict)), el("td", { text: fmt(o.score) }),
      el("td", { class: "mono", text: o.bbox[0] + "," + o.bbox[1] + "–" + o.bbox[2] + "," + o.bbox[3] }),
      el("td", { text: fmt(100 * o.areaFraction, 1) + "%" }));
    return tr;
  }));
}

async function renderReferences(a) {
  const box = $("references");
  const bank = state.banks.find((b) => b.name === a.bank);
  const items = (a.references || []).map((index, i) => {
    const name = (a.referenceNames || [])[i] || "#" + index;
    const cell = el("div", { class: "ref" });
    if (bank && bank.referencesAvailable) {
      const img = el("img", { alt: name });
      imageUrl("/v1/banks/" + encodeURIComponent(a.bank) + "/references/" + index)
        .then((u) => { img.src = u; })
        .catch(() => img.replaceWith(el("div", { class: "noimg", text: "n/a" })));
      cell.append(img);
    } else {
      cell.append(el("div", { class: "noimg", text: "no image" }));
    }
    cell.append(el("div", { class: "mono", text: name }));
    return cell;
  });
  box.replaceChildren(...items);
  if (!items.length) box.append(el("span", { class: "muted small", text: "none" }));
}

// ---- the live log ----
let logTimer = null;
async function refreshLog() {
  const params = new URLSearchParams({ limit: "40" });
  if ($("filter-bank").value) params.set("bank", $("filter-bank").value);
  if ($("filter-label").value) params.set("label", $("filter-label").value);
  try {
    const data = await api("/v1/inspections?" + params);
    $("live").classList.remove("stale");
    $("log-empty").classList.toggle("hidden", data.inspections.length > 0);
    $("log").replaceChildren(...data.inspections.map((a) => {
      const t = new Date(a.receivedAt);
      const tr = el("tr", {},
        el("td", { text: t.toLocaleTimeString([], { hour12: false }) }),
        el("td", {}, document.createTextNode(a.path), el("span", { class: "sub", text: "#" + a.id + " · " + a.bank })),
        el("td", {}, chip(a.label)), el("td", { text: fmt(a.score) }));
      tr.dataset.id = String(a.id);
      tr.title = a.path + " · #" + a.id;
      if (state.current && state.current.id === a.id) tr.classList.add("selected");
      tr.addEventListener("click", () => showInspection(a));
      return tr;
    }));
  } catch (e) {
    $("live").classList.add("stale");
  }
}

// ---- the bank page ----
function renderBankList() {
  if (!state.selectedBank && state.banks.length) state.selectedBank = state.banks[0].name;
  $("bank-list").replaceChildren(...state.banks.map((b) => {
    const li = el("li", { class: b.name === state.selectedBank ? "active" : "" }, el("span", { text: b.name }),
      el("span", { class: "muted mono", text: fmt(b.threshold) }));
    li.addEventListener("click", () => { state.selectedBank = b.name; renderBankList(); showBank(); });
    return li;
  }));
}

async function showBank() {
  const name = state.selectedBank;
  if (!name) return;
  const b = await api("/v1/banks/" + encodeURIComponent(name));
  $("bank-title").textContent = b.name;
  $("threshold-input").value = fmt(b.threshold, 3);
  const p = b.provenance || {};
  const facts = [
    ["threshold", fmt(b.threshold, 4) + " (" + b.thresholdSource + "; calibrated " + fmt(b.calibratedThreshold, 4) + ")"],
    ["normal images", b.images], ["detector", b.detector], ["models", b.models], ["file", b.file],
    ["sha256", b.sha256], ["loaded", b.loadedAt], ["fitted", p.createdAt + " by samlad " + p.toolVersion],
    ["calibration", p.calibration], ["image list sha256", p.imageListSha256],
  ];
  $("bank-facts").replaceChildren(...facts.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: String(v) })]));
  $("bank-events").replaceChildren(...(b.events || []).map((e) =>
    el("tr", {}, el("td", { class: "mono", text: e.at }), el("td", { text: e.event }), el("td", { text: e.detail }))));
  if (!(b.events || []).length) $("bank-events").append(el("tr", {}, el("td", { class: "muted", text: "no swaps or threshold changes" })));
  const recent = await api("/v1/inspections?limit=1000&bank=" + encodeURIComponent(name));
  drawHistogram(recent.inspections.map((a) => a.score), b.threshold);
}

// Bins are a tenth of the threshold wide, so the threshold is a bin edge; scores beyond four thresholds share the
// last bin, so the region around the threshold (where decisions are made) keeps its resolution.
function drawHistogram(scores, threshold) {
  const svg = $("histogram");
  const ns = "http://www.w3.org/2000/svg";
  const W = Math.max(320, svg.clientWidth || 640), H = 220, left = 40, right = 16, top = 26, bottom = 30;
  svg.setAttribute("viewBox", "0 0 " + W + " " + H);
  svg.replaceChildren();
  const add = (tag, attrs, text) => {
    const e = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    svg.append(e);
    return e;
  };
  const width = Math.max(threshold, 0.1) / 10;
  const lo = Math.floor(Math.min(0, ...scores) / width) * width;
  const hi = Math.max(4 * threshold, lo + 20 * width);
  const bins = Math.round((hi - lo) / width);
  const counts = new Array(bins + 1).fill(0); // the last one: everything from hi up
  scores.forEach((v) => counts[Math.max(0, Math.min(bins, Math.floor((v - lo) / width)))]++);
  // The overflow bin can dwarf the others: scale to the regular bins and clip it, with its count written on top.
  const max = Math.max(1, ...counts.slice(0, bins));
  const plotW = W - left - right, plotH = H - top - bottom;
  const bw = plotW / (bins + 1);
  const x = (v) => left + ((v - lo) / width) * bw;
  counts.forEach((c, i) => {
    if (!c) return;
    const h = Math.min(plotH, (c / max) * plotH);
    const from = lo + i * width;
    if (i === bins) {
      add("text", { x: left + i * bw + bw / 2, y: top + plotH - h - 4, "text-anchor": "middle", "font-size": 11,
        fill: "#991b1b", "font-weight": 600 }, String(c));
    }
    add("rect", { x: left + i * bw + 1, y: top + plotH - h, width: Math.max(1, bw - 2), height: h,
      fill: i === bins ? "#991b1b" : from >= threshold - 1e-9 ? "#dc2626" : "#22a06b" }).append(Object.assign(document.createElementNS(ns, "title"),
      { textContent: c + " with score " + (i === bins ? "≥ " + fmt(hi) : fmt(from) + "–" + fmt(from + width)) }));
  });
  add("line", { x1: left, x2: W - right, y1: top + plotH, y2: top + plotH, stroke: "#94a3b8" });
  add("line", { x1: left, x2: left, y1: top, y2: top + plotH, stroke: "#94a3b8" });
  add("text", { x: left - 6, y: top + 4, "text-anchor": "end", "font-size": 11, fill: "#64748b" }, String(max));
  add("text", { x: left - 6, y: top + plotH, "text-anchor": "end", "font-size": 11, fill: "#64748b" }, "0");
  for (let k = 0; k < 4; k++) {
    const v = lo + (k / 4) * (hi - lo);
    add("text", { x: x(v), y: H - 10, "text-anchor": "middle", "font-size": 11, fill: "#64748b" }, fmt(v, 1));
  }
  add("text", { x: W - right, y: H - 10, "text-anchor": "end", "font-size": 11, fill: "#64748b" }, "≥ " + fmt(hi, 1));
  add("line", { x1: x(threshold), x2: x(threshold), y1: top - 8, y2: top + plotH, stroke: "#0f172a", "stroke-width": 2,
    "stroke-dasharray": "5 3" });
  add("text", { x: x(threshold) + 6, y: top - 10 + 8, "font-size": 12, fill: "#0f172a", "font-weight": 600 },
    "threshold " + fmt(threshold));
  const normal = scores.filter((v) => v <= threshold).length;
  $("hist-count").textContent = "(" + scores.length + ": " + normal + " normal, " + (scores.length - normal)
    + " anomalous at this threshold)";
  if (!scores.length) {
    add("text", { x: W / 2, y: H / 2, "text-anchor": "middle", fill: "#64748b" }, "no inspections of this bank yet");
  }
}

async function setThreshold(value) {
  try {
    await api("/v1/banks/" + encodeURIComponent(state.selectedBank) + "/threshold", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ threshold: value }),
    });
    await refreshBanks();
    await showBank();
  } catch (e) {
    alert("Threshold not changed: " + e.message);
  }
}

// ---- wiring ----
function showView(name) {
  document.querySelectorAll(".tab").forEach((t) => t.classList.toggle("active", t.dataset.view === name));
  $("view-inspect").classList.toggle("hidden", name !== "inspect");
  $("view-banks").classList.toggle("hidden", name !== "banks");
  if (name === "banks") { showBank(); history.replaceState(null, "", "#banks"); }
  else history.replaceState(null, "", state.current ? "#inspection/" + state.current.id : "#inspect");
}

function updateTokenButton() {
  $("token-button").textContent = state.token ? "Token: set" : "Token: none";
}

document.querySelectorAll(".tab").forEach((t) => t.addEventListener("click", () => showView(t.dataset.view)));
$("token-button").addEventListener("click", () => {
  const t = prompt("Bearer token for protected routes (empty: none)", state.token);
  if (t === null) return;
  state.token = t.trim();
  sessionStorage.setItem("samlad-token", state.token);
  updateTokenButton();
  refreshLog();
});
$("file-input").addEventListener("change", (e) => { if (e.target.files.length) inspectFile(e.target.files[0]); });
const drop = $("drop");
["dragenter", "dragover"].forEach((ev) => drop.addEventListener(ev, (e) => { e.preventDefault(); drop.classList.add("over"); }));
["dragleave", "drop"].forEach((ev) => drop.addEventListener(ev, (e) => { e.preventDefault(); drop.classList.remove("over"); }));
drop.addEventListener("drop", (e) => { if (e.dataTransfer.files.length) inspectFile(e.dataTransfer.files[0]); });
$("show-heat").addEventListener("change", () => state.current && renderStage(state.current));
$("show-boxes").addEventListener("change", () => state.current && drawBoxes(state.current));
window.addEventListener("resize", () => state.current && drawBoxes(state.current));
$("filter-bank").addEventListener("change", refreshLog);
$("filter-label").addEventListener("change", refreshLog);
$("threshold-form").addEventListener("submit", (e) => { e.preventDefault(); setThreshold(Number($("threshold-input").value)); });
$("threshold-reset").addEventListener("click", () => setThreshold(null));

updateTokenButton();
refreshBanks().then(async () => {
  refreshLog();
  const deep = location.hash.match(/^#inspection\/(\d+)$/);
  if (location.hash === "#banks") showView("banks");
  else if (deep) {
    try { await showInspection(await api("/v1/inspections/" + deep[1])); } catch (e) { showError("Inspection " + deep[1] + ": " + e.message); }
  }
});
logTimer = setInterval(refreshLog, 3000);
setInterval(refreshBanks, 15000);
