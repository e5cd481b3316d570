import { describe, expect, it } from '@jest/globals';
import { toJsonSafe } from './json-safe.js';
import { diffStates, pointerSegment } from './state-diff.js';

const sealed = { keyId: 'subject-1#1', alg: 'A256GCM' as const, iv: 'aXY', ct: 'Y2lwaGVydGV4dA' };

describe('diffStates', () => {
  it('is empty for equal states, whatever the key order', () => {
    expect(diffStates({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
  });

  it('names each changed, added and removed leaf by its JSON Pointer, with before and after', () => {
    const before = { status: 'APPROVED', content: { version: 1, actions: [{ title: 'Lamps' }, { title: 'Trees' }] }, endorsed: false };
    const after = { status: 'ACTIVE', content: { version: 2, actions: [{ title: 'More lamps' }] }, appliedAmendments: ['a1'] };
    expect(diffStates(before, after)).toEqual([
      { op: 'added', path: '/appliedAmendments', after: ['a1'] },
      { op: 'changed', path: '/content/actions/0/title', before: 'Lamps', after: 'More lamps' },
      { op: 'removed', path: '/content/actions/1', before: { title: 'Trees' } },
      { op: 'changed', path: '/content/version', before: 1, after: 2 },
      { op: 'removed', path: '/endorsed', before: false },
      { op: 'changed', path: '/status', before: 'APPROVED', after: 'ACTIVE' },
    ]);
  });

  it('reports a change of JSON type as one change at that path', () => {
    expect(diffStates({ a: { b: 1 } }, { a: [1] })).toEqual([{ op: 'changed', path: '/a', before: { b: 1 }, after: [1] }]);
    expect(diffStates({ a: null }, { a: 0 })).toEqual([{ op: 'changed', path: '/a', before: null, after: 0 }]);
  });

  it('escapes ~ and / in keys (RFC 6901)', () => {
    expect(pointerSegment('a/b~c')).toBe('a~1b~0c');
    expect(diffStates({ 'x/y': 1 }, { 'x/y': 2 })).toEqual([{ op: 'changed', path: '/x~1y', before: 1, after: 2 }]);
  });

  it('compares Maps, Sets and bigints by their JSON-safe form', () => {
    const before = { holds: new Map([['h1', { until: '2020-01-01' }]]), tags: new Set(['a']), amount: 5n };
    const after = { holds: new Map([['h1', { until: '2021-01-01' }], ['h2', { until: null }]]), tags: new Set(['a', 'b']), amount: 7n };
    expect(diffStates(before, after)).toEqual([
      { op: 'changed', path: '/amount', before: '5', after: '7' },
      { op: 'changed', path: '/holds/h1/until', before: '2020-01-01', after: '2021-01-01' },
      { op: 'added', path: '/holds/h2', after: { until: null } },
      { op: 'added', path: '/tags/1', after: 'b' },
    ]);
  });

  it('never shows a sealed value’s ciphertext: a change of sealed value is a change of marker only when the key changes', () => {
    const changes = diffStates({ personal: { fullName: sealed } }, { personal: { fullName: { ...sealed, keyId: 'subject-1#2', ct: 'b3RoZXI' } } });
    expect(changes).toEqual([{ op: 'changed', path: '/personal/fullName/keyId', before: 'subject-1#1', after: 'subject-1#2' }]);
    expect(JSON.stringify(changes)).not.toContain(sealed.ct);
  });
});

describe('toJsonSafe', () => {
  it('replaces sealed values by a marker, Maps with non-string keys by pairs, and drops undefined', () => {
    expect(toJsonSafe({ name: sealed, byYear: new Map([[2019, 'x']]), gone: undefined, when: new Date('2019-06-05T00:00:00Z') })).toEqual({
      name: { $sealed: 'A256GCM', keyId: 'subject-1#1' },
      byYear: [[2019, 'x']],
      when: '2019-06-05T00:00:00.000Z',
    });
  });
});
