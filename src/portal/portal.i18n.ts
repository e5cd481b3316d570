import type { LocalizedText } from '../shared/domain/localized-text.js';

/** The portal's languages; the first is the default. */
export const PORTAL_LANGS = ['kk', 'ru', 'en'] as const;
export type Lang = (typeof PORTAL_LANGS)[number];

type Entry = Readonly<Record<Lang, string>>;

/**
 * Every interface label of the portal in Kazakh, Russian and English: the one dictionary. `{name}` marks a value the
 * page fills in (escaped like any other value).
 */
export const LABELS = {
  siteName: { kk: 'Aul Ledger', ru: 'Aul Ledger', en: 'Aul Ledger' },
  tagline: {
    kk: 'Жергілікті өзін-өзі басқару шешімдерінің ашық порталы',
    ru: 'Открытый портал решений местного самоуправления',
    en: 'Public portal of local self-government decisions',
  },
  skipToContent: { kk: 'Негізгі мазмұнға өту', ru: 'Перейти к содержанию', en: 'Skip to content' },
  mainNav: { kk: 'Негізгі мәзір', ru: 'Главное меню', en: 'Main menu' },
  language: { kk: 'Тіл', ru: 'Язык', en: 'Language' },
  home: { kk: 'Басты бет', ru: 'Главная', en: 'Home' },
  plans: { kk: 'Даму жоспарлары', ru: 'Планы развития', en: 'Development plans' },
  meetings: { kk: 'Жиналыстар', ru: 'Собрания', en: 'Meetings' },
  meetingsRegister: { kk: 'Жиналыстар тізілімі', ru: 'Реестр собраний', en: 'Register of meetings' },
  grants: { kk: 'Гранттар', ru: 'Гранты', en: 'Grants' },
  grantsRegister: { kk: 'Гранттар тізілімі', ru: 'Реестр грантов', en: 'Register of grants' },
  downloads: { kk: 'Арналар мен деректер', ru: 'Ленты и данные', en: 'Feeds and downloads' },
  feedAtom: { kk: 'Шешімдер арнасы (Atom)', ru: 'Лента решений (Atom)', en: 'Feed of decisions (Atom)' },
  openData: { kk: 'Гранттар ашық деректер ретінде (360Giving CSV)', ru: 'Гранты как открытые данные (360Giving CSV)', en: 'Grants as open data (360Giving CSV)' },
  iatiXml: { kk: 'IATI XML', ru: 'IATI XML', en: 'IATI XML' },
  reports: { kk: 'Есептер', ru: 'Отчёты', en: 'Reports' },
  apiDocs: { kk: 'API сипаттамасы', ru: 'Описание API', en: 'API description' },
  programmeFunding: { kk: 'Бағдарламалар қаражаты', ru: 'Финансирование программ', en: 'Programme funding' },
  programme: { kk: 'Бағдарлама', ru: 'Программа', en: 'Programme' },
  programmes: { kk: 'Бағдарламалар', ru: 'Программы', en: 'Programmes' },
  totalBudget: { kk: 'Жалпы бюджет', ru: 'Общий бюджет', en: 'Total budget' },
  euContribution: { kk: 'Еуропалық Одақтың үлесі', ru: 'Вклад Европейского союза', en: 'EU contribution' },
  coFinancing: { kk: 'Қосымша қаржыландыру', ru: 'Софинансирование', en: 'Co-financing' },
  euShare: { kk: 'ЕО үлесі', ru: 'Доля ЕС', en: 'EU share' },
  euShareChart: { kk: 'Бюджеттің ЕО үлесі мен қосымша қаржыландыруға бөлінуі', ru: 'Бюджет: вклад ЕС и софинансирование', en: 'Budget: EU contribution and co-financing' },
  spendingChart: { kk: 'Бюджет желілері бойынша міндеттемелер мен шығыстар', ru: 'Обязательства и расходы по статьям бюджета', en: 'Commitments and spending by budget line' },
  committed: { kk: 'Міндеттемелер', ru: 'Обязательства', en: 'Committed' },
  disbursed: { kk: 'Төленді', ru: 'Выплачено', en: 'Disbursed' },
  spent: { kk: 'Жұмсалды', ru: 'Израсходовано', en: 'Spent' },
  budgetLine: { kk: 'Бюджет бабы', ru: 'Статья бюджета', en: 'Budget line' },
  amount: { kk: 'Сомасы', ru: 'Сумма', en: 'Amount' },
  share: { kk: 'Үлесі', ru: 'Доля', en: 'Share' },
  inFigures: { kk: 'Сандармен', ru: 'В цифрах', en: 'In figures' },
  jobs: { kk: 'Жұмыс орындары', ru: 'Рабочие места', en: 'Jobs' },
  notRecordedYet: { kk: 'әлі тіркелмеген', ru: 'пока не учитываются', en: 'not recorded yet' },
  grantCalls: { kk: 'Грант конкурстары', ru: 'Грантовые конкурсы', en: 'Grant calls' },
  awardsMade: { kk: 'Берілген гранттар', ru: 'Присуждённые гранты', en: 'Grants awarded' },
  meetingsHeld: { kk: 'Өткен жиналыстар', ru: 'Проведённые собрания', en: 'Meetings held' },
  territories: { kk: 'Аумақтар', ru: 'Территории', en: 'Territories' },
  regions: { kk: 'Облыстар', ru: 'Области', en: 'Regions' },
  unitsWithin: { kk: 'Құрамындағы аумақтар', ru: 'Входящие территории', en: 'Units within' },
  partOf: { kk: 'Құрамында', ru: 'Входит в', en: 'Part of' },
  population: { kk: 'Халық саны', ru: 'Население', en: 'Population' },
  katoCode: { kk: 'ӘАОЖ коды', ru: 'Код КАТО', en: 'KATO code' },
  pilotSpending: { kk: 'Бағдарламалардың осы аумақтағы шығыстары', ru: 'Расходы программ на этой территории', en: 'Programme spending in this territory' },
  plan: { kk: 'Даму жоспары', ru: 'План развития', en: 'Development plan' },
  territory: { kk: 'Аумақ', ru: 'Территория', en: 'Territory' },
  period: { kk: 'Кезең', ru: 'Период', en: 'Period' },
  status: { kk: 'Мәртебесі', ru: 'Статус', en: 'Status' },
  version: { kk: 'Нұсқа', ru: 'Версия', en: 'Version' },
  vision: { kk: 'Пайымдау', ru: 'Видение', en: 'Vision' },
  problems: { kk: 'Мәселелер', ru: 'Проблемы', en: 'Problems' },
  priorities: { kk: 'Басымдықтар', ru: 'Приоритеты', en: 'Priorities' },
  actions: { kk: 'Іс-шаралар', ru: 'Мероприятия', en: 'Actions' },
  action: { kk: 'Іс-шара', ru: 'Мероприятие', en: 'Action' },
  cost: { kk: 'Құны', ru: 'Стоимость', en: 'Cost' },
  fundingSources: { kk: 'Қаржыландыру көздері', ru: 'Источники финансирования', en: 'Funding sources' },
  responsible: { kk: 'Жауапты', ru: 'Ответственный', en: 'Responsible' },
  dates: { kk: 'Мерзімі', ru: 'Сроки', en: 'Dates' },
  start: { kk: 'Басталуы', ru: 'Начало', en: 'Start' },
  end: { kk: 'Аяқталуы', ru: 'Окончание', en: 'End' },
  indicators: { kk: 'Көрсеткіштер', ru: 'Показатели', en: 'Indicators' },
  notPublished: { kk: 'жарияланбайды', ru: 'не публикуется', en: 'not published' },
  approvals: { kk: 'Қоғамдастықтың бекітуі', ru: 'Одобрение сообществом', en: 'Community approval' },
  approvedAt: { kk: 'Бекітілген күні', ru: 'Дата одобрения', en: 'Approved on' },
  contentHash: { kk: 'Мәтін хэші (SHA-256)', ru: 'Хэш текста (SHA-256)', en: 'Text hash (SHA-256)' },
  versionHistory: { kk: 'Нұсқалар тарихы', ru: 'История версий', en: 'Version history' },
  recordedAt: { kk: 'Тіркелген уақыты', ru: 'Записано', en: 'Recorded' },
  madeBy: { kk: 'Негізі', ru: 'Основание', en: 'Made by' },
  changesBetween: { kk: '{from}-нұсқадан {to}-нұсқаға дейінгі өзгерістер', ru: 'Изменения от версии {from} к версии {to}', en: 'Changes from version {from} to version {to}' },
  actionsAdded: { kk: 'Қосылған іс-шаралар', ru: 'Добавленные мероприятия', en: 'Actions added' },
  actionsRevised: { kk: 'Өзгертілген іс-шаралар', ru: 'Изменённые мероприятия', en: 'Actions revised' },
  actionsDropped: { kk: 'Алынып тасталған іс-шаралар', ru: 'Исключённые мероприятия', en: 'Actions dropped' },
  prioritiesReordered: { kk: 'Басымдықтар реті өзгерді', ru: 'Изменён порядок приоритетов', en: 'Priorities reordered' },
  field: { kk: 'Өріс', ru: 'Поле', en: 'Field' },
  before: { kk: 'Бұрын', ru: 'Было', en: 'Before' },
  after: { kk: 'Кейін', ru: 'Стало', en: 'After' },
  noChanges: { kk: 'Өзгеріс жоқ', ru: 'Изменений нет', en: 'No changes' },
  submission: { kk: 'Бекітуге ұсыну', ru: 'Внесение на утверждение', en: 'Submission' },
  amendment: { kk: 'Түзету', ru: 'Поправка', en: 'Amendment' },
  date: { kk: 'Күні', ru: 'Дата', en: 'Date' },
  type: { kk: 'Түрі', ru: 'Вид', en: 'Type' },
  title: { kk: 'Атауы', ru: 'Название', en: 'Title' },
  attendance: { kk: 'Қатысқандар', ru: 'Участники', en: 'Attendance' },
  women: { kk: 'әйелдер', ru: 'женщин', en: 'women' },
  men: { kk: 'ерлер', ru: 'мужчин', en: 'men' },
  youth: { kk: 'жастар', ru: 'молодёжь', en: 'youth' },
  fte: { kk: 'толық ставка баламасы', ru: 'в пересчёте на полную ставку', en: 'full-time equivalent' },
  decisions: { kk: 'Шешімдер', ru: 'Решения', en: 'Decisions' },
  problemsRaised: { kk: 'Көтерілген мәселелер', ru: 'Поднятые проблемы', en: 'Problems raised' },
  reference: { kk: 'Нөмірі', ru: 'Номер', en: 'Reference' },
  fund: { kk: 'Қор', ru: 'Фонд', en: 'Fund' },
  awarded: { kk: 'Берілді', ru: 'Присуждено', en: 'Awarded' },
  remaining: { kk: 'Қалдық', ru: 'Остаток', en: 'Remaining' },
  deadline: { kk: 'Өтінім қабылдау мерзімі', ru: 'Срок подачи заявок', en: 'Deadline' },
  awardRange: { kk: 'Грант мөлшері', ru: 'Размер гранта', en: 'Award range' },
  awards: { kk: 'Гранттар', ru: 'Гранты', en: 'Awards' },
  applicationCode: { kk: 'Өтінім коды', ru: 'Код заявки', en: 'Application code' },
  applicantType: { kk: 'Өтініш беруші түрі', ru: 'Тип заявителя', en: 'Applicant type' },
  sessionDate: { kk: 'Комиссия отырысы', ru: 'Заседание комиссии', en: 'Committee session' },
  pseudonymNote: {
    kk: 'Өтініш берушілердің аты-жөні жарияланбайды: әр өтінім бүркеншік кодпен көрсетілген.',
    ru: 'Имена заявителей не публикуются: каждая заявка показана под псевдонимным кодом.',
    en: 'Applicants are never named: each application is shown by a pseudonymous code.',
  },
  dataTable: { kk: 'Диаграмманың деректері', ru: 'Данные диаграммы', en: 'The chart’s data' },
  pages: { kk: 'Беттер', ru: 'Страницы', en: 'Pages' },
  firstPage: { kk: 'Бірінші бет', ru: 'Первая страница', en: 'First page' },
  nextPage: { kk: 'Келесі бет', ru: 'Следующая страница', en: 'Next page' },
  allPlansHere: { kk: 'Осы аумақтың барлық жоспарлары', ru: 'Все планы этой территории', en: 'All plans of this territory' },
  allMeetingsHere: { kk: 'Осы аумақтың барлық жиналыстары', ru: 'Все собрания этой территории', en: 'All meetings in this territory' },
  noneYet: { kk: 'Әзірге жоқ', ru: 'Пока нет', en: 'None yet' },
  notFound: { kk: 'Бет табылмады', ru: 'Страница не найдена', en: 'Page not found' },
  notFoundDetail: { kk: 'Мұндай жазба жоқ немесе ол әлі жарияланбаған.', ru: 'Такой записи нет или она ещё не опубликована.', en: 'There is no such record, or it is not published yet.' },
  dataAsOf: { kk: 'Деректер журналдың {position}-позициясы бойынша', ru: 'Данные по состоянию на позицию журнала {position}', en: 'Data as of log position {position}' },
  noPersonalData: {
    kk: 'Бұл порталда жеке деректер жарияланбайды.',
    ru: 'На этом портале не публикуются персональные данные.',
    en: 'No personal data is published on this portal.',
  },
} as const satisfies Record<string, Entry>;

