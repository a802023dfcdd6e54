import { env } from "./env";

export function siteName(): string {
  return env().SITE_NAME;
}

/** The footer's statements about who runs the site, each present only when configured. */
export interface SiteIdentity {
  readonly sponsor?: string;
  readonly organizer?: string;
  readonly phone?: string;
  readonly address?: string;
  readonly idCode?: string;
  readonly icp?: string;
  readonly psb?: string;
  readonly errorReportUrl?: string;
}

export function siteIdentity(): SiteIdentity {
  const e = env();
  const given = (value: string | undefined) => (value ? value : undefined);
  return {
    sponsor: given(e.SITE_SPONSOR),
    organizer: given(e.SITE_ORGANIZER),
    phone: given(e.SITE_PHONE),
    address: given(e.SITE_ADDRESS),
    idCode: given(e.SITE_ID_CODE),
    icp: given(e.SITE_ICP),
    psb: given(e.SITE_PSB),
    errorReportUrl: given(e.SITE_ERROR_REPORT_URL),
  };
}

/** The site's X-5 threshold as a share (0.1–1), or undefined for the format's own (COPIED_TEXT_THRESHOLD in percent). */
export function copiedTextThreshold(): number | undefined {
  const percent = env().COPIED_TEXT_THRESHOLD;
  return percent === undefined ? undefined : percent / 100;
}
