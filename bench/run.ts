/**
 * Runs one benchmark: `pnpm -s bench <name> [flags]` imports `bench/<name>.ts` and calls its
 * `main(args)` with the remaining arguments. A bench prints readable progress and ends stdout with
 * one line holding a JSON object of its figures.
 *
 * @example
 * // pnpm -s bench network --seconds 0.2 | tail -n 1 | jq .results
 */
import { existsSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"

/**
 * What a bench module exports.
 *
 * @example
 * // bench/example.ts
 * export const main = (args: string[]): void => console.log(JSON.stringify({ bench: "example", args }))
 */
export interface BenchModule {
  readonly main: (args: string[]) => void | Promise<void>
}

const benchDirectory = import.meta.dirname

/** The benches in this folder: every `<name>.ts` except this runner. */
const availableBenches = (): string[] =>
  readdirSync(benchDirectory)
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts") && file !== "run.ts")
    .map((file) => file.slice(0, -".ts".length))
    .sort()

const fail = (message: string): never => {
  console.error(`bench: ${message}`)
  process.exit(1)
}

const [name, ...args] = process.argv.slice(2)
const known = availableBenches()
const usage = `usage: pnpm -s bench <name> [flags]; available benches: ${known.join(", ") || "(none)"}`
if (name === undefined || name.startsWith("-")) fail(`no bench named; ${usage}`)
const benchName = name as string
if (!/^[\w-]+$/.test(benchName) || !known.includes(benchName) || !existsSync(join(benchDirectory, `${benchName}.ts`))) {
  fail(`there is no bench "${benchName}" (a bench is a bench/<name>.ts file exporting main); ${usage}`)
}
const loaded: Partial<BenchModule> = await import(pathToFileURL(join(benchDirectory, `${benchName}.ts`)).href)
if (typeof loaded.main !== "function") fail(`bench/${benchName}.ts exports no main(args: string[]) function`)
try {
  await (loaded as BenchModule).main(args)
} catch (error) {
  fail(`${benchName}: ${error instanceof Error ? error.message : String(error)}`)
}
