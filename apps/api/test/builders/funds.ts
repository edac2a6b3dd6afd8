// Funds of a test's own, set up through the API as an officer does.
import type { App } from '../../src/app.js';
import type { TestApp } from '../support/app.js';
import { Client } from '../support/client.js';
import { addDays } from '../support/time.js';

/** The weights of the criteria of a test fund: those of the Communities Fund (PRODUCT.md section 5). */
export const TEST_WEIGHTS = [30, 20, 15, 15, 10, 10] as const;

/** A fund as the API shows it (the parts the tests read). */
export interface FundView {
  id: string;
  name: string;
  code: string;
  description: string;
  potPence: number;
  capPence: number;
  opensAt: string;
  closesAt: string;
  deliveryStartsOn: string;
  deliveryEndsOn: string;
  minAssessors: number;
  moderationThreshold: number;
  scoresDueOn: string | null;
  published: boolean;
  rulesLocked: boolean;
  status: string;
  priorities: { id: string; name: string }[];
  criteria: { id: string; title: string; description: string; weight: number; guidance: string[] }[];
}

let fundCodes = 0;
/** A fund code no other fund of the test run uses: QA, QB, … QZ, QAA, … */
export function nextFundCode(): string {
  let n = fundCodes++;
  let letters = '';
  do {
    letters = String.fromCharCode(65 + (n % 26)) + letters;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return `Q${letters}`;
}

/**
 * A valid fund set-up (the FundBody of the shared contract): open now by `now`, published, a £100,000
 * pot and £10,000 cap unless told, six criteria weighted like the Communities Fund's, and a
 * delivery period that the answers of `completeSectionData` fit.
 */
export function fundBody(
  now: Date,
  priorityIds: string[],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const today = now.toISOString().slice(0, 10);
  const code = nextFundCode();
  return {
    name: `Test Fund ${code}`,
    code,
    description: 'A fund set up by a test, with its own pot, cap and criteria.',
    potPence: 10_000_000,
    capPence: 1_000_000,
    opensAt: new Date(now.getTime() - 86_400_000).toISOString(),
    closesAt: new Date(now.getTime() + 90 * 86_400_000).toISOString(),
    deliveryStartsOn: today,
    deliveryEndsOn: addDays(today, 730),
    minAssessors: 1,
    moderationThreshold: 2,
    published: true,
    priorityIds,
    criteria: TEST_WEIGHTS.map((weight, index) => ({
      title: `Criterion ${index + 1}`,
      description: `What criterion ${index + 1} looks for.`,
      weight,
      guidance: [0, 1, 2, 3, 4, 5].map((score) => `Score ${score} on criterion ${index + 1}`),
    })),
    ...overrides,
  };
}

/** The ids of the priorities (the demo's reference data), in the council's order. */
export async function priorityIdsOf(app: App): Promise<string[]> {
  const reference = (await new Client(app).get('/api/reference')).json() as { priorities: { id: string }[] };
  return reference.priorities.map((p) => p.id);
}

/** Creates a fund through the API as the officer (fails the test unless created) and returns it. */
export async function createFund(
  t: TestApp,
  officer: Client,
  overrides: Record<string, unknown> = {},
): Promise<FundView> {
  const body = fundBody(t.clock.now(), await priorityIdsOf(t.app), overrides);
  const response = await officer.post('/api/funds', body);
  if (response.statusCode !== 201) throw new Error(`Could not create a fund: ${response.body}`);
  return response.json() as FundView;
}
