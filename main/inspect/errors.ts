// The errors Inspect raises, each with a code a caller can branch on and words a person can act on.
export type InspectErrorCode = 'bad-listen' | 'port-in-use' | 'not-loopback' | 'bad-upstream' | 'already-running' | 'not-running';

export class InspectError extends Error {
  constructor(
    readonly code: InspectErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'InspectError';
  }
}
