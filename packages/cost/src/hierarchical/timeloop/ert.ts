import { type TimeloopSource, type YamlNode, YamlReader } from "./yaml-read.js"

/**
 * Accelergy's energy per action of one component, pJ per action (a storage action moves one
 * vector: `width` bits), as its energy reference table (ERT) gives them: `read`, `write`,
 * `update`, `leak` for storage, `compute` for arithmetic. Actions the table does not give are absent.
 *
 * @example
 * const glb: TimeloopActionEnergies = { read: 43.353054, write: 30.878292, update: 30.878292, leak: 0.007972 }
 */
export interface TimeloopActionEnergies {
  readonly read?: number
  readonly write?: number
  readonly update?: number
  readonly leak?: number
  readonly compute?: number
}

/**
 * An Accelergy energy reference table: the action energies of each component, by the component's
 * name without its path and instance range (`System_top_level.GlobalBuffer[1..16]` is `GlobalBuffer`).
 *
 * @example
 * const ert: TimeloopErt = new Map([["MACC", { compute: 0.845 }]])
 */
export type TimeloopErt = ReadonlyMap<string, TimeloopActionEnergies>

const actions = ["read", "write", "update", "leak", "compute"] as const

/** A component's name without its path and instance range: `sys.PE[0..3].RF[1..16]` → `RF`. @internal */
export const baseName = (name: string): string => {
  const last =
    name
      .replace(/\[[^\]]*\]/g, "")
      .split(".")
      .pop() ?? name
  return last.trim()
}

/**
 * Reads an Accelergy ERT: the summary Timeloop writes (`ERT_summary.table_summary[]` with
 * `actions[].energy`) or the full table (`ERT.tables[]`, `actions[]` with `energy`, the first
 * entry of an action counted when it has several argument sets). Errors name the line and key.
 * @internal
 */
export const readErtInto = (source: TimeloopSource, errors: string[], warnings: string[]): TimeloopErt => {
  const reader = new YamlReader(source, errors)
  const table = new Map<string, TimeloopActionEnergies>()
  const root = reader.root
  if (root === undefined) return table
  const summary = reader.field(root, "ERT_summary")
  const full = reader.field(root, "ERT")
  const top = summary ?? full
  if (top === undefined) {
    reader.error(root, "expected an Accelergy energy table: ERT_summary (table_summary) or ERT (tables)")
    return table
  }
  const entries = summary !== undefined ? reader.field(summary, "table_summary") : reader.field(top, "tables")
  if (entries === undefined) {
    reader.error(reader.child(top, summary !== undefined ? "table_summary" : "tables"), "missing")
    return table
  }
  for (const entry of reader.items(entries)) {
    const name = reader.string(reader.field(entry, "name"), entry, "name")
    const energies: { -readonly [action in keyof TimeloopActionEnergies]: number } = {}
    const seen = new Set<string>()
    for (const action of reader.items(reader.field(entry, "actions"))) {
      const actionName = reader.string(reader.field(action, "name"), action, "name")
      if (actionName === undefined || !(actions as readonly string[]).includes(actionName)) continue
      const energyNode: YamlNode | undefined = reader.field(action, "energy")
      if (energyNode === undefined) {
        reader.error(reader.child(action, "energy"), "missing")
        continue
      }
      const energy = reader.nonNegative(energyNode, "an energy in pJ (a number >= 0)")
      if (energy === undefined) continue
      if (seen.has(actionName)) {
        warnings.push(
          `${name ?? "?"}: action ${actionName} has several entries; the first (${energies[actionName as keyof TimeloopActionEnergies]} pJ) is used`,
        )
        continue
      }
      seen.add(actionName)
      energies[actionName as keyof TimeloopActionEnergies] = energy
    }
    if (name !== undefined) table.set(baseName(name), energies)
  }
  return table
}
