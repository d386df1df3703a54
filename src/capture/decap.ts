/**
 * One captured packet, from its link-layer header down to the TCP segment inside, through the
 * encapsulations real captures hold: VLAN tags (802.1Q, 802.1ad, QinQ), VN-Tag, 802.1ah (PBB),
 * MPLS label stacks, PPPoE sessions, LLC/SNAP, MACsec without encryption, GRE (with its checksum,
 * key and sequence options; bridged Ethernet, MPLS, PPP of PPTP, ERSPAN II/III), IP in IP (4in4,
 * 6in4, 4in6, 6in6, nested), IPsec AH, IP fragments (reassembled with the reader's Fragments),
 * and in UDP: VXLAN, Geneve, GTP-U (extension headers), Teredo (origin and authentication
 * indications), AYIYA, GRE over UDP, L2TP v2 data. Link types: Ethernet, FDDI, PPP (and its HDLC
 * framing), Cisco HDLC, Linux cooked v1/v2, raw IP, BSD loopback, IP over InfiniBand, ARCnet (BSD
 * and Linux), 802.11 (plain, radiotap, Prism, AVS, PPI; every subframe of an A-MSDU), OpenBSD
 * pflog and enc, Linux nflog, SLIP, Frame Relay, Juniper's.
 *
 * The innermost IP header names the connection (as Zeek does): a connection whose packets change
 * tunnel on the way stays one connection. Nesting is bounded. A packet with no TCP inside says
 * why, so that nothing is left out without a reason: `Skip`.
 *
 * Pure and framework-free; every length is checked before it is read.
 */
import type { Fragments } from './fragments';

/** TCP options as a capture shows them (absent when not present, or cut off by the snap length). */
export interface TcpOptions {
  readonly mss?: number;
  readonly windowScale?: number;
  readonly sackPermitted?: boolean;
  readonly timestamp?: { readonly value: number; readonly echo: number };
}

/** One TCP segment seen in the capture. */
export interface CapturedSegment {
  /** Its packet's number in the file, from 1 (as Wireshark numbers frames). */
  readonly frame: number;
  /** Seconds since the capture's first packet (of any kind). */
  readonly t: number;
  readonly src: string;
  readonly dst: string;
  readonly sport: number;
  readonly dport: number;
  /** TCP's flag byte: FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20, ECE 0x40, CWR 0x80. */
  readonly flags: number;
  readonly seq: number;
  readonly ack: number;
  /** Payload length, from the IP header (the real length, even when the capture cut the packet short). */
  readonly len: number;
  /** The window field as sent (not scaled). */
  readonly win: number;
  readonly options: TcpOptions;
  /** The capture cut this packet short of its real length. */
  readonly truncated: boolean;
}

/**
 * Why a packet holds no TCP segment we read: `not-ip` (ARP, LLDP, a PPP control frame...),
 * `not-tcp` (UDP, ICMP... carried by IP: normal), `fragment` (an IP fragment held until its
 * datagram is whole, which a later packet then carries; without reassembly, a later fragment),
 * `cut-off` (the capture cut the packet before its TCP header ended), `damaged` (a header
 * that cannot be right, or encapsulations nested deeper than any real one), or `{ unread }`: a tunnel or link type this reader does not decode, by name.
 */
export type Skip = 'not-ip' | 'not-tcp' | 'fragment' | 'cut-off' | 'damaged' | { readonly unread: string };

/** Link-layer header types (www.tcpdump.org/linktypes.html). */
export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  ARCNET_BSD: 7,
  SLIP: 8,
  PPP: 9,
  FDDI: 10,
  PPP_HDLC: 50,
  PPP_ETHER: 51,
  ATM_RFC1483: 100,
  FRELAY: 107,
  RAW: 101,
  C_HDLC: 104,
  IEEE802_11: 105,
  LOOP: 108,
  ENC: 109,
  LINUX_SLL: 113,
  PFLOG: 117,
  PRISM: 119,
  RADIOTAP: 127,
  ARCNET_LINUX: 129,
  AVS: 163,
  PPP_PPPD: 166,
  JUNIPER_ETHER: 178,
  JUNIPER_PPP: 179,
  JUNIPER_CHDLC: 181,
  PPI: 192,
  IPV4: 228,
  IPV6: 229,
  NFLOG: 239,
  IPOIB: 242,
  LINUX_SLL2: 276,
} as const;

/** Names of some link types we do not read, for the line that says so. */
const LINK_NAMES: Record<number, string> = {
  3: 'AX.25',
  6: 'Token Ring',
  138: 'Apple IP over IEEE 1394',
  143: 'DOCSIS',
  147: 'USER0',
  187: 'Bluetooth HCI',
  189: 'USB (Linux)',
  195: 'IEEE 802.15.4',
  201: 'Bluetooth HCI',
  215: 'IEEE 802.15.4 (no FCS)',
  220: 'USB (Linux, mmapped)',
  227: 'SocketCAN',
  230: 'IEEE 802.15.4',
  249: 'USB (USBPcap)',
  252: 'Wireshark upper PDU',
  253: 'Netlink',
  263: 'Bluetooth LE',
  274: 'Linux vsock',
};

/**
 * Juniper's link types (libpcap's DLT_JUNIPER_*): each starts with Juniper's own header. Those
 * whose frames are read are in LINKTYPE; of the others, a packet whose header says its layer-2
 * header was stripped is read as the IP packet after it.
 */
const JUNIPER: Record<number, string> = {
  130: 'MLPPP',
  131: 'MLFR',
  132: 'ES',
  133: 'GGSN',
  134: 'MFR',
  135: 'ATM2',
  136: 'SERVICES',
  137: 'ATM1',
  164: 'MONITOR',
  167: 'PPPoE',
  168: 'PPPoE over ATM',
  180: 'Frame Relay',
  183: 'VP',
  194: 'ISM',
  200: 'ST',
  209: 'VS',
  210: 'SRX E2E',
  211: 'Fibre Channel',
  238: 'ATM CEMIC',
};

