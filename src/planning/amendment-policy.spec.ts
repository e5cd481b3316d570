import { describe, expect, it } from '@jest/globals';
import { type AmendmentPolicy, DEFAULT_AMENDMENT_POLICY, classifyAmendment } from './amendment-policy.js';
import type { ActionSpec } from './domain/plan-content.js';

const kzt = (amountMinor: string) => ({ amountMinor, currency: 'KZT' as const });
const ACT = 'a0000000-0000-7000-8000-000000000301';
const action: ActionSpec = {
  actionId: ACT,
  priorityId: 'a0000000-0000-7000-8000-000000000201',
  title: 'Street lamps',
  cost: kzt('1000000'),
  fundingSources: [{ source: 'LOCAL_BUDGET', amount: kzt('1000000'), status: 'COMMITTED' }],
  responsibleParty: 'Aul akimat',
  start: '2019-04-01',
  end: '2019-10-31',
  indicators: [],
};
const classify = (ops: Parameters<typeof classifyAmendment>[0], policy?: AmendmentPolicy) => classifyAmendment(ops, [action], policy).classification;
const cost = (amountMinor: string) => [{ op: 'REVISE_ACTION' as const, actionId: ACT, fields: { cost: kzt(amountMinor) } }];

describe('Amendment policy', () => {
  it('records its version with every classification', () => expect(classifyAmendment(cost('1000001'), [action]).policyVersion).toBe(DEFAULT_AMENDMENT_POLICY.version));
  describe('a cost change', () => {
    it('of exactly the threshold (20%) is MINOR, up or down', () => {
      expect(classify(cost('1200000'))).toBe('MINOR');
      expect(classify(cost('800000'))).toBe('MINOR');
    });
    it('of one minor unit over the threshold is MAJOR, up or down', () => {
      expect(classify(cost('1200001'))).toBe('MAJOR');
      expect(classify(cost('799999'))).toBe('MAJOR');
    });
    it('follows a configured threshold', () => {
      const strict = { ...DEFAULT_AMENDMENT_POLICY, version: 'strict/1', costChangeThresholdPct: 10n };
      expect(classify(cost('1100000'), strict)).toBe('MINOR');
      expect(classify(cost('1100001'), strict)).toBe('MAJOR');
      expect(classifyAmendment(cost('1100001'), [action], strict).policyVersion).toBe('strict/1');
    });
  });
  describe('a date shift', () => {
    const end = (date: string) => [{ op: 'REVISE_ACTION' as const, actionId: ACT, fields: { end: date } }];
    it('of up to 92 days is MINOR', () => expect(classify(end('2020-01-31'))).toBe('MINOR'));
    it('of more than 92 days is MAJOR', () => expect(classify(end('2020-02-01'))).toBe('MAJOR'));
  });
  it('a wording change is MINOR', () => expect(classify([{ op: 'REVISE_ACTION', actionId: ACT, fields: { title: 'LED street lamps' } }])).toBe('MINOR'));
  it('a new, dropped or reprioritised action is MAJOR', () => {
    expect(classify([{ op: 'ADD_ACTION', action: { ...action, actionId: 'a0000000-0000-7000-8000-000000000302' } }])).toBe('MAJOR');
    expect(classify([{ op: 'DROP_ACTION', actionId: ACT }])).toBe('MAJOR');
    expect(classify([{ op: 'REPRIORITISE', ranking: [action.priorityId] }])).toBe('MAJOR');
    expect(classify([{ op: 'REVISE_ACTION', actionId: ACT, fields: { priorityId: 'a0000000-0000-7000-8000-000000000299' } }])).toBe('MAJOR');
  });
  it('a changed funding source is MAJOR; new amounts from the same sources are not', () => {
    expect(classify([{ op: 'CHANGE_FUNDING', actionId: ACT, fundingSources: [{ source: 'EU_PROJECT', amount: kzt('1000000'), status: 'INDICATIVE' }] }])).toBe('MAJOR');
    expect(classify([{ op: 'CHANGE_FUNDING', actionId: ACT, fundingSources: [{ source: 'LOCAL_BUDGET', amount: kzt('1000000'), status: 'RECEIVED' }] }])).toBe('MINOR');
  });
});
