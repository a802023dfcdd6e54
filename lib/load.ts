import { notFound, redirect } from "next/navigation";
import { AppError } from "./errors";

/**
 * For pages: awaits a data-layer call and turns "not yours" and "missing" into a 404,
 * and "not signed in" into the sign-in page. Other errors propagate to the error page.
 */
export async function loadOrNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === "unauthenticated") redirect("/login");
      if (error.code === "forbidden" || error.code === "not_found") notFound();
    }
    throw error;
  }
}