/** How many encapsulations deep a packet is followed. */
const MAX_DEPTH = 12;

const ETH = { IPV4: 0x0800, ARP: 0x0806, VLAN: 0x8100, IPV6: 0x86dd, QINQ: 0x88a8, QINQ_OLD: 0x9100, PPPOE_DISC: 0x8863, PPPOE: 0x8864 } as const;
const ETH_MPLS = 0x8847;
const ETH_MPLS_MULTI = 0x8848;
const ETH_PBB = 0x88e7;
const ETH_VNTAG = 0x8926;
const ETH_TEB = 0x6558;
const ETH_ERSPAN2 = 0x88be;
const ETH_ERSPAN3 = 0x22eb;
const ETH_PPP = 0x880b;
const ETH_FABRICPATH = 0x8903;
const ETH_ARUBA = 0x8200;
const ETH_WCCP = 0x883e;
const ETH_MACSEC = 0x88e5;

/** Ethertypes of tunnels and link layers we do not read, named. */
const UNREAD_ETHERTYPES: Record<number, string> = {
  0x894f: 'NSH',
  0x8914: 'FCoE',
  0x8906: 'FCoE',
};

/** UDP ports of tunnels we do not read. */
const UNREAD_UDP: Record<number, string> = {
  4500: 'IPsec NAT-T',
  1194: 'OpenVPN',
  51820: 'WireGuard',
};

/** IP protocols of tunnels we do not read (TCP, and the tunnels we do, are read). */
const UNREAD_IP: Record<number, string> = {
  50: 'IPsec ESP',
  115: 'L2TPv3',
  97: 'EtherIP',
  108: 'IPComp',
  137: 'MPLS in IP',
};

class Packet {
  readonly v: DataView;
  /** Where an encapsulation's own length field says its payload ends (PPPoE's): an IP header that claims more is bounded by it, as tshark bounds it. */
  end = Infinity;
  /** Where fragments are gathered, when they are reassembled (the reader's, across packets). */
  frags: Fragments | null = null;
  constructor(
    readonly d: Uint8Array,
    /** Bytes the capture left out of this packet (past its snap length). */
    readonly lost: number,
    readonly t: number,
    /** Where each segment is written (the innermost IP header's addresses too), and who is told of it. */
    readonly out: Decoded,
    readonly sink: (segment: Decoded) => void,
    /** Every segment a packet holds (an A-MSDU's subframes), or only its first. */
    readonly all: boolean,
  ) {
    this.v = new DataView(d.buffer, d.byteOffset, d.byteLength);
  }
  get length(): number {
    return this.d.length;
  }
}

/**
 * A segment as it is decoded, written over for each one (read it before the next): the fields of a
 * CapturedSegment without its frame and time, its addresses as bytes (`addrs`: the source's from 0,
 * the destination's from 16, 4 or 16 bytes each by `family`), and its options as numbers where they
 * are only a timestamp (the usual case: nothing is made for it) or as an object otherwise.
 */
export class Decoded {
  family: 4 | 6 = 4;
  readonly addrs = new Uint8Array(32);
  sport = 0;
  dport = 0;
  flags = 0;
  seq = 0;
  ack = 0;
  len = 0;
  win = 0;
  truncated = false;
  /** A timestamp option, alone (`options` is null then). */
  hasTimestamp = false;
  tsValue = 0;
  tsEcho = 0;
  /** Options other than a timestamp alone, as a CapturedSegment holds them. */
  options: TcpOptions | null = null;

  /** The source's or destination's address as text (IPv6 as RFC 5952 writes it). */
  address(dst: boolean): string {
    const a = this.addrs;
    const at = dst ? 16 : 0;
    return this.family === 4 ? `${a[at]}.${a[at + 1]}.${a[at + 2]}.${a[at + 3]}` : ipv6(a.subarray(at, at + 16));
  }

  /** The options as a CapturedSegment holds them. */
  tcpOptions(): TcpOptions {
    return this.options ?? (this.hasTimestamp ? { timestamp: { value: this.tsValue, echo: this.tsEcho } } : {});
  }

  /** This segment as an object, with its packet's frame number and time. */
  segment(frame: number, t: number): CapturedSegment {
    return {
      frame,
      t,
      src: this.address(false),
      dst: this.address(true),
      sport: this.sport,
      dport: this.dport,
      seq: this.seq,
      ack: this.ack,
      flags: this.flags,
      win: this.win,
      len: this.len,
      options: this.tcpOptions(),
      truncated: this.truncated,
    };
  }
}

/** A packet's decoding: `'read'` when a segment was written to its sink, or why none was. */
type Result = 'read' | Skip;

/**
 * The TCP segment in one captured packet, or why there is none. With `frags` (the reader's, kept
 * across the capture's packets), IP fragments are reassembled: a fragment that does not complete
 * its datagram is a `fragment`, and the one that does gives the datagram's segment. Without, only
 * a first fragment is read (its segment's length is that fragment's, by its IP header). With `more`,
 * a packet that holds several segments (an 802.11 A-MSDU's subframes) gives its first as the result
 * and the others there, in order; without, only its first.
 */
export function decodePacket(
  link: number,
  data: Uint8Array,
  originalLength: number,
  frame: number,
  t: number,
  frags: Fragments | null = null,
  more: CapturedSegment[] | null = null,
): CapturedSegment | Skip {
  let first: CapturedSegment | null = null;
  const r = decodeSegments(
    link,
    data,
    originalLength,
    t,
    new Decoded(),
    (s) => {
      const segment = s.segment(frame, t);
      if (first === null) first = segment;
      else more!.push(segment);
    },
    frags,
    more !== null,
  );
  return first ?? (r as Skip);
}

