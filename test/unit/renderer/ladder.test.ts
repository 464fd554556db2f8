import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../common/trace.ts';
import { DECISION_MIN_WIDTH, NodeColumns, labelArea, labelBox, orderNodes, rowShape } from '../../../renderer/src/lib/ladder.ts';

const event = (from: string, to: string, dir: TraceEvent['dir'] = 'c2s'): TraceEvent => ({
  seq: 1,
  t: 0,
  flow: 'f1',
  link: { from, to },
  layer: 'smtp',
  dir,
  summary: '',
  visibility: 'plaintext',
});

describe('ladder columns', () => {
  it('puts the known nodes in their fixed order, others after them as they appear', () => {
    expect(orderNodes(['mx.example.jp', 'ns.example.jp', 'terminal', 'attacker', 'mta-sts.example.jp', 'mail.sender.example'])).toEqual([
      'terminal',
      'mail.sender.example',
      'attacker',
      'mx.example.jp',
      'ns.example.jp',
      'mta-sts.example.jp',
    ]);
  });

  it('puts the impostor MTA between the sender and the genuine receiver', () => {
    expect(orderNodes(['mail.sender.example', 'mx.example.jp', 'ns.example.jp', 'mail.attacker.example'])).toEqual([
      'mail.sender.example',
      'mail.attacker.example',
      'mx.example.jp',
      'ns.example.jp',
    ]);
  });

  it('grows incrementally and reports only real changes', () => {
    const columns = new NodeColumns();
    expect(columns.add([event('terminal', 'mx.example.jp')])).toBe(true);
    expect(columns.add([event('terminal', 'mx.example.jp', 's2c')])).toBe(false);
    expect(columns.add([event('mail.sender.example', 'mx.example.jp')])).toBe(true);
    expect(columns.columns).toEqual(['terminal', 'mail.sender.example', 'mx.example.jp']);
    columns.reset();
    expect(columns.columns).toEqual([]);
  });
});

describe('row shapes', () => {
  const columns = ['terminal', 'mail.sender.example', 'attacker', 'mx.example.jp'];

  it('draws c2s from link.from to link.to and s2c the other way', () => {
    expect(rowShape(event('terminal', 'mx.example.jp'), columns)).toEqual({ kind: 'arrow', left: 12.5, width: 75, toward: 'right', fromCol: 0, toCol: 3 });
    expect(rowShape(event('terminal', 'mx.example.jp', 's2c'), columns)).toMatchObject({ left: 12.5, width: 75, toward: 'left', fromCol: 3, toCol: 0 });
    expect(rowShape(event('mail.sender.example', 'attacker'), columns)).toMatchObject({ left: 37.5, width: 25, toward: 'right' });
  });

  it('spans a note over the nodes a non-wire event involves', () => {
    const note = rowShape(event('mail.sender.example', 'mx.example.jp', 'none'), columns);
    expect(note.kind).toBe('note');
    expect(note.left).toBeLessThan(37.5);
    expect(note.left + note.width).toBeGreaterThan(87.5);
    expect(note.left + note.width).toBeLessThanOrEqual(100);
  });

  it('keeps a label readable and inside the ladder', () => {
    const shape = rowShape(event('attacker', 'mx.example.jp'), columns);
    const box = labelBox(shape, 56);
    expect(box.width).toBe(56);
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.left + box.width).toBeLessThanOrEqual(100);
    expect(labelBox(rowShape(event('terminal', 'mx.example.jp'), columns))).toEqual({ left: 12.5, width: 75 });
  });
});

describe('label area', () => {
  const columns = ['terminal', 'mail.sender.example', 'attacker', 'mx.example.jp'];
  const at = (from: string, to: string, dir: 'c2s' | 'none') => ({ link: { from, to }, dir });

  it('widens a sender decision so its sentence can be read, inside the ladder', () => {
    const shape = rowShape(at('mail.sender.example', 'mail.sender.example', 'none'), columns);
    const area = labelArea({ layer: 'policy' }, shape);
    expect(area.width).toBe(DECISION_MIN_WIDTH);
    expect(area.left).toBeGreaterThanOrEqual(0);
    expect(area.left + area.width).toBeLessThanOrEqual(100);
  });

  it('widens an attacker action on an arrow too', () => {
    const arrow = rowShape(at('mail.sender.example', 'mx.example.jp', 'c2s'), columns);
    expect(labelArea({ layer: 'attack' }, arrow).width).toBe(DECISION_MIN_WIDTH);
  });

  it('keeps other notes over their nodes and arrows in a label box', () => {
    const note = rowShape(at('mail.sender.example', 'mail.sender.example', 'none'), columns);
    expect(labelArea({ layer: 'note' }, note)).toEqual({ left: note.left, width: note.width });
    const arrow = rowShape(at('terminal', 'mx.example.jp', 'c2s'), columns);
    expect(labelArea({ layer: 'smtp' }, arrow)).toEqual(labelBox(arrow));
  });

  it('sizes a label by the part of a sideways-scrolling ladder in view, so a sentence stays within the pane', () => {
    const decision = rowShape(at('mail.sender.example', 'mail.sender.example', 'none'), columns);
    expect(labelArea({ layer: 'policy' }, decision, 0.5).width).toBe(DECISION_MIN_WIDTH / 2);
    const neighbours = rowShape(at('mail.sender.example', 'attacker', 'c2s'), columns);
    expect(labelArea({ layer: 'smtp' }, neighbours, 0.25)).toEqual({ left: neighbours.left, width: neighbours.width });
  });
});
