// 信鉴 workbench: pre-check, archive search, audit. Plain script, no libraries, no outbound
// requests: everything goes to the server that served this page.
"use strict";

const $ = (id) => document.getElementById(id);
const SEVERITY = { error: "错误", warning: "警告", info: "提示" };
const RANK = { error: 3, warning: 2, info: 1 };
let rules = {};          // code -> {name, summary, severity}
let current = null;      // the last check's document object
let source = null;       // {file} or {name, text}
let category = "auto";
let checking = 0;        // request serial: only the newest answer is shown
let timer = null;

function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

async function api(url, options) {
  const r = await fetch(url, options);
  const type = r.headers.get("content-type") || "";
  if (!r.ok) {
    let msg = `服务器返回 ${r.status}`;
    if (type.includes("json")) {
      try { msg = (await r.json()).error || msg; } catch (_) { /* keep */ }
    }
    throw new Error(msg);
  }
  return r;
}

function say(id, text, bad) {
  const el = $(id);
  el.textContent = text || "";
  el.classList.toggle("bad", !!bad);
}

// ---------------------------------------------------------------- tabs

function show(tab) {
  for (const name of ["precheck", "search", "audit"]) {
    $("page-" + name).hidden = name !== tab;
    $("tab-" + name).classList.toggle("on", name === tab);
    $("tab-" + name).setAttribute("aria-selected", name === tab);
  }
}
function route() {
  const tab = (location.hash || "#precheck").slice(1);
  show(["precheck", "search", "audit"].includes(tab) ? tab : "precheck");
}
window.addEventListener("hashchange", route);

// ---------------------------------------------------------------- pre-check

function body(src) {
  if (src.file) {
    const form = new FormData();
    form.append("file", src.file, src.file.name);
    form.append("category", category);
    return { method: "POST", body: form };
  }
  return {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: src.name, text: src.text, category }),
  };
}

async function check(src, editing) {
  source = src;
  if (!editing) viewMarked();
  const serial = ++checking;
  say("status", "正在检查……");
  try {
    const r = await api("/api/check", body(src));
    const doc = await r.json();
    if (serial !== checking) return;
    current = doc;
    render(doc);
    say("status", doc.archive_error ? "历史信息索引读取失败，这篇没有与历史信息比对重复：" + doc.archive_error : "", !!doc.archive_error);
  } catch (e) {
    if (serial !== checking) return;
    say("status", e.message, true);
  }
}

function chars(s) { return Array.from(s); }

