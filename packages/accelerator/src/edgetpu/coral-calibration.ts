import type { EdgeTpuConstants } from "./accelerator.js"

/**
 * The Coral calibration: the template's constants fitted to the Coral Edge TPU latencies of
 * NAS-Bench-201 (BRP-NAS LatBench, CIFAR-10 networks, rows with index % 5 != 0), produced by
 *
 *   pnpm -s cosearch calibrate --measurements packages/cost/data/coral/nb201-coral.csv.gz \
 *     --template edgetpu --preset coral --out coral.json
 *
 * and copied here from coral.json. Held out (index % 5 == 0): Kendall tau 0.8778, Spearman
 * 0.9773, MAPE 4.95 %. NAS-Bench-201 has no depthwise layer, so the depthwise
 * constants and those the fit does not touch keep their defaults. packages/cost/test/edgetpu-calibration.test.ts
 * refits and fails when these values are stale.
 *
 * @example
 * coralCalibration.efficiency.conv
 */
export const coralCalibration: EdgeTpuConstants = {
  layerOverheadCycles: {
    conv: 953.0786280092303,
    depthwise: 100,
    fc: 0,
    pool: 0,
    eltwise: 0,
  },
  efficiency: {
    conv: 0.4720522080517599,
    depthwise: 0.25,
    fc: 1,
    pool: 0.007319437080305195,
    eltwise: 0.0024010967487412844,
  },
  inferenceOverheadSeconds: 0.00047816471236261974,
  peMemoryBytesPerCycle: 64,
  ioEfficiency: 0.8,
  instructionsPerLayer: 32,
}