/**
 * The TCP segments in one captured packet written to `out` and told to `sink` as each is read,
 * without making an object for them (a reader of millions of packets keeps its memory for the
 * segments): `'read'` when there was one, otherwise why not. `frags` and `all` as decodePacket's
 * `frags` and `more`.
 */
export function decodeSegments(
  link: number,
  data: Uint8Array,
  originalLength: number,
  t: number,
  out: Decoded,
  sink: (segment: Decoded) => void,
  frags: Fragments | null = null,
  all = true,
): 'read' | Skip {
  const p = new Packet(data, Math.max(0, originalLength - data.length), t, out, sink, all);
  p.frags = frags;
  return decodeLink(p, link);
}

function decodeLink(p: Packet, link: number): Result {
  const { d, v } = p;
  switch (link) {
    case LINKTYPE.ETHERNET:
      return ethernet(p, 0, 0);
    case LINKTYPE.LINUX_SLL:
      if (d.length < 16) return 'cut-off';
      return sllProtocol(p, v.getUint16(14), 16);
    case LINKTYPE.LINUX_SLL2:
      if (d.length < 20) return 'cut-off';
      return sllProtocol(p, v.getUint16(0), 20);
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP: {
      if (d.length < 4) return 'cut-off';
      // The address family (2 IPv4; 10, 24, 28 or 30 IPv6, by the writer's system): the IP header's own version says which.
      return ip(p, 4, 0);
    }
    case LINKTYPE.ENC:
      // OpenBSD's enc: address family, SPI and flags (12 bytes), then the IP packet.
      return d.length < 12 ? 'cut-off' : ip(p, 12, 0);
    case LINKTYPE.RAW:
    case LINKTYPE.IPV4:
    case LINKTYPE.IPV6:
      return ip(p, 0, 0);
    case LINKTYPE.FDDI:
      // Frame control, destination, source; then an 802.2 LLC header.
      if (d.length < 13) return 'cut-off';
      return llc(p, 13, 0);
    case LINKTYPE.ATM_RFC1483:
      return llc(p, 0, 0);
    case LINKTYPE.PPP:
    case LINKTYPE.PPP_HDLC:
      return ppp(p, 0, 0, true);
    case LINKTYPE.PPP_PPPD:
      // pppd's direction byte in place of the HDLC address.
      return ppp(p, d.length >= 1 && d[0] !== 0xff ? 2 : 0, 0, true);
    case LINKTYPE.PPP_ETHER:
      return pppoe(p, 0, 0);
    case LINKTYPE.C_HDLC:
      // Address, control, then an ethertype.
      if (d.length < 4) return 'cut-off';
      return ethertype(p, v.getUint16(2), 4, 0);
    case LINKTYPE.IPOIB:
      // Linux's pseudo-header: the destination's and the source's 20-byte hardware addresses, then RFC 4391's ethertype and 2 reserved bytes.
      if (d.length < 44) return 'cut-off';
      return ethertype(p, v.getUint16(40), 44, 0);
    case LINKTYPE.ARCNET_LINUX:
    case LINKTYPE.ARCNET_BSD:
      return arcnet(p, link === LINKTYPE.ARCNET_LINUX);
    case LINKTYPE.IEEE802_11:
      return wifi(p, 0);
    case LINKTYPE.RADIOTAP:
      // Its own length, little-endian, at bytes 2-3.
      if (d.length < 4) return 'cut-off';
      return wifi(p, v.getUint16(2, true));
    case LINKTYPE.PPI:
      // Version, flags, its own length and the link type of what follows (little-endian).
      if (d.length < 8) return 'cut-off';
      return v.getUint32(4, true) === LINKTYPE.IEEE802_11 ? wifi(p, v.getUint16(2, true)) : { unread: `PPI (link type ${v.getUint32(4, true)})` };
    case LINKTYPE.PRISM:
      return wifi(p, 144);
    case LINKTYPE.AVS:
      if (d.length < 8) return 'cut-off';
      return wifi(p, v.getUint32(4));
    case LINKTYPE.PFLOG: {
      // Its header's length (padded to 4) at byte 0, the address family at byte 1.
      if (d.length < 4) return 'cut-off';
      return ip(p, (d[0]! + 3) & ~3, 0);
    }
    case LINKTYPE.NFLOG:
      return nflog(p);
    case LINKTYPE.SLIP:
      // BSD's SLIP header (16 bytes: the direction, then the compressed header as it came); the packet after it is whole, decompressed.
      return d.length < 16 ? 'cut-off' : ip(p, 16, 0);
    case LINKTYPE.FRELAY:
      return frameRelay(p, 0, 0);
    case LINKTYPE.JUNIPER_ETHER:
    case LINKTYPE.JUNIPER_PPP:
    case LINKTYPE.JUNIPER_CHDLC:
      return juniper(p, link);
    default:
      if (JUNIPER[link]) return juniper(p, link);
      return { unread: `link type ${link}${LINK_NAMES[link] ? ` (${LINK_NAMES[link]})` : ''}` };
  }
}

/** Linux cooked capture's protocol field: an ethertype, or one of Linux's own small numbers. */
function sllProtocol(p: Packet, protocol: number, off: number): Result {
  // ETH_P_802_2: an LLC header follows; ETH_P_PPP_MP and others are not IP.
  if (protocol === 0x0004) return llc(p, off, 0);
  if (protocol < 0x0600) return 'not-ip';
  return ethertype(p, protocol, off, 0);
}

