import { spawn } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { connectStore } from "@cosearch/store"

const root = join(import.meta.dirname, "../..")
const evaluators = join(import.meta.dirname, "../evaluators")

/** One worker process: `cosearch worker` as `pnpm cosearch` runs it. */
const startWorker = (args: readonly string[]): { exited: Promise<number | null>; stderr: () => string } => {
  const child = spawn(process.execPath, ["--conditions=@cosearch/source", "--import", "tsx", "apps/cli/src/bin.ts", "worker", ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "ignore", "pipe"],
  })
  let stderr = ""
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8")
  })
  return { exited: new Promise((done) => child.on("exit", (code) => done(code))), stderr: () => stderr }
}

/** Its process of a worker id (`host:pid:run:lane`). */
const processOf = (worker: string): string => worker.split(":").slice(0, 3).join(":")

/**
 * The throughput of `processes` worker processes (one pool worker each) sharing a `trials`-trial
 * study in `url` on an evaluator sleeping `sleepMs` a trial: trials finished per second from the
 * moment every process had finished its first trial (its start-up over: the process, its pool
 * thread, the evaluator loaded) to the last trial's end, by the trials' own end times and workers in
 * the store. Random search in batches of 64, so that waits for a batch to be planned are rare.
 */
export const workerProcessThroughput = async (url: string, processes: number, trials: number, sleepMs: number): Promise<number> => {
  const folder = mkdtempSync(join(tmpdir(), "cosearch-bench-workers-"))
  const experiment = join(folder, "scaling.json")
  writeFileSync(
    experiment,
    JSON.stringify({
      name: "scaling",
      space: "nb201",
      evaluator: { kind: "module", module: join(evaluators, "sleep.mjs"), options: { ms: sleepMs } },
      objectives: [{ metric: "score", direction: "maximize" }],
      optimizer: { name: "random", batch: 64 },
      budget: { trials },
      seed: 3,
    }),
  )
  try {
    const workers = Array.from({ length: processes }, () => startWorker(["--storage", url, "--config", experiment, "--workers", "1"]))
    const codes = await Promise.all(workers.map((worker) => worker.exited))
    const failed = codes.findIndex((code) => code !== 0)
    if (failed >= 0) throw new Error(`worker ${failed} exited ${codes[failed]}:\n${workers[failed]?.stderr()}`)
    const store = await connectStore(url, { readOnly: true })
    try {
      const study = await store.findStudy("scaling")
      if (study === undefined) throw new Error("the scaling study was not created")
      const finished = (await store.trials(study.id)).filter((trial) => trial.finishedAt !== undefined && trial.worker !== undefined)
      const firstEnds = new Map<string, number>()
      for (const trial of finished) {
        const key = processOf(trial.worker as string)
        firstEnds.set(key, Math.min(firstEnds.get(key) ?? Number.POSITIVE_INFINITY, trial.finishedAt as number))
      }
      if (firstEnds.size !== processes)
        throw new Error(`${firstEnds.size} of ${processes} worker processes ran trials; raise --process-trials`)
      const allStarted = Math.max(...firstEnds.values())
      const ends = finished.map((trial) => trial.finishedAt as number).filter((end) => end > allStarted)
      if (ends.length < 2) throw new Error(`too few trials ended after every worker had started (${ends.length}); raise --process-trials`)
      return ends.length / ((Math.max(...ends) - allStarted) / 1000)
    } finally {
      await store.close()
    }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
