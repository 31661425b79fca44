import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import type { Trial } from "@cosearch/optimize"
import { openSqliteStore } from "@cosearch/store"

/** The repository root, where tests start the CLI. */
export const repoRoot = resolve(import.meta.dirname, "../../..")

/** The engine's test evaluators (plain .mjs modules). */
export const evaluatorFixtures = join(repoRoot, "packages/engine/test/fixtures")

/** A fresh temporary folder. */
export const freshFolder = (): string => mkdtempSync(join(tmpdir(), "cosearch-cli-"))

/** Writes an experiment over nb201 evaluated by one of the engine's fixture modules; returns its path. */
export const writeExperiment = (folder: string, fields: Record<string, unknown> = {}): string => {
  const path = join(folder, `${String(fields.name ?? "study")}.json`)
  const experiment = {
    name: "study",
    space: "nb201",
    evaluator: { kind: "module", module: join(evaluatorFixtures, "score.mjs") },
    objectives: [{ metric: "score", direction: "maximize" }],
    optimizer: { name: "evolution", population: 16, sampleSize: 4, batch: 8 },
    budget: { trials: 40 },
    seed: 11,
    ...fields,
  }
  writeFileSync(path, JSON.stringify(experiment, null, 2))
  return path
}

/**
 * A CLI child process (as `pnpm cosearch` runs it): its handle, the `trial N` log lines seen so
 * far, and its exit.
 */
export interface CliChild {
  readonly child: ChildProcess
  readonly trialLines: () => number
  readonly stderr: () => string
  readonly exited: Promise<number | null>
}

/** Starts `cosearch <args>` in a child process from the repository root. */
export const spawnCli = (args: readonly string[]): CliChild => {
  const child = spawn(process.execPath, ["--conditions=@cosearch/source", "--import", "tsx", "apps/cli/src/bin.ts", ...args], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let stderr = ""
  let lines = 0
  child.stdout?.resume()
  child.stderr?.on("data", (chunk: Buffer) => {
    const text = chunk.toString("utf8")
    stderr += text
    lines += text.split("\n").filter((line) => /^trial \d+/.test(line)).length
  })
  const exited = new Promise<number | null>((done) => child.on("exit", (code, signal) => done(signal === null ? code : null)))
  return { child, trialLines: () => lines, stderr: () => stderr, exited }
}

/** Resolves once `check` holds (polled every 10 ms) or the child exits. */
export const until = async (running: CliChild, check: () => boolean): Promise<void> => {
  let exited = false
  void running.exited.then(() => {
    exited = true
  })
  while (!exited && !check()) await new Promise((done) => setTimeout(done, 10))
}

/** A study's trials and the database's integrity check. */
export const readStudy = async (database: string, study: string): Promise<{ trials: Trial[]; integrity: string }> => {
  const store = openSqliteStore(database, { mustExist: true })
  const found = await store.findStudy(study)
  const trials = found === undefined ? [] : await store.trials(found.id)
  const integrity = store.integrityCheck()
  await store.close()
  return { trials, integrity }
}
