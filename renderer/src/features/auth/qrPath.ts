// The drawing of a QR code: one SVG path for all dark modules, with a quiet zone around them.
// Pure, so the sign-in e2e can tell which token a QR on screen encodes.
import QRCode from 'qrcode';

const QUIET_ZONE = 4;

export function qrPath(text: string): { path: string; size: number } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let d = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (modules.data[y * n + x]) d += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`;
    }
  }
  return { path: d, size: n + 2 * QUIET_ZONE };
}
