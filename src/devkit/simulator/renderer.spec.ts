import { renderEvent } from './renderer.js';

const render = (before: unknown, after: unknown, verbose = false) =>
  renderEvent(
    {
      kind: 'memory',
      origin: 'webhook',
      changes: [{ path: 'custom["dialog:car-quote"]', before, after }],
    },
    { chatbotName: 'Martín', verbose },
  ).join('\n');

describe('renderEvent: a dialog state in memory', () => {
  const asked = {
    v: 1,
    step: 'plan',
    tries: 1,
    values: { plate: 'AB123CD', year: 2019 },
    items: [{ id: 'a' }, { id: 'b' }],
    t: 1796137200,
  };

  it('tells where the dialog stands in a few words', () => {
    expect(render(undefined, asked)).toBe(
      '    memory ← webhook: custom["dialog:car-quote"] = asked "plan" · 1 answer(s) not understood · values: plate, year · 2 item(s) offered · v1',
    );
  });

  it('tells a change, and a clearing, the same way', () => {
    expect(render(asked, { v: 1, step: 'confirmed', values: {}, t: 1 })).toBe(
      '    memory ← webhook: custom["dialog:car-quote"]: asked "plan" · 1 answer(s) not understood · values: plate, year · 2 item(s) offered · v1 → asked "confirmed" · values: none · v1',
    );
    expect(render(asked, undefined)).toMatch(/ · v1 → \(cleared\)$/);
  });

  it('shows the whole state with verbose, and what it cannot read as it is', () => {
    expect(render(undefined, asked, true)).toContain('"items":[{"id":"a"},{"id":"b"}]');
    expect(render(undefined, 'not a state')).toContain('= "not a state"');
  });
});
