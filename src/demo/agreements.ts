import type { Prng } from './deterministic.js';
import { demoId } from './deterministic.js';
import type { ScenarioPort } from './scenario.js';

/** An award of the scenario, as the agreements part needs it. */
export type DemoAward = { applicationId: string; amount: number; committee: string };

const kzt = (major: number) => ({ amountMinor: (BigInt(major) * 100n).toString(), currency: 'KZT' });
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const addMonths = (date: string, months: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};
/** The demo's small NBK-style rate table (synthetic): about 370 KZT/EUR in 2017 rising to about 430 by the end of 2019. */
const fx = (rateDate: string) => {
  const months = (Number(rateDate.slice(0, 4)) - 2017) * 12 + Number(rateDate.slice(5, 7)) - 1;
  return { rate: (370 + Math.min(60, months * 1.7)).toFixed(2), base: 'EUR', quote: 'KZT', source: 'NBK', rateDate };
};

/**
 * The 33 grant agreements of DOMAIN.md 6.5: prepared and signed 10–20 days after the committee; 21 by bank transfer
 * (tranches 70/30, the second after the purchase report is accepted) and 12 in kind (equipment bought by the project);
 * monitoring visits at months 3, 6 and 12 with jobs reported (71 in all: 33 women, 24 young people); one agreement
 * suspended for a late report and resumed; one terminated in month 8 (business closed) with KZT 300,000 recovered;
 * the others closed after their final report.
 */
export async function agreementsScenario(api: ScenarioPort, awards: readonly DemoAward[], rng: Prng): Promise<void> {
  const post = api.post;
  const at = (id: string, what: string) => `/grant-agreements/${id}${what}`;
  // Jobs per agreement: 71 headcount over 31 operating businesses (the terminated one had 1 and closed; one more stopped).
  const jobs = spread(71, awards.length, rng);
  const women = spread(33, awards.length, rng).map((w, i) => Math.min(w, jobs[i]!));
  const youth = spread(24, awards.length, rng).map((y, i) => Math.min(y, jobs[i]!));
  const suspended = 4;
  const terminated = 9;
  const stopped = 20;
  for (const [i, a] of awards.entries()) {
    const agreementId = demoId(`agreement:${a.applicationId}`);
    const inKind = countInKind(awards.length, i);
    const signedOn = addDays(a.committee, 10 + (i % 11));
    api.at(`${signedOn}T04:00:00.000Z`);
    const first = Math.round((a.amount * 0.7) / 1000) * 1000;
    await post('/grant-agreements', {
      agreementId, applicationId: a.applicationId, amount: kzt(a.amount), mode: inKind ? 'IN_KIND' : 'BANK_TRANSFER',
      tranches: [
        { n: 1, amount: kzt(first), condition: 'NONE', dueDate: addDays(signedOn, 7) },
        { n: 2, amount: kzt(a.amount - first), condition: 'PURCHASE_PROVEN', dueDate: addMonths(signedOn, 3) },
      ],
    });
    await post(at(agreementId, '/signature'), { signedOn, fx: fx(signedOn) });
    await api.settle(); // the grants ledger reactor records the commitment
    const pay = async (n: number, amount: number, on: string) => {
      api.at(`${on}T05:00:00.000Z`);
      if (inKind) {
        await post(at(agreementId, '/in-kind-deliveries'), {
          deliveryId: `delivery-${n}`, trancheN: n, items: [{ description: n === 1 ? 'Main equipment' : 'Tools and materials', quantity: 1, value: kzt(amount) }],
          deliveredOn: on, procurementRef: `PO-${on.slice(0, 4)}-${String(i + 1).padStart(2, '0')}-${n}`, fx: fx(on),
        });
      } else {
        await post(at(agreementId, '/disbursements'), { paymentId: `pay-${n}`, trancheN: n, amount: kzt(amount), paidOn: on, bankRef: `KZ-PP-${on.slice(0, 4)}-${String(i + 1).padStart(3, '0')}-${n}`, fx: fx(on) });
      }
      await api.settle(); // the grants ledger reactor records the disbursement
    };
    await pay(1, first, addDays(signedOn, 5));
    const m3 = addMonths(signedOn, 3);
    api.at(`${addDays(m3, -10)}T05:00:00.000Z`);
    await post(at(agreementId, '/reports'), { reportId: 'purchase-1', kind: 'PURCHASE', trancheN: 1, summary: 'Equipment bought and installed; invoices attached' });
    await post(at(agreementId, '/reports/purchase-1/acceptance'), {});
    if (i === suspended) {
      await post(at(agreementId, '/suspension'), { reason: 'Quarterly report late' });
      api.at(`${addDays(m3, -3)}T05:00:00.000Z`);
      await post(at(agreementId, '/resumption'), { reason: 'Report received' });
    }
    await pay(2, a.amount - first, addDays(m3, -2));
    api.at(`${m3}T06:00:00.000Z`);
    await post(at(agreementId, '/monitoring-visits'), { month: 3, visitedOn: m3, operating: true });
    const m6 = addMonths(signedOn, 6);
    api.at(`${m6}T06:00:00.000Z`);
    await post(at(agreementId, '/monitoring-visits'), { month: 6, visitedOn: m6, operating: true });
    const headcount = jobs[i]!;
    await post(at(agreementId, '/jobs'), { asOf: m6, headcount, fte: fte(headcount), women: women[i]!, youth: youth[i]! });
    if (i === terminated) {
      const m8 = addMonths(signedOn, 8);
      api.at(`${m8}T06:00:00.000Z`);
      await post(at(agreementId, '/termination'), { reason: 'Business closed in month 8' });
      await post(at(agreementId, '/recovery-request'), { amount: kzt(300_000) });
      api.at(`${addDays(m8, 30)}T06:00:00.000Z`);
      await post(at(agreementId, '/recoveries'), { receiptId: 'recovery-1', amount: kzt(300_000), receivedOn: addDays(m8, 30) });
      await post(at(agreementId, '/closure'), {});
      continue;
    }
    const m12 = addMonths(signedOn, 12);
    api.at(`${m12}T06:00:00.000Z`);
    await post(at(agreementId, '/monitoring-visits'), { month: 12, visitedOn: m12, operating: i !== stopped, ...(i === stopped ? { notes: 'The workshop stopped in month 11' } : {}) });
    await post(at(agreementId, '/reports'), { reportId: 'final', kind: 'FINAL', summary: 'Twelve months after signature' });
    await post(at(agreementId, '/reports/final/acceptance'), {});
    await post(at(agreementId, '/closure'), {});
  }
  await api.settle();
}

/** Whether award `i` is one of the 12 in kind (of 33): every third from the second, and a few more to make 12. */
function countInKind(total: number, i: number): boolean {
  return total === 33 ? i % 3 === 1 || i === 2 : i % 3 === 1;
}

/** `total` spread over `n` parts of at least 1 (when total ≥ n), deterministic. */
function spread(total: number, n: number, rng: Prng): number[] {
  const parts = Array.from({ length: n }, () => Math.floor(total / n));
  for (let left = total - parts.reduce((s, p) => s + p, 0); left > 0; left--) parts[rng.int(0, n - 1)]!++;
  return parts;
}

/** Full-time equivalents: one part-timer in every business of more than one person. */
const fte = (headcount: number) => (headcount > 1 ? (headcount - 0.5).toFixed(1) : String(headcount));
