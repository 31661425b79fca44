import type { StudyEvent } from "@cosearch/engine"
import { terminalSafe } from "../cli/terminal-safe.js"

const duration = (seconds: number): string => {
  if (!Number.isFinite(seconds)) return "?"
  const s = Math.round(seconds)
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`
      : `${s}s`
}

const shown = (value: number | undefined): string => (value === undefined ? "-" : String(Number(value.toPrecision(6))))

/**
 * Renders a run's events: on a terminal one progress bar, redrawn in place (trials done / budget,
 * trials per second, best so far, ETA); otherwise one plain line per event, for logs. Study names
 * and trials' errors are printed `terminalSafe`.
 *
 * @example
 * const onEvent = progressReporter({ terminal: process.stderr.isTTY === true, write: (text) => process.stderr.write(text) })
 */
export const progressReporter = (output: { readonly terminal: boolean; readonly write: (text: string) => void }) => {
  let drawn = false
  const line = (text: string) => {
    if (drawn) output.write("\r\u001b[2K")
    drawn = false
    output.write(`${text}\n`)
  }
  return (event: StudyEvent): void => {
    switch (event.kind) {
      case "started": {
        const { study, counts, budget, workers, resumed } = event
        const done = counts.complete + counts.failed + counts.infeasible
        line(`${resumed ? "resuming" : "starting"} study "${terminalSafe(study.name)}" (${done}/${budget} trials done, ${workers} workers)`)
        return
      }
      case "requeued":
        line(`re-running ${event.count} trial${event.count === 1 ? "" : "s"} left running by a stopped process`)
        return
      case "stopping":
        line(
          `stopping: ${event.reason === "stopped" ? "stop requested; running trials were finished" : event.reason === "budget" ? "trial budget spent" : event.reason === "target" ? "target reached" : "wall time is up"}`,
        )
        return
      case "trial": {
        const { counts, budget } = event
        const done = counts.complete + counts.failed + counts.infeasible
        const rate = event.finishedThisRun / Math.max(event.elapsedMs / 1000, 1e-3)
        const eta = duration((budget - done) / rate)
        const status = `${done}/${budget} trials  ${rate.toFixed(1)} trials/s  best ${shown(event.best)}  ETA ${eta}`
        if (output.terminal) {
          const width = 24
          const filled = Math.round((width * Math.min(done, budget)) / Math.max(budget, 1))
          output.write(`\r\u001b[2K[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${status}`)
          drawn = true
          return
        }
        const values = event.values === undefined ? "" : ` values ${event.values.map(shown).join(", ")}`
        const error = event.error === undefined ? "" : ` (${terminalSafe(event.error)})`
        line(`trial ${event.number} ${event.state}${values}${error} | ${status}`)
      }
    }
  }
}
