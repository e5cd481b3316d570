import { type LocalizedText, LANGUAGES } from '../../shared/domain/localized-text.js';
import type { JsonObject } from '../../shared/domain/message.js';
import { type Money, formatMoney } from '../../shared/domain/money.js';
import type { RecordedEvent } from '../../shared/event-store/event-store.port.js';

/** What the feed remembers about an entity, to title later entries: names in every language, references, units. */
export type Label = {
  titles?: LocalizedText;
  ref?: string;
  unitId?: string;
  kato?: string;
  /** A key holder's name and role (officials); shown by name only where the policy allows. */
  name?: string;
  role?: string;
};

/** One public feed entry as a renderer drafts it: public facts only, never a personal field. */
export type EntryDraft = {
  /** Stable key: the same key is the same entry forever (`event/<eventId>`, `award/<applicationId>`). */
  key: string;
  titles: LocalizedText;
  summary: LocalizedText;
  categories: string[];
  /** Public facts for the JSON Feed extension (ids, amounts, counts, dates). */
  facts: JsonObject;
  /** Keys a delay rule may match on (`applicationId`, `voteId`). */
  keys: Record<string, string>;
  /** The key of an earlier entry this one corrects: the earlier entry is updated, never removed. */
  corrects?: string;
};

export type LabelLookup = (id: string) => Label | undefined;

/**
 * How one event type appears in the feed: the labels it records for later entries, the labels its entries need, and
 * its entries. Types without a renderer never appear, whatever the policy says.
 */
export type Renderer = {
  labels?: (e: RecordedEvent) => Array<{ id: string; label: Label }>;
  needs?: (e: RecordedEvent) => string[];
  render?: (e: RecordedEvent, label: LabelLookup) => EntryDraft[];
  /**
   * Keys the event offers to release delayed entries besides its own data fields (e.g. a signed agreement names the
   * application it belongs to through the label of its preparation).
   */
  releaseKeys?: (e: RecordedEvent, label: LabelLookup) => Record<string, string>;
};

type Text3 = { en: string; ru: string; kk: string };

/** Fills `{0}` of each language's template with the value in that language (or its best fallback). */
const fmt = (template: Text3, ...args: Array<LocalizedText | string | undefined>): LocalizedText =>
  Object.fromEntries(
    LANGUAGES.map((l) => [
      l,
      args.reduce<string>((text, arg, i) => text.replace(`{${i}}`, typeof arg === 'string' ? arg : arg ? (arg[l] ?? arg.ru ?? arg.en ?? arg.kk ?? '') : ''), template[l]),
    ]),
  ) as LocalizedText;

const d = (e: RecordedEvent) => e.data as Record<string, any>;
const eventKey = (e: RecordedEvent) => `event/${e.eventId}`;
const money = (m: Money | undefined) => (m ? formatMoney(m) : '');

const entry = (e: RecordedEvent, titles: LocalizedText, summary: LocalizedText, categories: string[], facts: JsonObject, more: Partial<EntryDraft> = {}): EntryDraft => ({
  key: eventKey(e),
  titles,
  summary,
  categories: [e.type, ...categories],
  facts,
  keys: {},
  ...more,
});

const programme = (label: LabelLookup, id: string) => label(`programme/${id}`)?.titles ?? { en: id };
const unitName = (label: LabelLookup, id: string | null | undefined) => (id ? (label(`unit/${id}`)?.titles ?? { en: id }) : { en: '' });
const kato = (label: LabelLookup, id: string | null | undefined) => (id ? label(`unit/${id}`)?.kato : undefined);
const unitFacts = (label: LabelLookup, id: string | null | undefined): JsonObject => ({ territoryUnitId: id ?? null, kato: kato(label, id) ?? null });
const unitCategories = (label: LabelLookup, id: string | null | undefined) => {
  const k = kato(label, id);
  return k ? [`kato:${k}`] : [];
};

const TXN: Record<string, { code: string; name: Text3 }> = {
  IncomingCommitmentRecorded: { code: '11', name: { en: 'Incoming commitment', ru: 'Входящее обязательство', kk: 'Кіріс міндеттеме' } },
  IncomingFundsReceived: { code: '1', name: { en: 'Incoming funds', ru: 'Поступление средств', kk: 'Қаражат түсімі' } },
  OutgoingCommitmentRecorded: { code: '2', name: { en: 'Outgoing commitment', ru: 'Исходящее обязательство', kk: 'Шығыс міндеттеме' } },
  DisbursementRecorded: { code: '3', name: { en: 'Disbursement', ru: 'Выплата', kk: 'Төлем' } },
  ExpenditureRecorded: { code: '4', name: { en: 'Expenditure', ru: 'Расход', kk: 'Шығыс' } },
};

