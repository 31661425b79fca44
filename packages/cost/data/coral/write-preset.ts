// Writes the Coral preset's constants (packages/accelerator/src/edgetpu/coral-calibration.ts) from
// a calibrated accelerator file. From the repository root:
//   pnpm -s cosearch calibrate --measurements packages/cost/data/coral/nb201-coral.csv.gz \
//     --template edgetpu --preset coral --out coral.json
//   node --import tsx packages/cost/data/coral/write-preset.ts coral.json
import { readFileSync, writeFileSync } from "node:fs"

const path = process.argv[2]
if (path === undefined) throw new Error("usage: write-preset.ts <calibrated.json>")
const document = JSON.parse(readFileSync(path, "utf8"))
const test = document.calibration.test
const source = `import type { EdgeTpuConstants } from "./accelerator.js"

/**
 * The Coral calibration: the template's constants fitted to the Coral Edge TPU latencies of
 * NAS-Bench-201 (BRP-NAS LatBench, CIFAR-10 networks, rows with index % 5 != 0) by
 * \`cosearch calibrate\`, written by packages/cost/data/coral/write-preset.ts (see its header).
 * Held out (index % 5 == 0): Kendall tau ${test.kendallTau.toFixed(4)}, Spearman ${test.spearman.toFixed(4)}, MAPE ${(100 * test.mape).toFixed(2)} %.
 * NAS-Bench-201 has no depthwise layer, so the depthwise constants, like those the fit does not
 * touch, keep their defaults. packages/cost/test/edgetpu-calibration.test.ts refits and fails
 * when these values are stale.
 *
 * @example
 * coralCalibration.efficiency.conv
 */
export const coralCalibration: EdgeTpuConstants = ${JSON.stringify(document.constants, null, 2)}
`
writeFileSync(new URL("../../../accelerator/src/edgetpu/coral-calibration.ts", import.meta.url), source)
console.log("wrote packages/accelerator/src/edgetpu/coral-calibration.ts")
