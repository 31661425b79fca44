import type { CpuAccelerator } from "./accelerator.js"

/**
 * The Cortex-A53 of a Snapdragon 450 (preset `cortex-a53-sd450`), its latency constants fitted
 * to the int8 latencies BRP-NAS's LatBench measured on it for NAS-Bench-201 networks (Dudziak et
 * al., NeurIPS 2020; CIFAR-10, the rows with index % 5 != 0 that LatBench's training split holds)
 * by `cosearch calibrate --template cpu`, starting from packages/cost/data/cortex-a53/sd450.json,
 * written by packages/cost/data/cortex-a53/write-preset.ts (see its header).
 * Validation split (index % 5 == 1, not fitted): Kendall tau 0.9281, Spearman 0.9652,
 * MAPE 5.33 %, 96.7 % within ±10 %.
 * Fitted: inferenceOverheadSeconds, layerOverheadSeconds, efficiency.conv, efficiency.pointwise, efficiency.pool, efficiency.eltwise.
 * The rest (NAS-Bench-201 has no depthwise layer; its one classifier is absorbed by the inference
 * overhead) keep sd450.json's values. packages/cost/test/cpu-calibration.test.ts refits and fails
 * when these values are stale.
 *
 * @example
 * sd450Calibration.efficiency.conv
 */
export const sd450Calibration: CpuAccelerator = {
  kind: "cpu",
  name: "cortex-a53-sd450",
  cores: 8,
  clockHz: 1800000000,
  simdBytes: 16,
  precision: "int8",
  l1Bytes: 32768,
  l2Bytes: 1048576,
  dramBytesPerSecond: 4000000000,
  efficiency: {
    conv: 0.016213725039500842,
    pointwise: 0.004216429292184894,
    depthwise: 0.1,
    fc: 0.15,
    pool: 0.0029771968973564466,
    eltwise: 0.0019170639370411668,
  },
  layerOverheadSeconds: 0,
  inferenceOverheadSeconds: 0.002689974271201596,
  energyPerOpPj: 4.675,
  dramEnergyPjPerByte: 60,
  staticPowerW: 0.2,
}
