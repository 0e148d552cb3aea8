// Node's own ESM loader (which runs the in-process service for the e2e
// fixtures) refuses `import x from './file.json'` without `with { type: 'json' }`;
// vite, esbuild, tsx and vitest all accept it. This resolve hook gives such
// imports the attribute, so the service loads here as it does everywhere else.
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (resolved.url.startsWith('file:') && resolved.url.endsWith('.json') && context.importAttributes?.type !== 'json') {
    return { ...resolved, format: 'json', importAttributes: { ...context.importAttributes, type: 'json' } };
  }
  return resolved;
}
