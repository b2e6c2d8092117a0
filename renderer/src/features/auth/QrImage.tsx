import { useMemo } from 'react';
import { qrPath } from './qrPath';

/** A QR code as inline SVG (the CSP allows no data: images): one path for all dark modules. */
export function QrImage({ text, label }: { text: string; label: string }) {
  const { path, size } = useMemo(() => qrPath(text), [text]);
  return (
    <svg className="qr" role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} shapeRendering="crispEdges">
      <title>{label}</title>
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
