import { Effect } from "effect"
import { Piscina } from "piscina"
import type { Evaluation } from "../evaluators/evaluator.js"
import type { EvaluationTask, PoolWorkerData } from "./evaluation-task.js"

/**
 * Evaluates tasks on worker threads.
 *
 * @example
 * const evaluation = yield* pool.evaluate({ study: "s", number: 0, configuration }, signal)
 */
export interface EvaluationPool {
  readonly threads: number
  readonly evaluate: (task: EvaluationTask, signal: AbortSignal) => Promise<Evaluation>
}

/**
 * The worker file next to this module, and how to start it: the compiled `worker.js` when the
 * engine itself runs compiled, else `worker.ts` through tsx (Node 20 cannot load TypeScript
 * workers by itself).
 */
const workerEntry = (): { readonly filename: string; readonly execArgv: string[] } => {
  const fromSource = import.meta.url.endsWith(".ts")
  const filename = new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url).href
  return { filename, execArgv: fromSource ? ["--conditions=@cosearch/source", "--import", "tsx"] : [] }
}

/**
 * A Piscina pool of `threads` workers for one study, closed when the scope closes. A worker that
 * dies (an evaluator calling `process.exit`, a crash) rejects its task and is replaced.
 *
 * @example
 * const pool = yield* makeEvaluationPool({ evaluator: { kind: "nb201-table" }, space: "nb201", baseDirectory: "." }, 2)
 */
export const makeEvaluationPool = (data: PoolWorkerData, threads: number) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const { filename, execArgv } = workerEntry()
      const piscina = new Piscina<EvaluationTask, Evaluation>({
        filename,
        execArgv,
        workerData: data,
        minThreads: threads,
        maxThreads: threads,
        idleTimeout: Number.POSITIVE_INFINITY,
        concurrentTasksPerWorker: 1,
      })
      const pool: EvaluationPool = { threads, evaluate: (task, signal) => piscina.run(task, { signal }) }
      return { pool, piscina }
    }),
    ({ piscina }) => Effect.promise(() => piscina.destroy()),
  ).pipe(Effect.map(({ pool }) => pool))
