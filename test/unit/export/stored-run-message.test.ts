// The Matrix tab asks for a kept run's capture by its id: trace.export with run. The id is checked
// as the run store names files, so nothing but a kept run's file can be read through it.
import { describe, expect, it } from 'vitest';
import { parseClientMessage } from '../../../common/protocol.ts';

describe('trace.export of a kept run', () => {
  it('accepts a run id', () => {
    expect(parseClientMessage({ type: 'trace.export', run: 'mmxbskg5dx6p.fake-certificate.mta-sts' })).toEqual({ type: 'trace.export', run: 'mmxbskg5dx6p.fake-certificate.mta-sts' });
  });

  it('refuses anything else as the run, and a run with flows', () => {
    for (const run of ['../etc/passwd', 'm1', 'M1.x', 'm1./x', '', 42, 'm1.' + 'a'.repeat(120)]) expect(parseClientMessage({ type: 'trace.export', run }), String(run)).toBeNull();
    expect(parseClientMessage({ type: 'trace.export', run: 'm1.eavesdrop.none', flows: ['f1'] })).toBeNull();
  });
});
