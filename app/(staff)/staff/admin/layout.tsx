import { notFound } from "next/navigation";
import { getViewer } from "@/lib/data/session";
import { isAdmin } from "@/lib/permissions";

/** Admin screens do not exist for anyone else (404, not a hint that they exist). */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  if (!isAdmin(await getViewer())) notFound();
  return children;
}