/** An Ethernet frame at `off`: destination, source, type or length. */
function ethernet(p: Packet, off: number, depth: number): Result {
  if (off + 14 > p.length) return 'cut-off';
  const type = p.v.getUint16(off + 12);
  // A length, not a type: 802.3 with an LLC header.
  if (type <= 1500) return llc(p, off + 14, depth);
  return ethertype(p, type, off + 14, depth);
}

/** An 802.2 LLC header at `off`: SNAP carries an ethertype; others are not IP (or IP by SAP 0x06). */
function llc(p: Packet, off: number, depth: number): Result {
  if (off + 3 > p.length) return 'cut-off';
  const { d } = p;
  if (d[off] === 0xaa && d[off + 1] === 0xaa && d[off + 2] === 0x03) {
    if (off + 8 > p.length) return 'cut-off';
    return ethertype(p, p.v.getUint16(off + 6), off + 8, depth);
  }
  if (d[off] === 0x06 && d[off + 1] === 0x06) return ip(p, off + 3, depth);
  return 'not-ip';
}

/** What an ethertype says follows at `off`. */
function ethertype(p: Packet, type: number, off: number, depth: number): Result {
  if (depth > MAX_DEPTH) return 'damaged';
  const { v } = p;
  switch (type) {
    case ETH.IPV4:
    case ETH.IPV6:
      return ip(p, off, depth);
    case ETH.VLAN:
    case ETH.QINQ:
    case ETH.QINQ_OLD:
      // A tag: two bytes of priority and VLAN, then the next type.
      if (off + 4 > p.length) return 'cut-off';
      return ethertype(p, v.getUint16(off + 2), off + 4, depth + 1);
    case ETH_VNTAG:
      // Cisco's VN-Tag: four bytes, then the next type.
      if (off + 6 > p.length) return 'cut-off';
      return ethertype(p, v.getUint16(off + 4), off + 6, depth + 1);
    case ETH_WCCP:
      // WCCP's redirect header (four bytes), then the IP packet.
      return ip(p, off + 4, depth + 1);
    case ETH_FABRICPATH:
      // Cisco FabricPath: its FTag and TTL (two bytes), then the customer's Ethernet frame.
      return ethernet(p, off + 2, depth + 1);
    case ETH_PBB:
      // 802.1ah: the I-tag (four bytes), then the customer's own Ethernet frame.
      return ethernet(p, off + 4, depth + 1);
    case ETH_MPLS:
    case ETH_MPLS_MULTI:
      return mpls(p, off, depth + 1);
    case ETH.PPPOE:
      return pppoe(p, off, depth + 1);
    case ETH_TEB:
      return ethernet(p, off, depth + 1);
    case ETH_PPP:
      return ppp(p, off, depth + 1, true);
    case ETH_ERSPAN2:
      // ERSPAN type II: an 8-byte header, then the mirrored Ethernet frame (type I has none: then the frame starts at once).
      if (off + 1 > p.length) return 'cut-off';
      return p.d[off]! >> 4 === 1 ? ethernet(p, off + 8, depth + 1) : ethernet(p, off, depth + 1);
    case ETH_MACSEC: {
      // 802.1AE's SecTAG: TCI and association number, short length, packet number, and the SCI when its SC bit says.
      // Encrypted or changed (E or C bit): its payload is opaque (as tshark and tcpdump take it). Otherwise the frame's own
      // ethertype follows in the clear (its ICV at the end is past the IP packet).
      if (off + 6 > p.length) return 'cut-off';
      const tci = p.d[off]!;
      if (tci & 0x80) return 'damaged';
      if (tci & 0x0c) return { unread: 'MACsec (encrypted)' };
      const at = off + 6 + (tci & 0x20 ? 8 : 0);
      if (at + 2 > p.length) return 'cut-off';
      return ethertype(p, v.getUint16(at), at + 2, depth + 1);
    }
    case ETH_ERSPAN3: {
      // ERSPAN type III: 12 bytes, and 8 more when its O bit says a platform subheader follows.
      if (off + 12 > p.length) return 'cut-off';
      return ethernet(p, off + 12 + (p.d[off + 11]! & 0x01 ? 8 : 0), depth + 1);
    }
    default: {
      // Aruba's access points send their 802.11 frames to the controller in GRE, as they are (protocols 0x8200 to 0x82ff).
      if (type >> 8 === ETH_ARUBA >> 8) return wifi(p, off);
      const named = UNREAD_ETHERTYPES[type];
      return named ? { unread: named } : 'not-ip';
    }
  }
}

/** An MPLS label stack at `off`: labels to the bottom of the stack, then IP by its version, or a pseudowire's Ethernet. */
function mpls(p: Packet, off: number, depth: number): Result {
  for (let labels = 0; ; labels++) {
    if (off + 4 > p.length) return 'cut-off';
    if (labels > 32) return 'damaged';
    const bottom = (p.d[off + 2]! & 0x01) === 1;
    off += 4;
    if (bottom) break;
  }
  if (off >= p.length) return 'cut-off';
  const version = p.d[off]! >> 4;
  if (version === 4 || version === 6) return ip(p, off, depth);
  // An Ethernet pseudowire with its control word (first nibble 0).
  if (version === 0) return ethernet(p, off + 4, depth + 1);
  return { unread: 'MPLS (unknown payload)' };
}

/** A PPPoE session header (six bytes), then PPP's protocol number. */
function pppoe(p: Packet, off: number, depth: number): Result {
  if (off + 8 > p.length) return 'cut-off';
  p.end = Math.min(p.end, off + 6 + p.v.getUint16(off + 4));
  return ppp(p, off + 6, depth, false);
}