function render(d) {
  $("intake").hidden = true;
  $("result").hidden = false;
  $("score").textContent = d.score.quality;
  $("score").className = "score " + (d.score.quality >= 80 ? "good" : d.score.quality >= 60 ? "fair" : "poor");
  $("doc-title").textContent = d.title || "（无标题）";
  $("doc-meta").textContent = [d.unit, d.date, d.chars + " 字"].filter(Boolean).join(" · ");
  const c = d.category;
  $("cat-label").innerHTML = c.declared
    ? `<b>${esc(c.label)}</b>（稿件写明${c.inferred !== c.id ? "；内容读起来像" + esc(label(c.inferred)) : ""}）`
    : `<b>${esc(c.label)}</b>（推断，把握 ${Math.round(c.confidence * 100)}%）`;
  $("category").value = category;

  // Elements at a glance.
  const el = d.elements;
  const level = (l) => el.data_points.filter((p) => p.level === l).length;
  const ops = el.suggestions.filter((s) => s.operable).length;
  const complete = el.data_points.length > 0 && d.coverage.county && d.coverage.township && el.typical_cases.length > 0;
  const chip = (ok, text) => `<span class="chip ${ok ? "yes" : "no"}">${ok ? "✓" : "✗"} ${text}</span>`;
  let chips = [
    chip(el.data_points.length > 0, `数据 ${el.data_points.length} 处（点 ${level("point")} / 线 ${level("line")} / 面 ${level("area")}）`),
    chip(d.coverage.county, "县级"),
    chip(d.coverage.township, "乡镇"),
    chip(el.typical_cases.length > 0, `典型事例 ${el.typical_cases.length}`),
    chip(el.suggestions.length === 0 || ops === el.suggestions.length, `建议 可操作 ${ops}/${el.suggestions.length}`),
    chip(complete, complete ? "要素齐全" : "要素不全"),
  ];
  const p = d.score.points;
  if (p && p.potential != null) chips.push(`<span class="chip info">可得分 ${p.potential}${p.potential_channel ? "（" + esc(p.potential_channel) + "）" : ""}</span>`);
  $("elements").innerHTML = chips.join("");

  $("deductions").innerHTML = d.score.deductions.length
    ? "扣分：" + d.score.deductions.map((x) => `<a href="#rule/${x.code}" data-rule="${x.code}">${esc(ruleName(x.code, x.name))}</a> −${x.points}${x.count > 1 ? "（" + x.count + " 处）" : ""}`).join("；")
    : "没有扣分项。";

  // Duplicates and stale topics with links to the earlier items.
  let hist = "";
  if (d.duplicate_of && d.duplicate_of.length) {
    hist += "<div class='dup'><b>与已报送的信息重复：</b>" + d.duplicate_of.map((h) =>
      `<a href="#search" data-item="${esc(h.hash)}">${esc(h.date || "日期不详")} ${esc(h.unit || "")}《${esc(h.title)}》</a>`).join("；") + "</div>";
  }
  // A stale topic names the earlier items by title: each opens in the archive page.
  const stale = d.diagnostics.find((x) => x.code === "X022");
  if (stale) {
    const titles = [...stale.message.matchAll(/《([^》]+)》/g)].map((m) => m[1]);
    hist += "<div class='dup'><b>这一选题近期已报送过：</b>" + titles.map((t) =>
      `<a href="#search" data-title="${esc(t)}">《${esc(t)}》</a>`).join("、") + "</div>";
  }
  $("history").innerHTML = hist;

  renderDoc(d);
  renderList(d);
  $("editor").value = d.text;
}

function label(id) {
  return { problem: "问题类", research: "调研类", experience: "典型经验", special: "专报", dynamic: "动态" }[id] || id;
}
function ruleName(code, name) { return (rules[code] && rules[code].summary) || name; }

// The text with every finding's span marked; overlapping spans are cut into pieces that
// carry all the findings covering them.
function renderDoc(d) {
  const text = chars(d.text);
  const n = text.length;
  const spans = d.diagnostics.map((x, i) => ({ i, s: Math.min(x.start, n), e: Math.min(Math.max(x.end, x.start + 1), n), sev: x.severity }));
  const cuts = new Set([0, n]);
  spans.forEach((s) => { cuts.add(s.s); cuts.add(s.e); });
  const points = [...cuts].sort((a, b) => a - b);
  let html = "";
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k], b = points[k + 1];
    const piece = esc(text.slice(a, b).join(""));
    const over = spans.filter((s) => s.s <= a && s.e >= b);
    if (!over.length) { html += piece; continue; }
    const sev = over.reduce((m, s) => (RANK[s.sev] > RANK[m] ? s.sev : m), "info");
    html += `<mark class="sev-${sev}" data-ids="${over.map((s) => s.i).join(" ")}">${piece}</mark>`;
  }
  $("doc").innerHTML = html;
}

function renderList(d) {
  $("count").textContent = d.diagnostics.length ? `${d.diagnostics.length} 条` : "";
  if (!d.diagnostics.length) {
    $("list").innerHTML = "<li class='none'>没有发现问题。</li>";
    return;
  }
  const order = d.diagnostics.map((x, i) => i).sort((a, b) => d.diagnostics[a].start - d.diagnostics[b].start || RANK[d.diagnostics[b].severity] - RANK[d.diagnostics[a].severity]);
  $("list").innerHTML = order.map((i) => {
    const x = d.diagnostics[i];
    return `<li class="finding sev-${x.severity}" data-id="${i}" tabindex="0">
      <div class="head"><span class="sev">${SEVERITY[x.severity] || x.severity}</span>
      <a class="rule" href="#rule/${x.code}" data-rule="${x.code}" title="查看这项检查的说明">${esc(ruleName(x.code, x.name))} · ${x.code}</a>
      <span class="where">第 ${x.line} 行</span></div>
      <div class="msg">${esc(x.message)}</div>
      ${x.suggestion ? `<div class="fix">建议：${esc(x.suggestion)}</div>` : ""}
    </li>`;
  }).join("");
}

