import { type LoopNest, type MaestroDirective, parseMaestroDataflow } from "@cosearch/network"
import type { MaestroDataflowName } from "../../kind/cost-options.js"

/**
 * One of MAESTRO's dataflows: where its directives come from and the directives for a layer.
 *
 * @example
 * maestroDataflows.kcp_ws.directives(nest).length // 12
 */
export interface MaestroDataflow {
  readonly name: MaestroDataflowName
  /** What it is, in a few words. */
  readonly title: string
  /** The MAESTRO file the directives are taken from, and any change made to them. */
  readonly source: string
  /** The directives as MAESTRO's file writes them (for `yxp_os`, for a layer with S = 3). */
  readonly text: string
  /** The directives for a layer (only `yxp_os`'s depend on it). */
  directives(nest: LoopNest): readonly MaestroDirective[]
}

/** Directives of a `Dataflow { ... }` text written in this file (a mistake here is a bug: thrown). */
const parse = (name: string, text: string): readonly MaestroDirective[] => {
  const parsed = parseMaestroDataflow(text)
  if (!parsed.ok) throw new Error(`the ${name} preset: ${parsed.errors.join("; ")}`)
  return parsed.directives
}

const fixed = (name: MaestroDataflowName, title: string, source: string, text: string): MaestroDataflow => {
  const directives = parse(name, text)
  return { name, title, source, text, directives: () => directives }
}

/** yxp_os: a tile of 8 output columns is `7 + S` input columns (MAESTRO's per-layer files write the number). */
const yxpText = (columns: number): string => `Dataflow {
  TemporalMap(1,1) K;
  TemporalMap(1,1) C;
  SpatialMap(Sz(R),1) Y;
  TemporalMap(${columns},8) X;
  Cluster(8,P);
  SpatialMap(Sz(S),1) X;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
}`
const yxpByColumns = new Map<number, readonly MaestroDirective[]>()

/**
 * MAESTRO's dataflows by name: `--dataflow kcp_ws` on a hierarchical accelerator runs the mapping
 * these directives describe for each layer (`mappingFromDirectives`), not a family the mapper
 * searches (those are `dataflowTemplates`, under other names).
 *
 * @example
 * maestroDataflows.rs.source // "tools/frontend/dataflow/rs.m"
 */
export const maestroDataflows: Readonly<Record<MaestroDataflowName, MaestroDataflow>> = {
  kcp_ws: fixed(
    "kcp_ws",
    "NVDLA-like KC-partitioned weight-stationary: K over clusters of 64 PEs, C over a cluster's PEs, a whole R x S window per PE",
    "tools/frontend/dataflow/kcp_ws.m",
    `Dataflow {
  SpatialMap(1,1) K;
  TemporalMap(64,64) C;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  Cluster(64,P);
  SpatialMap(1,1) C;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
}`,
  ),
  rs: fixed(
    "rs",
    "Eyeriss-like row-stationary: output rows over clusters of R PEs, a filter row and its input row per PE, 16 filters at a time",
    "tools/frontend/dataflow/rs.m",
    `Dataflow {
  SpatialMap(1,1) Y';
  TemporalMap(1,1) X';
  TemporalMap(1,1) C;
  TemporalMap(16,16) K;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
  Cluster(Sz(R),P);
  SpatialMap(1,1) Y;
  SpatialMap(1,1) R;
  TemporalMap(Sz(S),Sz(S)) S;
}`,
  ),
  xp_ws: fixed(
    "xp_ws",
    "X-partitioned weight-stationary: output columns over all PEs, a whole R x S window per PE, one filter and channel at a time",
    "tools/frontend/dataflow/xp_ws.m",
    `Dataflow {
  TemporalMap(1,1) K;
  TemporalMap(1,1) C;
  TemporalMap(Sz(R),1) Y;
  SpatialMap(Sz(S),1) X;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
}`,
  ),
  ykp_os: fixed(
    "ykp_os",
    "YK-partitioned output-stationary: output rows over clusters of 16 PEs, 16 filters over a cluster's PEs",
    "tools/frontend/dataflow/ykp_os.m, with R and S offsets Sz(R) and Sz(S) (the file's offset 7 is refused by MAESTRO's own parser)",
    `Dataflow {
  TemporalMap(16,16) K;
  SpatialMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  TemporalMap(1,1) C;
  Cluster(16,P);
  SpatialMap(1,1) K;
  TemporalMap(Sz(R),1) Y;
  TemporalMap(Sz(S),1) X;
  TemporalMap(Sz(R),Sz(R)) R;
  TemporalMap(Sz(S),Sz(S)) S;
}`,
  ),
  yxp_os: {
    name: "yxp_os",
    title: "ShiDianNao-like YX-partitioned output-stationary: output rows over clusters of 8 PEs, 8 output columns over a cluster's PEs",
    source: "data/mapping/Resnet50_yxp_os.m (per layer: a tile of 7 + S input columns, stepping 8)",
    text: yxpText(10),
    directives: (nest) => {
      const columns = 7 + nest.S
      let directives = yxpByColumns.get(columns)
      if (directives === undefined) {
        directives = parse("yxp_os", yxpText(columns))
        yxpByColumns.set(columns, directives)
      }
      return directives
    },
  },
}
