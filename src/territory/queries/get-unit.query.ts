import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Projections } from '../../shared/projections/projections.module.js';
import { READ_STORE, type ReadStore } from '../../shared/read-store/read-store.port.js';
import { UNITS_PROJECTION, type UnitDocument } from '../projections/units.projection.js';

/** One unit's details, from the units projection. */
export class GetUnitQuery extends Query<UnitDocument | null> {
  constructor(readonly unitId: string) {
    super();
  }
}

@QueryHandler(GetUnitQuery)
export class GetUnitHandler implements IQueryHandler<GetUnitQuery> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: Projections,
  ) {}

  execute({ unitId }: GetUnitQuery): Promise<UnitDocument | null> {
    return this.reads.get<UnitDocument>(this.projections.collectionFor(UNITS_PROJECTION), unitId);
  }
}
