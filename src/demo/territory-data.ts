/**
 * The pilot territory of DOMAIN.md 6.3: 3 regions, 5 districts and the 23 pilot auls, with their KATO codes (those
 * marked S are synthetic and format-valid) and the programme each belongs to. Villages below the okrugs are common
 * toponyms placed by invention. All populations are synthetic.
 */
export type PilotUnit = { key: string; ru: string; en: string; level: 'TOWNSHIP' | 'RURAL_OKRUG' | 'VILLAGE' | 'TOWN_DISTRICT'; district: string; kato: string; programme: 'GSE' | 'ABD' };

export const REGIONS = [
  { key: 'eko', ru: 'Восточно-Казахстанская область', en: 'East Kazakhstan region', kato: '630000000' },
  { key: 'karaganda', ru: 'Карагандинская область', en: 'Karaganda region', kato: '350000000' },
  { key: 'mangystau', ru: 'Мангистауская область', en: 'Mangystau region', kato: '470000000' },
] as const;

export const DISTRICTS = [
  { key: 'glubokoe', region: 'eko', ru: 'Глубоковский район', en: 'Glubokoe district', kato: '634000000' },
  { key: 'shemonaikha', region: 'eko', ru: 'Шемонаихинский район', en: 'Shemonaikha district', kato: '636800000' },
  { key: 'nura', region: 'karaganda', ru: 'Нуринский район', en: 'Nura district', kato: '355200000' },
  { key: 'munaily', region: 'mangystau', ru: 'Мунайлинский район', en: 'Munaily district', kato: '475000000' },
  { key: 'tupkaragan', region: 'mangystau', ru: 'Тупкараганский район', en: 'Tupkaragan district', kato: '475200000' },
] as const;

export const PILOT_UNITS: readonly PilotUnit[] = [
  { key: 'glubokoe-township', ru: 'п. Глубокое', en: 'Glubokoe', level: 'TOWNSHIP', district: 'glubokoe', kato: '634030100', programme: 'GSE' },
  { key: 'belousovka', ru: 'п. Белоусовка', en: 'Belousovka', level: 'TOWNSHIP', district: 'glubokoe', kato: '634037100', programme: 'GSE' },
  { key: 'kozhokhovo', ru: 'Кожоховский с.о.', en: 'Kozhokhovo', level: 'RURAL_OKRUG', district: 'glubokoe', kato: '634057100', programme: 'GSE' },
  { key: 'pervomaisky', ru: 'Первомайский с.о.', en: 'Pervomaisky', level: 'RURAL_OKRUG', district: 'shemonaikha', kato: '636841100', programme: 'GSE' },
  { key: 'volchanka', ru: 'Волчанский с.о.', en: 'Volchanka', level: 'RURAL_OKRUG', district: 'shemonaikha', kato: '636835100', programme: 'GSE' },
  { key: 'nura-township', ru: 'п. Нура (Киевка)', en: 'Nura', level: 'TOWNSHIP', district: 'nura', kato: '355230100', programme: 'GSE' },
  { key: 'akmeshit', ru: 'Акмешитский с.о.', en: 'Akmeshit', level: 'RURAL_OKRUG', district: 'nura', kato: '355233100', programme: 'GSE' },
  { key: 'izendy', ru: 'Изендинский с.о.', en: 'Izendy', level: 'RURAL_OKRUG', district: 'nura', kato: '355245100', programme: 'GSE' },
  { key: 'zharaspai', ru: 'Жараспайский с.о.', en: 'Zharaspai', level: 'RURAL_OKRUG', district: 'nura', kato: '355249100', programme: 'GSE' },
  { key: 'mynbayev', ru: 'с.о. им. Мынбаева', en: 'Mynbayev', level: 'RURAL_OKRUG', district: 'nura', kato: '355257100', programme: 'GSE' },
  { key: 'mangistau', ru: 'с. Мангистау', en: 'Mangistau', level: 'VILLAGE', district: 'munaily', kato: '475030100', programme: 'ABD' },
  { key: 'batyr', ru: 'с. Батыр', en: 'Batyr', level: 'VILLAGE', district: 'munaily', kato: '475042100', programme: 'ABD' },
  { key: 'bayandy', ru: 'с. Баянды', en: 'Bayandy', level: 'VILLAGE', district: 'munaily', kato: '475036100', programme: 'ABD' },
  { key: 'kyzyltobe', ru: 'с. Кызылтобе', en: 'Kyzyltobe', level: 'VILLAGE', district: 'munaily', kato: '475039100', programme: 'ABD' },
  { key: 'baskuduk', ru: 'с. Баскудук', en: 'Baskuduk', level: 'VILLAGE', district: 'munaily', kato: '475033100', programme: 'ABD' },
  { key: 'atameken', ru: 'с. Атамекен', en: 'Atameken', level: 'VILLAGE', district: 'munaily', kato: '475045100', programme: 'ABD' },
  { key: 'daulet', ru: 'с. Даулет', en: 'Daulet', level: 'VILLAGE', district: 'munaily', kato: '475048100', programme: 'ABD' },
  { key: 'fort-shevchenko', ru: 'г. Форт-Шевченко', en: 'Fort-Shevchenko', level: 'TOWN_DISTRICT', district: 'tupkaragan', kato: '475220100', programme: 'ABD' },
  { key: 'bautino', ru: 'с. Баутино', en: 'Bautino', level: 'VILLAGE', district: 'tupkaragan', kato: '475235100', programme: 'ABD' },
  { key: 'akshukur', ru: 'с. Акшукур', en: 'Akshukur', level: 'VILLAGE', district: 'tupkaragan', kato: '475233100', programme: 'ABD' },
  { key: 'saiyn-shapagat', ru: 'с. Сайын Шапагатов', en: 'Saiyn Shapagat', level: 'VILLAGE', district: 'tupkaragan', kato: '475239100', programme: 'ABD' },
  { key: 'taushyk', ru: 'с. Таушик', en: 'Taushyk', level: 'VILLAGE', district: 'tupkaragan', kato: '475243100', programme: 'ABD' },
  { key: 'kyzylozen', ru: 'с. Кызылозен', en: 'Kyzylozen', level: 'VILLAGE', district: 'tupkaragan', kato: '475247100', programme: 'ABD' },
];

