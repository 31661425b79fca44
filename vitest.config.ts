import { readdirSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

// One project per workspace package; tests import packages by name and resolve to their sources.
const sourceConditions = ["@cosearch/source", "import", "module", "node", "default"]
const project = (dir: string, name: string) => ({
  extends: true as const,
  test: { name, root: dir, include: ["test/**/*.test.ts"] },
})

const packages = ["packages", "apps"].flatMap((group) =>
  readdirSync(group, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => project(`${group}/${entry.name}`, entry.name)),
)

export default defineConfig({
  resolve: { conditions: sourceConditions },
  // Vitest also hands these to Node (`--conditions`) for the modules it does not transform; "import"
  // there would make a CommonJS `require` load a dependency's ESM build (pg's require("pg-pool")
  // got a module namespace, not its class). Vite adds "import" itself where a module imports.
  ssr: { resolve: { conditions: sourceConditions.filter((condition) => condition !== "import") } },
  test: {
    // "repo": the checks of the repository as a whole (test/: dependency rules).
    projects: [...packages, { extends: true as const, test: { name: "repo", root: ".", include: ["test/**/*.test.ts"] } }],
    testTimeout: 60_000,
    // A throwaway PostgreSQL server when none is given and its binaries are there (CI starts its own).
    globalSetup: [fileURLToPath(new URL("./test/postgres-global-setup.ts", import.meta.url))],
  },
})
