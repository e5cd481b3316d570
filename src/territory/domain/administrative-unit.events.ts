import type { DomainEvent } from '../../shared/domain/message.js';

/** Administrative levels of Kazakhstan, highest first (DOMAIN.md 1.1). */
export const UNIT_LEVELS = ['REGION', 'DISTRICT', 'CITY_REGIONAL', 'TOWN_DISTRICT', 'RURAL_OKRUG', 'TOWNSHIP', 'VILLAGE'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** A calendar date `YYYY-MM-DD` (an effective date; no time of day, no zone). */
export type IsoDate = string;

export type { LocalizedText } from '../../shared/domain/localized-text.js';
import type { LocalizedText } from '../../shared/domain/localized-text.js';

/**
 * One KATO code of a unit in one classifier version (DOMAIN.md 1.2). The range is half-open: the code applies from
 * `validFrom` up to, not including, `validTo`, so a successor code may start on the day its predecessor ends.
 * An absent `validTo` means the code is still in force.
 */
export type KatoCode = {
  readonly code: string;
  readonly classifierVersion: string;
  readonly validFrom: IsoDate;
  readonly validTo?: IsoDate;
};

/** A unit came into existence at `level`, under `parentId` (null only for a REGION), from `effectiveFrom`. */
export type AdministrativeUnitRegistered = DomainEvent<
  'AdministrativeUnitRegistered',
  {
    readonly unitId: string;
    readonly level: UnitLevel;
    readonly names: LocalizedText;
    readonly parentId: string | null;
    readonly effectiveFrom: IsoDate;
    readonly registeredAt: string;
  }
>;

/** The unit is known by `names` from `effectiveFrom` (e.g. Kievka became Nura). */
export type AdministrativeUnitRenamed = DomainEvent<
  'AdministrativeUnitRenamed',
  { readonly unitId: string; readonly names: LocalizedText; readonly effectiveFrom: IsoDate; readonly renamedAt: string }
>;

/** The unit carries `katoCode` in its classifier version over the code's range. */
export type KatoCodeAssigned = DomainEvent<
  'KatoCodeAssigned',
  { readonly unitId: string; readonly katoCode: KatoCode; readonly assignedAt: string }
>;

/** The open code identified by (code, classifierVersion, validFrom) stops applying at `validTo` (exclusive). */
export type KatoCodeRetired = DomainEvent<
  'KatoCodeRetired',
  {
    readonly unitId: string;
    readonly code: string;
    readonly classifierVersion: string;
    readonly validFrom: IsoDate;
    readonly validTo: IsoDate;
    readonly retiredAt: string;
  }
>;

/** The unit moved from `previousParentId` to `parentId` from `effectiveFrom` (e.g. a district moved to a new region). */
export type AdministrativeUnitReparented = DomainEvent<
  'AdministrativeUnitReparented',
  {
    readonly unitId: string;
    readonly previousParentId: string | null;
    readonly parentId: string;
    readonly effectiveFrom: IsoDate;
    readonly reparentedAt: string;
  }
>;

/** The unit's population in `year` was `count`; a later record for the same year corrects an earlier one. */
export type PopulationRecorded = DomainEvent<
  'PopulationRecorded',
  { readonly unitId: string; readonly year: number; readonly count: number; readonly recordedAt: string }
>;

/** The unit ceased to exist from `effectiveFrom`, for `reason`. Terminal. */
export type AdministrativeUnitRetired = DomainEvent<
  'AdministrativeUnitRetired',
  { readonly unitId: string; readonly reason: string; readonly effectiveFrom: IsoDate; readonly retiredAt: string }
>;

export type AdministrativeUnitEvent =
  | AdministrativeUnitRegistered
  | AdministrativeUnitRenamed
  | KatoCodeAssigned
  | KatoCodeRetired
  | AdministrativeUnitReparented
  | PopulationRecorded
  | AdministrativeUnitRetired;
