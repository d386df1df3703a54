/**
 * A capture in whatever form a user has it: a pcap or pcapng file, or the text tcpdump printed
 * (pasted, or saved to a file). The bytes say which.
 */
import { CaptureError, readCapture, type Capture } from './read';
import { looksLikeTcpdump, MAX_TEXT, readTcpdumpText } from './tcpdumpText';

const MAGICS = [0x0a0d0d0a, 0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1];

/** Whether the bytes begin as a pcap or pcapng file does. */
export const isCaptureFile = (head: Uint8Array): boolean =>
  head.length >= 4 && MAGICS.includes(new DataView(head.buffer, head.byteOffset, 4).getUint32(0, false));

export function openCapture(bytes: Uint8Array): Capture {
  if (!isCaptureFile(bytes) && bytes.length <= MAX_TEXT) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (looksLikeTcpdump(text)) return readTcpdumpText(text);
    if (bytes.length > 0 && !text.includes('\u0000') && !text.includes('\uFFFD'))
      throw new CaptureError('not a packet capture: not a pcap or pcapng file, nor tcpdump -n text', 'not-capture');
  }
  return readCapture(bytes);
}
