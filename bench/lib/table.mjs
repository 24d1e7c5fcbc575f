// The results table, in Markdown (readable in a terminal, pasteable in the README).

function cell(value, unit) {
  if (value === null || value === undefined) return '—';
  const text =
    Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
  return unit === 'x' ? `${text}×` : unit ? `${text} ${unit}` : text;
}

function row(id, figure, indent = '') {
  const met = figure.unavailable
    ? 'not available'
    : figure.met === undefined || figure.met === null
      ? ''
      : figure.met
        ? 'yes'
        : 'NO';
  const value = figure.unavailable ? figure.unavailable : cell(figure.value, figure.unit);
  const spread = figure.spread === undefined || figure.spread === null ? '—' : `${figure.spread.toFixed(2)}`;
  // An error's first line only: a stack trace would break the table.
  const what = figure.what ?? String(figure.error ?? '').split('\n')[0];
  return `| ${indent}${id} | ${what} | ${value} | ${cell(figure.min, figure.unit)} | ${cell(figure.max, figure.unit)} | ${spread} | ${figure.target ?? ''} | ${met} |`;
}

/** The table of figures ({ B1: figure, … }), with the machine line above it. */
export function formatTable(figures, meta) {
  const lines = [
    `${meta.cpus} CPUs (${meta.cpuModel}), node ${meta.node}, ${meta.platform}, ${meta.date.slice(0, 10)}` +
      `${meta.pinned ? ', client and listeners pinned to different CPUs' : ''}; ${meta.seconds} s`,
    '',
    '| id | what | median | min | max | spread | target | met |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const [id, figure] of Object.entries(figures)) {
    lines.push(row(id, figure));
    for (const extra of figure.also ?? []) lines.push(row('', extra, '↳'));
  }
  return lines.join('\n');
}
