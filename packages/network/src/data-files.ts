import { fileURLToPath } from "node:url"

/**
 * The NAS-Bench-201 table shipped in this package's `data/` folder (`nb201.csv.gz`; source and
 * licence in data/README.md), as an absolute path.
 *
 * The path is taken relative to this module, which sits one folder below the package root in every
 * layout it runs from: `src/` (sources), `dist/` (compiled) and the CLI's bundle (`bundle/js/`,
 * beside which the CLI's build copies `data/`). Keep this file at the top of `src/`.
 *
 * @example
 * import { gunzipSync } from "node:zlib"
 * import { readFileSync } from "node:fs"
 * const header = gunzipSync(readFileSync(nb201TableFile())).toString("utf8").split("\n")[0]
 */
export const nb201TableFile = (): string => fileURLToPath(new URL("../data/nb201.csv.gz", import.meta.url))