/** A PPP frame at `off`: the HDLC address and control bytes if `hdlc` allows them, then a protocol number of one or two bytes. */
function ppp(p: Packet, off: number, depth: number, hdlc: boolean): Result {
  const { d } = p;
  if (hdlc && off + 2 <= p.length && d[off] === 0xff && d[off + 1] === 0x03) off += 2;
  if (off + 1 > p.length) return 'cut-off';
  let protocol = d[off]!;
  // A protocol number's first byte is even, its last odd: one odd byte is a compressed one.
  if ((protocol & 1) === 0) {
    if (off + 2 > p.length) return 'cut-off';
    protocol = (protocol << 8) | d[off + 1]!;
    off += 2;
  } else off += 1;
  switch (protocol) {
    case 0x21:
    case 0x57:
      return ip(p, off, depth);
    case 0x281:
    case 0x283:
      return mpls(p, off, depth + 1);
    case 0x2d:
    case 0x2f:
      return { unread: 'PPP Van Jacobson compression' };
    case 0xfd:
    case 0x80fd:
      return { unread: 'PPP CCP compression' };
    case 0x3d:
      return { unread: 'PPP Multilink' };
    default:
      return 'not-ip';
  }
}

/**
 * Frame Relay (RFC 2427): the Q.922 address (two to four bytes, its last with the EA bit), then UI
 * control (0x03), an optional pad byte and the NLPID: IPv4, IPv6, or SNAP's ethertype; Q.933
 * signalling (0x08) and OSI are not IP. Cisco's own framing puts an ethertype after the address.
 */
function frameRelay(p: Packet, off: number, depth: number): Result {
  const { d, v } = p;
  let at = off;
  for (let n = 0; ; n++) {
    if (at >= d.length) return 'cut-off';
    if (n >= 4) return 'damaged';
    if (d[at++]! & 0x01) break;
  }
  if (at >= d.length) return 'cut-off';
  if (d[at] !== 0x03) {
    if (at + 2 > d.length) return 'cut-off';
    return ethertype(p, v.getUint16(at), at + 2, depth);
  }
  at += 1;
  if (d[at] === 0x00) at += 1;
  if (at >= d.length) return 'cut-off';
  switch (d[at]) {
    case 0xcc:
    case 0x8e:
      return ip(p, at + 1, depth);
    case 0x80:
      // SNAP: an OUI and a protocol; OUI 0 carries an ethertype, 0x0080c2 a bridged frame (PID 1 or 7: Ethernet).
      if (at + 6 > d.length) return 'cut-off';
      if (d[at + 1] === 0 && d[at + 2] === 0 && d[at + 3] === 0) return ethertype(p, v.getUint16(at + 4), at + 6, depth);
      if (d[at + 1] === 0x00 && d[at + 2] === 0x80 && d[at + 3] === 0xc2 && (v.getUint16(at + 4) === 1 || v.getUint16(at + 4) === 7))
        return ethernet(p, at + 6, depth + 1);
      return 'not-ip';
    default:
      return 'not-ip';
  }
}

/**
 * Juniper's header: "MGC", a flags byte, and (flag 0x80) extensions with their length. Then the
 * frame of the link type (Ethernet, PPP, Cisco HDLC), or, where the layer-2 header was stripped
 * (flag 0x02), four bytes and the IP packet (tcpdump's print-juniper.c reads it so).
 */
function juniper(p: Packet, link: number): Result {
  const { d, v } = p;
  if (d.length < 4) return 'cut-off';
  if (d[0] !== 0x4d || d[1] !== 0x47 || d[2] !== 0x43) return 'damaged';
  const flags = d[3]!;
  let at = 4;
  if (flags & 0x80) {
    if (d.length < 6) return 'cut-off';
    at = 6 + v.getUint16(4);
  }
  if (at > d.length) return 'cut-off';
  if (flags & 0x02) return ip(p, at + 4, 0);
  switch (link) {
    case LINKTYPE.JUNIPER_ETHER:
      return ethernet(p, at, 0);
    case LINKTYPE.JUNIPER_PPP:
      return ppp(p, at, 0, true);
    case LINKTYPE.JUNIPER_CHDLC:
      if (at + 4 > d.length) return 'cut-off';
      return ethertype(p, v.getUint16(at + 2), at + 4, 0);
    default:
      return { unread: `Juniper ${JUNIPER[link]} (link type ${link})` };
  }
}

/** ARCnet: Linux's header has a 2-byte offset field; IP has a short header in RFC 1051's encoding, a longer one in RFC 1201's. */
function arcnet(p: Packet, linux: boolean): Result {
  const { d } = p;
  const typeAt = linux ? 4 : 2;
  if (d.length < typeAt + 1) return 'cut-off';
  const type = d[typeAt]!;
  let off: number;
  if (type === 240 || type === 241 || type === 0x80) off = typeAt + 1;
  else if (linux) off = 8;
  else {
    // BSD: a flag and sequence number; an exception frame has four bytes more; a middle fragment holds no header.
    if (d.length < 6) return 'cut-off';
    const flag = d[3]!;
    off = flag === 0xff ? 10 : 6;
    const realFlag = flag === 0xff ? (d[7] ?? 0) : flag;
    if (realFlag !== 0 && (realFlag & 1) === 0) return 'fragment';
  }
  if (off > d.length) return 'cut-off';
  if (type === 240 || type === 212) return ip(p, off, 0);
  if (type === 0xc4) return ip(p, off, 0);
  return 'not-ip';
}

