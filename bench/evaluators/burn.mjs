// Burns `options.ms` milliseconds of CPU (default 5) per trial: the evaluator of the worker-scaling figure.
export default (_candidate, options) => {
  const until = performance.now() + (options?.ms ?? 5)
  let spins = 0
  while (performance.now() < until) spins += 1
  return { score: spins % 7 }
}
