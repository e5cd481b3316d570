import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { developmentPlanDecider, planStream } from '../planning/domain/development-plan.decider.js';
import { grantCallStream } from '../grants/domain/grant-call.decider.js';
import { ballotStream } from '../voting/domain/vote.events.js';
import { voteStream } from '../voting/domain/vote-result.events.js';
import { CONTEXTS, STREAM_KINDS, categoryOf, kindOf } from './stream-registry.js';

describe('stream registry', () => {
  it('maps a stream id to its category and context through the stream functions of the deciders', () => {
    expect(categoryOf(planStream('p-1'))).toBe('plan');
    expect(kindOf(planStream('0b8f5c1e-1111-4222-8333-944444444444'))).toMatchObject({ category: 'plan', context: 'planning' });
    expect(kindOf(grantCallStream('c'))).toMatchObject({ category: 'grantCall', context: 'grants' });
    expect(kindOf(voteStream('v'))).toMatchObject({ category: 'vote', context: 'voting' });
    expect(kindOf(ballotStream('v', 'r'))).toMatchObject({ category: 'voteBallot', context: 'voting' });
    expect(kindOf('activePlan-u.2018-2020')).toEqual({ category: 'activePlan', context: 'planning' });
    expect(kindOf('somethingNew-1')).toEqual({ category: 'somethingNew', context: 'unknown' });
  });

  it('folds with the very evolve and initial state of the write side’s decider', () => {
    const plan = kindOf(planStream('x')).fold!;
    expect(plan.evolve).toBe(developmentPlanDecider.evolve);
    expect(plan.initialState).toBe(developmentPlanDecider.initialState);
  });

  it('lists each category once, and every context it names', () => {
    const categories = STREAM_KINDS.map((k) => k.category);
    expect(new Set(categories).size).toBe(categories.length);
    expect(CONTEXTS).toEqual(expect.arrayContaining(['planning', 'grants', 'voting', 'territory', 'programmes', 'access', 'privacy']));
  });

  it('knows every stream category that a stream function in src/ builds (a new aggregate adds a line to STREAM_KINDS)', () => {
    const files = (readdirSync('src', { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts')).map((f) => join('src', f));
    const built = new Set(files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/Stream = \([^)]*\)(?:: string)? => `([A-Za-z]+)-\$\{/g)].map((m) => m[1]!)));
    expect(built.size).toBeGreaterThan(10);
    expect([...built].filter((c) => kindOf(`${c}-x`).context === 'unknown')).toEqual([]);
  });
});
