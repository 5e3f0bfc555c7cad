import { documentedResponseExample } from '../contract/contract.examples.js';
import { describeReplyShape, replyShape } from './reply-shape.js';

describe('replyShape', () => {
  it('says what the documented reply does, and none of what it says', () => {
    const reply = documentedResponseExample();
    const shape = replyShape(reply);
    expect(shape).toEqual({
      texts: 2,
      type: 'LIST',
      options: 2,
      flow: 5,
      customKeys: ['userType', 'thing1', 'thing2'],
      lead: ['name', 'email', 'phone'],
      stopChat: true,
    });
    expect(describeReplyShape(shape)).toBe(
      'texts=2 type=LIST options=2 flow=5 customKeys=[userType,thing1,thing2] lead=[name,email,phone] stopChat=true',
    );
    const written = JSON.stringify(shape) + describeReplyShape(shape);
    for (const content of [
      'Ok',
      'Model 3',
      'Juan Roman',
      'juan@example.com',
      '1234542123',
      'advanced',
    ]) {
      expect(written).not.toContain(content);
    }
  });

  it('writes only the fields a reply has', () => {
    const shape = replyShape({
      custom: { sucursal: 'Palermo', 'dialog:turno': null, '': 'x' },
      response: { flow: 44 },
    });
    expect(shape).toEqual({ flow: 44, customKeys: ['sucursal', 'dialog:turno', ''] });
    expect(describeReplyShape(shape)).toBe('flow=44 customKeys=[sucursal,dialog:turno,""]');
    expect(describeReplyShape(replyShape({ response: { stopChat: false, text: [] } }))).toBe(
      'texts=0 stopChat=false',
    );
  });

  it('writes {} for a reply that changes nothing', () => {
    expect(replyShape({})).toEqual({});
    expect(describeReplyShape(replyShape({}))).toBe('{}');
  });
});
