/**
 * The page's only script, inline and allowed by its hash in the CSP. Progressive enhancement: the
 * page reads fully without it; with it, the findings table (hidden in the server's HTML) is built
 * from the embedded data (data.ts) — filters, a text search, sortable columns, pages of rows, and
 * each row's details made when it is first opened. It writes the DOM only with createElement and
 * textContent (never innerHTML), and makes a link only of an https:// reference.
 * Kept as plain ES2017 in a string: the project compiles without the DOM library.
 */
export const CLIENT_SCRIPT = `(function () {
'use strict';
var dataEl = document.getElementById('lp-data');
var table = document.getElementById('results');
if (!dataEl || !table) return;
var D;
try { D = JSON.parse(dataEl.textContent || ''); } catch (e) { return; }
if (!D || D.v !== 1) return;
var SEV = ['critical', 'high', 'medium', 'low', 'info'];
var STATUS = ['pass', 'fail', 'unknown', 'not_applicable'];
var STATUS_WORD = ['pass', 'fail', 'unknown', 'not applicable'];
var CODE = { p: 0, f: 1, u: 2, n: 3 };
var PAGE = 50;
var checks = D.checks, res = D.resources, msgs = D.messages, regions = D.regions;
var n = 0, b, i, j, q, t;
for (b = 0; b < D.blocks.length; b++) n += D.blocks[b][1].length;
var C = new Uint16Array(n), S = new Uint8Array(n), R = new Int32Array(n), M = new Int32Array(n), X = new Int32Array(n);
X.fill(-1);
var det = [];
i = 0;
for (b = 0; b < D.blocks.length; b++) {
  var blk = D.blocks[b], start = i, st = blk[1], runs = blk[2], mr = blk[3], dd = blk[4];
  for (j = 0; j < st.length; j++, i++) { C[i] = blk[0]; S[i] = CODE[st.charAt(j)] || 0; }
  j = start;
  for (q = 0; q < runs.length; q += 2) for (t = 0; t < runs[q + 1]; t++) R[j++] = runs[q] + t;
  j = start;
  for (q = 0; q < mr.length; q += 2) for (t = 0; t < mr[q + 1]; t++) M[j++] = mr[q];
  for (q = 0; q < dd.length; q += 4) { X[start + dd[q]] = det.length; det.push([dd[q + 1], dd[q + 2], dd[q + 3]]); }
}
function arnOf(r) { return r[1] || 'arn:' + D.partition + ':lambda:' + regions[r[2]] + ':' + D.account + ':function:' + r[0]; }
function msgOf(k) { var m = msgs[M[k]]; return m.indexOf('\u0001') >= 0 ? m.split('\u0001').join(res[R[k]][0]) : m; }
function $(id) { return document.getElementById(id); }
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function badge(kind, text) { return el('span', 'badge b-' + kind, text); }
function rankOf(list, key) {
  var idx = list.map(function (_, k) { return k; });
  idx.sort(function (a, c) { var x = key(list[a]), y = key(list[c]); return x < y ? -1 : x > y ? 1 : a - c; });
  var r = new Int32Array(list.length);
  idx.forEach(function (k, pos) { r[k] = pos; });
  return r;
}
var sevOf = new Uint8Array(checks.length), checkRank, resRank, msgRank, regRank;
checks.forEach(function (c, k) { var s = SEV.indexOf(c[3]); sevOf[k] = s < 0 ? 9 : s; });
var controls = {
  severity: $('f-severity'), practice: $('f-practice'), service: $('f-service'), region: $('f-region'),
  status: $('f-status'), framework: $('f-framework'), q: $('f-q')
};
var tbody = table.querySelector('tbody');
var info = $('results-info');
var prev = $('results-prev'), next = $('results-next');
var base = new Int32Array(0), matches = base, count = 0, page = 0, sortKey = 'severity', sortDir = 1;
function value(c) { return c ? c.value : ''; }
function lower(s) { return String(s).toLowerCase(); }
function filter() {
  var sev = value(controls.severity), pr = value(controls.practice), sv = value(controls.service);
  var rg = value(controls.region), stv = value(controls.status), fw = value(controls.framework);
  var query = lower(value(controls.q).trim());
  var checkOk = new Uint8Array(checks.length), checkHit = new Uint8Array(checks.length);
  checks.forEach(function (c, k) {
    checkOk[k] = (!sev || c[3] === sev) && (!pr || c[4] === pr) && (!sv || c[2] === sv) &&
      (!fw || (c[9][fw] && c[9][fw].length > 0)) ? 1 : 0;
    checkHit[k] = query && (lower(c[0]).indexOf(query) >= 0 || lower(c[1]).indexOf(query) >= 0) ? 1 : 0;
  });
  var regOk = new Uint8Array(regions.length);
  regions.forEach(function (r, k) { regOk[k] = !rg || r === rg ? 1 : 0; });
  var resOk = new Uint8Array(res.length), resHit = new Uint8Array(res.length);
  res.forEach(function (r, k) {
    resOk[k] = regOk[r[2]];
    resHit[k] = query && (lower(r[0]).indexOf(query) >= 0 || lower(arnOf(r)).indexOf(query) >= 0) ? 1 : 0;
  });
  var msgHit = new Uint8Array(msgs.length);
  if (query) msgs.forEach(function (m, k) { msgHit[k] = lower(m.split('\u0001').join(' ')).indexOf(query) >= 0 ? 1 : 0; });
  var stCode = stv ? STATUS.indexOf(stv) : -1;
  var out = new Int32Array(n), m = 0;
  for (var k = 0; k < n; k++) {
    if (!checkOk[C[k]] || !resOk[R[k]] || (stCode >= 0 && S[k] !== stCode)) continue;
    if (query && !checkHit[C[k]] && !resHit[R[k]] && !msgHit[M[k]]) continue;
    out[m++] = k;
  }
  base = out.subarray(0, m);
  count = m;
  sort();
}
function keyFn(name) {
  if (!checkRank) {
    checkRank = rankOf(checks, function (c) { return c[0]; });
    resRank = rankOf(res, function (r) { return lower(r[0]) + ' ' + arnOf(r); });
    msgRank = rankOf(msgs, function (x) { return lower(x); });
    regRank = rankOf(regions, function (x) { return x; });
  }
  switch (name) {
    case 'status': return function (k) { return S[k]; };
    case 'check': return function (k) { return checkRank[C[k]]; };
    case 'resource': return function (k) { return resRank[R[k]]; };
    case 'region': return function (k) { return regRank[res[R[k]][2]]; };
    case 'practice': return function (k) { return checks[C[k]][4].charCodeAt(2) || 0; };
    case 'message': return function (k) { return msgRank[M[k]]; };
    default: return function (k) { return sevOf[C[k]] * 4 + (S[k] === 1 ? 0 : S[k] === 2 ? 1 : S[k] === 0 ? 2 : 3); };
  }
}
// A counting sort on integer ranks: linear at 2.5 million rows, and stable (ties keep report order).
function sort() {
  var key = keyFn(sortKey), k, max = 0;
  var keys = new Int32Array(count);
  for (k = 0; k < count; k++) { keys[k] = key(base[k]); if (keys[k] > max) max = keys[k]; }
  if (sortDir < 0) for (k = 0; k < count; k++) keys[k] = max - keys[k];
  var at = new Int32Array(max + 2);
  for (k = 0; k < count; k++) at[keys[k] + 1]++;
  for (k = 1; k < at.length; k++) at[k] += at[k - 1];
  var out = new Int32Array(count);
  for (k = 0; k < count; k++) out[at[keys[k]]++] = base[k];
  matches = out;
  var ths = table.querySelectorAll('th[data-sort]');
  for (var h = 0; h < ths.length; h++) {
    var th = ths[h];
    th.setAttribute('aria-sort', th.getAttribute('data-sort') === sortKey ? (sortDir > 0 ? 'ascending' : 'descending') : 'none');
  }
  page = 0;
  render();
}
function cell(tr, label, content, cls) {
  var td = el('td', cls);
  td.setAttribute('data-label', label);
  if (typeof content === 'string') td.textContent = content; else td.appendChild(content);
  tr.appendChild(td);
  return td;
}
function para(parent, title, text, pre) {
  if (!text) return;
  parent.appendChild(el('h4', null, title));
  if (pre) { var p = el('pre', pre === true ? null : pre); p.appendChild(el('code', null, text)); parent.appendChild(p); }
  else parent.appendChild(el('p', null, text));
}
function fill(body, k) {
  var c = checks[C[k]], d = X[k] >= 0 ? det[X[k]] : null, r = res[R[k]];
  var meta = el('p', 'note', c[1] + ' — ' + c[0] + ' · ' + c[4] + ' · ' + c[2]);
  body.appendChild(meta);
  body.appendChild(el('p', 'arn', arnOf(r)));
  para(body, 'Why it matters', c[5]);
  para(body, 'Remediation', c[6]);
  if (c[7]) { var pre = el('pre'); pre.appendChild(el('code', null, c[7])); body.appendChild(pre); }
  if (c[8].length) {
    body.appendChild(el('h4', null, 'References'));
    var ul = el('ul');
    c[8].forEach(function (u) {
      var li = el('li');
      if (/^https:\\/\\/\\S+$/i.test(u)) { var a = el('a', null, u); a.href = u; a.rel = 'noopener noreferrer'; li.appendChild(a); }
      else li.textContent = u;
      ul.appendChild(li);
    });
    body.appendChild(ul);
  }
  var fws = Object.keys(c[9]).map(function (f) { return f + ': ' + c[9][f].join(', '); }).join('; ');
  para(body, 'Framework controls', fws);
  if (d) {
    para(body, 'Evidence', d[1], 'evidence');
    para(body, 'Failed read', d[2]);
    body.appendChild(el('p', 'fid', 'finding ' + d[0]));
  } else if (S[k] !== 0) {
    body.appendChild(el('p', 'more', 'Evidence and finding id: see report.json (the page embeds those of the first results only).'));
  }
}
function row(k) {
  var c = checks[C[k]], r = res[R[k]];
  var tr = el('tr');
  cell(tr, 'Severity', badge(c[3], c[3]));
  cell(tr, 'Status', badge(S[k] === 3 ? 'none' : STATUS[S[k]], STATUS_WORD[S[k]]));
  cell(tr, 'Check', el('code', null, c[0]));
  var rc = el('span');
  rc.appendChild(el('span', 'res-name', r[0]));
  cell(tr, 'Resource', rc);
  cell(tr, 'Region', regions[r[2]], 'nw');
  cell(tr, 'Practice', c[4], 'nw');
  var details = el('details', 'row');
  details.appendChild(el('summary', null, msgOf(k)));
  var body = el('div', 'body');
  details.appendChild(body);
  details.addEventListener('toggle', function () { if (details.open && !body.firstChild) fill(body, k); });
  cell(tr, 'Finding', details);
  return tr;
}
function fmt(x) { return x.toLocaleString('en-US'); }
function render() {
  var pages = Math.max(1, Math.ceil(count / PAGE));
  if (page >= pages) page = pages - 1;
  var from = page * PAGE, to = Math.min(count, from + PAGE);
  var frag = document.createDocumentFragment();
  for (var k = from; k < to; k++) frag.appendChild(row(matches[k]));
  while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
  tbody.appendChild(frag);
  info.textContent = count === 0 ? 'No result matches (of ' + fmt(n) + ').'
    : 'Showing ' + fmt(from + 1) + '–' + fmt(to) + ' of ' + fmt(count) + ' matching results (of ' + fmt(n) + '), page ' + fmt(page + 1) + ' of ' + fmt(pages) + '.';
  prev.disabled = page === 0;
  next.disabled = page >= pages - 1;
}
var timer = 0;
Object.keys(controls).forEach(function (name) {
  var c = controls[name];
  if (!c) return;
  c.addEventListener(name === 'q' ? 'input' : 'change', function () {
    clearTimeout(timer);
    timer = setTimeout(filter, name === 'q' ? 150 : 0);
  });
});
prev.addEventListener('click', function () { page -= 1; render(); });
next.addEventListener('click', function () { page += 1; render(); });
var buttons = table.querySelectorAll('th[data-sort] button');
for (var h = 0; h < buttons.length; h++) {
  buttons[h].addEventListener('click', function (e) {
    var key = e.currentTarget.parentNode.getAttribute('data-sort');
    if (key === sortKey) sortDir = -sortDir; else { sortKey = key; sortDir = 1; }
    sort();
  });
}
if (controls.status && controls.status.getAttribute('data-default')) controls.status.value = controls.status.getAttribute('data-default');
filter();
$('results-section').hidden = false;
document.documentElement.setAttribute('data-ready', '1');
})();
`;
