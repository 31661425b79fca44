import { createHash } from "node:crypto"
import { readFileSync, writeFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { signatureGroups } from "./signature/evaluations.js"

/**
 * The cost signature: 5,000 evaluations across every accelerator kind, systems and the engine's
 * evaluators (signature/evaluations.ts), hashed 100 lines at a time. The fixture was written by
 * the code before the "one way in" refactor (issue 16); a refactor that changes any double of
 * any evaluation changes a hash. `COSEARCH_WRITE_SIGNATURE=1` rewrites the fixture, which only a
 * deliberate change of the cost model may do (say so in its commit).
 */
const fixturePath = new URL("./fixtures/signature.json", import.meta.url)
const CHUNK = 100

const hashes = (lines: readonly string[]): string[] => {
  const out: string[] = []
  for (let at = 0; at < lines.length; at += CHUNK)
    out.push(
      createHash("sha256")
        .update(lines.slice(at, at + CHUNK).join("\n"))
        .digest("hex")
        .slice(0, 32),
    )
  return out
}

describe("the cost signature", () => {
  it("gives every one of 5,000 evaluations, bit for bit, as the fixture records", async () => {
    const groups = await signatureGroups()
    const signature = Object.fromEntries(
      groups.map((group) => [group.name, { evaluations: group.lines.length, hashes: hashes(group.lines) }]),
    )
    const total = groups.reduce((sum, group) => sum + group.lines.length, 0)
    expect(total).toBe(5000)
    if (process.env.COSEARCH_WRITE_SIGNATURE === "1") writeFileSync(fixturePath, `${JSON.stringify(signature, null, 2)}\n`)
    const fixture = JSON.parse(readFileSync(fixturePath, "utf8")) as typeof signature
    for (const group of groups) {
      const expected = fixture[group.name]
      expect(expected, `group ${group.name} is in the fixture`).toBeDefined()
      const mismatched = signature[group.name]?.hashes.flatMap((hash, chunk) =>
        hash === expected?.hashes[chunk] ? [] : [`evaluations ${chunk * CHUNK}-${chunk * CHUNK + CHUNK - 1}`],
      )
      expect(mismatched, `group ${group.name}`).toEqual([])
      expect(signature[group.name]?.evaluations).toBe(expected?.evaluations)
    }
    expect(Object.keys(fixture).sort()).toEqual(groups.map((group) => group.name).sort())
  }, 180_000)
})
