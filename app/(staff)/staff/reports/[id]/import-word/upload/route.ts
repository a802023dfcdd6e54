import { applyWordImport, previewWordImport } from "@/lib/data/word";
import { handleUpload } from "@/lib/route";

/**
 * 「从 Word 导入」: a .docx in a multipart form. Without `confirm` the file is only read and the
 * result returned for the clerk to compare; with `confirm=1` the chosen `parts` are stored.
 * A route handler rather than a server action: an action's body is capped at 1 MB as text.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleUpload(request, async (form) => {
    const file = form.get("file");
    const upload = file instanceof File ? file : null;
    if (form.get("confirm") === "1") {
      const parts = form.getAll("parts").filter((p): p is string => typeof p === "string");
      return applyWordImport(Number(id), upload, parts);
    }
    return previewWordImport(Number(id), upload);
  });
}
