import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createStopSignal, loadExperimentFile, runStudy } from "@cosearch/engine"
import { openSqliteStore } from "@cosearch/store"
import { Effect } from "effect"

const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), "cosearch-")), "cosearch.db"))
const stop = createStopSignal()
const report = await Effect.runPromise(
  Effect.gen(function* () {
    const experiment = yield* loadExperimentFile("experiments/nb201-coral.json")
    return yield* runStudy(experiment, { store, workers: 2, trials: 40, stop, onEvent: (event) => console.log(event.kind) })
  }),
)
console.log(report.reason, report.counts)
await store.close()
