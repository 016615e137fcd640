/**
 * What `storage.contract.ts` imports from 'vitest', for running it inside workerd: `describe`/`it`/hooks
 * register the tests (the Node side runs them one by one), and `expect` is vitest's own (`@vitest/expect` on
 * chai), so the contract's assertions mean exactly what they mean under vitest.
 */
import { chai, GLOBAL_EXPECT, JestAsymmetricMatchers, JestChaiExpect, JestExtend, setState } from '@vitest/expect';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

/** Thrown by `ctx.skip()`: the test does not apply to this adapter (the Node side marks it skipped). */
export class Skipped extends Error {}
/** The part of vitest's test context the contracts use. */
export const testContext = { skip: (): never => { throw new Skipped('skipped'); } };

type Fn = (ctx: typeof testContext) => unknown;
export interface RegisteredTest {
  name: string;
  fn: Fn;
  before: Fn[];
  after: Fn[];
}

export const registeredTests: RegisteredTest[] = [];
const scopes: Array<{ name: string; before: Fn[]; after: Fn[] }> = [];

export function describe(name: string, body: () => void): void {
  scopes.push({ name, before: [], after: [] });
  try {
    body();
  } finally {
    scopes.pop();
  }
}
export function it(name: string, fn: Fn): void {
  registeredTests.push({
    name: [...scopes.map((s) => s.name), name].join(' > '),
    fn,
    before: scopes.flatMap((s) => s.before),
    after: scopes.flatMap((s) => s.after).reverse(),
  });
}
export const test = it;
export function beforeEach(fn: Fn): void {
  scopes.at(-1)!.before.push(fn);
}
export function afterEach(fn: Fn): void {
  scopes.at(-1)!.after.push(fn);
}

export const expect = ((value: unknown, message?: string) => chai.expect(value, message)) as unknown as typeof import('vitest').expect;
(globalThis as Record<symbol, unknown>)[GLOBAL_EXPECT] = expect;
setState({ assertionCalls: 0, isExpectingAssertions: false, expectedAssertionsNumber: null }, expect);
