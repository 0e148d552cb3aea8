// happy-dom lays nothing out (every box is 0 × 0), so a virtualized list would
// render no row. This gives the boxes a virtualizer reads a height, by
// selector, for the test's duration; Chromium (the e2e suite) does the real thing.
import { afterEach } from 'vitest';

const originalRect = Element.prototype.getBoundingClientRect;
const SIZES = ['clientHeight', 'clientWidth', 'offsetHeight', 'offsetWidth'] as const;
// happy-dom defines them on Element or HTMLElement; the nearest one is saved and put back.
const owner = (name: string): object => (Object.getOwnPropertyDescriptor(HTMLElement.prototype, name) ? HTMLElement.prototype : Element.prototype);
const originalSizes = SIZES.map((name) => ({ name, on: owner(name), descriptor: Object.getOwnPropertyDescriptor(owner(name), name) }));
const WIDTH = 800;

/** Boxes matching each selector get that height (and 800 px of width) until the test ends. */
export function fakeLayout(heights: Record<string, number>): void {
  const heightOf = (element: Element) => Object.entries(heights).find(([selector]) => element.matches(selector))?.[1];
  Element.prototype.getBoundingClientRect = function (this: Element): DOMRect {
    const height = heightOf(this);
    if (height === undefined) return originalRect.call(this);
    return { x: 0, y: 0, top: 0, left: 0, width: WIDTH, height, right: WIDTH, bottom: height, toJSON: () => ({}) };
  };
  for (const { name, on } of originalSizes) {
    const height = name.endsWith('Height');
    Object.defineProperty(on, name, {
      configurable: true,
      get(this: Element) {
        const h = heightOf(this);
        return h === undefined ? 0 : height ? h : WIDTH;
      },
    });
  }
}

afterEach(() => {
  Element.prototype.getBoundingClientRect = originalRect;
  for (const { name, on, descriptor } of originalSizes) if (descriptor) Object.defineProperty(on, name, descriptor);
});