function activate(id, from) {
  document.querySelectorAll("mark.active, li.finding.active").forEach((m) => m.classList.remove("active"));
  const marks = [...document.querySelectorAll("#doc mark")].filter((m) => m.dataset.ids.split(" ").includes(String(id)));
  marks.forEach((m) => m.classList.add("active"));
  const card = document.querySelector(`li.finding[data-id="${id}"]`);
  if (card) card.classList.add("active");
  // Only the text and the column scroll, never the page (its summary stays in sight).
  if (from !== "doc" && marks.length) scrollWithin($("doc"), marks[0], true);
  if (from !== "list" && card) scrollWithin(document.querySelector(".findings"), card, false);
}

function scrollWithin(box, el, centre) {
  const b = box.getBoundingClientRect(), r = el.getBoundingClientRect();
  if (!centre && r.top >= b.top && r.bottom <= b.bottom) return;
  box.scrollTop += r.top - b.top - Math.max(0, (box.clientHeight - r.height) / 2);
}

$("list").addEventListener("click", (e) => {
  if (e.target.closest("a[data-rule]")) return;
  const card = e.target.closest("li.finding");
  if (!card) return;
  viewMarked();
  activate(card.dataset.id, "list");
});
$("list").addEventListener("keydown", (e) => {
  const card = e.target.closest("li.finding");
  if (card && e.key === "Enter") { viewMarked(); activate(card.dataset.id, "list"); }
});
$("doc").addEventListener("click", (e) => {
  const m = e.target.closest("mark");
  if (!m) return;
  const ids = m.dataset.ids.split(" ");
  // A second click on a piece several findings cover moves to the next of them.
  const active = document.querySelector("li.finding.active");
  const at = active ? ids.indexOf(active.dataset.id) : -1;
  activate(ids[(at + 1) % ids.length], "doc");
});

function viewMarked() {
  $("doc").hidden = false;
  $("editor").hidden = true;
  $("view-marked").classList.add("on");
  $("view-edit").classList.remove("on");
}
$("view-marked").addEventListener("click", viewMarked);
$("view-edit").addEventListener("click", () => {
  $("doc").hidden = true;
  $("editor").hidden = false;
  $("view-marked").classList.remove("on");
  $("view-edit").classList.add("on");
  $("editor").focus();
});
$("editor").addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    const name = (source && source.file ? source.file.name : (source && source.name) || "稿件.txt").replace(/\.(docx|doc|wps|md|txt)$/i, "") + ".txt";
    check({ name, text: $("editor").value }, true);
  }, 700);
});

$("paste").addEventListener("input", () => {
  clearTimeout(timer);
  const text = $("paste").value;
  if (!text.trim()) return;
  timer = setTimeout(() => check({ name: "稿件.txt", text }), 500);
});
$("file").addEventListener("change", () => {
  const f = $("file").files[0];
  if (f) check({ file: f });
});
function dropper(zone, take) {
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    if (e.dataTransfer.files.length) take(e.dataTransfer.files);
  });
}
dropper($("drop"), (files) => check({ file: files[0] }));

$("category").addEventListener("change", () => {
  category = $("category").value;
  if (source) check(source);
});
$("new-draft").addEventListener("click", () => {
  $("result").hidden = true;
  $("intake").hidden = false;
  $("paste").value = "";
  $("file").value = "";
  current = source = null;
  say("status", "");
});

