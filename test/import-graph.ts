import { readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"

/** A workspace package: its name, folder and the `@cosearch/*` packages its package.json depends on. */
export interface WorkspacePackage {
  readonly name: string
  readonly folder: string
  readonly dependsOn: readonly string[]
}

/** One import statement of a source file: the file, the line and what it names. */
export interface ImportEdge {
  readonly file: string
  readonly line: number
  readonly specifier: string
  /** The imported file when the specifier is relative. */
  readonly target: string | undefined
  /** `import type` / `export type`: gone at run time. */
  readonly typeOnly: boolean
}

/** The repository root (this file is in `test/`). */
export const repositoryRoot = resolve(import.meta.dirname, "..")

/** Every package under packages/ and apps/. */
export const workspacePackages = (): WorkspacePackage[] =>
  ["packages", "apps"].flatMap((group) =>
    readdirSync(join(repositoryRoot, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => {
        const folder = join(repositoryRoot, group, entry.name)
        const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as {
          name: string
          dependencies?: Record<string, string>
          devDependencies?: Record<string, string>
        }
        // An app bundles the workspace packages it imports into its build (apps/cli/scripts/bundle.mjs),
        // so it names them among its devDependencies; a package's devDependencies serve its tests only.
        const declared = { ...manifest.dependencies, ...(group === "apps" ? manifest.devDependencies : {}) }
        return {
          name: manifest.name,
          folder,
          dependsOn: Object.keys(declared).filter((name) => name.startsWith("@cosearch/")),
        }
      }),
  )

const sourceFiles = (folder: string): string[] =>
  readdirSync(folder).flatMap((name) => {
    const path = join(folder, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : []
  })

// `import ... from "x"`, `export ... from "x"` (type-only ones too: a type import is a dependency
// of the design even if it vanishes at run time) and `import("x")`.
const importPattern = /(?:^|\n)\s*(?:import|export)\b[^"'`;]*?\bfrom\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g

/** The imports of every source file under a package's `src/`. */
export const sourceImports = (pkg: WorkspacePackage): ImportEdge[] => {
  const src = join(pkg.folder, "src")
  const edges: ImportEdge[] = []
  for (const file of sourceFiles(src)) {
    const text = readFileSync(file, "utf8")
    for (const match of text.matchAll(importPattern)) {
      const specifier = match[1] ?? match[2] ?? ""
      const at = (match.index ?? 0) + match[0].indexOf(specifier)
      const line = text.slice(0, at).split("\n").length
      const target = specifier.startsWith(".") ? resolve(dirname(file), specifier.replace(/\.js$/, ".ts")) : undefined
      const typeOnly = /^\s*(?:import|export)\s+type\b/.test(match[0])
      edges.push({ file, line, specifier, target, typeOnly })
    }
  }
  return edges
}

/** The concept folder of a file: the first folder under `src/` (`.` for files directly in it). */
export const conceptOf = (pkg: WorkspacePackage, file: string): string => {
  const path = relative(join(pkg.folder, "src"), file).split("/")
  return path.length > 1 ? (path[0] as string) : "."
}

/** The strongly connected groups of more than one node of a directed graph (Tarjan). */
export const circles = (graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] => {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const nodes = new Set([...graph.keys(), ...[...graph.values()].flatMap((targets) => [...targets])])
  const visit = (node: string): void => {
    index.set(node, counter)
    low.set(node, counter)
    counter++
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number))
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) as number, index.get(next) as number))
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = []
      let member: string
      do {
        member = stack.pop() as string
        onStack.delete(member)
        group.push(member)
      } while (member !== node)
      if (group.length > 1) found.push(group.sort())
    }
  }
  for (const node of [...nodes].sort()) if (!index.has(node)) visit(node)
  return found
}
