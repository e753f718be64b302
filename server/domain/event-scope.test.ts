import { describe, expect, it } from 'vitest';
import { ofEvent } from './event-scope.js';

describe('ofEvent', () => {
  it('keeps a record of the event, and answers another event’s as unknown', () => {
    const person = { id: 'p1', eventId: 'e1' };
    expect(ofEvent('e1', person)).toBe(person);
    expect(ofEvent('e2', person)).toBeUndefined();
    expect(ofEvent('e1', undefined)).toBeUndefined();
  });
});