function download(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}
$("annotate").addEventListener("click", async () => {
  if (!source) return;
  say("status", "正在生成批注稿……");
  try {
    const r = await api("/api/annotate", body(source));
    const cd = r.headers.get("content-disposition") || "";
    const m = /filename\*=UTF-8''([^;]+)/.exec(cd);
    download(await r.blob(), m ? decodeURIComponent(m[1]) : "稿件（信鉴批注）.docx");
    say("status", source.file && /\.docx$/i.test(source.file.name)
      ? "批注稿已下载：用 Word 或 WPS 打开，意见在页边的批注里。"
      : "批注稿已下载（原稿不是 .docx 或已在页面中修改，批注稿按段落重排了文字）。");
  } catch (e) { say("status", e.message, true); }
});
$("json").addEventListener("click", () => {
  if (!current) return;
  download(new Blob([JSON.stringify(current, null, 2)], { type: "application/json" }), (current.path || "稿件").replace(/\.[^.]+$/, "") + ".json");
});
$("to-similar").addEventListener("click", () => { location.hash = "#search"; similar(); });

// Rule documentation, as `xinjian rule NAME` prints it.
document.addEventListener("click", async (e) => {
  const a = e.target.closest("a[data-rule]");
  if (a) {
    e.preventDefault();
    try {
      const r = await (await api("/api/rules/" + encodeURIComponent(a.dataset.rule))).json();
      $("rule-title").textContent = `${r.code} ${r.summary}（${r.name}）`;
      $("rule-doc").textContent = r.doc;
      $("rule-box").hidden = false;
    } catch (err) { say("status", err.message, true); }
    return;
  }
  const named = e.target.closest("a[data-title]");
  if (named) {
    e.preventDefault();
    location.hash = "#search";
    $("q").value = named.dataset.title;
    const hits = await runSearch();
    const same = hits.find((h) => h.title === named.dataset.title);
    if (same) openItem(same.hash);
    return;
  }
  const it = e.target.closest("a[data-item]");
  if (it) {
    e.preventDefault();
    location.hash = "#search";
    openItem(it.dataset.item);
  }
});
$("rule-close").addEventListener("click", () => { $("rule-box").hidden = true; });
$("rule-box").addEventListener("click", (e) => { if (e.target === $("rule-box")) $("rule-box").hidden = true; });
document.addEventListener("keydown", (e) => { if (e.key === "Escape") $("rule-box").hidden = true; });

// ---------------------------------------------------------------- search

function marked(snippet, ranges) {
  const s = chars(snippet);
  let out = "", last = 0;
  for (const [a, b] of ranges) {
    out += esc(s.slice(last, a).join("")) + "<mark>" + esc(s.slice(a, b).join("")) + "</mark>";
    last = b;
  }
  return out + esc(s.slice(last).join(""));
}

function hitLine(h, extra) {
  return `<li><a href="#search" data-item="${esc(h.hash)}" class="hit-title">${esc(h.title)}</a>
    <div class="muted">${esc(h.date || "日期不详")} · ${esc(h.unit || "单位不详")}${h.category ? " · " + esc(label(h.category)) : ""}${extra || ""}</div>
    ${h.snippet ? `<div class="snippet">${marked(h.snippet, h.highlighted || [])}</div>` : ""}</li>`;
}

$("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  runSearch();
});

async function runSearch() {
  const p = new URLSearchParams();
  for (const [k, id] of [["q", "q"], ["unit", "unit"], ["category", "s-category"], ["since", "since"], ["until", "until"]]) {
    if ($(id).value.trim()) p.set(k, $(id).value.trim());
  }
  p.set("limit", "20");
  say("search-status", "正在检索……");
  try {
    const r = await (await api("/api/search?" + p)).json();
    $("hits").innerHTML = r.hits.map((h) => hitLine(h)).join("");
    say("search-status", `找到 ${r.hits.length} 条（“${r.query}”）`);
    return r.hits;
  } catch (err) {
    say("search-status", err.message, true);
    return [];
  }
}