/** An 802.11 frame at `off`: a data frame's LLC/SNAP header names what it carries. */
function wifi(p: Packet, off: number): Result {
  if (off + 24 > p.length) return 'cut-off';
  const fc0 = p.d[off]!;
  const fc1 = p.d[off + 1]!;
  // Type 2 is data; subtypes with bit 2 set carry none.
  if (((fc0 >> 2) & 3) !== 2) return 'not-ip';
  if (fc0 & 0x40) return 'not-ip';
  if (fc1 & 0x40) return { unread: '802.11 (encrypted)' };
  let header = 24;
  if ((fc1 & 3) === 3) header += 6;
  let amsdu = false;
  if (fc0 & 0x80) {
    // QoS data: its control field says whether the body is an A-MSDU.
    if (off + header + 2 > p.length) return 'cut-off';
    amsdu = (p.d[off + header]! & 0x80) !== 0;
    header += 2;
    if (fc1 & 0x80) header += 4;
  }
  if (!amsdu) return llc(p, off + header, 1);
  return amsduSubframes(p, off + header);
}

/**
 * An A-MSDU's subframes from `at`: each a destination, a source, a length, then that many bytes
 * from an LLC header on, padded to four bytes. Each segment is told to the sink as it is read (only
 * the first unless the caller takes them `all`). A packet with no segment in any subframe gives the
 * first subframe's reason; subframes without TCP in a packet with some are not counted.
 */
function amsduSubframes(p: Packet, at: number): Result {
  let first: Result | null = null;
  const end = p.end;
  while (at + 14 <= p.length) {
    const body = at + 14;
    const length = p.v.getUint16(at + 12);
    p.end = Math.min(end, body + length);
    const r = llc(p, body, 1);
    p.end = end;
    if (r === 'read') {
      first = r;
      if (!p.all) break;
    } else first ??= r;
    if (body + length >= p.length) break;
    at += (14 + length + 3) & ~3;
  }
  return first ?? 'cut-off';
}

/** Linux's nflog: a 4-byte header (the family first), then type-length-value items; type 9 holds the packet. */
function nflog(p: Packet): Result {
  const { d, v } = p;
  if (d.length < 4) return 'cut-off';
  for (let off = 4; off + 4 <= d.length;) {
    const length = v.getUint16(off, true);
    const type = v.getUint16(off + 2, true);
    if (length < 4) return 'damaged';
    if (type === 9) return ip(p, off + 4, 0);
    off += (length + 3) & ~3;
  }
  return 'not-ip';
}

/** An IP packet at `off` (IPv4 or IPv6 by its version nibble): TCP in it, or what it carries. */
function ip(p: Packet, off: number, depth: number): Result {
  if (depth > MAX_DEPTH) return 'damaged';
  const { d, v } = p;
  if (off >= d.length) return 'cut-off';
  const version = d[off]! >> 4;
  if (version === 4) {
    if (off + 20 > d.length) return 'cut-off';
    const ihl = (d[off]! & 15) * 4;
    if (ihl < 20) return 'damaged';
    const protocol = d[off + 9]!;
    const payloadLength = v.getUint16(off + 2) - ihl;
    // The addresses are the innermost header's: one inside it writes over them.
    p.out.family = 4;
    const addrs = p.out.addrs;
    for (let k = 0; k < 4; k++) {
      addrs[k] = d[off + 12 + k]!;
      addrs[16 + k] = d[off + 16 + k]!;
    }
    const fragment = v.getUint16(off + 6);
    const at = (fragment & 0x1fff) * 8;
    const more = (fragment & 0x2000) !== 0;
    if (at !== 0 || more) {
      // A fragment: gathered with the rest of its datagram when fragments are reassembled;
      // otherwise only the first holds a header of what it carries.
      if (p.frags)
        return reassemble(
          p,
          `4 ${p.out.address(false)} ${p.out.address(true)} ${protocol} ${v.getUint16(off + 4)}`,
          at,
          off + ihl,
          payloadLength,
          more,
          (q, length) => carried(q, protocol, 0, length, depth),
        );
      if (at !== 0) return 'fragment';
    }
    return carried(p, protocol, off + ihl, payloadLength, depth);
  }
  if (version === 6) {
    if (off + 40 > d.length) return 'cut-off';
    p.out.family = 6;
    const addrs = p.out.addrs;
    for (let k = 0; k < 32; k++) addrs[k] = d[off + 8 + k]!;
    return ipv6Headers(p, d[off + 6]!, off + 40, v.getUint16(off + 4), depth);
  }
  return depth === 0 ? 'not-ip' : 'damaged';
}

/** IPv6's extension headers from `at` (hop-by-hop, routing, destination options, fragment), then what they carry. */
function ipv6Headers(p: Packet, protocol: number, at: number, length: number, depth: number): Result {
  const { d, v } = p;
  for (;;) {
    if (protocol === 0 || protocol === 43 || protocol === 60) {
      if (at + 8 > d.length) return 'cut-off';
      const size = (d[at + 1]! + 1) * 8;
      protocol = d[at]!;
      at += size;
      length -= size;
    } else if (protocol === 44) {
      if (at + 8 > d.length) return 'cut-off';
      const fragment = v.getUint16(at + 2);
      const offset = fragment & 0xfff8;
      const more = (fragment & 1) !== 0;
      const next = d[at]!;
      const id = v.getUint32(at + 4);
      at += 8;
      length -= 8;
      // An atomic fragment (offset 0, no more to come) is a whole datagram.
      if (offset !== 0 || more) {
        if (p.frags)
          return reassemble(p, `6 ${p.out.address(false)} ${p.out.address(true)} ${id}`, offset, at, length, more, (q, whole) =>
            ipv6Headers(q, next, 0, whole, depth),
          );
        // Otherwise only the first holds a header of what it carries.
        if (offset !== 0) return 'fragment';
      }
      protocol = next;
    } else return carried(p, protocol, at, length, depth);
  }
}

