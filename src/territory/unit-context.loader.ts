import { Inject, Injectable } from '@nestjs/common';
import type { UnitHierarchy } from '../access/authorization.js';
import { EVENT_STORE, type EventStore } from '../shared/event-store/event-store.port.js';
import type { AncestorContext, ParentContext } from './domain/administrative-unit.commands.js';
import { unitStream } from './domain/administrative-unit.decider.js';
import { type UnitDetails, foldUnitDetails } from './queries/unit-details.js';

/** More levels than Kazakhstan has (region, district, okrug, village): a longer chain means corrupt data or a cycle. */
const MAX_DEPTH = 12;

/**
 * Reads what a unit command needs from other units' streams, before `decide`: the parent's level, retirement and
 * KATO codes, and its ancestors up to the region (nearest first).
 */
@Injectable()
export class UnitContextLoader implements UnitHierarchy {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The unit's details folded from its stream, or null when it does not exist. */
  async details(unitId: string): Promise<UnitDetails | null> {
    return foldUnitDetails(await this.store.readStream(unitStream(unitId)));
  }

  /** The unit itself, then its ancestors up to the region (for scope checks of rural akims' keys). */
  async lineage(unitId: string): Promise<string[]> {
    const ids = [unitId];
    for (let id = (await this.details(unitId))?.parentId ?? null; id !== null && ids.length <= MAX_DEPTH && !ids.includes(id); ) {
      ids.push(id);
      id = (await this.details(id))?.parentId ?? null;
    }
    return ids;
  }

  /** The context of `parentId`, or null when no such unit exists. */
  async parent(parentId: string | null): Promise<ParentContext | null> {
    if (parentId === null) return null;
    const parent = await this.details(parentId);
    if (!parent) return null;
    const ancestors: AncestorContext[] = [];
    const seen = new Set([parentId]);
    for (let id = parent.parentId; id !== null && ancestors.length < MAX_DEPTH && !seen.has(id); ) {
      seen.add(id);
      const unit = await this.details(id);
      if (!unit) break;
      ancestors.push(toAncestor(unit));
      id = unit.parentId;
    }
    return { ...toAncestor(parent), retired: parent.status === 'Retired', ancestors };
  }
}

const toAncestor = (u: UnitDetails): AncestorContext => ({ unitId: u.unitId, level: u.level, katoCodes: u.katoCodes });
