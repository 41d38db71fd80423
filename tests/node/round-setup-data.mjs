// A synthetic 200-proposal round as the CSV files a funder would have (#20): proposals with an
// attribute column, reviewers with conflicts of interest, in English or Spanish headers; and a
// deterministic filler for the assignment CSV the page downloads. Shared by the Node and the
// browser round-setup tests.

/** Proposals CSV: `n` rows; `es` writes Spanish headers and amounts as 20.000 US$. */
export function proposalsCsv(n = 200, { es = false } = {}) {
  const head = es
    ? 'id,título,organización,comunidad,monto solicitado,monto mínimo,región'
    : 'id,title,organisation,community,requested amount,minimum amount,region';
  const rows = [];
  for (let i = 1; i <= n; i++) {
    const id = `p${String(i).padStart(3, '0')}`;
    const amount = 20000 + (i * 7919) % 180000;
    const min = i % 3 === 0 ? String(Math.round(amount / 2)) : '';
    rows.push(`${id},"Project ${i}, phase ${1 + (i % 2)}",Org ${1 + (i % 40)},${['North', 'East', 'South'][i % 3]},"${es ? `${amount.toLocaleString('de-DE')} US$` : `$${amount.toLocaleString('en-US')}`}",${min},${['Coast', 'Valley'][i % 2]}`);
  }
  return `${head}\n${rows.join('\n')}\n`;
}

/** Reviewers CSV: `n` reviewers; each has a conflict with two proposals. */
export function reviewersCsv(n = 12, proposals = 200, { es = false } = {}) {
  const head = es ? 'id,nombre,conflictos' : 'id,name,conflicts';
  const rows = [];
  for (let r = 1; r <= n; r++) {
    const a = `p${String(1 + ((r * 17) % proposals)).padStart(3, '0')}`;
    const b = `p${String(1 + ((r * 31) % proposals)).padStart(3, '0')}`;
    rows.push(`r${r},Reviewer ${r},${a}; ${b}`);
  }
  return `${head}\n${rows.join('\n')}\n`;
}

/**
 * Fills the score column of an assignment CSV (one row per reviewer × proposal × condition,
 * score and comment last and empty): score = (proposal number + condition index) mod 5, so
 * proposals differ. Returns the filled text and the number of scores written.
 */
export function fillAssignment(text) {
  const lines = text.split('\n').filter((l) => l !== '');
  let n = 0;
  const out = [lines[0]];
  for (const line of lines.slice(1)) {
    const m = /^(.*),,$/.exec(line);
    if (!m) throw new Error(`unexpected row: ${line}`);
    const proposal = Number(/,p(\d+),/.exec(line)?.[1] ?? 0);
    out.push(`${m[1]},${(proposal + n) % 5},`);
    n++;
  }
  return { text: `${out.join('\n')}\n`, n };
}