/** One fragment of a datagram, at `payloadAt` in the packet: held, or (when it completes the datagram) the datagram read by `read`, in this packet. */
function reassemble(p: Packet, key: string, at: number, payloadAt: number, length: number, more: boolean, read: (q: Packet, length: number) => Result): Result {
  length = Math.min(length, p.end - payloadAt);
  if (length < 0) return 'damaged';
  const whole = p.frags!.add(key, at, length, p.d.subarray(payloadAt, payloadAt + length), more, p.t);
  if (!whole) return 'fragment';
  const q = new Packet(whole.bytes, whole.length - whole.bytes.length, p.t, p.out, p.sink, p.all);
  q.frags = p.frags;
  return read(q, whole.length);
}

/** What an IP packet carries, by its protocol number: its payload `length` bytes long at `at`. */
function carried(p: Packet, protocol: number, at: number, length: number, depth: number): Result {
  switch (protocol) {
    case 6:
      return tcp(p, at, Math.min(length, p.end - at));
    case 4:
    case 41:
      return ip(p, at, depth + 1);
    case 47:
      return gre(p, at, depth + 1);
    case 17:
      return udp(p, at, depth + 1);
    case 51: {
      // IPsec AH: its next header, its length in 4-byte words less 2; what it authenticates follows in the clear.
      if (depth > MAX_DEPTH) return 'damaged';
      if (at + 2 > p.length) return 'cut-off';
      const size = (p.d[at + 1]! + 2) * 4;
      return carried(p, p.d[at]!, at + size, length - size, depth + 1);
    }
    default: {
      const named = UNREAD_IP[protocol];
      return named ? { unread: named } : 'not-tcp';
    }
  }
}

/** A GRE header at `off`: its options by its flags (checksum, key, sequence; PPTP's acknowledgment), then its protocol. */
function gre(p: Packet, off: number, depth: number): Result {
  if (off + 4 > p.length) return 'cut-off';
  const { v } = p;
  const flags = v.getUint16(off);
  const protocol = v.getUint16(off + 2);
  const version = flags & 7;
  if (version > 1) return 'damaged';
  // Source routing (RFC 1701) is not read.
  if (flags & 0x4000) return { unread: 'GRE source routing' };
  let at = off + 4;
  if (flags & 0x8000) at += 4;
  if (flags & 0x2000) at += 4;
  if (flags & 0x1000) at += 4;
  // PPTP's enhanced GRE (version 1) may carry an acknowledgment number.
  if (version === 1 && flags & 0x0080) at += 4;
  if (at > p.length) return 'cut-off';
  // PPTP's GRE with no payload is an acknowledgment only.
  if (version === 1 && at === p.length) return 'not-ip';
  return ethertype(p, protocol, at, depth);
}

/** A UDP datagram at `off`: a tunnel by its port, else not TCP. */
function udp(p: Packet, off: number, depth: number): Result {
  if (off + 8 > p.length) return 'not-tcp';
  const { v, d } = p;
  const sport = v.getUint16(off);
  const dport = v.getUint16(off + 2);
  const at = off + 8;
  const port = (n: number) => sport === n || dport === n;
  if (dport === 4789 || dport === 8472) {
    // VXLAN: 8 bytes, its I flag set, then Ethernet.
    if (at + 8 > p.length) return 'cut-off';
    if ((d[at]! & 0x08) === 0) return 'not-tcp';
    return ethernet(p, at + 8, depth);
  }
  if (dport === 6081) {
    // Geneve: 8 bytes and its options' length (in 4-byte words), then what its protocol type says.
    if (at + 8 > p.length) return 'cut-off';
    if (d[at]! >> 6 !== 0) return 'not-tcp';
    return ethertype(p, v.getUint16(at + 2), at + 8 + (d[at]! & 0x3f) * 4, depth);
  }
  if (port(2152)) return gtp(p, at, depth);
  if (port(3544)) return teredo(p, at, depth);
  if (port(5072)) return ayiya(p, at, depth);
  if (dport === 4754) return gre(p, at, depth);
  if (dport === 6635) return mpls(p, at, depth);
  if (port(1701)) return l2tp(p, at, depth);
  const named = UNREAD_UDP[dport] ?? UNREAD_UDP[sport];
  if (named) return { unread: named };
  // Teredo between a client and a relay uses neither end's port 3544: an IPv6 packet that fills the
  // datagram exactly, to or from a Teredo address (2001:0::/32), is one (as Zeek finds them).
  const length = v.getUint16(off + 4) - 8;
  if (length >= 40 && at + 40 <= p.length && d[at]! >> 4 === 6 && v.getUint16(at + 4) + 40 === length && (isTeredo(d, at + 8) || isTeredo(d, at + 24)))
    return ip(p, at, depth);
  return 'not-tcp';
}

/**
 * L2TP version 2 (RFC 2661): its flags say which fields follow (length, sequence numbers, an offset
 * and its padding); a data message then carries a PPP frame. Control messages are not IP; version
 * 3 over UDP is not read.
 */
function l2tp(p: Packet, off: number, depth: number): Result {
  const { d, v } = p;
  if (off + 2 > p.length) return 'not-tcp';
  const flags = v.getUint16(off);
  const version = flags & 0x0f;
  if (version === 3) return { unread: 'L2TPv3' };
  if (version !== 2) return 'not-tcp';
  if (flags & 0x8000) return 'not-ip';
  let at = off + 2 + (flags & 0x4000 ? 2 : 0) + 4 + (flags & 0x0800 ? 4 : 0);
  if (flags & 0x0200) {
    if (at + 2 > p.length) return 'cut-off';
    at += 2 + v.getUint16(at);
  }
  if (at > d.length) return 'cut-off';
  return ppp(p, at, depth + 1, true);
}

