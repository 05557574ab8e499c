import type { Db } from '../../db/client'

/**
 * A view of `db` that counts the statements it runs, for the `QUERY_LOG=1` test binding: the
 * stats tests read the count from a response header to hold the stats routes to a constant
 * number of queries however much data an agency has. A Kysely plugin sees every statement sent
 * through this view and no other, and adds nothing to requests when the binding is off.
 */
export function countingQueries(db: Db): { db: Db; count: () => number } {
  let count = 0
  return {
    db: db.withPlugin({
      transformQuery: ({ node }) => node,
      async transformResult({ result }) {
        count += 1
        return result
      },
    }),
    count: () => count,
  }
}
