// Writes the calibrated Cortex-A53 preset (packages/accelerator/src/cpu/sd450-calibration.ts,
// preset `cortex-a53-sd450`) from a calibrated accelerator file. From the repository root:
//   pnpm -s cosearch calibrate --measurements packages/cost/data/cortex-a53/nb201-a53.csv.gz \
//     --template cpu --preset packages/cost/data/cortex-a53/sd450.json --out a53.json
//   node --import tsx packages/cost/data/cortex-a53/write-preset.ts a53.json
import { readFileSync, writeFileSync } from "node:fs"

const path = process.argv[2]
if (path === undefined) throw new Error("usage: write-preset.ts <calibrated.json>")
const { calibration, ...accelerator } = JSON.parse(readFileSync(path, "utf8"))
const test = calibration.test
const source = `import type { CpuAccelerator } from "./accelerator.js"

/**
 * The Cortex-A53 of a Snapdragon 450 (preset \`cortex-a53-sd450\`), its latency constants fitted
 * to the int8 latencies BRP-NAS's LatBench measured on it for NAS-Bench-201 networks (Dudziak et
 * al., NeurIPS 2020; CIFAR-10, the rows with index % 5 != 0 that LatBench's training split holds)
 * by \`cosearch calibrate --template cpu\`, starting from packages/cost/data/cortex-a53/sd450.json,
 * written by packages/cost/data/cortex-a53/write-preset.ts (see its header).
 * Validation split (index % 5 == 1, not fitted): Kendall tau ${test.kendallTau.toFixed(4)}, Spearman ${test.spearman.toFixed(4)},
 * MAPE ${(100 * test.mape).toFixed(2)} %, ${(100 * test.within10).toFixed(1)} % within ±10 %.
 * Fitted: ${calibration.fitted.join(", ")}.
 * The rest (NAS-Bench-201 has no depthwise layer; its one classifier is absorbed by the inference
 * overhead) keep sd450.json's values. packages/cost/test/cpu-calibration.test.ts refits and fails
 * when these values are stale.
 *
 * @example
 * sd450Calibration.efficiency.conv
 */
export const sd450Calibration: CpuAccelerator = ${JSON.stringify({ ...accelerator, name: "cortex-a53-sd450" }, null, 2)}
`
writeFileSync(new URL("../../../accelerator/src/cpu/sd450-calibration.ts", import.meta.url), source)
console.log("wrote packages/accelerator/src/cpu/sd450-calibration.ts")