/** Common toponyms used for the invented villages below each rural okrug. */
export const VILLAGE_NAMES = [
  ['Жанаталап', 'Zhanatalap'], ['Ақбұлақ', 'Akbulak'], ['Жаңаауыл', 'Zhanaauyl'], ['Қарабұлақ', 'Karabulak'], ['Көктерек', 'Kokterek'],
  ['Талдыбұлақ', 'Taldybulak'], ['Шұбаркөл', 'Shubarkol'], ['Ақсу', 'Aksu'], ['Қайнар', 'Kainar'], ['Береке', 'Bereke'],
  ['Ынтымақ', 'Yntymak'], ['Бірлік', 'Birlik'], ['Достық', 'Dostyk'], ['Көкжар', 'Kokzhar'], ['Жартас', 'Zhartas'],
] as const;

/** Synthetic first names and surnames for residents and applicants (common, and used without reference to anyone). */
export const FEMALE_NAMES = ['Айгерим', 'Гульнара', 'Динара', 'Жанар', 'Сауле', 'Айжан', 'Мадина', 'Асель', 'Назира', 'Ольга', 'Татьяна', 'Елена', 'Алия', 'Камила', 'Зарина'];
export const MALE_NAMES = ['Болат', 'Ерлан', 'Нурлан', 'Серик', 'Асхат', 'Данияр', 'Ержан', 'Марат', 'Канат', 'Сергей', 'Андрей', 'Виктор', 'Тимур', 'Руслан', 'Бауыржан'];
export const SURNAMES = ['Ахметов', 'Сериков', 'Жумабаев', 'Касымов', 'Нурланов', 'Омаров', 'Исаев', 'Бекова', 'Садыков', 'Тулегенов', 'Иванов', 'Петров', 'Кенжебаев', 'Абдрахманов', 'Есенов'];
