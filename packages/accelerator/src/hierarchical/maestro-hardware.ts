import type { AcceleratorFileRead } from "../template/template.js"
import type { HierarchicalAccelerator, StorageLevel } from "./accelerator.js"
import { maestro256Pe } from "./presets.js"

/** The keys of a MAESTRO hardware file; `num_pes` is required, an absent constraint is no bound. */
const maestroHardwareKeys = ["num_pes", "l1_size_cstr", "l2_size_cstr", "noc_bw_cstr", "offchip_bw_cstr"] as const
type MaestroHardwareKey = (typeof maestroHardwareKeys)[number]

/** The largest divisor of `n` not above its square root: the rows of the squarest array of `n` PEs. */
const squarestRows = (n: number): number => {
  for (let d = Math.floor(Math.sqrt(n)); d > 1; d--) if (n % d === 0) return d
  return 1
}

/** `level` with the given bound, or without it when the file gives none. */
const bounded = (level: StorageLevel, field: "capacityBytes" | "bandwidthBytesPerCycle", value: number | undefined): StorageLevel => {
  const { [field]: _dropped, ...rest } = level
  return (value === undefined ? rest : { ...rest, [field]: value }) as StorageLevel
}

/**
 * Reads a MAESTRO hardware file (`key: value` lines: `num_pes`, `l1_size_cstr`, `l2_size_cstr`,
 * `noc_bw_cstr`, `offchip_bw_cstr`; `//` comments) into a hierarchical accelerator on the
 * `maestro-256pe` pattern: DRAM with the off-chip bandwidth, a shared L2 of `l2_size_cstr` bytes fed
 * at the NoC bandwidth, a per-PE L1 of `l1_size_cstr` bytes, 1-byte elements, double buffering and
 * MAESTRO's relative energies. MAESTRO's PEs are a flat count; they are laid out as the squarest
 * array (256 as 16x16). A constraint the file leaves out is no bound. Errors name the line and key.
 *
 * @example
 * const read = readMaestroHardware("num_pes: 256\nl1_size_cstr: 100\nl2_size_cstr: 3000\nnoc_bw_cstr: 1000\noffchip_bw_cstr: 50\n")
 * if (read.ok) console.log(read.accelerator.array) // { x: 16, y: 16, macsPerPe: 1 }
 */
export const readMaestroHardware = (text: string): AcceleratorFileRead<HierarchicalAccelerator> => {
  const values = new Map<MaestroHardwareKey, number>()
  const given = new Set<string>()
  const errors: string[] = []
  text.split("\n").forEach((raw, index) => {
    const line = index + 1
    const content = raw.replace(/\/\/.*$/, "").trim()
    if (content === "") return
    const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)$/.exec(content)
    if (match === null) {
      errors.push(`line ${line}: expected "key: value", got ${JSON.stringify(content)}`)
      return
    }
    const [, key = "", value = ""] = match
    const repeated = given.has(key)
    given.add(key)
    if (!(maestroHardwareKeys as readonly string[]).includes(key)) {
      errors.push(`line ${line}: ${key}: not a MAESTRO hardware key (${maestroHardwareKeys.join(", ")})`)
    } else if (repeated) {
      errors.push(`line ${line}: ${key}: given twice`)
    } else if (!/^\d+$/.test(value) || Number(value) < 1) {
      errors.push(`line ${line}: ${key}: expected a positive whole number, got ${JSON.stringify(value)}`)
    } else {
      values.set(key as MaestroHardwareKey, Number(value))
    }
  })
  const pes = values.get("num_pes")
  if (!given.has("num_pes")) errors.push("num_pes: missing")
  if (errors.length > 0 || pes === undefined) return { ok: false, errors }
  const [dram, l2, l1] = maestro256Pe.levels as readonly [StorageLevel, StorageLevel, StorageLevel]
  const rows = squarestRows(pes)
  return {
    ok: true,
    accelerator: {
      ...maestro256Pe,
      name: "maestro-hardware",
      array: { ...maestro256Pe.array, x: pes / rows, y: rows },
      levels: [
        bounded(dram, "bandwidthBytesPerCycle", values.get("offchip_bw_cstr")),
        bounded(bounded(l2, "capacityBytes", values.get("l2_size_cstr")), "bandwidthBytesPerCycle", values.get("noc_bw_cstr")),
        bounded(l1, "capacityBytes", values.get("l1_size_cstr")),
      ],
    },
  }
}

/**
 * Writes a hierarchical accelerator as a MAESTRO hardware file, when it has MAESTRO's shape: an
 * off-chip DRAM, one shared L2 and one per-PE L1, one MAC per PE and 1-byte elements (what
 * `readMaestroHardware` reads back to the same sizes and bandwidths). Anything else is refused,
 * naming what MAESTRO cannot describe.
 *
 * @example
 * const written = maestroHardwareText(maestro256Pe)
 * if (written.ok) writeFileSync("hw.m", written.text) // num_pes: 256, l1_size_cstr: 100, ...
 */
export const maestroHardwareText = (
  accelerator: HierarchicalAccelerator,
): { readonly ok: true; readonly text: string } | { readonly ok: false; readonly errors: readonly string[] } => {
  const errors: string[] = []
  const [dram, l2, l1, ...more] = accelerator.levels
  if (dram?.offChip !== true || l2?.scope !== "shared" || l1?.scope !== "pe" || more.length > 0) {
    errors.push(
      `levels: MAESTRO describes an off-chip DRAM, one shared L2 and one per-PE L1; "${accelerator.name}" has ${accelerator.levels.map((level) => `${level.name} (${level.offChip === true ? "off-chip" : level.scope})`).join(", ")}`,
    )
  }
  if (accelerator.array.macsPerPe !== 1) errors.push(`array.macsPerPe: MAESTRO's PEs do one MAC each, got ${accelerator.array.macsPerPe}`)
  if (accelerator.bytesPerElement !== 1) {
    errors.push(`bytesPerElement: MAESTRO's sizes count elements, written here for 1-byte elements, got ${accelerator.bytesPerElement}`)
  }
  if (errors.length > 0) return { ok: false, errors }
  const lines = [`num_pes: ${accelerator.array.x * accelerator.array.y}`]
  const add = (key: MaestroHardwareKey, value: number | undefined): void => {
    if (value !== undefined) lines.push(`${key}: ${value}`)
  }
  add("l1_size_cstr", l1?.capacityBytes)
  add("l2_size_cstr", l2?.capacityBytes)
  add("noc_bw_cstr", l2?.bandwidthBytesPerCycle)
  add("offchip_bw_cstr", dram?.bandwidthBytesPerCycle)
  return { ok: true, text: `${lines.join("\n")}\n` }
}
