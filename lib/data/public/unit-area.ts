import "server-only";
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

/**
 * `column` is one of the given unit ids (a region's area, hundreds or thousands of ids) as ONE
 * bound JSON array: binding each id made drizzle spend about 5 ms building the SQL of a city's
 * 440 units, and the statement cannot be reused. (On PostgreSQL the same is `= any($1::int[])`.)
 */
export function inUnits(column: SQLWrapper, ids: readonly number[]): SQL {
  return sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`;
}
