/** Mensa's averages over its 24 Google edge models (Boroumand et al., PACT 2021, abstract), per baseline preset. */
export const mensaPaper: Readonly<Record<string, { readonly efficiency: number; readonly throughput: number; readonly label: string }>> = {
  "mensa-edgetpu": { efficiency: 3.0, throughput: 3.1, label: "the Edge TPU" },
  "eyeriss-v1-like": { efficiency: 2.4, throughput: 4.3, label: "Eyeriss v2" },
}