async function similar() {
  if (!source) {
    say("search-status", "先在“预审”中打开或粘贴一篇稿件，再查找与它相似的历史信息。", true);
    return;
  }
  say("search-status", "正在查找相似的历史信息……");
  try {
    const r = await (await api("/api/similar", body(source))).json();
    $("hits").innerHTML = r.similar.map((h) => hitLine(h,
      ` · 相似度 ${Math.round((h.similarity.score ?? h.similarity) * 100)}%${h.duplicate ? " · <b>是同一条信息</b>" : ""}`)).join("");
    say("search-status", `与当前稿件相似的历史信息 ${r.similar.length} 条`);
  } catch (err) { say("search-status", err.message, true); }
}
$("similar").addEventListener("click", similar);

async function openItem(hash) {
  try {
    const r = await (await api("/api/item/" + encodeURIComponent(hash))).json();
    const i = r.item;
    $("item").innerHTML = `<h2>${esc(i.title)}</h2><p class="muted">${esc(i.date || "日期不详")} · ${esc(i.unit || "单位不详")} · ${esc(i.path)}</p><div class="item-text">${esc(r.text)}</div>`;
    $("item").hidden = false;
  } catch (err) { say("search-status", err.message, true); }
}

// ---------------------------------------------------------------- audit

let auditFiles = [];
function chosen(files) {
  auditFiles = [...files];
  $("audit-chosen").textContent = auditFiles.length ? `已选 ${auditFiles.length} 个文件：${auditFiles.slice(0, 5).map((f) => f.name).join("、")}${auditFiles.length > 5 ? " 等" : ""}` : "";
}
$("audit-files").addEventListener("change", () => chosen($("audit-files").files));
$("audit-ledger").addEventListener("change", () => {
  const f = $("audit-ledger").files[0];
  $("ledger-chosen").textContent = f ? f.name : "未选择";
});
dropper($("audit-drop"), chosen);

$("audit-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  if (!auditFiles.length) { say("audit-status", "请先选择本期的稿件文件（或一个 .zip）。", true); return; }
  const form = new FormData();
  auditFiles.forEach((f) => form.append("files", f, f.name));
  const ledger = $("audit-ledger").files[0];
  if (ledger) form.append("ledger", ledger, ledger.name);
  form.append("since", $("audit-since").value);
  form.append("until", $("audit-until").value);
  $("audit-run").disabled = true;
  say("audit-status", `正在审核 ${auditFiles.length} 个文件……`);
  try {
    const r = await (await api("/api/audit", { method: "POST", body: form })).json();
    const t = r.report.totals, m = r.report.type_mix;
    $("audit-summary").textContent = `审核了 ${t.units} 个单位的 ${t.items} 篇稿件：平均质量分 ${t.average_quality == null ? "—" : t.average_quality.toFixed(1)}，问题类+专报类+调研类占 ${(m.key_share * 100).toFixed(1)}%（要求 ≥80%），问题类占 ${(m.problem_share * 100).toFixed(1)}%（要求 ≥50%），疑似重复 ${t.duplicate_items} 篇。`;
    $("dl-html").href = r.files["report.html"];
    $("dl-xlsx").href = r.files["report.xlsx"];
    $("dl-md").href = r.files["report.md"];
    $("dl-json").href = r.files["report.json"];
    $("audit-frame").src = r.files["report.html"];
    $("audit-result").hidden = false;
    say("audit-status", "");
  } catch (err) {
    say("audit-status", err.message, true);
  } finally {
    $("audit-run").disabled = false;
  }
});

// ---------------------------------------------------------------- start

(async function start() {
  route();
  try {
    const h = await (await api("/api/health")).json();
    $("health").textContent = h.index ? "历史信息索引：已打开" : "未打开历史信息索引（检索、查重不可用）";
    $("health").classList.toggle("off", !h.index);
  } catch (_) { /* the page still works */ }
  try {
    for (const r of await (await api("/api/rules")).json()) rules[r.code] = r;
  } catch (_) { /* names fall back to the rule's id */ }
})();
