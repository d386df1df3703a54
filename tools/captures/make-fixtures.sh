#!/usr/bin/env bash
# Small captures of one TCP connection (IPv4 and IPv6, on loopback) in the link types and file
# formats the capture reader must handle, written by Debian's tcpdump and editcap, and what
# tshark reads in each (the reader's tests compare against it). Run as root; needs tcpdump and
# the wireshark tools (tshark, editcap). Output: tests/fixtures/captures/.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=tests/fixtures/captures
mkdir -p "$out"
work=$(mktemp -d)
unshare -n bash -c "
  ip link set lo up
  tcpdump -i lo -n -U -w $work/lo-ethernet.pcap 'tcp port 5000' 2>/dev/null & a=\$!
  tcpdump -i any -n -U -w $work/any-sll2.pcap 'tcp port 5000' 2>/dev/null & b=\$!
  tcpdump -i any -y LINUX_SLL -n -U -w $work/any-sll.pcap 'tcp port 5000' 2>/dev/null & c=\$!
  sleep 1
  python3 - <<'PY'
import socket, time
for family, host in ((socket.AF_INET, '127.0.0.1'), (socket.AF_INET6, '::1')):
    ls = socket.socket(family); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); ls.bind((host, 5000)); ls.listen(1)
    c = socket.socket(family); c.connect((host, 5000)); s, _ = ls.accept()
    c.send(b'x' * 300); time.sleep(0.05); s.recv(1000); s.send(b'y' * 100); time.sleep(0.05); c.recv(1000)
    c.close(); time.sleep(0.05); s.recv(10); s.close(); ls.close(); time.sleep(0.1)
PY
  sleep 1; kill \$a \$b \$c; wait
"
cp "$work"/*.pcap "$out/"
editcap -F pcapng "$out/lo-ethernet.pcap" "$out/lo-ethernet.pcapng"
editcap -F pcapng "$out/any-sll2.pcap" "$out/any-sll2.pcapng"
# Nanosecond timestamps, and a snap length that cuts every packet short.
editcap -F pcap --set-ts-precision 9 "$out/lo-ethernet.pcap" "$out/lo-ethernet-ns.pcap" 2>/dev/null || editcap -F nsecpcap "$out/lo-ethernet.pcap" "$out/lo-ethernet-ns.pcap"
editcap -F pcap -s 60 "$out/lo-ethernet.pcap" "$out/lo-ethernet-snap60.pcap"
for f in "$out"/*.pcap "$out"/*.pcapng; do
  tshark -r "$f" -T fields -E separator=, -e frame.time_relative -e ip.src -e ipv6.src -e tcp.srcport -e ip.dst -e ipv6.dst -e tcp.dstport -e tcp.flags -e tcp.seq_raw -e tcp.ack_raw -e tcp.len -e tcp.window_size_value -e tcp.options.mss_val -e tcp.options.wscale.shift 'tcp' > "${f}.tshark.csv"
done
rm -rf "$work"
ls -la "$out"