/** A negative disbursement or expenditure reverses one: a recovery of funds or of in-kind support (docs/grant-agreements.md). */
const RETURNED: Record<string, Text3> = {
  DisbursementRecorded: { en: 'Funds returned', ru: 'Возврат средств', kk: 'Қаражатты қайтару' },
  ExpenditureRecorded: { en: 'In-kind support returned', ru: 'Возврат натуральной поддержки', kk: 'Заттай қолдауды қайтару' },
};

const transaction = (type: string): Renderer => ({
  needs: (e) => [`programme/${d(e).programmeId}`, ...(d(e).unitId ? [`unit/${d(e).unitId}`] : [])],
  render: (e, label) => {
    const { code } = TXN[type]!;
    const x = d(e);
    const amount = x.amount as Money | undefined;
    // A return is titled as one, with the amount returned; the facts keep the signed IATI value.
    const returned = amount?.amountMinor.startsWith('-') && RETURNED[type] ? RETURNED[type] : undefined;
    const name = returned ?? TXN[type]!.name;
    const shown = returned && amount ? { ...amount, amountMinor: amount.amountMinor.slice(1) } : amount;
    return [
      entry(e, fmt({ en: `${name.en}: {0} — {1}`, ru: `${name.ru}: {0} — {1}`, kk: `${name.kk}: {0} — {1}` }, money(shown), programme(label, x.programmeId)),
        fmt({ en: 'IATI transaction type {0} dated {1}.', ru: 'Транзакция IATI типа {0} от {1}.', kk: 'IATI {0} түріндегі транзакция, күні {1}.' }, code, x.transactionDate),
        [`iati-transaction:${code}`, ...unitCategories(label, x.unitId)],
        { programmeId: x.programmeId, transactionId: x.transactionId, iatiTransactionType: code, transactionDate: x.transactionDate, amount: x.amount, ...(x.unitId ? unitFacts(label, x.unitId) : {}) }),
    ];
  },
});

const simpleCall = (titles: Text3, corrects = false): Renderer => ({
  needs: (e) => [`call/${d(e).callId}`],
  render: (e, label) => {
    const call = label(`call/${d(e).callId}`);
    return [entry(e, fmt(titles, call?.ref ?? d(e).callId, call?.titles), fmt({ en: '{0}', ru: '{0}', kk: '{0}' }, call?.titles), ['grant-call'],
      { callId: d(e).callId, reference: call?.ref ?? null, ...(d(e).deadline ? { deadline: d(e).deadline } : {}) },
      corrects ? { corrects: `call/${d(e).callId}` } : {})];
  },
});

const meetingEntry = (titles: Text3, key?: (e: RecordedEvent) => string, corrects?: (e: RecordedEvent) => string): Renderer => ({
  needs: (e) => {
    const m = `meeting/${d(e).meetingId}`;
    return [m, `unit/${d(e).territoryUnitId ?? ''}`];
  },
  render: (e, label) => {
    const m = label(`meeting/${d(e).meetingId}`);
    const unit = d(e).territoryUnitId ?? m?.unitId;
    const facts: JsonObject = { meetingId: d(e).meetingId, meetingType: m?.ref ?? null, ...unitFacts(label, unit) };
    if (d(e).publishedOn) facts.noticePublishedOn = d(e).publishedOn;
    if (d(e).outcome) facts.outcome = d(e).outcome;
    return [entry(e, fmt(titles, m?.titles, unitName(label, unit)), fmt({ en: '{0}', ru: '{0}', kk: '{0}' }, m?.titles), ['meeting', ...unitCategories(label, unit)], facts,
      { ...(key ? { key: key(e) } : {}), ...(corrects ? { corrects: corrects(e) } : {}) })];
  },
});

