// Run from the repository root:
//   node --conditions=@cosearch/source --import tsx packages/optimize/examples/quickstart.ts
import {
  bestTrial,
  complete,
  createAgingEvolution,
  createGpBo,
  createNsga2,
  createP3bo,
  failed,
  finishedTrial,
  infeasible,
  paretoFront,
  runOptimization,
  type TrialResult,
} from "@cosearch/optimize"
import { type Configuration, categorical, defineSpace, ordinal } from "@cosearch/space"

// A toy accelerator: PE array, buffer and dataflow; a made-up latency and area.
const peCounts = [4, 8, 16, 32, 64]
const buffers = [32, 64, 128, 256, 512, 1024]
const parameters = [
  ordinal("pe_x", peCounts),
  ordinal("pe_y", peCounts),
  ordinal("glb_kib", buffers),
  categorical("dataflow", ["ws", "os", "rs"]),
]
const space = defineSpace({ name: "toy-accelerator", parameters })
const model = (config: Configuration) => {
  const pes = (config.pe_x as number) * (config.pe_y as number)
  const reuse = { ws: 1, os: 0.8, rs: 0.7 }[config.dataflow as "ws" | "os" | "rs"]
  const latency = 1e6 / pes + (4e4 * reuse) / Math.sqrt(config.glb_kib as number)
  const area = pes * 0.01 + (config.glb_kib as number) * 0.02
  return { latency, area }
}

// Minimize latency subject to area <= 12 mm^2; a 64 x 64 array does not even place and route.
const evaluate = (config: Configuration): TrialResult => {
  if (config.pe_x === 64 && config.pe_y === 64) return failed("place and route ran out of memory")
  const { latency, area } = model(config)
  return complete([latency], [area - 12])
}

// The ask/tell loop, by hand: ask a batch, evaluate, tell.
const gp = createGpBo(space, { directions: ["minimize"], seed: 1 })
for (let round = 0; round < 10; round++) {
  const proposals = gp.ask(3) // three configurations, kept apart by the kriging believer
  const first = gp.history.length // trials are numbered in the order asked
  gp.tell(proposals.map((proposal, k) => finishedTrial(first + k, proposal, evaluate(proposal.params))))
}
console.log("GP-BO best:", bestTrial(["minimize"], gp.history)?.params)

// A study resumes from its history: the rebuilt optimizer asks what the original would have.
const resumed = createGpBo(space, { directions: ["minimize"], seed: 1 })
resumed.tell(gp.history)
console.log("resumed asks the same:", JSON.stringify(resumed.ask(2)) === JSON.stringify(gp.ask(2)))

// The loop for scripts, with an ensemble sharing its budget among its members.
const p3bo = createP3bo(space, { directions: ["minimize"], seed: 2 })
runOptimization(p3bo, evaluate, { budget: 40 })
const perMember = new Map<string, number>()
for (const trial of p3bo.history) perMember.set(trial.origin, (perMember.get(trial.origin) ?? 0) + 1)
console.log("P3BO trials per member:", Object.fromEntries(perMember))

// Two objectives: latency and area, NSGA-II; the evaluator may also just say "infeasible".
const nsga2 = createNsga2(space, { directions: ["minimize", "minimize"], seed: 3, population: 20 })
runOptimization(nsga2, (config) => (config.glb_kib === 1024 ? infeasible() : complete([model(config).latency, model(config).area])), {
  budget: 100,
})
console.log("Pareto front size:", paretoFront(["minimize", "minimize"], nsga2.history).length)

// Warm start: a tighter area budget, starting from the first study's trials.
const tighter = (config: Configuration): TrialResult => complete([model(config).latency], [model(config).area - 8])
const warm = createAgingEvolution(space, { directions: ["minimize"], seed: 4, warmStart: { trials: gp.history } })
runOptimization(warm, tighter, { budget: 30 })
console.log("warm-started evolution best under 8 mm^2:", bestTrial(["minimize"], warm.history)?.params)
