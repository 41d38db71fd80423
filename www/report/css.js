// The stylesheet written into the exported HTML report (it carries no link to style.css and
// must read well alone, on screen and on paper).
export const REPORT_CSS = `
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2b30; margin: 0; background: #fff; }
article { max-width: 50rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #1d6f86; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 .4rem; }
.report-subtitle { font-size: 1.2rem; margin: 0 0 .5rem; }
.report-muted, .method, .report-method-note { color: #56656b; font-size: .9rem; }
.report-synthetic { background: #fff4d6; border-left: 4px solid #b7791f; padding: .4rem .6rem; }
.report-headlines { padding-left: 1.25rem; }
.report-headline { font-size: 1.05rem; font-weight: 600; margin: .5rem 0 .1rem; }
.report-method-note { margin: 0 0 .5rem; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: .5rem 0 1rem; }
th, td { text-align: left; padding: .25rem .5rem .25rem 0; border-bottom: 1px solid #d9d4ca; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
figure { margin: 1rem 0; }
svg { max-width: 100%; height: auto; }
.report-scroll, .toc-table-scroll { overflow-x: auto; }
@media print { article { max-width: none; padding: 0; } h2 { break-after: avoid; } figure, table { break-inside: avoid; } }
`;
