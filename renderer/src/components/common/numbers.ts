// Numbers as typed in form fields, read the way the shared schema expects them.
/** What a person typed in a number field, as a number: '' is NaN (the schema says "enter a number"); grouping is allowed. */
export function parseTyped(text: string): number {
  const compact = text.trim().replace(/[\s,_]/g, '');
  return compact === '' ? Number.NaN : Number(compact);
}

/** Like parseTyped, but '' means "not given" (the schema's default applies). */
export function parseOptional(text: string): number | undefined {
  return text.trim() === '' ? undefined : parseTyped(text);
}