/** GTP-U: version 1, a G-PDU (type 255) carries the user's IP packet after its optional fields and extension headers. */
function gtp(p: Packet, off: number, depth: number): Result {
  const { d } = p;
  if (off + 8 > p.length) return 'not-tcp';
  const flags = d[off]!;
  // Version 1, protocol type GTP (not GTP').
  if (flags >> 5 !== 1 || (flags & 0x10) === 0) return 'not-tcp';
  if (d[off + 1] !== 0xff) return 'not-tcp';
  let at = off + 8;
  if (flags & 0x07) {
    if (at + 4 > p.length) return 'cut-off';
    let next = flags & 0x04 ? d[at + 3]! : 0;
    at += 4;
    // Each extension header: its length in 4-byte words first, the next one's type last.
    while (next !== 0) {
      if (at + 1 > p.length) return 'cut-off';
      const words = d[at]!;
      if (words === 0) return 'damaged';
      if (at + words * 4 > p.length) return 'cut-off';
      next = d[at + words * 4 - 1]!;
      at += words * 4;
    }
  }
  if (at >= p.length) return 'cut-off';
  const version = d[at]! >> 4;
  return version === 4 || version === 6 ? ip(p, at, depth) : 'not-tcp';
}

/** Teredo: an IPv6 packet, perhaps after an authentication indication (type 1) and an origin indication (type 0). */
function teredo(p: Packet, off: number, depth: number): Result {
  const { d } = p;
  let at = off;
  if (at + 2 <= p.length && d[at] === 0 && d[at + 1] === 1) {
    if (at + 4 > p.length) return 'cut-off';
    at += 4 + d[at + 2]! + d[at + 3]! + 9;
  }
  if (at + 2 <= p.length && d[at] === 0 && d[at + 1] === 0) at += 8;
  if (at + 40 > p.length) return at >= p.length ? 'not-tcp' : 'cut-off';
  if (d[at]! >> 4 !== 6) return 'not-tcp';
  return ip(p, at, depth);
}

/** Whether the IPv6 address at `at` is a Teredo address (2001:0000::/32). */
const isTeredo = (d: Uint8Array, at: number): boolean => d[at] === 0x20 && d[at + 1] === 0x01 && d[at + 2] === 0 && d[at + 3] === 0;

/** AYIYA: its header (identity and signature of the lengths it gives), then a forwarded packet of the protocol it names. */
function ayiya(p: Packet, off: number, depth: number): Result {
  const { d } = p;
  if (off + 8 > p.length) return 'not-tcp';
  const at = off + 8 + (1 << (d[off]! >> 4)) + (d[off + 1]! >> 4) * 4;
  // Opcode 1 is a forward.
  if ((d[off + 2]! & 0x0f) !== 1) return 'not-tcp';
  const next = d[off + 3];
  if (next !== 4 && next !== 41) return 'not-tcp';
  return ip(p, at, depth);
}

/** A TCP header at `off`, of a segment `length` bytes long (header and payload) by the IP header: written to the packet's `out` and told to its sink. */
function tcp(p: Packet, off: number, length: number): Result {
  const { d, v, out } = p;
  if (off + 20 > d.length) return 'cut-off';
  const dataOffset = (d[off + 12]! >> 4) * 4;
  if (dataOffset < 20) return 'damaged';
  out.sport = v.getUint16(off);
  out.dport = v.getUint16(off + 2);
  out.seq = v.getUint32(off + 4);
  out.ack = v.getUint32(off + 8);
  out.flags = d[off + 13]!;
  out.win = v.getUint16(off + 14);
  out.len = Math.max(0, length - dataOffset);
  out.truncated = p.lost > 0;
  readOptions(p, off + 20, Math.min(d.length, off + dataOffset));
  p.sink(out);
  return 'read';
}

/** The options from `from` to `to`: a timestamp alone (most segments after the handshake) as numbers, anything else as an object. */
function readOptions(p: Packet, from: number, to: number): void {
  const { d, v, out } = p;
  out.hasTimestamp = false;
  out.options = null;
  for (let i = from; i < to;) {
    const kind = d[i]!;
    if (kind === 0) break;
    if (kind === 1) {
      i += 1;
      continue;
    }
    const len = i + 1 < to ? d[i + 1]! : -1;
    if (len < 2 || i + len > to) break; // cut short by the snap length
    if ((kind === 2 && len === 4) || (kind === 3 && len === 3) || (kind === 4 && len === 2)) {
      out.hasTimestamp = false;
      out.options = optionsObject(d.subarray(from, to));
      return;
    }
    if (kind === 8 && len === 10) {
      out.hasTimestamp = true;
      out.tsValue = v.getUint32(i + 2);
      out.tsEcho = v.getUint32(i + 6);
    }
    i += len;
  }
}

function optionsObject(o: Uint8Array): TcpOptions {
  const out: { -readonly [K in keyof TcpOptions]: TcpOptions[K] } = {};
  for (let i = 0; i < o.length;) {
    const kind = o[i]!;
    if (kind === 0) break;
    if (kind === 1) {
      i += 1;
      continue;
    }
    const len = o[i + 1];
    if (len === undefined || len < 2 || i + len > o.length) break; // cut short by the snap length
    if (kind === 2 && len === 4) out.mss = (o[i + 2]! << 8) | o[i + 3]!;
    else if (kind === 3 && len === 3) out.windowScale = o[i + 2]!;
    else if (kind === 4 && len === 2) out.sackPermitted = true;
    else if (kind === 8 && len === 10) {
      const v = new DataView(o.buffer, o.byteOffset + i + 2, 8);
      out.timestamp = { value: v.getUint32(0), echo: v.getUint32(4) };
    }
    i += len;
  }
  return out;
}

/** An IPv6 address as RFC 5952 writes it: lower case, the longest run of zero groups as "::". */
function ipv6(b: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((b[i]! << 8) | b[i + 1]!);
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}
