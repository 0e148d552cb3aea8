// Formatting: markdown-like tables and number styles.

/**
 * A markdown table with columns padded to their widest cell. The first column
 * is left-aligned, the others right-aligned unless listed in `leftColumns`.
 */
export function table(headers: string[], rows: string[][], leftColumns: number[] = []): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const left = (i: number) => i === 0 || leftColumns.includes(i);
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (left(i) ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (left(i) ? `${'-'.repeat(w + 2)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

export function section(title: string, body: string, note?: string): string {
  return [`## ${title}`, '', body, ...(note ? ['', note] : []), ''].join('\n');
}

/** 123456.7 → "123,457"; NaN → "n/a". */
export function int(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
}

/** A ratio as "1.23×". */
export function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

export function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** Bytes as MiB with one decimal. */
export function mib(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1048576).toFixed(1)} MiB` : 'n/a';
}

/** Half the range of the samples relative to their median, as "±x%". */
export function spread(samples: readonly number[], median: number): string {
  if (samples.length < 2 || !Number.isFinite(median) || median === 0) return '';
  const half = (Math.max(...samples) - Math.min(...samples)) / 2 / median;
  return `±${Math.round(half * 100)}%`;
}
