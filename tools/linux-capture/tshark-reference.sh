#!/usr/bin/env bash
# tshark's own TCP analysis of each Linux capture, kept beside it as the reference the capture
# X-ray's resends are checked against (tests/unit/capture-anomalies.test.ts): one line, the
# frame numbers tshark flags as a retransmission of any kind.
set -euo pipefail
cd "$(dirname "$0")/../.."
for f in tests/fixtures/linux-pcap/*.pcap; do
  tshark -r "$f" -Y 'tcp.analysis.retransmission || tcp.analysis.fast_retransmission || tcp.analysis.spurious_retransmission' \
    -T fields -e frame.number | tr '\n' ' ' | sed 's/ $//' > "${f%.pcap}.retransmissions.txt"
  echo >> "${f%.pcap}.retransmissions.txt"
done
