import { createRandom, genomeToConfiguration, type Space } from "@cosearch/space"
import { type ScreenSettings, screenedStrategy } from "../screen/screened-strategy.js"
import type { Strategy } from "../strategy/strategy.js"
import { genomeKey, type TrialRecord, toRecord } from "../trial/record.js"
import type { Direction, Trial, TrialProposal } from "../trial/trial.js"

/**
 * The one interface of every optimizer: `ask(n)` returns `n` proposals (configurations to
 * evaluate, each with the name of what proposed it), `tell` takes finished trials (their state,
 * objective values, constraint values, parameters and origin; see `Trial`).
 *
 * The state is a function of (settings, seed, the ordered told history): a new optimizer with the
 * same settings told the same history in one call asks what the uninterrupted one would have
 * asked. Proposals handed out but never told are forgotten by such a rebuild.
 *
 * @example
 * const optimizer = createAgingEvolution(space, { directions: ["maximize"], seed: 1 })
 * for (let round = 0; round < 10; round++) {
 *   const proposals = optimizer.ask(4)
 *   const first = optimizer.history.length
 *   optimizer.tell(proposals.map((p, k) => finishedTrial(first + k, p, complete([evaluate(p.params)]))))
 * }
 */
export interface Optimizer {
  readonly name: string
  readonly space: Space
  readonly directions: readonly Direction[]
  /** The told trials, in order. */
  readonly history: readonly Trial[]
  readonly ask: (n?: number) => TrialProposal[]
  readonly tell: (trials: readonly Trial[]) => void
}

/**
 * What every optimizer's settings hold.
 *
 * @example
 * const common: CommonSettings = { directions: ["maximize", "minimize"], seed: "study-3" }
 */
export interface CommonSettings {
  /** One per objective (default `["minimize"]`). */
  readonly directions?: readonly Direction[]
  /** The seed of every random choice (default 0). */
  readonly seed?: string | number
  /** Surrogate screening: propose many candidates, evaluate only those the predictor ranks best (see `screenedStrategy`). */
  readonly screen?: ScreenSettings
}

/**
 * Wraps a strategy in the ask/tell interface: keeps the history, normalizes told trials, seeds
 * each ask from (seed, trial number) and keeps duplicates out of the asks; with `screen`, the
 * strategy's proposals are screened by a predictor first.
 *
 * @example
 * const optimizer = createOptimizer(space, randomStrategy(), { seed: 3 })
 */
export const createOptimizer = (space: Space, innerStrategy: Strategy, settings: CommonSettings = {}): Optimizer => {
  const strategy = settings.screen === undefined ? innerStrategy : screenedStrategy(innerStrategy, settings.screen)
  const directions = settings.directions ?? ["minimize"]
  if (directions.length === 0) throw new RangeError("an optimizer needs at least one direction")
  const seed = String(settings.seed ?? 0)
  const history: Trial[] = []
  const records: TrialRecord[] = []
  const told = new Set<string>()
  const pending = new Map<string, number>()
  let asked = 0

  const ask = (n = 1): TrialProposal[] => {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`ask takes a whole number of proposals, got ${n}`)
    const index = Math.max(asked, records.length)
    asked = index + n
    const batch = new Set<string>()
    const isTakenKey = (key: string): boolean => told.has(key) || pending.has(key) || batch.has(key)
    const claim = (genome: Float64Array, force = false): boolean => {
      const key = genomeKey(genome)
      if (!force && isTakenKey(key)) return false
      batch.add(key)
      return true
    }
    const proposals = strategy.propose(n, {
      space,
      directions,
      records,
      index,
      rng: createRandom(`${seed}|${index}`),
      derive: (label) => createRandom(`${seed}|${index}|${label}`),
      isTaken: (genome) => isTakenKey(genomeKey(genome)),
      claim,
    })
    return proposals.map(({ genome, origin }) => {
      const key = genomeKey(genome)
      pending.set(key, (pending.get(key) ?? 0) + 1)
      return { params: genomeToConfiguration(space, genome), origin: origin ?? strategy.name }
    })
  }

  const tell = (trials: readonly Trial[]): void => {
    // Normalize first, so that a malformed trial leaves the state untouched.
    const added = trials.map((trial, offset) => toRecord(space, directions, trial, records.length + offset))
    for (const [offset, record] of added.entries()) {
      history.push(trials[offset] as Trial)
      records.push(record)
      told.add(record.key)
      const waiting = pending.get(record.key)
      if (waiting === 1) pending.delete(record.key)
      else if (waiting !== undefined) pending.set(record.key, waiting - 1)
    }
  }

  return { name: strategy.name, space, directions, history, ask, tell }
}