export type LabelKey = keyof typeof LABELS;

/** Labels of the codes the read models carry (levels, statuses, types). A code without a label is shown as is. */
export const CODE_LABELS: Record<string, Entry> = {
  REGION: { kk: 'Облыс', ru: 'Область', en: 'Region' },
  DISTRICT: { kk: 'Аудан', ru: 'Район', en: 'District' },
  CITY_REGIONAL: { kk: 'Облыстық маңызы бар қала', ru: 'Город областного значения', en: 'City of regional significance' },
  TOWN_DISTRICT: { kk: 'Аудандық маңызы бар қала', ru: 'Город районного значения', en: 'Town of district significance' },
  RURAL_OKRUG: { kk: 'Ауылдық округ', ru: 'Сельский округ', en: 'Rural okrug' },
  TOWNSHIP: { kk: 'Кент', ru: 'Посёлок', en: 'Township' },
  VILLAGE: { kk: 'Ауыл', ru: 'Село', en: 'Aul (village)' },
  PROBLEM_DISCUSSION: { kk: 'Мәселелерді талқылау', ru: 'Обсуждение проблем', en: 'Problem discussion' },
  FOCUS_GROUP: { kk: 'Фокус-топ', ru: 'Фокус-группа', en: 'Focus group' },
  PUBLIC_HEARING: { kk: 'Қоғамдық тыңдау', ru: 'Публичные слушания', en: 'Public hearing' },
  SEPARATE_GATHERING: { kk: 'Бөлек жиын', ru: 'Раздельный сход', en: 'Separate gathering' },
  GATHERING_SKHOD: { kk: 'Жергілікті қоғамдастық жиыны', ru: 'Сход местного сообщества', en: 'Gathering of the local community' },
  MEETING_SOBRANIE: { kk: 'Жергілікті қоғамдастық жиналысы', ru: 'Собрание местного сообщества', en: 'Meeting of the local community' },
  WORKING_GROUP: { kk: 'Жұмыс тобы', ru: 'Рабочая группа', en: 'Working group' },
  AKIM_REPORT: { kk: 'Әкімнің есебі', ru: 'Отчёт акима', en: 'Akim’s report' },
  DIALOGUE_PLATFORM: { kk: 'Диалог алаңы', ru: 'Диалоговая площадка', en: 'Dialogue platform' },
  CONFERENCE: { kk: 'Конференция', ru: 'Конференция', en: 'Conference' },
  SCHEDULED: { kk: 'Жоспарланған', ru: 'Запланировано', en: 'Scheduled' },
  NOTIFIED: { kk: 'Хабарланды', ru: 'Объявлено', en: 'Announced' },
  OPEN: { kk: 'Жүріп жатыр', ru: 'Идёт', en: 'In session' },
  ADJOURNED: { kk: 'Үзіліс', ru: 'Перерыв', en: 'Adjourned' },
  HELD: { kk: 'Өтті', ru: 'Состоялось', en: 'Held' },
  NO_QUORUM: { kk: 'Кворум болмады', ru: 'Нет кворума', en: 'No quorum' },
  CANCELLED: { kk: 'Болдырылмады', ru: 'Отменено', en: 'Cancelled' },
  ADOPTED: { kk: 'Қабылданды', ru: 'Принято', en: 'Adopted' },
  REJECTED: { kk: 'Қабылданбады', ru: 'Отклонено', en: 'Rejected' },
  DRAFT: { kk: 'Жоба', ru: 'Проект', en: 'Draft' },
  SUBMITTED: { kk: 'Бекітуге ұсынылды', ru: 'Внесён на утверждение', en: 'Submitted for approval' },
  APPROVED: { kk: 'Бекітілді', ru: 'Утверждён', en: 'Approved' },
  ACTIVE: { kk: 'Орындалуда', ru: 'Действует', en: 'Active' },
  CLOSED: { kk: 'Жабылды', ru: 'Закрыт', en: 'Closed' },
  SUPERSEDED: { kk: 'Ауыстырылды', ru: 'Заменён', en: 'Superseded' },
  PUBLISHED: { kk: 'Өтінім қабылдануда', ru: 'Приём заявок', en: 'Open for applications' },
  PARTIALLY_AWARDED: { kk: 'Ішінара берілді', ru: 'Частично присуждён', en: 'Partly awarded' },
  FULLY_AWARDED: { kk: 'Толық берілді', ru: 'Полностью присуждён', en: 'Fully awarded' },
  COMPLETED: { kk: 'Аяқталды', ru: 'Завершён', en: 'Completed' },
  INDIVIDUAL_ENTREPRENEUR: { kk: 'Жеке кәсіпкер', ru: 'Индивидуальный предприниматель', en: 'Individual entrepreneur' },
  POTENTIAL_ENTREPRENEUR: { kk: 'Әлеуетті кәсіпкер', ru: 'Потенциальный предприниматель', en: 'Potential entrepreneur' },
  SMALL_BUSINESS: { kk: 'Шағын бизнес', ru: 'Малый бизнес', en: 'Small business' },
  PEASANT_FARM: { kk: 'Шаруа қожалығы', ru: 'Крестьянское хозяйство', en: 'Peasant farm' },
  SUBMISSION: { kk: 'Бекітуге ұсыну', ru: 'Внесение на утверждение', en: 'Submission' },
  AMENDMENT: { kk: 'Түзету', ru: 'Поправка', en: 'Amendment' },
  PLANNED: { kk: 'Жоспарланған', ru: 'Запланировано', en: 'Planned' },
  IN_PROGRESS: { kk: 'Орындалуда', ru: 'Выполняется', en: 'In progress' },
  DONE: { kk: 'Орындалды', ru: 'Выполнено', en: 'Done' },
  DROPPED: { kk: 'Алынып тасталды', ru: 'Исключено', en: 'Dropped' },
  LOCAL_BUDGET: { kk: 'Жергілікті бюджет', ru: 'Местный бюджет', en: 'Local budget' },
  DISTRICT_BUDGET: { kk: 'Аудан бюджеті', ru: 'Районный бюджет', en: 'District budget' },
  AUYL_EL_BESIGI: { kk: '«Ауыл – Ел бесігі»', ru: '«Ауыл – Ел бесігі»', en: 'Auyl – El Besigi' },
  EU_PROJECT: { kk: 'ЕО жобасы', ru: 'Проект ЕС', en: 'EU project' },
  COMMUNITY: { kk: 'Қоғамдастық', ru: 'Сообщество', en: 'Community' },
  SPONSOR: { kk: 'Демеуші', ru: 'Спонсор', en: 'Sponsor' },
  OTHER: { kk: 'Басқа', ru: 'Другое', en: 'Other' },
  INFRASTRUCTURE: { kk: 'Инфрақұрылым', ru: 'Инфраструктура', en: 'Infrastructure' },
  WATER_SUPPLY: { kk: 'Сумен жабдықтау', ru: 'Водоснабжение', en: 'Water supply' },
  ROADS: { kk: 'Жолдар', ru: 'Дороги', en: 'Roads' },
  HEALTH: { kk: 'Денсаулық', ru: 'Здравоохранение', en: 'Health' },
  EDUCATION: { kk: 'Білім', ru: 'Образование', en: 'Education' },
  JOBS: { kk: 'Жұмыспен қамту', ru: 'Занятость', en: 'Jobs' },
  ENVIRONMENT: { kk: 'Қоршаған орта', ru: 'Окружающая среда', en: 'Environment' },
};

