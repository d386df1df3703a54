#!/usr/bin/env bash
# The text tcpdump prints for each Linux capture, kept beside it (tests/unit/capture-text.test.ts
# reads it back and compares it with the pcap): -n as most posts show it, and for one case -S
# (whole sequence numbers) with -tttt (dates) and -i any's cooked header.
set -euo pipefail
cd "$(dirname "$0")/../.."
for f in tests/fixtures/linux-pcap/*.pcap; do tcpdump -n -r "$f" > "${f%.pcap}.tcpdump.txt" 2>/dev/null; done
tcpdump -nn -S -tttt -r tests/fixtures/captures/any-sll2.pcap > tests/fixtures/captures/any-sll2.pcap.tcpdump-S-tttt.txt 2>/dev/null
tcpdump -n -tt -r tests/fixtures/captures/lo-ethernet.pcapng > tests/fixtures/captures/lo-ethernet.pcapng.tcpdump-tt.txt 2>/dev/null
