import { listFeedEntries } from "@/lib/data/public/feed";
import { ATOM_CONTENT_TYPE, buildAtomFeed } from "@/lib/public/feed-xml";
import { publicSiteUrl } from "@/lib/public/site-url";
import { siteName } from "@/lib/site";

export const dynamic = "force-dynamic";

/** Atom feed of the newest publications and corrections (withdrawn reports leave it). */
export async function GET() {
  const entries = await listFeedEntries(50);
  const xml = buildAtomFeed({
    siteUrl: publicSiteUrl(),
    siteName: siteName(),
    entries: entries.map((e) => ({
      id: e.id,
      title: e.title,
      unitName: e.unit.name,
      year: e.year,
      indexNo: e.indexNo,
      publishedAt: e.publishedAt,
      updatedAt: e.updatedAt,
      edition: e.edition,
      changeNote: e.changeNote,
    })),
  });
  return new Response(xml, { headers: { "Content-Type": ATOM_CONTENT_TYPE, "Cache-Control": "public, max-age=300" } });
}
