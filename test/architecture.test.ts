import { relative } from "node:path"
import { describe, expect, it } from "vitest"
import { circles, conceptOf, repositoryRoot, sourceImports, workspacePackages } from "./import-graph.js"

/**
 * The dependency rules of docs/architecture.md, checked on every source file: packages import
 * only the workspace packages their package.json names, the packages' graph has no circle, no
 * file reaches into another package by a relative path, and inside a package the concept folders
 * (`src/<concept>/`) do not depend on one another in a circle (type imports count: they are part
 * of the design) nor do the files at run time (`import type` left out: it loads nothing).
 */
const packages = workspacePackages()

describe("the dependency rules", () => {
  it("lets each package import only the workspace packages its package.json depends on", () => {
    const undeclared: string[] = []
    for (const pkg of packages)
      for (const edge of sourceImports(pkg)) {
        const imported = edge.specifier.match(/^@cosearch\/[^/]+/)?.[0]
        if (imported !== undefined && imported !== pkg.name && !pkg.dependsOn.includes(imported))
          undeclared.push(`${relative(repositoryRoot, edge.file)}:${edge.line} imports ${imported}, not in ${pkg.name}'s dependencies`)
      }
    expect(undeclared).toEqual([])
  })

  it("keeps the packages' dependency graph free of circles", () => {
    const graph = new Map(packages.map((pkg) => [pkg.name, new Set(pkg.dependsOn)]))
    expect(circles(graph)).toEqual([])
  })

  it("never reaches into another package's files by a relative path", () => {
    const escapes = packages.flatMap((pkg) =>
      sourceImports(pkg)
        .filter((edge) => edge.target !== undefined && relative(pkg.folder, edge.target).startsWith(".."))
        .map((edge) => `${relative(repositoryRoot, edge.file)}:${edge.line} imports ${edge.specifier}`),
    )
    expect(escapes).toEqual([])
  })

  it("has no run-time import circle between the files of a package", () => {
    const found = packages.flatMap((pkg) => {
      const graph = new Map<string, Set<string>>()
      for (const edge of sourceImports(pkg)) {
        if (edge.target === undefined || edge.typeOnly) continue
        const from = relative(pkg.folder, edge.file)
        const targets = graph.get(from) ?? new Set<string>()
        targets.add(relative(pkg.folder, edge.target))
        graph.set(from, targets)
      }
      return circles(graph).map((group) => `${pkg.name}: ${group.join(" -> ")}`)
    })
    expect(found).toEqual([])
  })

  it.each(packages.map((pkg) => [pkg.name, pkg] as const))("has no import circle between the concept folders of %s", (_name, pkg) => {
    const graph = new Map<string, Set<string>>()
    for (const edge of sourceImports(pkg)) {
      if (edge.target === undefined) continue
      const from = conceptOf(pkg, edge.file)
      const to = conceptOf(pkg, edge.target)
      if (from === to) continue
      const targets = graph.get(from) ?? new Set<string>()
      targets.add(to)
      graph.set(from, targets)
    }
    expect(circles(graph)).toEqual([])
  })
})
