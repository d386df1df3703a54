#!/usr/bin/env bash
# Small real captures of encapsulated traffic and unusual link types, taken from Zeek's and
# tcpdump's own test suites (bare git mirrors on this machine; pinned commits), and what tshark
# reads in each (tests/unit/capture-encap.test.ts compares the reader with it). Big ones are cut
# with editcap -r. Output: tests/fixtures/zeek/ and tests/fixtures/tcpdump/, with a .tshark.csv
# beside each capture: every frame's number, tshark's protocol stack, and the innermost IPv4/IPv6
# addresses and TCP fields (occurrence=l: the last, innermost, of each field).
set -euo pipefail
cd "$(dirname "$0")/../.."
ZEEK=${ZEEK:-/work/.mirror/zeek+zeek/repo}
ZEEK_COMMIT=a13de64fbbdb01f90961c04719b308fbbb6d199e
TCPDUMP=${TCPDUMP:-/work/.mirror/the-tcpdump-group+tcpdump/repo}
TCPDUMP_COMMIT=39b50f76672bca4af7d7eb52604c5b692c6b6b2c
mkdir -p tests/fixtures/zeek tests/fixtures/tcpdump

# source-path [output-name [packet-range]]
zeek() {
  local out="tests/fixtures/zeek/${2:-$(basename "$1")}"
  git -C "$ZEEK" show "$ZEEK_COMMIT:testing/btest/Traces/$1" > "$out"
  if [ -n "${3:-}" ]; then editcap -F pcap -r "$out" "$out.cut" "$3" && mv "$out.cut" "$out"; fi
}
tcpdump() {
  git -C "$TCPDUMP" show "$TCPDUMP_COMMIT:tests/$1" > "tests/fixtures/tcpdump/$1"
}

zeek mpls-in-vlan.pcap
zeek mixed-vlan-mpls.pcap
zeek pppoe-over-qinq.pcap pppoe-over-qinq.pcap 1-24
zeek pbb.pcap
zeek vntag.pcap
zeek vlan-qinqinq.pcap
zeek cisco-fabric-path.pcap
zeek dns-inverse-query.pcap fddi-dns-inverse-query.pcap
zeek nflog-http.pcap
zeek tunnels/gre-sample.pcap
zeek tunnels/gre-pptp.pcap
zeek tunnels/gre-erspan3-dot1q.pcap
zeek tunnels/gre-over-udp-4754.pcap
zeek tunnels/4in4.pcap
zeek tunnels/4in6.pcap
zeek tunnels/6in4.pcap
zeek tunnels/6in6.pcap
zeek tunnels/6in6in6.pcap
zeek tunnels/6in6-tunnel-change.pcap
zeek tunnels/vxlan-encapsulated-http.pcap
zeek tunnels/geneve-many-options.pcap
zeek tunnels/geneve-inner-tcp-bad-checksum.pcap
zeek tunnels/gtp/gtp_ext_header.pcap
zeek tunnels/gtp/gtp7_ipv6.pcap
zeek tunnels/Teredo.pcap Teredo.pcap 1-40
zeek tunnels/ayiya3.pcap
zeek ipv4/fragmented-syn.pcap ipv4-fragmented-syn.pcap
zeek ipv4/fragmented-4.pcap ipv4-fragmented-4.pcap
tcpdump bgp_vpn_attrset.pcap
tcpdump lspping-fec-ldp.pcap
tcpdump ipoib.pcap
tcpdump arcnet-rfc1051-arp-icmp-http.pcap
tcpdump arcnet-rfc1201-arp-icmp-http.pcap
tcpdump OSPFv3_with_AH.pcap
tcpdump macsec-integonly.pcap
tcpdump macsec-short-valid.pcap
tcpdump OSPFv3_NBMA_adjacencies.pcap
tcpdump bgp-aigp.pcap

for f in tests/fixtures/zeek/*.pcap tests/fixtures/tcpdump/*.pcap; do
  # Teredo between a client and a relay is on other ports than 3544: tshark finds it with its heuristic on (as Zeek does).
  tshark -o teredo.heuristic_teredo:TRUE -r "$f" -T fields -E separator=, -E occurrence=l -e frame.number -e frame.protocols -e ip.src -e ipv6.src -e tcp.srcport \
    -e ip.dst -e ipv6.dst -e tcp.dstport -e tcp.flags -e tcp.seq_raw -e tcp.ack_raw -e tcp.len > "$f.tshark.csv" 2>/dev/null
done
# An A-MSDU with a TCP segment in each of its two subframes: kept apart (one frame, two segments), with
# the TCP fields of every subframe (occurrence=a) as tshark reads them.
mkdir -p tests/fixtures/zeek/amsdu
git -C "$ZEEK" show "$ZEEK_COMMIT:testing/btest/Traces/tunnels/gre-aruba-amsdu.pcap" > tests/fixtures/zeek/amsdu/gre-aruba-amsdu.pcap
tshark -r tests/fixtures/zeek/amsdu/gre-aruba-amsdu.pcap -T fields -E separator=, -E occurrence=a -E 'aggregator=;' -e frame.number -e tcp.srcport -e tcp.dstport \
  -e tcp.flags -e tcp.seq_raw -e tcp.ack_raw -e tcp.len > tests/fixtures/zeek/amsdu/gre-aruba-amsdu.pcap.tshark.csv 2>/dev/null
# And one gzipped, to be read the same as its plain copy.
gzip -9nc tests/fixtures/zeek/vxlan-encapsulated-http.pcap > tests/fixtures/zeek/vxlan-encapsulated-http.pcap.gz
