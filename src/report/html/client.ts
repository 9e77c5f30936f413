/**
 * The page's only script, inline and allowed by its hash in the CSP. Progressive enhancement: the
 * page reads fully without it; with it, the findings table (hidden in the server's HTML) is built
 * from the embedded data (data.ts) — filters, a text search, sortable columns, pages of rows, and
 * each row's details made when it is first opened — and the per-function panel: a modal dialog
 * opened from a function's name in the table or by the fragment #fn=<region>/<name>, with the
 * function's exposure, who can modify it, its recent changes (--changes-since) and every finding.
 * It writes the DOM only with createElement, textContent and cloneNode of the page's own
 * server-rendered change tables (never innerHTML), and makes a link only of an https:// reference.
 * Kept as plain ES2017 in a string: the project compiles without the DOM library.
 */
import { CHANGE_COLUMNS } from './change-history.js';

export const CLIENT_SCRIPT = `(function () {
'use strict';
var dataEl = document.getElementById('lp-data');
var table = document.getElementById('results');
if (!dataEl || !table) return;
var D;
try { D = JSON.parse(dataEl.textContent || ''); } catch (e) { return; }
if (!D || D.v !== 2) return;
var SEV = ['critical', 'high', 'medium', 'low', 'info'];
var STATUS = ['pass', 'fail', 'unknown', 'not_applicable'];
var STATUS_WORD = ['pass', 'fail', 'unknown', 'not applicable'];
var CODE = { p: 0, f: 1, u: 2, n: 3 };
var PAGE = 50;
var checks = D.checks, res = D.resources, msgs = D.messages, regions = D.regions;
var n = 0, b, i, j, q, t;
for (b = 0; b < D.blocks.length; b++) n += D.blocks[b][1].length;
var C = new Uint16Array(n), S = new Uint8Array(n), R = new Int32Array(n), M = new Int32Array(n), X = new Int32Array(n), Z = new Int32Array(n);
X.fill(-1);
Z.fill(-1);
var det = [];
i = 0;
for (b = 0; b < D.blocks.length; b++) {
  var blk = D.blocks[b], start = i, st = blk[1], runs = blk[2], mr = blk[3], dd = blk[4], sp = blk[5] || [];
  for (j = 0; j < st.length; j++, i++) { C[i] = blk[0]; S[i] = CODE[st.charAt(j)] || 0; }
  j = start;
  for (q = 0; q < runs.length; q += 2) for (t = 0; t < runs[q + 1]; t++) R[j++] = runs[q] + t;
  j = start;
  for (q = 0; q < mr.length; q += 2) for (t = 0; t < mr[q + 1]; t++) M[j++] = mr[q];
  for (q = 0; q < dd.length; q += 4) { X[start + dd[q]] = det.length; det.push([dd[q + 1], dd[q + 2], dd[q + 3]]); }
  for (q = 0; q < sp.length; q += 2) Z[start + sp[q]] = sp[q + 1];
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
  // "suppressed" is not a status: it selects the accepted results, whatever their status.
  var onlySuppressed = stv === 'suppressed', stCode = stv && !onlySuppressed ? STATUS.indexOf(stv) : -1;
  var out = new Int32Array(n), m = 0;
  for (var k = 0; k < n; k++) {
    if (!checkOk[C[k]] || !resOk[R[k]] || (stCode >= 0 && S[k] !== stCode) || (onlySuppressed && Z[k] < 0)) continue;
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
function suppressionText(k) {
  var z = D.suppressions[Z[k]];
  return 'Suppressed by rule ' + z[0] + ': ' + z[1] + (z[2] ? ' (until ' + z[2] + ')' : '') + ' — not counted';
}
function statusCell(k) {
  var span = el('span');
  span.appendChild(badge(S[k] === 3 ? 'none' : STATUS[S[k]], STATUS_WORD[S[k]]));
  if (Z[k] >= 0) { span.appendChild(document.createTextNode(' ')); span.appendChild(badge('none', 'suppressed')); }
  return span;
}
function fill(body, k) {
  var c = checks[C[k]], d = X[k] >= 0 ? det[X[k]] : null, r = res[R[k]];
  var meta = el('p', 'note', c[1] + ' — ' + c[0] + ' · ' + c[4] + ' · ' + c[2]);
  body.appendChild(meta);
  if (Z[k] >= 0) body.appendChild(el('p', 'note', suppressionText(k)));
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
  cell(tr, 'Status', statusCell(k));
  cell(tr, 'Check', el('code', null, c[0]));
  var rc = el('span'), key = fnKeyOf(R[k]);
  if (key) {
    var open = el('button', 'fn-link res-name', r[0]);
    open.type = 'button';
    open.setAttribute('aria-haspopup', 'dialog');
    open.title = 'Everything about the function ' + key[1];
    open.addEventListener('click', function (e) { showFunction(key[0], key[1], e.currentTarget, true); });
    rc.appendChild(open);
  } else rc.appendChild(el('span', 'res-name', r[0]));
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
// ---- The per-function panel ----
// A result belongs to a function when its ARN names it (with or without a version or alias);
// a * ARN is a scope (every function of a region), not a function.
var FN_ARN = /^arn:[^:]+:lambda:([^:]+):[^:]*:function:([^:*]+)(?::[^:*]+)?$/;
var fnKeys = [];
function fnKeyOf(ri) {
  if (fnKeys[ri] === undefined) { var m = FN_ARN.exec(arnOf(res[ri])); fnKeys[ri] = m ? [m[1], m[2]] : null; }
  return fnKeys[ri];
}
var exposure = new Uint8Array(checks.length);
(D.exposure || []).forEach(function (c) { exposure[c] = 1; });
var groupOf = null;
function groupFor(region, name) {
  var A = D.access;
  if (!groupOf) {
    groupOf = new Map();
    A.groups.forEach(function (g, gi) { g[1].forEach(function (f) { groupOf.set(g[0] + '\\u0000' + (typeof f === 'number' ? res[f][0] : f), gi); }); });
  }
  var gi = groupOf.get(region + '\\u0000' + name);
  return gi === undefined ? null : A.groups[gi];
}
// The region's list, less what the group lacks or grants differently, plus the group's (html/functions.ts).
function modifiersOf(region, name) {
  var A = D.access, list = null;
  A.regions.forEach(function (r) { if (r[0] === region) list = r[1]; });
  if (list === null) return null;
  var g = groupFor(region, name);
  if (!g) return list.slice();
  var drop = new Set(g[3].map(function (p) { return A.principals[p][2]; }));
  g[2].forEach(function (p) { drop.add(A.principals[p][2]); });
  return list.filter(function (p) { return !drop.has(A.principals[p][2]); }).concat(g[2]);
}
function fnHash(region, name) { return '#fn=' + encodeURIComponent(region) + '/' + encodeURIComponent(name); }
var dlg = null, opener = null, shownHash = '', PANEL_ROWS = 500;
function panelTable(parent, id, heads) {
  var t = el('table', 'fn-table');
  t.id = id;
  var tr = el('tr');
  heads.forEach(function (h) { var th = el('th', null, h); th.scope = 'col'; tr.appendChild(th); });
  var thead = el('thead');
  thead.appendChild(tr);
  t.appendChild(thead);
  var tb = el('tbody');
  t.appendChild(tb);
  parent.appendChild(t);
  return tb;
}
function td(tr, content) { var c = el('td'); if (typeof content === 'string') c.textContent = content; else c.appendChild(content); tr.appendChild(c); return c; }
function exposureSection(body, ks) {
  body.appendChild(el('h3', null, 'Exposure'));
  var open = [], unknown = [], clean = [];
  ks.forEach(function (k) { if (exposure[C[k]]) (S[k] === 1 ? open : S[k] === 2 ? unknown : clean).push(k); });
  var ul = el('ul', 'fn-exposure');
  ul.id = 'fn-exposure';
  open.concat(unknown).forEach(function (k) {
    var li = el('li');
    li.setAttribute('data-check', checks[C[k]][0]);
    li.appendChild(statusCell(k));
    li.appendChild(document.createTextNode(' '));
    li.appendChild(el('strong', null, checks[C[k]][1]));
    li.appendChild(document.createTextNode(' — ' + msgOf(k) + ' '));
    li.appendChild(el('code', null, checks[C[k]][0]));
    ul.appendChild(li);
  });
  if (open.length > 0) body.appendChild(el('p', null, 'Reachable from outside the account: ' + open.length + (open.length === 1 ? ' check says' : ' checks say') + ' so.'));
  else if (unknown.length > 0) body.appendChild(el('p', null, 'Unknown: a read these checks need failed.'));
  else if (clean.length > 0) body.appendChild(el('p', null, 'Not reachable from outside the account, by the exposure checks that ran: ' + clean.map(function (k) { return checks[C[k]][0]; }).join(', ') + '.'));
  else body.appendChild(el('p', null, 'Not judged: no public-access, URL or permission check ran for this function.'));
  if (ul.firstChild) body.appendChild(ul);
}
function modifiersSection(body, region, name) {
  var h = el('h3', null, 'Who can modify it');
  body.appendChild(h);
  var A = D.access;
  if (!A) { body.appendChild(el('p', null, 'Not analysed: no check of this run needed the IAM evaluator.')); return; }
  if (A.reason !== null) { body.appendChild(el('p', null, 'Not analysed: ' + A.reason + '.')); return; }
  var list = modifiersOf(region, name);
  if (list === null) { body.appendChild(el('p', null, 'Not analysed for ' + region + ': its functions could not be listed.')); return; }
  h.textContent = 'Who can modify it (' + fmt(list.length) + ')';
  var g = groupFor(region, name);
  body.appendChild(el('p', 'note', g
    ? 'Its list differs from the region’s: ' + g[2].length + ' principal(s) with their own grants on it' + (g[3].length > 0 ? ', ' + g[3].length + ' of the region’s cannot modify it' : '') + '.'
    : 'The same principals as every function of ' + region + '.'));
  if (list.length === 0) body.appendChild(el('p', null, 'Nobody (besides the account root user).'));
  else {
    var tb = panelTable(body, 'fn-modifiers', ['Principal', 'Can change', 'Actions', 'Granted by']);
    list.slice(0, PANEL_ROWS).forEach(function (p) {
      var m = A.principals[p], tr = el('tr'), who = el('span');
      tr.setAttribute('data-arn', m[2]);
      who.appendChild(el('code', null, m[0] + ' ' + m[1]));
      if (m[4] & 1) { who.appendChild(document.createTextNode(' ')); who.appendChild(badge('critical', 'console, no MFA')); }
      if (m[4] & 2) { who.appendChild(document.createTextNode(' ')); who.appendChild(badge('high', 'key > 90 days')); }
      who.appendChild(el('span', 'arn', m[2]));
      td(tr, who); td(tr, m[3]); td(tr, m[5]); td(tr, m[6]);
      tb.appendChild(tr);
    });
    if (list.length > PANEL_ROWS) body.appendChild(el('p', 'more', '…and ' + fmt(list.length - PANEL_ROWS) + ' more principals — see report.json.'));
  }
  if (A.unknown > 0) body.appendChild(el('p', null, A.unknown + ' principal(s) could not be analysed: whether they can modify it is unknown (see Who can change your functions).'));
}
// ---- Recent changes (--changes-since; html/change-history.ts) ----
// A function's rows are either a table of the page's HTML (copied: the page holds each row once)
// or embedded: [seconds before the window's end, event, actor, error code] per row.
var H = D.changes || null, changeOf = null;
var CHANGE_COLUMNS = ${JSON.stringify(CHANGE_COLUMNS)};
function changeEntry(region, name) {
  if (!H) return null;
  if (!changeOf) {
    changeOf = new Map();
    H.functions.forEach(function (f) { changeOf.set(f[0] + '\\u0000' + (typeof f[1] === 'number' ? res[f[1]][0] : f[1]), f); });
  }
  return changeOf.get(region + '\\u0000' + name) || null;
}
function timeWord(ms) { return new Date(ms).toISOString().slice(0, 19).replace('T', ' ') + ' UTC'; }
function labelled(tr, label, content, cls) {
  var c = el('td', cls);
  c.setAttribute('data-label', label);
  if (typeof content === 'string') c.textContent = content; else c.appendChild(content);
  tr.appendChild(c);
}
function dash(s) { return s === '' ? '—' : s; }
function changeRowEl(untilMs, rows, q) {
  var a = H.actors[rows[q + 2]], err = H.errors[rows[q + 3]], t = new Date(Math.round(untilMs - rows[q] * 1000));
  var tr = el('tr', err ? 'chg-failed' : 'chg-ok');
  tr.setAttribute('data-time', t.toISOString());
  labelled(tr, 'When', timeWord(t.getTime()), 'nw');
  labelled(tr, 'Event', el('code', null, H.events[rows[q + 1]]));
  var who = el('span');
  who.appendChild(el('code', null, dash(a[0])));
  if (a[1]) { var via = el('span', 'via', 'via '); via.appendChild(el('code', null, a[1])); who.appendChild(via); }
  labelled(tr, 'Who', who);
  labelled(tr, 'Identity', dash(a[2]), 'nw');
  labelled(tr, 'MFA', a[3], 'nw');
  labelled(tr, 'Source IP', el('code', null, dash(a[4])));
  labelled(tr, 'User agent', dash(a[5]));
  labelled(tr, 'Result', err ? badge('fail', 'failed: ' + err) : 'changed', 'nw');
  return tr;
}
function changesTable(f) {
  if (typeof f[3] === 'number') {
    var src = $('chg-' + f[3]);
    if (!src) return null;
    var copy = src.cloneNode(true);
    copy.id = 'fn-changes';
    return copy;
  }
  var t = el('table', 'chg-table'), head = el('tr'), tb = el('tbody'), thead = el('thead'), untilMs = Date.parse(H.until);
  t.id = 'fn-changes';
  CHANGE_COLUMNS.forEach(function (c) { var th = el('th', null, c); th.scope = 'col'; head.appendChild(th); });
  thead.appendChild(head);
  t.appendChild(thead);
  for (var q = 0; q < f[3].length; q += 4) tb.appendChild(changeRowEl(untilMs, f[3], q));
  t.appendChild(tb);
  return t;
}
function changesSection(body, region, name) {
  var h = el('h3', null, 'Recent changes');
  h.id = 'fn-changes-title';
  body.appendChild(h);
  var p = el('p', 'fn-changes-state');
  body.appendChild(p);
  function say(kind, word, text) { p.appendChild(badge(kind, word)); p.appendChild(document.createTextNode(' ' + text)); }
  if (!H) { say('none', 'not collected', 'The scan ran without --changes-since: CloudTrail was not read, so who changed this function is not in the report.'); return; }
  var win = 'between ' + timeWord(Date.parse(H.since)) + ' and ' + timeWord(Date.parse(H.until));
  var why = null;
  H.unread.forEach(function (u) { if (u[0] === region) why = u[1]; });
  if (why === null && H.read.indexOf(region) < 0) why = 'the scan did not read CloudTrail in ' + region;
  if (why !== null) { say('unknown', 'unknown', 'Its changes ' + win + ' are unknown — not “no changes”: ' + why + '.'); return; }
  var f = changeEntry(region, name);
  if (!f) { say('pass', 'no changes', 'No change recorded ' + win + ' (CloudTrail event history of ' + region + ').'); return; }
  var t = changesTable(f);
  if (!t) { p.textContent = 'Its changes are in changeHistory in report.json.'; return; }
  var listed = t.querySelectorAll('tbody tr').length, failed = t.querySelectorAll('tbody tr.chg-failed').length;
  h.textContent = 'Recent changes (' + fmt(f[2]) + ')';
  p.textContent = fmt(f[2]) + (f[2] === 1 ? ' change ' : ' changes ') + win + ', newest first' +
    (listed < f[2] ? '; the newest ' + fmt(listed) + ' are listed (the report keeps ' + fmt(listed) + ' per function)' : '') +
    (failed > 0 ? '; ' + fmt(failed) + (failed === 1 ? ' failed attempt' : ' failed attempts') + ': nothing changed, but someone tried' : '') + '.';
  body.appendChild(t);
}
function findingsSection(body, ks) {
  body.appendChild(el('h3', null, 'Findings (' + fmt(ks.length) + ')'));
  if (ks.length === 0) { body.appendChild(el('p', null, 'No result names this function.')); return; }
  var rank = [1, 0, 2, 3];
  ks.sort(function (a, c) { return rank[S[a]] - rank[S[c]] || sevOf[C[a]] - sevOf[C[c]] || (checks[C[a]][0] < checks[C[c]][0] ? -1 : checks[C[a]][0] > checks[C[c]][0] ? 1 : a - c); });
  var tb = panelTable(body, 'fn-findings', ['Status', 'Severity', 'Check', 'Finding']);
  ks.forEach(function (k) {
    var tr = el('tr'), msg = el('span', null, msgOf(k));
    tr.setAttribute('data-check', checks[C[k]][0]);
    td(tr, statusCell(k)); td(tr, badge(checks[C[k]][3], checks[C[k]][3])); td(tr, el('code', null, checks[C[k]][0]));
    var f = td(tr, msg);
    if (Z[k] >= 0) f.appendChild(el('span', 'note fn-supp', suppressionText(k)));
    tb.appendChild(tr);
  });
}
function showFunction(region, name, from, setHash) {
  if (!dlg) {
    dlg = el('dialog', 'fn-panel');
    dlg.id = 'fn-panel';
    dlg.setAttribute('aria-labelledby', 'fn-title');
    // Escape closes a modal dialog by itself; closing gives focus back and drops the fragment.
    // The close event comes later, as a task: by then the panel may be open again for another
    // function, or the address may name the next one (a link followed at once). Those are the
    // newer panel's, so only this panel's own fragment is dropped, and only if it stays closed.
    dlg.addEventListener('close', function () {
      if (dlg.open) return;
      if (location.hash === shownHash) { try { history.replaceState(null, '', location.href.split('#')[0]); } catch (e) { /* about:blank */ } }
      var back = opener;
      opener = null;
      if (back && back.isConnected) back.focus();
    });
    document.body.appendChild(dlg);
  }
  if (dlg.open) dlg.close();
  opener = from;
  while (dlg.firstChild) dlg.removeChild(dlg.firstChild);
  var head = el('div', 'fn-head');
  var title = el('h2', null, name);
  title.id = 'fn-title';
  head.appendChild(title);
  var close = el('button', 'fn-close', 'Close');
  close.type = 'button';
  close.addEventListener('click', function () { dlg.close(); });
  head.appendChild(close);
  dlg.appendChild(head);
  var ks = [], mine = new Uint8Array(res.length), any = false, ri, k;
  for (ri = 0; ri < res.length; ri++) { var key = fnKeyOf(ri); if (key && key[0] === region && key[1] === name) { mine[ri] = 1; any = true; } }
  if (any) for (k = 0; k < n; k++) if (mine[R[k]]) ks.push(k);
  var hash = fnHash(region, name);
  var where = el('p', 'note', 'Lambda function in ' + region + ' · link to this panel: ');
  var self = el('a', null, hash);
  self.href = hash;
  where.appendChild(self);
  dlg.appendChild(where);
  if (!any) {
    dlg.appendChild(el('p', null, 'No function ' + name + ' in ' + region + ' in this report.'));
    // A function deleted in the window has no results, but its changes say who deleted it.
    if (changeEntry(region, name)) changesSection(dlg, region, name);
  } else {
    exposureSection(dlg, ks);
    modifiersSection(dlg, region, name);
    changesSection(dlg, region, name);
    findingsSection(dlg, ks);
  }
  // The address names the open panel, to be copied into a ticket (replaced: no history entry to step back through).
  if (setHash && location.hash !== hash) { try { history.replaceState(null, '', hash); } catch (e) { /* about:blank */ } }
  shownHash = location.hash;
  dlg.showModal();
  close.focus();
}
function fromHash() {
  var h = location.hash;
  if (h.indexOf('#fn=') !== 0) return;
  var rest = h.slice(4), cut = rest.indexOf('/');
  if (cut < 0) return;
  var region, name;
  try { region = decodeURIComponent(rest.slice(0, cut)); name = decodeURIComponent(rest.slice(cut + 1)); } catch (e) { return; }
  showFunction(region, name, document.activeElement && document.activeElement !== document.body ? document.activeElement : null, false);
}
window.addEventListener('hashchange', fromHash);
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
fromHash();
document.documentElement.setAttribute('data-ready', '1');
})();
`;
