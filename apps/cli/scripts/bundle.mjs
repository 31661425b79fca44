// Builds the installable `cosearch` package: the CLI and the engine's pool worker bundled with the
// workspace packages (read from their TypeScript sources) into bundle/js/, the data files they read
// at run time into bundle/data/, and the repository's LICENSE beside package.json. Third-party
// packages stay outside the bundle, as the package's dependencies: native add-ons (better-sqlite3,
// @resvg/resvg-js), packages that find their own files at run time (piscina's worker wrapper,
// echarts' browser build) and the rest, installed by npm from the registry.
//
// Run by `pnpm --filter @cosearch/cli bundle` and before `pnpm pack` (prepack).
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { build } from "esbuild"

const cli = dirname(dirname(fileURLToPath(import.meta.url)))
const root = join(cli, "../..")
const packages = join(root, "packages")
const manifestOf = (folder) => JSON.parse(readFileSync(join(folder, "package.json"), "utf8"))

// Every third-party dependency of a bundled workspace package must be one of the CLI's own, at
// the same version: it is not in the bundle, so npm has to install it beside it.
const cliManifest = manifestOf(cli)
const external = Object.keys(cliManifest.dependencies).filter((name) => !name.startsWith("@cosearch/"))
const mismatches = readdirSync(packages).flatMap((name) =>
  Object.entries(manifestOf(join(packages, name)).dependencies ?? {})
    .filter(([dependency]) => !dependency.startsWith("@cosearch/"))
    .filter(([dependency, version]) => cliManifest.dependencies[dependency] !== version)
    .map(
      ([dependency, version]) =>
        `packages/${name} depends on ${dependency}@${version}, apps/cli/package.json has ${cliManifest.dependencies[dependency] ?? "nothing"}`,
    ),
)
if (mismatches.length > 0) {
  console.error(`apps/cli/package.json "dependencies" must list the bundled packages' own:\n  ${mismatches.join("\n  ")}`)
  process.exit(1)
}

const out = join(cli, "bundle")
rmSync(out, { recursive: true, force: true })
await build({
  // bin.js keeps the source's `#!/usr/bin/env node`; the pool loads ./worker.js beside it.
  entryPoints: { bin: join(cli, "src/bin.ts"), worker: join(packages, "engine/src/pool/worker.ts") },
  outdir: join(out, "js"),
  bundle: true,
  splitting: true,
  // Chunks beside the entry points: every module of the bundle then sits one folder below the
  // package's root, as it does under src/ and dist/, so `new URL("../data/...", import.meta.url)`
  // (nb201TableFile in @cosearch/network) finds bundle/data/.
  chunkNames: "[name]-[hash]",
  format: "esm",
  platform: "node",
  target: "node20",
  conditions: ["@cosearch/source"],
  external,
  logLevel: "warning",
})
mkdirSync(join(out, "data"), { recursive: true })
copyFileSync(join(packages, "network/data/nb201.csv.gz"), join(out, "data/nb201.csv.gz"))
copyFileSync(join(root, "LICENSE"), join(cli, "LICENSE"))
console.log(`bundled ${cliManifest.name} ${cliManifest.version} into ${out}`)
