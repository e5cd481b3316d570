import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Projections } from '../../shared/projections/projections.module.js';
import { type Filter, type Page, READ_STORE, type ReadStore } from '../../shared/read-store/read-store.port.js';
import { UNITS_PROJECTION, type UnitDocument } from '../projections/units.projection.js';

export type UnitSearch = {
  level?: string;
  parentId?: string;
  status?: string;
  /** A KATO code or its leading digits, in any classifier version. */
  kato?: string;
  /** The start of a word or of a whole name, in any language, current or former. */
  name?: string;
  limit: number;
  cursor?: string;
};

/** Units matching a search, sorted by name, a page at a time. */
export class FindUnitsQuery extends Query<Page<UnitDocument>> {
  constructor(readonly search: UnitSearch) {
    super();
  }
}

@QueryHandler(FindUnitsQuery)
export class FindUnitsHandler implements IQueryHandler<FindUnitsQuery> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: Projections,
  ) {}

  execute({ search }: FindUnitsQuery): Promise<Page<UnitDocument>> {
    const filter: Filter = {};
    if (search.level) filter.level = search.level;
    if (search.parentId) filter.parentId = search.parentId;
    if (search.status) filter.status = search.status;
    if (search.kato) filter.katoCodeList = search.kato.length === 9 ? search.kato : { $prefix: search.kato };
    if (search.name) filter.nameKeys = { $prefix: search.name.toLocaleLowerCase('ru') };
    return this.reads.find<UnitDocument>(this.projections.collectionFor(UNITS_PROJECTION), {
      filter,
      sort: [{ path: 'sortName', direction: 'asc' }],
      limit: search.limit,
      cursor: search.cursor,
    });
  }
}
