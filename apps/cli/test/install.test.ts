import { execFileSync, spawnSync } from "node:child_process"
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { dirname, join, resolve } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type CliRun, runInProcess } from "./run-cli.js"

/**
 * The package a user installs: `pnpm pack` of apps/cli (its prepack bundles the CLI), installed
 * with `npm install -g --prefix` into a temp folder, its dependencies from the npm registry (or
 * npm's cache), then run as `<prefix>/bin/cosearch` from another temp folder, the user's working
 * directory, with relative paths. The slowest test of the CLI (~30-60 s, most of it npm).
 *
 * better-sqlite3's install script looks for a prebuilt add-on before compiling its sources (over a
 * minute on two cores); this test hands it the add-on the workspace already compiled from the same
 * version, packed the way its prebuilds are, so npm installs everything else for real.
 */
const cli = resolve(import.meta.dirname, "..")
const repo = resolve(cli, "../..")
const manifest = JSON.parse(readFileSync(join(cli, "package.json"), "utf8")) as { name: string; version: string }

let work = ""
let prefix = ""
let user = ""

/** The workspace's compiled better-sqlite3 as prebuild-install's local prebuild: `<dir>/<name>-v<version>-node-v<abi>-<platform>-<arch>.tar.gz`. */
const localPrebuild = (dir: string): string => {
  const packageJson = createRequire(join(repo, "packages/store/package.json")).resolve("better-sqlite3/package.json")
  const { version } = JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`
  mkdirSync(dir, { recursive: true })
  execFileSync("tar", ["-czf", join(dir, name), "-C", dirname(packageJson), "build/Release/better_sqlite3.node"])
  return dir
}

const cosearch = (args: readonly string[]): CliRun => {
  const child = spawnSync(join(prefix, "bin/cosearch"), args, { cwd: user, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } })
  return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr }
}

/** What a trial found, without when and where it ran (`best --json`). */
const outcomes = (json: string): unknown[] =>
  (JSON.parse(json) as Record<string, unknown>[]).map(({ number, state, params, values, constraints, metrics }) => ({
    number,
    state,
    params,
    values,
    constraints,
    metrics,
  }))

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "cosearch-install-"))
  prefix = join(work, "prefix")
  user = join(work, "user")
  mkdirSync(user)
  execFileSync("pnpm", ["pack", "--pack-destination", work], { cwd: cli, stdio: "pipe" })
  const tarball = readdirSync(work).find((name) => name.endsWith(".tgz"))
  if (tarball === undefined) throw new Error(`pnpm pack left no .tgz in ${work}`)
  execFileSync("npm", ["install", "-g", "--prefix", prefix, "--no-audit", "--no-fund", "--prefer-offline", join(work, tarball)], {
    stdio: "pipe",
    env: {
      ...process.env,
      npm_config_nodedir: process.env.npm_config_nodedir ?? "/usr",
      npm_config_better_sqlite3_local_prebuilds: localPrebuild(join(work, "prebuilds")),
    },
  })
}, 300_000)

afterAll(() => {
  if (work !== "") rmSync(work, { recursive: true, force: true })
}, 120_000)

describe("the installed cosearch", () => {
  it("puts a cosearch command in the prefix's bin that reports the package's version", () => {
    const run = cosearch(["--version"])
    expect(run.stderr).toBe("")
    expect(run.stdout.trim()).toBe(manifest.version)
  })

  it("ships the licence and no sources", () => {
    const installed = join(prefix, "lib/node_modules", manifest.name)
    expect(readFileSync(join(installed, "LICENSE"), "utf8")).toBe(readFileSync(join(repo, "LICENSE"), "utf8"))
    expect(existsSync(join(installed, "src"))).toBe(false)
  })

  it("samples a space as the sources do", async () => {
    const args = ["space", "sample", "nb201", "--n", "5", "--seed", "7", "--json"]
    const installed = cosearch(args)
    expect(installed.code).toBe(0)
    expect(installed.stdout.trim()).toBe((await runInProcess(args)).stdout.trim())
  })

  it("runs an experiment in the user's directory: relative experiment and database paths, worker threads, a report", async () => {
    mkdirSync(join(user, "experiments"))
    copyFileSync(join(repo, "experiments/quickstart.json"), join(user, "experiments/quick.json"))
    const run = cosearch(["run", "experiments/quick.json", "--db", "studies.db", "--trials", "16", "--workers", "2"])
    expect(run.stderr).not.toMatch(/error/i)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Pareto front of "quickstart"')
    expect(existsSync(join(user, "studies.db"))).toBe(true)

    // The same 16 trials from the sources, in one thread: the same front.
    const sourceDb = join(work, "source.db")
    expect((await runInProcess(["run", join(user, "experiments/quick.json"), "--db", sourceDb, "--trials", "16"])).code).toBe(0)
    const front = cosearch(["best", "quickstart", "--db", "studies.db", "--json"])
    expect(front.code).toBe(0)
    expect(outcomes(front.stdout)).toEqual(outcomes((await runInProcess(["best", "quickstart", "--db", sourceDb, "--json"])).stdout))

    // The report inlines echarts' browser build, found among the installed package's dependencies.
    const report = cosearch(["report", "quickstart", "--db", "studies.db", "--out", "report.html"])
    expect(report.code).toBe(0)
    const echarts = readFileSync(createRequire(join(repo, "packages/report/package.json")).resolve("echarts/dist/echarts.min.js"), "utf8")
    expect(readFileSync(join(user, "report.html"), "utf8")).toContain(echarts.slice(0, 2000))
  })
})
