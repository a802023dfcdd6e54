import { cookies } from "next/headers";
import { parseReadingPreferences, READING_COOKIES, type ReadingPreferences, type SearchParamRecord } from "@/lib/public/url-params";

/**
 * 字号 and 长者模式 of a public page: from the link that was followed, else as the reader's
 * cookies remember them — so a reader who turned on 长者模式 on a report keeps it on the home
 * page, the list and search.
 */
export async function readingPreferencesOf(params: SearchParamRecord): Promise<ReadingPreferences> {
  const jar = await cookies();
  const remembered = new Map<string, string>();
  for (const name of Object.values(READING_COOKIES)) {
    const value = jar.get(name)?.value;
    if (value !== undefined) remembered.set(name, value);
  }
  return parseReadingPreferences(params, remembered);
}
