import { describe, expect, it } from 'vitest';
import { execEnd } from '../../../src/extension/shell/execStream.js';

describe('how an exec stream ended, from the Status on channel 3', () => {
  it('reads exit status 0 from Success', () => {
    expect(execEnd({ status: 'Success' })).toEqual({ exitCode: 0, reason: 'exited with status 0' });
  });

  it("reads a non-zero exit from the kubelet's NonZeroExitCode cause", () => {
    const status = {
      status: 'Failure',
      reason: 'NonZeroExitCode',
      message: 'command terminated with non-zero exit code: error executing command [sh], exit code 2',
      details: { causes: [{ reason: 'ExitCode', message: '2' }] },
    };
    expect(execEnd(status)).toEqual({ exitCode: 2, reason: 'exited with status 2' });
  });

  it('passes any other failure on in its own words', () => {
    expect(execEnd({ status: 'Failure', reason: 'InternalError', message: 'container not found ("app")' })).toEqual({
      reason: 'container not found ("app")',
    });
    expect(execEnd({ status: 'Failure' })).toEqual({ reason: 'failed' });
  });
});
