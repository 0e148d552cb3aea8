// The layers of DESIGN §2, enforced: shared ← engine ← monitor ← service ←
// desktop|web, and renderer → shared only. A wrong import fails here with a
// message naming what the layer may use.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

/** What each folder may import from the project's own layers. */
const ALLOWED: Record<string, string[]> = {
  'shared': ['shared'],
  'main/engine': ['main/engine', 'shared'],
  'main/monitor': ['main/monitor', 'main/engine', 'shared'],
  'main/service': ['main/service', 'main/monitor', 'main/engine', 'shared'],
  'main/desktop': ['main/desktop', 'main/service', 'main/monitor', 'main/engine', 'shared'],
  'main/web': ['main/web', 'main/service', 'main/monitor', 'main/engine', 'shared'],
  // The headless CLI drives the same service (and web mode) from a terminal.
  'main/cli': ['main/cli', 'main/web', 'main/service', 'main/monitor', 'main/engine', 'shared'],
  'renderer': ['renderer', 'shared'],
};

/** Packages a layer must never import, whatever the path. */
const FORBIDDEN_PACKAGES: Record<string, RegExp> = {
  'shared': /^(node:|electron$|react|fs$|path$|net$)/,
  'main/engine': /^electron$/,
  'main/monitor': /^electron$/,
  'main/service': /^electron$/,
  'main/web': /^electron$/,
  'main/cli': /^electron$/,
  'renderer': /^(node:|electron$)/,
};

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push((match[1] ?? match[2] ?? match[3])!);
  }
  return found;
}

function layerOf(path: string): string | undefined {
  const rel = relative(root, path).split(sep).join('/');
  return Object.keys(ALLOWED)
    .sort((a, b) => b.length - a.length)
    .find((layer) => rel === layer || rel.startsWith(`${layer}/`));
}

describe('layers', () => {
  for (const layer of Object.keys(ALLOWED)) {
    it(`${layer} imports only what DESIGN §2 allows`, () => {
      const problems: string[] = [];
      for (const file of sourceFiles(join(root, layer))) {
        if (file.endsWith('.test.ts') && layer !== 'shared' && layer !== 'renderer') continue;
        for (const spec of imports(file)) {
          const rel = relative(root, file);
          if (spec.startsWith('.')) {
            const target = layerOf(resolve(file, '..', spec));
            if (target && !ALLOWED[layer]!.includes(target)) {
              problems.push(`${rel} imports ${spec} (layer ${target}); ${layer} may import only ${ALLOWED[layer]!.join(', ')}`);
            }
          } else if (FORBIDDEN_PACKAGES[layer]?.test(spec)) {
            problems.push(`${rel} imports the package ${spec}, which ${layer} must not use`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('finds the engine sources it checks', () => {
    expect(sourceFiles(join(root, 'main/engine')).length).toBeGreaterThan(5);
  });
});
