import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { TrialResult } from "@cosearch/optimize"
import { createRandom } from "@cosearch/space"
import { openSqliteStore, type SqliteStudyStore } from "@cosearch/store"

/** A fresh database file in a temporary folder. */
export const freshDatabase = (): string => join(mkdtempSync(join(tmpdir(), "cosearch-report-")), "study.db")

/**
 * A synthetic two-objective study of `trials` trials in `store`: parameters `x` in [0, 1] (what
 * drives both objectives), `noise` in [0, 1] (nothing), `shape` in {a, b, c}; objectives
 * `accuracy` (maximize, `x` plus a little noise) and `latencyMs` (minimize, `x²` plus a little
 * noise: a trade-off); constraint `areaMm2 <= 8` broken by about a fifth; every 17th trial fails, every 23rd is
 * reported infeasible with values.
 */
export const writeSyntheticStudy = async (store: SqliteStudyStore, name: string, trials: number, seed = 1): Promise<void> => {
  const random = createRandom(seed)
  const study = await store.createStudy({
    name,
    config: { name, space: "synthetic" },
    configHash: `hash-${name}`,
    space: "synthetic",
    objectives: [
      { metric: "accuracy", direction: "maximize" },
      { metric: "latencyMs", direction: "minimize" },
    ],
    constraints: [{ metric: "areaMm2", max: 8 }],
    seed: String(seed),
  })
  const proposals = Array.from({ length: trials }, () => ({
    params: { x: random(), noise: random(), shape: ["a", "b", "c"][Math.floor(random() * 3)] as string },
    origin: "synthetic",
  }))
  await store.addTrials(study.id, 0, proposals)
  for (let n = 0; n < trials; n++) {
    const trial = await store.claimTrial(study.id, "w", n)
    if (trial === undefined) throw new Error(`trial ${n} could not be claimed`)
    const x = trial.params.x as number
    const accuracy = 60 + 30 * x + 2 * random()
    const latencyMs = 0.2 + 3 * x ** 2 + 0.3 * random()
    const area = 10 * random()
    const result: TrialResult =
      n % 17 === 16
        ? { state: "failed", error: "synthetic failure" }
        : n % 23 === 22
          ? { state: "infeasible", values: [accuracy, latencyMs], constraints: [area - 8] }
          : { state: "complete", values: [accuracy, latencyMs], constraints: [area - 8], metrics: { accuracy, latencyMs, areaMm2: area } }
    await store.finishTrial(study.id, trial.number, "w", result, n + 1)
  }
}

/** A new database holding one synthetic study (see `writeSyntheticStudy`). */
export const syntheticDatabase = async (name: string, trials: number): Promise<string> => {
  const path = freshDatabase()
  const store = openSqliteStore(path)
  await writeSyntheticStudy(store, name, trials)
  await store.close()
  return path
}
