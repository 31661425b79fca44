export { type LeakingResources, leakageWatts } from "./leakage.js"
export {
  type MemoryInterface,
  type MemoryInterfaceName,
  memoryInterfaceNames,
  memoryInterfaces,
  memoryPath,
} from "./memory-interface.js"
export {
  horowitzSramAnchors,
  macLeakageMicrowattsInt8,
  sramAccessEnergyPjPerByte,
  sramAreaMm2,
  sramEnergyExponent,
  sramLeakageMicrowattsPerKiB,
} from "./sram.js"
