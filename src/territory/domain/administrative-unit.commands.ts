import type { DomainCommand } from '../../shared/domain/message.js';
import type { IsoDate, KatoCode, LocalizedText, UnitLevel } from './administrative-unit.events.js';

/** What the decider needs to know about one ancestor of a unit: enough for the KATO prefix and cycle checks. */
export type AncestorContext = {
  readonly unitId: string;
  readonly level: UnitLevel;
  /** All of the ancestor's KATO codes, of every classifier version, retired ones included. */
  readonly katoCodes: readonly KatoCode[];
};

/**
 * Facts about a (new or current) parent unit that live in other streams. `decide` must stay pure, so the command
 * handler folds `administrativeUnit-<parentId>` and then each further ancestor's stream *before* calling `decide`
 * and passes the result in the command. The handler re-reads them on every conflict retry.
 */
export type ParentContext = AncestorContext & {
  readonly retired: boolean;
  /** The parent's own ancestors, nearest first: grandparent, great-grandparent, ..., up to the region. */
  readonly ancestors: readonly AncestorContext[];
};

/**
 * Registers a unit. `parentId` is what the client sent (null only for a REGION); `parent` is the handler's fold of
 * that unit, or null when no parent was named or the parent's stream is empty (the decider tells those apart).
 */
export type RegisterAdministrativeUnit = DomainCommand<
  'RegisterAdministrativeUnit',
  {
    readonly unitId: string;
    readonly level: UnitLevel;
    readonly names: LocalizedText;
    readonly parentId: string | null;
    readonly parent: ParentContext | null;
    readonly effectiveFrom: IsoDate;
  }
>;

export type RenameUnit = DomainCommand<
  'RenameUnit',
  { readonly unitId: string; readonly names: LocalizedText; readonly effectiveFrom: IsoDate }
>;

/**
 * Assigns a KATO code. `parent` describes the unit's *current* parent (null for a REGION); the handler reads the
 * unit's `parentId` from its stream to build it.
 */
export type AssignKatoCode = DomainCommand<
  'AssignKatoCode',
  { readonly unitId: string; readonly katoCode: KatoCode; readonly parent: ParentContext | null }
>;

/** Ends the open code (code, classifierVersion) at `validTo` (exclusive). */
export type RetireKatoCode = DomainCommand<
  'RetireKatoCode',
  { readonly unitId: string; readonly code: string; readonly classifierVersion: string; readonly validTo: IsoDate }
>;

/** Moves the unit under `parentId`; `parent` is the handler's fold of that unit, or null when its stream is empty. */
export type ReparentUnit = DomainCommand<
  'ReparentUnit',
  { readonly unitId: string; readonly parentId: string; readonly parent: ParentContext | null; readonly effectiveFrom: IsoDate }
>;

export type RecordPopulation = DomainCommand<
  'RecordPopulation',
  { readonly unitId: string; readonly year: number; readonly count: number }
>;

export type RetireUnit = DomainCommand<
  'RetireUnit',
  { readonly unitId: string; readonly reason: string; readonly effectiveFrom: IsoDate }
>;

export type AdministrativeUnitCommand =
  | RegisterAdministrativeUnit
  | RenameUnit
  | AssignKatoCode
  | RetireKatoCode
  | ReparentUnit
  | RecordPopulation
  | RetireUnit;