/** The language a request asks for: `?lang=` when it names one, else the first known one of Accept-Language, else Kazakh. */
export const chooseLang = (query: unknown, acceptLanguage?: string): Lang => {
  if (typeof query === 'string' && (PORTAL_LANGS as readonly string[]).includes(query)) return query as Lang;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().slice(0, 2).toLowerCase();
    if ((PORTAL_LANGS as readonly string[]).includes(tag)) return tag as Lang;
  }
  return PORTAL_LANGS[0];
};

/** A label in `lang`, with `{name}` placeholders filled in. */
export const label = (lang: Lang, key: LabelKey, values: Record<string, string | number> = {}): string =>
  LABELS[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

/** A code's label in `lang`, or the code itself. */
export const codeLabel = (lang: Lang, code: string): string => CODE_LABELS[code]?.[lang] ?? code;

const FALLBACK: Record<Lang, Lang[]> = { kk: ['kk', 'ru', 'en'], ru: ['ru', 'kk', 'en'], en: ['en', 'ru', 'kk'] };

/** A LocalizedText in `lang`, falling back to the other languages (Kazakh ↔ Russian first, then English). */
export const localized = (lang: Lang, text: LocalizedText | null | undefined): { text: string; lang: Lang } | null => {
  if (!text) return null;
  for (const l of FALLBACK[lang]) if (text[l]) return { text: text[l]!, lang: l };
  return null;
};
