/** The roles of the ledger (one authorisation matrix: see authorization.ts and each route's @Allow rule). */
export const ROLES = [
  'administrator',
  'programme-officer',
  'rural-akim',
  'meeting-secretary',
  'evaluator',
  'auditor',
  'data-protection-officer',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a key may act on, by role: programme officers their programmes, rural akims and meeting secretaries their unit
 * (and, for akims, every unit below it), evaluators their calls. An empty scope means none; administrators, auditors
 * and data protection officers are not scoped.
 */
export type Scope = { units?: string[]; programmes?: string[]; calls?: string[] };

/** Which scope list a role is confined to, if any. */
export const SCOPED_BY: Partial<Record<Role, keyof Scope>> = {
  'programme-officer': 'programmes',
  'rural-akim': 'units',
  'meeting-secretary': 'units',
  evaluator: 'calls',
};

/** Roles that may read personal values in clear. */
export const PERSONAL_DATA_ROLES: ReadonlySet<string> = new Set<Role>(['administrator', 'programme-officer', 'data-protection-officer']);
