import { redirect } from "next/navigation";
import { StaffHeader } from "@/components/staff/staff-header";
import { countUnreadNotifications } from "@/lib/data/notifications";
import { viewerOverviewTitle } from "@/lib/data/overview";
import { getViewer } from "@/lib/data/session";
import { siteName } from "@/lib/site";
import { signOutAction } from "./actions";
import "./staff.css";

/** The signed-in shell. Every page and action below checks the session again in lib/data. */
export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (viewer.mustChangePassword) redirect("/change-password");
  const [unreadCount, overviewTitle] = await Promise.all([countUnreadNotifications(), viewerOverviewTitle()]);
  return (
    <div className="flex min-h-screen flex-col">
      <StaffHeader
        siteName={siteName()}
        unitName={viewer.unitName}
        displayName={viewer.displayName}
        role={viewer.role}
        signOut={signOutAction}
        unreadCount={unreadCount}
        overviewTitle={overviewTitle}
      />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">
        {children}
      </main>
    </div>
  );
}
