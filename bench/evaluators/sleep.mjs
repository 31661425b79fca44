// Sleeps `options.ms` milliseconds (default 50) per trial and returns a score from the
// configuration: the evaluator of the worker-process scaling figure, bound by waiting (as a
// training job or a simulator on another machine is), so that a 2-core machine can run 4 workers.
export default async ({ configuration }, options) => {
  await new Promise((done) => setTimeout(done, options?.ms ?? 50))
  return { score: Object.values(configuration).join("").length }
}
