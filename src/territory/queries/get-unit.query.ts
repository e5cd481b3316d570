import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UnitContextLoader } from '../unit-context.loader.js';
import type { UnitDetails } from './unit-details.js';

/** One unit's details, folded from its stream (until the read side lands). */
export class GetUnitQuery extends Query<UnitDetails | null> {
  constructor(readonly unitId: string) {
    super();
  }
}

@QueryHandler(GetUnitQuery)
export class GetUnitHandler implements IQueryHandler<GetUnitQuery> {
  constructor(private readonly units: UnitContextLoader) {}

  execute({ unitId }: GetUnitQuery): Promise<UnitDetails | null> {
    return this.units.details(unitId);
  }
}
