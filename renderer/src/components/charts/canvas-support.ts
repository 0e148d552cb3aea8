// Whether the charts can draw at all: test DOMs have no 2D canvas, so the charts leave uPlot out there.
let supported: boolean | undefined;

/** Whether this page can draw on a canvas (test DOMs cannot). */
export function canvasSupported(): boolean {
  if (supported === undefined) {
    try {
      const context = document.createElement('canvas').getContext('2d');
      supported = !!context && typeof context.measureText === 'function' && typeof context.fillText === 'function';
    } catch {
      supported = false;
    }
  }
  return supported;
}
