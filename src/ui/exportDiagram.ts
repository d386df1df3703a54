/** The sequence diagram taken elsewhere: Mermaid text for a blog's source, SVG or PNG for a slide. */
import { formatFlags } from '../model/segment';
import { numbering } from './numbering';
import type { History } from '../model/history';

/**
 * Mermaid `sequenceDiagram` text of the run so far: states as notes, lost segments with a cross.
 * At one instant the state comes first, then what it sends (SYN-SENT, then the SYN).
 */
export function toMermaid(history: History, names: { client: string; server: string }, relative: boolean): string {
  const numbers = numbering(history.wire, relative);
  const lines = ['sequenceDiagram', `    participant C as ${names.client}`, `    participant S as ${names.server}`];
  const events = [
    ...history.transitions.map((t) => ({ at: t.t, order: 0, text: `    Note over ${t.endpoint === 'client' ? 'C' : 'S'}: ${t.to}` })),
    ...history.wire.map((w) => {
      const [from, to] = w.from === 'client' ? ['C', 'S'] : ['S', 'C'];
      const arrow = w.lost ? '-x' : w.from === 'client' ? '->>' : '-->>';
      const n = numbers.get(w.id)!;
      const ack = n.ack === null ? '' : ` ack=${n.ack}`;
      const extra = `${w.segment.len ? ` len=${w.segment.len}` : ''}${w.retransmission ? ' (retransmission)' : ''}${w.lost ? ' (lost)' : ''}`;
      return { at: w.sentAt, order: 1, text: `    ${from}${arrow}${to}: ${formatFlags(w.segment.flags)} seq=${n.seq}${ack}${extra}` };
    }),
  ].sort((a, b) => a.at - b.at || a.order - b.order);
  return [...lines, ...events.map((e) => e.text)].join('\n');
}

const INLINED = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-family', 'font-size', 'font-weight', 'paint-order'] as const;

/** The size of what is drawn: the page's SVG grows in steps, so it may end in blank space. */
export function drawnSize(svg: SVGSVGElement): { width: number; height: number } {
  return { width: svg.width.baseVal.value, height: Number(svg.dataset.drawnHeight) || svg.height.baseVal.value };
}

/** A standalone copy of an on-page SVG: the stylesheet's effect written onto each element, cut to what is drawn. */
export function standaloneSvg(svg: SVGSVGElement, overlay?: SVGSVGElement | null): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const { width, height } = drawnSize(overlay ?? svg);
  copy.setAttribute('height', String(height));
  copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  copy.removeAttribute('data-drawn-height');
  const source = [svg, ...svg.querySelectorAll('*')];
  const target = [copy, ...copy.querySelectorAll('*')];
  const inline = (from: readonly Element[], to: readonly Element[]) =>
    from.forEach((el, i) => {
      const style = getComputedStyle(el);
      to[i]!.setAttribute('style', INLINED.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';'));
    });
  inline(source, target);
  // What was moving when the picture was taken (the page draws it on a layer of its own) joins the rest.
  for (const child of overlay ? [...overlay.children] : []) {
    const twin = child.cloneNode(true) as Element;
    inline([child, ...child.querySelectorAll('*')], [twin, ...twin.querySelectorAll('*')]);
    copy.append(twin);
  }
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  // The card it sits on, as the page paints it now (theme and colour scheme resolved).
  const background = getComputedStyle(svg.closest('.panel') ?? document.body).backgroundColor || '#fff';
  copy.insertAdjacentHTML('afterbegin', `<rect width="100%" height="100%" fill="${background}"/>`);
  return new XMLSerializer().serializeToString(copy);
}

export function download(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Render the standalone SVG onto a canvas at twice its size and save it as PNG. */
export async function svgToPng(svgText: string, width: number, height: number): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width * 2;
  canvas.height = height * 2;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(2, 2);
  ctx.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'));
}
