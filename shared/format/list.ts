// Lists joined the way the person's locale joins them.
const listFormats = new Map<string, Intl.ListFormat>();

/** Items joined the way the locale joins a list: "a, b, and c" / "a、b和c". */
export function formatList(locale: string, items: readonly string[]): string {
  let format = listFormats.get(locale);
  if (!format) listFormats.set(locale, (format = new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' })));
  return format.format(items);
}
