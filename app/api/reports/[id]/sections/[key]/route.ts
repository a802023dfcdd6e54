import { saveSection } from "@/lib/data/sections";
import { handleJson } from "@/lib/route";

/**
 * Autosave of one section. A route handler rather than a server action: it is called about
 * once a second by every editor, and a plain JSON round trip costs a fraction of an action's.
 */
export async function PUT(request: Request, { params }: { params: Promise<{ id: string; key: string }> }) {
  const { id, key } = await params;
  return handleJson(request, (body) =>
    saveSection({ ...(body as object), reportId: Number(id), sectionKey: key } as Parameters<typeof saveSection>[0]),
  );
}
