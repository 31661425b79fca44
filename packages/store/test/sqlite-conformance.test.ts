import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { openSqliteStore } from "@cosearch/store"
import { storeConformance } from "@cosearch/store/testing"

// The SQLite store against the StudyStore contract: every test on a new database file, each
// handle its own connection to it (as each process has).
storeConformance("SQLite", () => {
  const path = join(mkdtempSync(join(tmpdir(), "cosearch-store-")), "study.db")
  return () => openSqliteStore(path)
})
