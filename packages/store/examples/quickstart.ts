import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { paretoFront } from "@cosearch/optimize"
import { openSqliteStore } from "@cosearch/store"

const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), "cosearch-")), "cosearch.db"))
const study =
  (await store.findStudy("toy")) ??
  (await store.createStudy({
    name: "toy",
    config: {},
    configHash: "none",
    space: "nb201",
    objectives: [{ metric: "latencyMs", direction: "minimize" }],
    constraints: [],
    seed: "0",
  }))
await store.addTrials(study.id, 0, [{ params: { x: 1 }, origin: "hand" }])
const trial = await store.claimTrial(study.id, "my-host:42:run:0", Date.now())
if (trial) await store.finishTrial(study.id, trial.number, "my-host:42:run:0", { state: "complete", values: [1.5] }, Date.now())
console.log(paretoFront(["minimize"], await store.trials(study.id)))
await store.close()
