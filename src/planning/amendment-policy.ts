import type { AmendmentOp } from './domain/amendment-ops.js';
import { type ActionSpec, contentHashOf } from './domain/plan-content.js';
import { minorOf } from '../shared/domain/money.js';

export type AmendmentClassification = 'MINOR' | 'MAJOR';

/**
 * The amendment policy (DOMAIN.md 2, "policy configuration"): which changes need a community vote. Versioned: the
 * version is recorded with every classification, so a later change of thresholds never re-classifies the past.
 */
export type AmendmentPolicy = {
  version: string;
  /** A cost change of more than this percentage (of the current cost) is MAJOR; at or below it MINOR. */
  costChangeThresholdPct: bigint;
  /** A start or end date moved by more than this many days is MAJOR. */
  maxDateShiftDays: number;
};

/** The pilot's policy: a cost change over 20%, a date shift over 3 months (92 days), any new, dropped, reprioritised or refunded action is MAJOR. */
export const DEFAULT_AMENDMENT_POLICY: AmendmentPolicy = { version: 'amendment-policy/2019.1', costChangeThresholdPct: 20n, maxDateShiftDays: 92 };

/** DI token of the policy in force (DEFAULT_AMENDMENT_POLICY unless a module provides another). */
export const AMENDMENT_POLICY = Symbol('AMENDMENT_POLICY');

export type Classified = { classification: AmendmentClassification; policyVersion: string; reasons: string[] };

const days = (a: string, b: string) => Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;

/** Classifies `ops` against the plan's current actions under `policy`. Pure; an op on an unknown action counts as MAJOR. */
export const classifyAmendment = (ops: readonly AmendmentOp[], actions: readonly ActionSpec[], policy: AmendmentPolicy = DEFAULT_AMENDMENT_POLICY): Classified => {
  const reasons: string[] = [];
  ops.forEach((op, i) => {
    switch (op.op) {
      case 'ADD_ACTION':
        reasons.push(`ops[${i}]: a new action`);
        break;
      case 'DROP_ACTION':
        reasons.push(`ops[${i}]: a dropped action`);
        break;
      case 'REPRIORITISE':
        reasons.push(`ops[${i}]: a priority change`);
        break;
      case 'CHANGE_FUNDING': {
        const current = actions.find((a) => a.actionId === op.actionId);
        if (!current || contentHashOf(current.fundingSources.map((f) => f.source).sort()) !== contentHashOf(op.fundingSources.map((f) => f.source).sort())) {
          reasons.push(`ops[${i}]: a change of funding source`);
        }
        break;
      }
      case 'REVISE_ACTION': {
        const current = actions.find((a) => a.actionId === op.actionId);
        if (!current) {
          reasons.push(`ops[${i}]: an unknown action`);
          break;
        }
        const f = op.fields;
        if (f.priorityId !== undefined && f.priorityId !== current.priorityId) reasons.push(`ops[${i}]: the action moves to another priority`);
        if (f.cost) {
          const before = minorOf(current.cost);
          const after = minorOf(f.cost);
          const change = after > before ? after - before : before - after;
          if (f.cost.currency !== current.cost.currency || change * 100n > before * policy.costChangeThresholdPct) {
            reasons.push(`ops[${i}]: a cost change over ${policy.costChangeThresholdPct}%`);
          }
        }
        if ((f.start && days(f.start, current.start) > policy.maxDateShiftDays) || (f.end && days(f.end, current.end) > policy.maxDateShiftDays)) {
          reasons.push(`ops[${i}]: a date shift over ${policy.maxDateShiftDays} days`);
        }
        break;
      }
    }
  });
  return { classification: reasons.length > 0 ? 'MAJOR' : 'MINOR', policyVersion: policy.version, reasons };
};
