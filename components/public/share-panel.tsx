import QRCode from "qrcode";

export interface SharePanelProps {
  /** Absolute address of the page. */
  readonly url: string;
}

/** The page address as text and a QR code generated on the server (inline SVG, no script). */
export async function SharePanel({ url }: SharePanelProps) {
  const svg = await QRCode.toString(url, {
    type: "svg",
    margin: 1,
    errorCorrectionLevel: "M",
    color: { dark: "#000000", light: "#ffffff" },
  });
  return (
    <div className="flex flex-wrap items-start gap-4" data-share-panel>
      <div
        role="img"
        aria-label="本页二维码：扫一扫在手机打开当前页"
        className="size-32 shrink-0 border border-line bg-white p-1 [&_svg]:block [&_svg]:h-full [&_svg]:w-full"
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      <div className="min-w-0 flex-1 text-[0.9em]">
        <p className="font-medium">扫一扫在手机打开当前页</p>
        <p className="mt-2">本页地址：</p>
        <p className="break-all">
          <a href={url} className="text-gov-red underline underline-offset-2" data-share-url>
            {url}
          </a>
        </p>
        <p className="mt-2 text-muted">可复制上面的地址，通过微信、微博或电子邮件分享。</p>
      </div>
    </div>
  );
}
