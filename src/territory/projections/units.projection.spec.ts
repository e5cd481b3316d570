import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';
import { type UnitDocument, unitsProjection } from './units.projection.js';

const unitId = 'unit-1';
const at = (revision: number, type: string, data: object): RecordedEvent =>
  ({ eventId: `e${revision}`, type, schemaVersion: 1, streamId: `administrativeUnit-${unitId}`, revision: BigInt(revision), position: BigInt(revision + 10), recordedAt: '2019-01-01T00:00:00.000Z', data: { unitId, ...data }, metadata: {}, prevHash: '', hash: '' }) as unknown as RecordedEvent;

const fold = (events: RecordedEvent[]) => events.reduce<UnitDocument | null>((doc, e) => unitsProjection.evolve(doc, e), null);

describe('territory.units projection', () => {
  const registered = at(0, 'AdministrativeUnitRegistered', { level: 'VILLAGE', names: { ru: 'Аул «Ақ-жол»', kk: 'Ақжол', en: 'Ak Zhol' }, parentId: null, effectiveFrom: '2017-01-01' });
  const history = [
    registered,
    at(1, 'KatoCodeAssigned', { katoCode: { code: '2', classifierVersion: 'A', validFrom: '2017-01-01' } }),
    at(2, 'PopulationRecorded', { year: 2010, count: 3 }),
    at(3, 'KatoCodeAssigned', { katoCode: { code: '1', classifierVersion: 'B', validFrom: '2018-01-01' } }),
    at(4, 'AdministrativeUnitRenamed', { names: { ru: 'Новый Аул', en: 'New' }, effectiveFrom: '2019-01-01' }),
    at(5, 'KatoCodeRetired', { code: '2', classifierVersion: 'A', validFrom: '2017-01-01', validTo: '2019-01-01' }),
    at(6, 'AdministrativeUnitReparented', { parentId: 'parent', effectiveFrom: '2019-01-01' }),
  ];

  it('derives the search keys from every name and code the unit has had', () => {
    const doc = fold(history)!;
    expect(doc.katoCodeList).toEqual(['1', '2']);
    expect(doc.nameKeys).toEqual(['ak', 'ak zhol', 'new', 'zhol', 'аул', 'аул «ақ-жол»', 'ақ', 'ақжол', 'жол', 'новый', 'новый аул']);
    expect(doc.sortName).toBe('новый аул');
    expect(doc).toMatchObject({ parentId: 'parent', revision: '6', position: '16' });
  });

  it('keeps the keys (and the key order of the document) through events that do not change names or codes', () => {
    const before = fold(history)!;
    const after = unitsProjection.evolve(before, at(7, 'PopulationRecorded', { year: 2011, count: 4 }))!;
    expect(after).not.toBe(before);
    expect(after).toEqual({ ...before, populationByYear: { '2010': 3, '2011': 4 }, revision: '7', position: '17' });
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(before.populationByYear).toEqual({ '2010': 3 });
  });

  it('ignores events of a unit never registered', () => {
    expect(fold([at(0, 'PopulationRecorded', { year: 2010, count: 3 })])).toBeNull();
  });
});