const recommendation = (titles: Text3, corrects = false): Renderer => ({
  needs: (e) => [`recommendation/${d(e).recommendationId}`],
  render: (e, label) => [
    entry(e, fmt(titles, label(`recommendation/${d(e).recommendationId}`)?.titles), fmt({ en: '{0}', ru: '{0}', kk: '{0}' }, d(e).response ?? d(e).submittedOn ?? d(e).endorsedOn ?? ''),
      ['recommendation'], { recommendationId: d(e).recommendationId, ...(d(e).response ? { response: d(e).response } : {}) },
      corrects ? { key: `recommendation/${d(e).recommendationId}/response`, corrects: `recommendation/${d(e).recommendationId}/response` } : {}),
  ],
});

/** The renderers of the published event types (DOMAIN.md 4.4, 4.5). Keys are event types, a public contract. */
export const RENDERERS: Readonly<Record<string, Renderer>> = {
  // Labels only: names and references that later entries show.
  AdministrativeUnitRegistered: { labels: (e) => [{ id: `unit/${d(e).unitId}`, label: { titles: d(e).names } }] },
  AdministrativeUnitRenamed: { labels: (e) => [{ id: `unit/${d(e).unitId}`, label: { titles: d(e).names } }] },
  KatoCodeAssigned: { labels: (e) => [{ id: `unit/${d(e).unitId}`, label: { kato: d(e).katoCode.code } }] },
  ApiKeyIssued: { labels: (e) => [{ id: `actor/${d(e).keyId}`, label: { name: d(e).name, role: d(e).role } }] },
  GrantCallDrafted: { labels: (e) => [{ id: `call/${d(e).callId}`, label: { titles: d(e).title, ref: d(e).reference } }] },
  GrantApplicationSubmitted: { labels: (e) => [{ id: `application/${d(e).applicationId}`, label: { titles: { en: d(e).projectTitle }, unitId: d(e).territoryUnitId, ref: d(e).applicantType } }] },
  PlanDrafted: { labels: (e) => [{ id: `plan/${d(e).planId}`, label: { unitId: d(e).territoryUnitId, ref: d(e).period } }] },
  MeetingScheduled: { labels: (e) => [{ id: `meeting/${d(e).meetingId}`, label: { titles: { ru: d(e).title }, unitId: d(e).territoryUnitId, ref: d(e).meetingType } }] },
  VoteOpened: { labels: (e) => [{ id: `vote/${d(e).voteId}`, label: { unitId: d(e).territoryUnitId, ref: d(e).subject.type } }] },
  RecommendationDrafted: { labels: (e) => [{ id: `recommendation/${d(e).recommendationId}`, label: { titles: d(e).title } }] },
  RecommendationDraftRevised: { labels: (e) => [{ id: `recommendation/${d(e).recommendationId}`, label: { titles: d(e).title } }] },

  PublicationPolicyChanged: {
    render: (e) => [entry(e, fmt({ en: 'Publication policy changed (version {0})', ru: 'Изменена политика публикации (версия {0})', kk: 'Жариялау саясаты өзгерді ({0}-нұсқа)' }, String(d(e).version)),
      { en: d(e).reason }, ['policy'], { version: d(e).version, publicEventTypes: d(e).publicEventTypes, delays: d(e).delays, allowOfficialNames: d(e).allowOfficialNames })],
  },
  // Signed checkpoints of the Merkle log (integrity context): published so that anyone can hold the ledger to them.
  CheckpointSigned: {
    render: (e) => [entry(e, fmt({ en: 'Signed checkpoint: {0} events, root {1}', ru: 'Подписанная контрольная точка: {0} событий, корень {1}', kk: 'Қол қойылған бақылау нүктесі: {0} оқиға, түбір {1}' },
      String(d(e).treeSize), String(d(e).rootHash ?? '').slice(0, 16)), { en: String(d(e).origin ?? '') }, ['integrity'],
      { treeSize: d(e).treeSize ?? null, rootHash: d(e).rootHash ?? null, logPosition: d(e).logPosition ?? null, signedAt: d(e).signedAt ?? null, keyId: d(e).keyId ?? null, signature: d(e).signature ?? null })],
  },
  OrganisationRegistered: {
    labels: (e) => [{ id: `organisation/${d(e).organisationId}`, label: { titles: d(e).name, ref: d(e).orgIdentifier } }],
    render: (e) => [entry(e, fmt({ en: 'Organisation registered: {0}', ru: 'Зарегистрирована организация: {0}', kk: 'Ұйым тіркелді: {0}' }, d(e).name),
      fmt({ en: '{0}', ru: '{0}', kk: '{0}' }, d(e).orgIdentifier), ['organisation'], { organisationId: d(e).organisationId, orgIdentifier: d(e).orgIdentifier, iatiOrgType: d(e).iatiOrgType })],
  },
  OrganisationRenamed: { labels: (e) => [{ id: `organisation/${d(e).organisationId}`, label: { titles: d(e).name } }] },
  ProgrammeRegistered: {
    labels: (e) => [{ id: `programme/${d(e).programmeId}`, label: { titles: d(e).title, ref: d(e).code } }],
    render: (e) => [entry(e, fmt({ en: 'Programme registered: {0}', ru: 'Зарегистрирована программа: {0}', kk: 'Бағдарлама тіркелді: {0}' }, d(e).title),
      fmt({ en: '{0}, {1} to {2}', ru: '{0}, с {1} по {2}', kk: '{0}, {1} – {2}' }, d(e).code, d(e).period.start, d(e).period.end), ['programme'],
      { programmeId: d(e).programmeId, code: d(e).code, currency: d(e).currency, period: d(e).period })],
  },
  ProgrammePartnerAdded: {
    needs: (e) => [`programme/${d(e).programmeId}`, `organisation/${d(e).orgId}`],
    render: (e, label) => [entry(e, fmt({ en: 'Partner of {0}: {1}', ru: 'Партнёр программы {0}: {1}', kk: '{0} бағдарламасының серіктесі: {1}' }, programme(label, d(e).programmeId), label(`organisation/${d(e).orgId}`)?.titles),
      { en: d(e).role }, ['programme'], { programmeId: d(e).programmeId, orgId: d(e).orgId, role: d(e).role, orgType: d(e).orgType })],
  },
  ProgrammeBudgetApproved: {
    needs: (e) => [`programme/${d(e).programmeId}`],
    render: (e, label) => [entry(e, fmt({ en: 'Budget approved: {0} — {1}', ru: 'Утверждён бюджет: {0} — {1}', kk: 'Бюджет бекітілді: {0} — {1}' }, money(d(e).total), programme(label, d(e).programmeId)),
      fmt({ en: 'EU contribution {0}', ru: 'Вклад ЕС {0}', kk: 'ЕО үлесі {0}' }, money(d(e).euContribution)), ['programme', 'budget'],
      { programmeId: d(e).programmeId, version: 1, total: d(e).total, euContribution: d(e).euContribution }, { key: `budget/${d(e).programmeId}/1` })],
  },
  ProgrammeBudgetRevised: {
    needs: (e) => [`programme/${d(e).programmeId}`],
    render: (e, label) => [entry(e, fmt({ en: 'Budget revised (version {0}): {1} — {2}', ru: 'Бюджет пересмотрен (версия {0}): {1} — {2}', kk: 'Бюджет қайта қаралды ({0}-нұсқа): {1} — {2}' }, String(d(e).version), money(d(e).total), programme(label, d(e).programmeId)),
      { en: d(e).reason }, ['programme', 'budget', 'correction'],
      { programmeId: d(e).programmeId, version: d(e).version, total: d(e).total, euContribution: d(e).euContribution },
      { key: `budget/${d(e).programmeId}/${d(e).version}`, corrects: `budget/${d(e).programmeId}/${d(e).version - 1}` })],
  },
  PilotUnitEnrolled: {
    needs: (e) => [`programme/${d(e).programmeId}`, `unit/${d(e).unitId}`],
    render: (e, label) => [entry(e, fmt({ en: 'Pilot unit of {0}: {1}', ru: 'Пилотная территория программы {0}: {1}', kk: '{0} бағдарламасының пилоттық аумағы: {1}' }, programme(label, d(e).programmeId), unitName(label, d(e).unitId)),
      { en: d(e).level }, ['programme', ...unitCategories(label, d(e).unitId)], { programmeId: d(e).programmeId, level: d(e).level, ...unitFacts(label, d(e).unitId) })],
  },
  IncomingCommitmentRecorded: transaction('IncomingCommitmentRecorded'),
  IncomingFundsReceived: transaction('IncomingFundsReceived'),
  OutgoingCommitmentRecorded: transaction('OutgoingCommitmentRecorded'),
  DisbursementRecorded: transaction('DisbursementRecorded'),
  ExpenditureRecorded: transaction('ExpenditureRecorded'),
  CoFinancingRecorded: {
    needs: (e) => [`programme/${d(e).programmeId}`],
    render: (e, label) => [entry(e, fmt({ en: 'Co-financing: {0} — {1}', ru: 'Софинансирование: {0} — {1}', kk: 'Қоса қаржыландыру: {0} — {1}' }, money(d(e).amount), programme(label, d(e).programmeId)),
      { en: d(e).source }, ['programme'], { programmeId: d(e).programmeId, source: d(e).source, amount: d(e).amount, contributionDate: d(e).contributionDate })],
  },
  ProgrammeStatusChanged: {
    needs: (e) => [`programme/${d(e).programmeId}`],
    render: (e, label) => [entry(e, fmt({ en: 'Programme status {0}: {1}', ru: 'Статус программы {0}: {1}', kk: 'Бағдарлама мәртебесі {0}: {1}' }, d(e).to, programme(label, d(e).programmeId)),
      { en: d(e).reason }, ['programme'], { programmeId: d(e).programmeId, from: d(e).from, to: d(e).to })],
  },
  ProgrammeClosed: {
    needs: (e) => [`programme/${d(e).programmeId}`],
    render: (e, label) => [entry(e, fmt({ en: 'Programme closed: {0}', ru: 'Программа закрыта: {0}', kk: 'Бағдарлама жабылды: {0}' }, programme(label, d(e).programmeId)),
      { en: d(e).closedOn }, ['programme'], { programmeId: d(e).programmeId, closedOn: d(e).closedOn })],
  },
  GrantCallPublished: {
    needs: (e) => [`call/${d(e).callId}`],
    render: (e, label) => {
      const call = label(`call/${d(e).callId}`);
      return [entry(e, fmt({ en: 'Grant call published: {0} {1}', ru: 'Объявлен конкурс грантов: {0} {1}', kk: 'Грант конкурсы жарияланды: {0} {1}' }, call?.ref ?? '', call?.titles),
        fmt({ en: '{0}', ru: '{0}', kk: '{0}' }, call?.titles), ['grant-call'], { callId: d(e).callId, reference: call?.ref ?? null }, { key: `call/${d(e).callId}` })];
    },
  },
  GrantCallAmended: simpleCall({ en: 'Grant call amended: {0} {1}', ru: 'Изменены условия конкурса: {0} {1}', kk: 'Конкурс шарттары өзгертілді: {0} {1}' }, true),
  GrantCallDeadlineExtended: simpleCall({ en: 'Deadline extended: {0} {1}', ru: 'Срок продлён: {0} {1}', kk: 'Мерзім ұзартылды: {0} {1}' }, true),
  GrantCallClosed: simpleCall({ en: 'Grant call closed: {0} {1}', ru: 'Приём заявок закрыт: {0} {1}', kk: 'Өтінім қабылдау жабылды: {0} {1}' }),
  GrantCallCompleted: simpleCall({ en: 'Grant call completed: {0} {1}', ru: 'Конкурс завершён: {0} {1}', kk: 'Конкурс аяқталды: {0} {1}' }),
  GrantCallCancelled: simpleCall({ en: 'Grant call cancelled: {0} {1}', ru: 'Конкурс отменён: {0} {1}', kk: 'Конкурс жойылды: {0} {1}' }, true),
  GrantAwardsDecided: {
    needs: (e) => [`call/${d(e).callId}`, ...d(e).awards.map((a: { applicationId: string }) => `application/${a.applicationId}`)],
    render: (e, label) => {
      const call = label(`call/${d(e).callId}`);
      return d(e).awards.map((a: { applicationId: string; amount: Money }) => {
        const app = label(`application/${a.applicationId}`);
        return {
          key: `award/${a.applicationId}`,
          titles: fmt({ en: 'Grant awarded: {0} — {1}', ru: 'Грант присуждён: {0} — {1}', kk: 'Грант берілді: {0} — {1}' }, money(a.amount), call?.ref ?? ''),
          summary: fmt({ en: '{0} ({1})', ru: '{0} ({1})', kk: '{0} ({1})' }, app?.titles, unitName(label, app?.unitId)),
          categories: [e.type, 'grant', ...unitCategories(label, app?.unitId)],
          facts: { callId: d(e).callId, reference: call?.ref ?? null, applicationId: a.applicationId, amount: a.amount, awardDate: d(e).sessionDate, projectTitle: app?.titles?.en ?? null, ...unitFacts(label, app?.unitId) },
          keys: { applicationId: a.applicationId, callId: d(e).callId },
        } satisfies EntryDraft;
      });
    },
  },
  GrantAgreementPrepared: { labels: (e) => [{ id: `agreement/${d(e).agreementId}`, label: { ref: d(e).applicationId, unitId: d(e).territoryUnitId } }] },
  GrantAgreementSigned: {
    needs: (e) => [`agreement/${d(e).agreementId}`, `call/${d(e).callId}`],
    releaseKeys: (e, label): Record<string, string> => {
      const applicationId = label(`agreement/${d(e).agreementId}`)?.ref;
      return applicationId ? { applicationId } : {};
    },
    render: (e, label) => [entry(e, fmt({ en: 'Grant agreement signed: {0} — {1}', ru: 'Подписано грантовое соглашение: {0} — {1}', kk: 'Грант келісіміне қол қойылды: {0} — {1}' }, money(d(e).amount), label(`call/${d(e).callId}`)?.ref ?? ''),
      fmt({ en: '{0}', ru: '{0}', kk: '{0}' }, unitName(label, d(e).territoryUnitId)), ['grant', 'agreement', ...unitCategories(label, d(e).territoryUnitId)],
      { agreementId: d(e).agreementId, callId: d(e).callId, programmeId: d(e).programmeId, amount: d(e).amount, signedOn: d(e).signedOn, ...unitFacts(label, d(e).territoryUnitId) })],
  },
  DisbursementPaid: {
    needs: (e) => [`call/${d(e).callId}`, `unit/${d(e).territoryUnitId}`],
    render: (e, label) => [entry(e, fmt({ en: 'Grant tranche {0} paid: {1} — {2}', ru: 'Выплачен транш {0}: {1} — {2}', kk: '{0}-транш төленді: {1} — {2}' }, String(d(e).trancheN), money(d(e).amount), label(`call/${d(e).callId}`)?.ref ?? ''),
      fmt({ en: '{0}', ru: '{0}', kk: '{0}' }, unitName(label, d(e).territoryUnitId)), ['grant', 'iati-transaction:3', ...unitCategories(label, d(e).territoryUnitId)],
      { agreementId: d(e).agreementId, trancheN: d(e).trancheN, amount: d(e).amount, paidOn: d(e).paidOn, ...unitFacts(label, d(e).territoryUnitId) })],
  },
  InKindSupportDelivered: {
    needs: (e) => [`call/${d(e).callId}`, `unit/${d(e).territoryUnitId}`],
    render: (e, label) => [entry(e, fmt({ en: 'In-kind support delivered: {0} — {1}', ru: 'Передана поддержка в натуральной форме: {0} — {1}', kk: 'Заттай қолдау берілді: {0} — {1}' }, money(d(e).value), label(`call/${d(e).callId}`)?.ref ?? ''),
      fmt({ en: '{0}', ru: '{0}', kk: '{0}' }, unitName(label, d(e).territoryUnitId)), ['grant', 'iati-transaction:4', ...unitCategories(label, d(e).territoryUnitId)],
      { agreementId: d(e).agreementId, trancheN: d(e).trancheN, value: d(e).value, deliveredOn: d(e).deliveredOn, ...unitFacts(label, d(e).territoryUnitId) })],
  },
  JobsCreatedReported: {
    needs: (e) => [`unit/${d(e).territoryUnitId}`],
    render: (e, label) => [entry(e, fmt({ en: 'Jobs created: {0} (women {1}, youth {2}) — {3}', ru: 'Создано рабочих мест: {0} (женщины {1}, молодёжь {2}) — {3}', kk: 'Жұмыс орындары ашылды: {0} (әйелдер {1}, жастар {2}) — {3}' },
      String(d(e).headcount), String(d(e).women), String(d(e).youth), unitName(label, d(e).territoryUnitId)), { en: `FTE ${d(e).fte} as of ${d(e).asOf}` }, ['grant', 'jobs', ...unitCategories(label, d(e).territoryUnitId)],
      { agreementId: d(e).agreementId, asOf: d(e).asOf, headcount: d(e).headcount, fte: d(e).fte, women: d(e).women, youth: d(e).youth, ...unitFacts(label, d(e).territoryUnitId) })],
  },
  GrantAgreementCompleted: {
    render: (e) => [entry(e, fmt({ en: 'Grant agreement completed', ru: 'Грантовое соглашение исполнено', kk: 'Грант келісімі орындалды' }), { en: d(e).agreementId }, ['grant', 'agreement'], { agreementId: d(e).agreementId, callId: d(e).callId })],
  },
  GrantAgreementTerminated: {
    render: (e) => [entry(e, fmt({ en: 'Grant agreement terminated: {0} paid', ru: 'Грантовое соглашение расторгнуто: выплачено {0}', kk: 'Грант келісімі бұзылды: {0} төленді' }, money(d(e).paid)), { en: d(e).agreementId }, ['grant', 'agreement'],
      { agreementId: d(e).agreementId, callId: d(e).callId, paid: d(e).paid })],
  },
  PlanApprovedByCommunity: {
    needs: (e) => [`plan/${d(e).planId}`],
    render: (e, label) => {
      const unit = label(`plan/${d(e).planId}`)?.unitId;
      return [entry(e, fmt({ en: 'Development plan approved by the community (version {0}): {1}', ru: 'План развития одобрен сообществом (версия {0}): {1}', kk: 'Даму жоспарын қауымдастық мақұлдады ({0}-нұсқа): {1}' }, String(d(e).version), unitName(label, unit)),
        { en: d(e).contentHash }, ['plan', ...unitCategories(label, unit)], { planId: d(e).planId, version: d(e).version, voteId: d(e).voteId, contentHash: d(e).contentHash, ...unitFacts(label, unit) })];
    },
  },
  PlanEndorsedByAkim: {
    needs: (e) => [`plan/${d(e).planId}`],
    render: (e, label) => {
      const unit = label(`plan/${d(e).planId}`)?.unitId;
      return [entry(e, fmt({ en: 'Development plan endorsed by the akim: {0}', ru: 'План развития утверждён акимом: {0}', kk: 'Даму жоспарын әкім бекітті: {0}' }, unitName(label, unit)),
        { en: '' }, ['plan', ...unitCategories(label, unit)], { planId: d(e).planId, ...unitFacts(label, unit) })];
    },
  },
  PlanActivated: {
    needs: (e) => [`unit/${d(e).territoryUnitId}`],
    render: (e, label) => [entry(e, fmt({ en: 'Development plan in force ({0}): {1}', ru: 'План развития вступил в силу ({0}): {1}', kk: 'Даму жоспары күшіне енді ({0}): {1}' }, d(e).period, unitName(label, d(e).territoryUnitId)),
      { en: `v${d(e).version}` }, ['plan', ...unitCategories(label, d(e).territoryUnitId)], { planId: d(e).planId, period: d(e).period, version: d(e).version, ...unitFacts(label, d(e).territoryUnitId) })],
  },
  PlanAmendmentApplied: {
    needs: (e) => [`plan/${d(e).planId}`],
    render: (e, label) => {
      const unit = label(`plan/${d(e).planId}`)?.unitId;
      return [entry(e, fmt({ en: 'Development plan amended (version {0} → {1}): {2}', ru: 'В план развития внесены изменения (версия {0} → {1}): {2}', kk: 'Даму жоспарына өзгерістер енгізілді ({0} → {1}): {2}' }, String(d(e).fromVersion), String(d(e).toVersion), unitName(label, unit)),
        { en: `${d(e).ops.length} change(s)` }, ['plan', ...unitCategories(label, unit)], { planId: d(e).planId, amendmentId: d(e).amendmentId, fromVersion: d(e).fromVersion, toVersion: d(e).toVersion, ...unitFacts(label, unit) })];
    },
  },
  PlanClosed: {
    needs: (e) => [`unit/${d(e).territoryUnitId}`],
    render: (e, label) => [entry(e, fmt({ en: 'Development plan closed ({0}): {1}', ru: 'План развития закрыт ({0}): {1}', kk: 'Даму жоспары жабылды ({0}): {1}' }, d(e).period, unitName(label, d(e).territoryUnitId)),
      { en: `${d(e).actionsDone}/${d(e).actionsTotal}` }, ['plan', ...unitCategories(label, d(e).territoryUnitId)],
      { planId: d(e).planId, actionsDone: d(e).actionsDone, actionsTotal: d(e).actionsTotal, implementationRatePct: d(e).implementationRatePct, ...unitFacts(label, d(e).territoryUnitId) })],
  },
  MeetingNoticePublished: meetingEntry({ en: 'Meeting notice: {0} ({1})', ru: 'Объявление о собрании: {0} ({1})', kk: 'Жиналыс туралы хабарлама: {0} ({1})' }, (e) => `meeting/${d(e).meetingId}`),
  MeetingClosed: meetingEntry({ en: 'Meeting held: {0} ({1})', ru: 'Собрание состоялось: {0} ({1})', kk: 'Жиналыс өтті: {0} ({1})' }),
  MeetingCancelled: meetingEntry({ en: 'Meeting cancelled: {0} ({1})', ru: 'Собрание отменено: {0} ({1})', kk: 'Жиналыс болмайды: {0} ({1})' }, undefined, (e) => `meeting/${d(e).meetingId}`),
  MeetingDecisionRecorded: {
    needs: (e) => [`meeting/${d(e).meetingId}`],
    render: (e, label) => {
      const m = label(`meeting/${d(e).meetingId}`);
      return [entry(e, fmt({ en: 'Decision {0}: {1}', ru: 'Решение {0}: {1}', kk: 'Шешім {0}: {1}' }, d(e).outcome, { ru: d(e).text }), fmt({ en: '{0}', ru: '{0}', kk: '{0}' }, m?.titles),
        ['meeting', 'decision'], { meetingId: d(e).meetingId, voteId: d(e).voteId, outcome: d(e).outcome })];
    },
  },
  VoteTallied: {
    needs: (e) => [`vote/${d(e).voteId}`],
    render: (e, label) => {
      const v = label(`vote/${d(e).voteId}`);
      const c = d(e).counts;
      return [{
        key: `vote/${d(e).voteId}`,
        titles: fmt({ en: 'Vote result: {0} (for {1}, against {2}, abstained {3}) — {4}', ru: 'Итоги голосования: {0} (за {1}, против {2}, воздержались {3}) — {4}', kk: 'Дауыс беру қорытындысы: {0} (жақтады {1}, қарсы {2}, қалыс {3}) — {4}' },
          d(e).outcome, String(c.for), String(c.against), String(c.abstain), unitName(label, v?.unitId)),
        summary: { en: `${v?.ref ?? ''}: present ${d(e).present} of ${d(e).rollSize}, quorum ${d(e).quorumMet ? 'met' : 'not met'}` },
        categories: [e.type, 'vote', ...unitCategories(label, v?.unitId)],
        facts: { voteId: d(e).voteId, subjectType: v?.ref ?? null, outcome: d(e).outcome, counts: c, present: d(e).present, rollSize: d(e).rollSize, quorumMet: d(e).quorumMet, ...unitFacts(label, v?.unitId) },
        keys: { voteId: d(e).voteId },
      }];
    },
  },
  VoteAnnulled: {
    render: (e) => [entry(e, fmt({ en: 'Vote annulled', ru: 'Голосование аннулировано', kk: 'Дауыс беру жойылды' }), { en: d(e).reason }, ['vote', 'correction'], { voteId: d(e).voteId }, { corrects: `vote/${d(e).voteId}` })],
  },
  RecommendationEndorsed: recommendation({ en: 'Recommendation endorsed: {0}', ru: 'Рекомендация одобрена: {0}', kk: 'Ұсыныс мақұлданды: {0}' }),
  RecommendationSubmitted: recommendation({ en: 'Recommendation submitted: {0}', ru: 'Рекомендация направлена: {0}', kk: 'Ұсыныс жіберілді: {0}' }),
  AuthorityResponseRecorded: {
    needs: (e) => [`recommendation/${d(e).recommendationId}`],
    render: (e, label) => [entry(e, fmt({ en: 'Response to the recommendation ({0}): {1}', ru: 'Ответ на рекомендацию ({0}): {1}', kk: 'Ұсынысқа жауап ({0}): {1}' }, d(e).response, label(`recommendation/${d(e).recommendationId}`)?.titles),
      { en: d(e).respondedOn }, ['recommendation'], { recommendationId: d(e).recommendationId, response: d(e).response, respondedOn: d(e).respondedOn })],
  },
  RecommendationWithdrawn: recommendation({ en: 'Recommendation withdrawn: {0}', ru: 'Рекомендация отозвана: {0}', kk: 'Ұсыныс кері қайтарылды: {0}' }),
};

/** Event types the feed builder reads: those with a renderer and every type a delay may be released by. */
export const RENDERED_TYPES = Object.keys(RENDERERS);
