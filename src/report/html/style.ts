/** The page's stylesheet, pinned by hash in the CSP. Colour is never the only signal: every status, severity and grade is also a word. */
const WIDTHS = Array.from({ length: 101 }, (_, i) => `.w${i}{width:${i}%}`).join('');

export const STYLE = `
:root{color-scheme:light;--fg:#1b1f24;--muted:#4b5563;--line:#d0d7de;--soft:#f6f8fa;--accent:#0b5cad;--bg:#fff}
*{box-sizing:border-box}
html{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg)}
body{margin:0 auto;max-width:1200px;padding:24px}
h1{font-size:1.7rem;margin:0 0 .75rem;line-height:1.25}
h2{font-size:1.3rem;margin:2rem 0 .75rem;padding-bottom:.3rem;border-bottom:2px solid var(--line)}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
h4{font-size:.95rem;margin:1rem 0 .25rem}
a{color:var(--accent)}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.85em}
pre{margin:.25rem 0;padding:.5rem .75rem;background:var(--soft);border:1px solid var(--line);border-radius:4px;white-space:pre-wrap;overflow-wrap:anywhere}
pre code{font-size:inherit}
pre.evidence{margin:0;padding:.25rem .4rem;font-size:.78em;max-height:14em;overflow:auto}
.kicker{margin:0;color:var(--muted);font-size:.85rem;text-transform:uppercase;letter-spacing:.06em}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:.5rem 1.5rem;margin:0}
.facts div{min-width:0}
.facts dt{color:var(--muted);font-size:.8rem;text-transform:uppercase;letter-spacing:.04em}
.facts dd{margin:0;overflow-wrap:anywhere}
nav.toc ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;padding:0;margin:1rem 0 0;font-size:.9rem}
.banner{margin:1.25rem 0;padding:.9rem 1rem;border:2px solid #9a3412;border-left-width:8px;background:#fff7ed;color:#431407;border-radius:4px}
.banner p{margin:0}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(210px,1fr));gap:1rem}
.tile{border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem}
.tile h3{margin:0;font-size:.8rem;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
.big{font-size:2.4rem;font-weight:700;margin:.1rem 0;line-height:1.1}
.big small{font-size:1rem;font-weight:400;color:var(--muted)}
.tile p{margin:.2rem 0}
.tile ul{list-style:none;padding:0;margin:.4rem 0 0}
.tile li{display:flex;justify-content:space-between;gap:.5rem;padding:.1rem 0}
.note{color:var(--muted);font-size:.85rem}
.bar{display:inline-block;vertical-align:middle;width:90px;height:10px;border:1px solid #6b7280;border-radius:2px;background:#fff;overflow:hidden}
.big+.bar,.tile .bar{width:100%;height:12px}
.fill{display:block;height:100%;background:#4b5563}
.good .fill{background:#15803d}.fair .fill{background:#b45309}.poor .fill{background:#b91c1c}
${WIDTHS}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.9rem}
caption{text-align:left;color:var(--muted);font-size:.85rem;padding-bottom:.25rem}
th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
thead th{background:var(--soft);font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.nw,th.nw{white-space:nowrap;overflow-wrap:normal}
.practices td:nth-child(3),.practices th[scope=row]{white-space:nowrap}
.badge{display:inline-block;padding:0 .4rem;border:1px solid;border-radius:3px;font-size:.75rem;font-weight:700;letter-spacing:.04em;text-transform:uppercase;white-space:nowrap;print-color-adjust:exact;-webkit-print-color-adjust:exact}
.b-critical{background:#fee2e2;color:#7f1d1d}.b-high{background:#ffedd5;color:#7c2d12}.b-medium{background:#fef9c3;color:#713f12}
.b-low{background:#e0f2fe;color:#0c4a6e}.b-info{background:#f1f5f9;color:#334155}
.b-fail{background:#fee2e2;color:#991b1b}.b-pass{background:#dcfce7;color:#14532d}.b-unknown{background:#fef3c7;color:#78350f}.b-none{background:#f1f5f9;color:#334155}
.sev{border-left:6px solid var(--line);padding-left:1rem;margin:1.25rem 0}
.sev-critical{border-color:#991b1b}.sev-high{border-color:#c2410c}.sev-medium{border-color:#a16207}.sev-low{border-color:#0369a1}.sev-info{border-color:#64748b}
.sev>h3{margin-top:0}
details{border:1px solid var(--line);border-radius:6px;margin:.6rem 0}
details>summary{cursor:pointer;padding:.55rem .75rem;display:flex;flex-wrap:wrap;align-items:baseline;gap:.25rem .6rem;background:var(--soft);border-radius:6px}
details[open]>summary{border-bottom:1px solid var(--line);border-radius:6px 6px 0 0}
summary .title{font-weight:600}
summary code{color:var(--muted)}
summary .count{margin-left:auto;white-space:nowrap;font-variant-numeric:tabular-nums}
.body{padding:.25rem 1rem .75rem}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.5rem 0}
.meta dt{color:var(--muted)}
.meta dd{margin:0}
.res-name{font-weight:600}
.arn{display:block;color:var(--muted);font-size:.78em}
.fid{display:block;color:var(--muted);font-size:.72em}
.more{font-style:italic;color:var(--muted)}
footer{margin-top:2.5rem;padding-top:.75rem;border-top:1px solid var(--line);color:var(--muted);font-size:.85rem}
.grade{display:inline-flex;align-items:center;justify-content:center;min-width:3.2rem;height:3.2rem;padding:0 .4rem;border-radius:8px;font-size:2.2rem;font-weight:800;color:#fff;print-color-adjust:exact;-webkit-print-color-adjust:exact}
.g-A{background:#15803d}.g-B{background:#4d7c0f}.g-C{background:#a16207}.g-D{background:#c2410c}.g-F{background:#b91c1c}.g-na{background:#6b7280}
.tile.grade-tile{border-width:2px}
.grade-tile.t-A{border-color:#15803d}.grade-tile.t-B{border-color:#4d7c0f}.grade-tile.t-C{border-color:#a16207}.grade-tile.t-D{border-color:#c2410c}.grade-tile.t-F{border-color:#b91c1c}
.chart{width:100%;max-width:760px;height:auto;display:block;margin:.5rem 0}
.chart text{fill:var(--fg);font:13px system-ui,sans-serif}
.chart .lbl{font-weight:700}
.chart .cov{fill:var(--muted)}
.chart .track{fill:var(--soft);stroke:var(--line)}
.chart .s-good{fill:#15803d}.chart .s-fair{fill:#b45309}.chart .s-poor{fill:#b91c1c}
.first{list-style:none;padding:0;margin:.5rem 0}
.first li{border:1px solid var(--line);border-left:6px solid var(--line);border-radius:4px;padding:.4rem .6rem;margin:.4rem 0;overflow-wrap:anywhere}
.first li.sev-critical{border-left-color:#991b1b}.first li.sev-high{border-left-color:#c2410c}.first li.sev-medium{border-left-color:#a16207}
.first .why{color:var(--muted);font-size:.85rem}
.controls{display:flex;flex-wrap:wrap;gap:.5rem .75rem;align-items:flex-end;margin:.5rem 0}
.controls label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted);min-width:0}
.controls select,.controls input,.pager button,th button{font:inherit;font-size:.9rem;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:.25rem .4rem;max-width:100%}
.controls .search{flex:1 1 14rem}
th button{border:0;background:none;padding:0;font-weight:600;cursor:pointer;text-align:left}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.pager{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0}
details.row{margin:0;border:0;background:none}
details.row>summary{background:none;padding:0;display:list-item}
details.row[open]>summary{border:0}
details.row .body{padding:.25rem 0}
.results td{word-break:normal}
.fn-link{font:inherit;color:var(--accent);background:none;border:0;padding:0;margin:0;cursor:pointer;text-align:left;text-decoration:underline;overflow-wrap:anywhere}
dialog.fn-panel{width:min(960px,96vw);max-height:92vh;overflow:auto;padding:0 1.25rem 1rem;border:1px solid var(--line);border-radius:8px;background:var(--bg);color:var(--fg)}
dialog.fn-panel::backdrop{background:rgba(0,0,0,.5)}
.fn-head{position:sticky;top:0;display:flex;gap:1rem;align-items:baseline;justify-content:space-between;padding:.75rem 0 .5rem;background:var(--bg);border-bottom:1px solid var(--line)}
.fn-head h2{margin:0;padding:0;border:0;overflow-wrap:anywhere;min-width:0}
.fn-close{font:inherit;font-size:.9rem;color:var(--fg);background:var(--soft);border:1px solid var(--line);border-radius:4px;padding:.25rem .6rem;cursor:pointer}
.fn-exposure{padding-left:1.2rem}
.fn-exposure li{margin:.25rem 0;overflow-wrap:anywhere}
.fn-supp{display:block}
.via{display:block;color:var(--muted);font-size:.85em}
.chg-table td,.chg-principals td{unicode-bidi:isolate}
.chg-table th{white-space:nowrap;overflow-wrap:normal}
tr.chg-failed td{background:#fff1f2}
.chg-regions{list-style:none;padding:0}
.chg-regions li{margin:.2rem 0;overflow-wrap:anywhere}
html{background:var(--bg)}
details{background:var(--bg)}
@media (prefers-color-scheme:dark){
:root{color-scheme:dark;--fg:#e6edf3;--muted:#9ba7b4;--line:#3d444d;--soft:#161b22;--accent:#6cb6ff;--bg:#0d1117}
.banner{background:#2b1705;color:#fde7d0;border-color:#f59e0b}
.bar{background:#0d1117}
tr.chg-failed td{background:#2a1215}
}
@media (max-width:700px){
body{padding:12px}
a,p,li,dd,dt,summary,code,h3,h4{overflow-wrap:anywhere;min-width:0}
summary .count,.badge{white-space:normal}
h1{font-size:1.35rem}
table{display:block;overflow-x:auto;max-width:100%}
table.results,table.results tbody,table.results tr,table.results td{display:block;width:100%}
table.results{overflow:visible}
table.results thead{display:none}
table.results tr{border:1px solid var(--line);border-radius:6px;margin:.5rem 0;padding:.25rem .5rem}
table.results td{border:0;padding:.15rem 0}
table.results td::before{content:attr(data-label) ": ";color:var(--muted);font-size:.8rem}
table.chg-table,table.chg-table tbody,table.chg-table tr,table.chg-table td{display:block;width:100%}
table.chg-table{overflow:visible}
table.chg-table thead{display:none}
table.chg-table tr{border:1px solid var(--line);border-radius:6px;margin:.5rem 0;padding:.25rem .5rem}
table.chg-table td{border:0;padding:.15rem 0}
table.chg-table td::before{content:attr(data-label) ": ";color:var(--muted);font-size:.8rem}
.meta{grid-template-columns:1fr}
.facts{grid-template-columns:1fr}
.tiles{grid-template-columns:1fr}
}
@media print{
html{font-size:10pt}body{max-width:none;padding:0}
nav.toc,.controls,.pager,.fn-close{display:none}
:root{--fg:#000;--bg:#fff;--soft:#f6f8fa;--line:#999}
details{break-inside:auto;border-color:#999}
details::details-content{content-visibility:visible;display:block}
summary{list-style:none}
tr,.banner,.tile{break-inside:avoid}
thead{display:table-header-group}
h2,h3,h4{break-after:avoid}
pre.evidence{max-height:none;overflow:visible}
}
`;
