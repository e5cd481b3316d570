import { describe, expect, it } from '@jest/globals';
import { type HomeData, homeView } from './portal.views.js';

const EMPTY: HomeData = { iatiLink: '/x/{programmeId}', portfolios: [], programmes: [], regions: [], plans: [], meetings: [], meetingsHeld: 0, calls: [], jobs: null, units: new Map() };
const text = (d: HomeData, lang: 'kk' | 'ru' | 'en' = 'en') => String(homeView(lang, d).body);

describe('Portal home', () => {
  it('says jobs are not recorded yet before any agreement reported them', () => {
    expect(text(EMPTY)).toContain('not recorded yet');
  });

  it('shows the jobs created by the grants: headcount, FTE, women and youth', () => {
    const page = text({ ...EMPTY, jobs: { headcount: 71, fte: '64.50', women: 33, youth: 24 } });
    expect(page).toMatch(/Jobs<strong>71<\/strong>full-time equivalent 64\.50; women 33; youth 24/);
    expect(page).not.toContain('not recorded yet');
    expect(text({ ...EMPTY, jobs: { headcount: 71, fte: '64.50', women: 33, youth: 24 } }, 'ru')).toContain('<strong>71</strong>');
  });
});
