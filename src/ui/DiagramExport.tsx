import { useState } from 'react';
import type { Simulation } from '../model/simulation';
import type { Strings } from '../i18n/strings';
import { buildPcap } from '../model/pcap';
import { download, standaloneSvg, svgToPng, toMermaid } from './exportDiagram';

/** Take the sequence diagram away: SVG, PNG, or Mermaid text to paste into a post. */
export function DiagramExport({ sim, t }: { sim: Simulation; t: Strings }) {
  const [mermaid, setMermaid] = useState<string | null>(null);
  const svg = () => document.querySelector<SVGSVGElement>('svg.sequence');
  return (
    <div className="export row">
      <button type="button" onClick={() => { const el = svg(); if (el) download('tcp-sequence.svg', new Blob([standaloneSvg(el)], { type: 'image/svg+xml' })); }}>
        {t.exportSvg}
      </button>
      <button
        type="button"
        onClick={() => {
          const el = svg();
          if (el) void svgToPng(standaloneSvg(el), el.width.baseVal.value, el.height.baseVal.value).then((png) => download('tcp-sequence.png', png));
        }}
      >
        {t.exportPng}
      </button>
      <button type="button" onClick={() => download('tcp-run.pcap', new Blob([buildPcap(sim) as BlobPart], { type: 'application/vnd.tcpdump.pcap' }))}>
        {t.exportPcap}
      </button>
      <button type="button" aria-expanded={mermaid !== null} onClick={() => setMermaid(mermaid === null ? toMermaid(sim, { client: t.client, server: t.server }) : null)}>
        {t.exportMermaid}
      </button>
      {mermaid !== null ? <textarea className="mermaid" readOnly rows={8} value={mermaid} aria-label={t.exportMermaid} onFocus={(e) => e.currentTarget.select()} /> : null}
    </div>
  );
}
