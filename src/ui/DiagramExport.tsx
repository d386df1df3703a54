import { useState } from 'react';
import type { Session } from '../player/session';
import type { AppStrings as Strings } from '../i18n/appStrings';
import { viewWords } from '../i18n/viewWords';
import { animatedSvg } from './momentSvg';

// The exporters load on the first click: a first view does not need them.
const exporters = () => import('./exportDiagram');
const pcap = () => import('../model/pcap');
const sequenceSvg = () => document.querySelector<SVGSVGElement>('svg.sequence');
const liveSvg = () => document.querySelector<SVGSVGElement>('svg.sequence-live');

/**
 * Take the sequence diagram away: SVG, PNG, Mermaid text to paste into a post, or a .pcap for
 * Wireshark, of the run as it stands when a button is pressed (read then, so this never redraws
 * with time). `relative`: the numbers the diagram shows (the Mermaid text says the same).
 */
export function DiagramExport({ session, t, relative }: { session: Session; t: Strings; relative: boolean }) {
  const v = viewWords[t.lang];
  const frame = () => session.getState().frame;
  const [mermaid, setMermaid] = useState<string | null>(null);
  const saveSvg = async () => {
    const { download, standaloneSvg } = await exporters();
    const el = sequenceSvg();
    if (el) download('tcp-sequence.svg', new Blob([standaloneSvg(el, liveSvg())], { type: 'image/svg+xml' }));
  };
  const savePng = async () => {
    const { download, drawnSize, standaloneSvg, svgToPng } = await exporters();
    const el = sequenceSvg();
    if (!el) return;
    const { width, height } = drawnSize(liveSvg() ?? el);
    download('tcp-sequence.png', await svgToPng(standaloneSvg(el, liveSvg()), width, height));
  };
  const savePcap = async () => {
    const [{ download }, { buildPcap }] = await Promise.all([exporters(), pcap()]);
    download('tcp-run.pcap', new Blob([buildPcap(frame()) as BlobPart], { type: 'application/vnd.tcpdump.pcap' }));
  };
  const saveAnimated = async () => {
    const { download } = await exporters();
    const { run, policy } = session.getState();
    download('tcp-run-animated.svg', new Blob([animatedSvg({ config: run.config, steps: run.steps }, policy, t).svg], { type: 'image/svg+xml' }));
  };
  const toggleMermaid = async () => {
    if (mermaid !== null) return setMermaid(null);
    const { toMermaid } = await exporters();
    setMermaid(toMermaid(frame().history, { client: t.client, server: t.server }, relative));
  };
  return (
    <div className="export row">
      <button type="button" onClick={() => void saveSvg()}>
        {v.exportSvg}
      </button>
      <button type="button" onClick={() => void savePng()}>
        {v.exportPng}
      </button>
      <button type="button" onClick={() => void savePcap()}>
        {v.exportPcap}
      </button>
      <button type="button" onClick={() => void saveAnimated()}>
        {v.exportAnimated}
      </button>
      <button type="button" aria-expanded={mermaid !== null} onClick={() => void toggleMermaid()}>
        {v.exportMermaid}
      </button>
      {mermaid !== null ? (
        <textarea className="mermaid" readOnly rows={8} value={mermaid} aria-label={v.exportMermaid} onFocus={(e) => e.currentTarget.select()} />
      ) : null}
    </div>
  );
}
