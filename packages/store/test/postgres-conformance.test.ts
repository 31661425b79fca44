// The PostgreSQL store against the StudyStore contract, on a real server (COSEARCH_TEST_POSTGRES):
// every test on a new schema, each handle a pool of its own (as each process has). Without a
// server the file fails, saying how to start one: it does not skip.
import { openPostgresStore } from "@cosearch/store"
import { storeConformance } from "@cosearch/store/testing"
import { dropSchemas, freshSchema, missingServer, serverUrl } from "@cosearch/store/testing/postgres"
import { afterAll, describe, expect, it } from "vitest"

if (serverUrl === "") {
  describe("StudyStore conformance: PostgreSQL", () => {
    it("needs a PostgreSQL server (COSEARCH_TEST_POSTGRES)", () => {
      expect.fail(missingServer)
    })
  })
} else {
  afterAll(dropSchemas)
  storeConformance("PostgreSQL", () => {
    const { url } = freshSchema("conformance")
    return () => openPostgresStore(url)
  })
}
