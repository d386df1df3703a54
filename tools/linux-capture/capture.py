#!/usr/bin/env python3
"""Capture what real Linux TCP does for one case of the post, on loopback in a private network namespace.

Run as root:  unshare -n python3 tools/linux-capture/capture.py CASE > out.json
The namespace is new and empty, so its sysctls, nftables rules and netem qdisc touch nothing
outside it. Output: the segments tcpdump saw (flags, seq/ack relative to each side's ISN, length,
time) and each endpoint's states as `ss` reported them (polled, so very short states may be missed).
"""
import json, os, socket, struct, subprocess, sys, threading, time

SERVER_PORT = 5000
CLIENT_PORT = 40000


def sh(cmd):
    subprocess.run(cmd, shell=True, check=True)


def sysctl(name, value):
    with open(f"/proc/sys/net/ipv4/{name}", "w") as f:
        f.write(str(value))


class StatePoller(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.seen = {"client": [], "server": []}
        self.stop = False

    def run(self):
        while not self.stop:
            out = subprocess.run(["ss", "-tanH"], capture_output=True, text=True).stdout
            now = {"client": None, "server": None}
            for line in out.splitlines():
                parts = line.split()
                if len(parts) < 5:
                    continue
                state, local, peer = parts[0], parts[3], parts[4]
                if local.endswith(f":{CLIENT_PORT}") and peer.endswith(f":{SERVER_PORT}"):
                    now["client"] = state
                elif local.endswith(f":{SERVER_PORT}") and peer.endswith(f":{CLIENT_PORT}"):
                    now["server"] = state
            for side in ("client", "server"):
                s = now[side] or "CLOSED"
                if not self.seen[side] or self.seen[side][-1] != s:
                    self.seen[side].append(s)
            time.sleep(0.005)


def parse_pcap(path):
    """Read tcpdump's pcap (Ethernet on lo) into segments with seq/ack relative to each side's ISN."""
    data = open(path, "rb").read()
    off, raw, scale = 24, [], {}
    while off + 16 <= len(data):
        sec, usec, caplen, _ = struct.unpack_from("<IIII", data, off)
        pkt = data[off + 16: off + 16 + caplen]; off += 16 + caplen
        ip = pkt[14:]
        ihl = (ip[0] & 15) * 4
        total = struct.unpack_from("!H", ip, 2)[0]
        tcp = ip[ihl:]
        sport, dport, seq, ack, doff_flags = struct.unpack_from("!HHIIH", tcp, 0)
        doff, bits = (doff_flags >> 12) * 4, doff_flags & 0x3F
        names = [n for bit, n in ((0x02, "SYN"), (0x01, "FIN"), (0x04, "RST"), (0x08, "PSH"), (0x10, "ACK")) if bits & bit]
        side = "client" if sport == CLIENT_PORT else "server"
        window = struct.unpack_from("!H", tcp, 14)[0]
        if bits & 0x02:
            scale[side] = window_scale(tcp[20:doff])
            win = window  # a SYN's window is never scaled (RFC 7323 section 2.2)
        else:
            win = window << scale.get(side, 0)
        raw.append({"t": sec * 1000 + usec / 1000, "from": side,
                    "flags": "+".join(names), "seq": seq, "ack": ack if bits & 0x10 else None, "len": total - ihl - doff, "win": win})
    isn = {}
    for s in raw:
        if "SYN" in s["flags"]:
            isn.setdefault(s["from"], s["seq"])
    t0 = raw[0]["t"] if raw else 0
    for s in raw:
        other = "server" if s["from"] == "client" else "client"
        s["t"] = round(s["t"] - t0, 1)
        if s["from"] in isn:
            s["seq"] = (s["seq"] - isn[s["from"]]) % 2**32
        if s["ack"] is not None and other in isn:
            s["ack"] = (s["ack"] - isn[other]) % 2**32
    return raw


def window_scale(options):
    """The window-scale shift a SYN's options offer (RFC 7323), or 0."""
    i = 0
    while i < len(options):
        kind = options[i]
        if kind == 0:
            break
        if kind == 1:
            i += 1
            continue
        if i + 1 >= len(options):
            break
        if kind == 3:
            return options[i + 2]
        i += max(2, options[i + 1])
    return 0


def listener():
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", SERVER_PORT))
    ls.listen(8)
    return ls


def client_socket():
    c = socket.socket()
    c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    c.bind(("127.0.0.1", CLIENT_PORT))
    return c


def abort(sock):
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def drop(rule):
    sh(f"nft add rule inet cap in {rule} drop")


def case_four_way_close():
    ls = listener(); c = client_socket(); c.connect(("127.0.0.1", SERVER_PORT)); s, _ = ls.accept()
    time.sleep(0.5); c.close()
    assert s.recv(10) == b""; time.sleep(0.5); s.close(); time.sleep(0.5)


def case_close_at_once():
    ls = listener(); c = client_socket(); c.connect(("127.0.0.1", SERVER_PORT)); s, _ = ls.accept()
    time.sleep(0.5); c.close()
    assert s.recv(10) == b""; s.close(); time.sleep(0.5)


def case_connection_refused():
    c = client_socket()
    try:
        c.connect(("127.0.0.1", SERVER_PORT))
    except ConnectionRefusedError:
        return "connection refused"


def case_syn_lost():
    listener(); drop(f"tcp dport {SERVER_PORT} tcp flags syn")
    c = client_socket()
    try:
        c.connect(("127.0.0.1", SERVER_PORT))
    except (TimeoutError, OSError) as e:
        return type(e).__name__


def case_close_wait_hang():
    sysctl("tcp_fin_timeout", 3)
    ls = listener(); c = client_socket(); c.connect(("127.0.0.1", SERVER_PORT)); s, _ = ls.accept()
    time.sleep(0.3); c.close(); time.sleep(5)


def case_half_close_no_timeout():
    sysctl("tcp_fin_timeout", 3)
    ls = listener(); c = client_socket(); c.connect(("127.0.0.1", SERVER_PORT)); s, _ = ls.accept()
    time.sleep(0.3); c.shutdown(socket.SHUT_WR); time.sleep(5)


def case_fin_wait_1_timeout():
    sysctl("tcp_orphan_retries", 3)
    ls = listener(); c = client_socket(); c.connect(("127.0.0.1", SERVER_PORT)); s, _ = ls.accept()
    time.sleep(0.3); drop(f"tcp sport {CLIENT_PORT}"); c.close(); time.sleep(8)


def case_fin_wait_1_timeout_default():
    # Linux's own orphan retries (tcp_orphan_retries 0, which means 8): about two minutes.
    ls = listener(); c = client_socket(); c.connect(("127.0.0.1", SERVER_PORT)); s, _ = ls.accept()
    time.sleep(0.3); drop(f"tcp sport {CLIENT_PORT}"); c.close(); time.sleep(240)


def case_synack_lost():
    # The client's ACK never reaches the server: the server resends SYN+ACK until tcp_synack_retries.
    ls = listener(); drop(f"tcp sport {CLIENT_PORT} tcp flags == ack")
    c = client_socket(); c.connect(("127.0.0.1", SERVER_PORT)); time.sleep(70)


def case_abort():
    ls = listener(); c = client_socket(); c.connect(("127.0.0.1", SERVER_PORT)); s, _ = ls.accept()
    time.sleep(0.3); abort(c); time.sleep(0.3)
    try:
        s.recv(10)
    except ConnectionResetError:
        return "connection reset"


def case_data():
    ls = listener(); c = client_socket(); c.connect(("127.0.0.1", SERVER_PORT)); s, _ = ls.accept()
    time.sleep(0.2); c.send(b"x" * 1000); time.sleep(0.2); s.recv(5000); time.sleep(0.2)
    s.send(b"y" * 500); time.sleep(0.2); c.recv(5000); c.close(); s.recv(10); s.close(); time.sleep(0.3)


def case_time_wait_fin_again():
    # The client's last ACK (the one for the server's FIN) is lost once: the server resends its FIN.
    ls = listener(); c = client_socket(); c.connect(("127.0.0.1", SERVER_PORT)); s, _ = ls.accept()
    time.sleep(0.3); c.close(); s.recv(10); time.sleep(0.3)
    sh(f"nft add rule inet cap in tcp sport {CLIENT_PORT} tcp flags == ack limit rate 1/hour burst 1 packets drop")
    s.close(); time.sleep(2)


def case_data_after_close():
    # The client closes with the server still sending: Linux answers the data with RST.
    ls = listener(); c = client_socket(); c.connect(("127.0.0.1", SERVER_PORT)); s, _ = ls.accept()
    time.sleep(0.3); c.close(); time.sleep(0.3); s.send(b"z" * 100); time.sleep(0.3)


def case_segment_to_closed():
    # The client aborts but its RST is lost; the server's next data reaches a closed port.
    ls = listener(); c = client_socket(); c.connect(("127.0.0.1", SERVER_PORT)); s, _ = ls.accept()
    time.sleep(0.3); drop(f"tcp sport {CLIENT_PORT} tcp flags rst"); abort(c); time.sleep(0.3)
    sh("nft flush chain inet cap in"); s.send(b"z" * 100); time.sleep(0.3)


def case_simultaneous_close():
    # Both applications close at once, and the client's FIN is lost once: the server's FIN reaches a
    # client still in FIN-WAIT-1 (CLOSING), and the client's FIN, sent again, a server whose own FIN
    # was acknowledged first (FIN-WAIT-2). Both end in TIME-WAIT. (This kernel has no netem to
    # delay both FINs on the wire; a loss crosses them as well.)
    ls = listener(); c = client_socket(); c.connect(("127.0.0.1", SERVER_PORT)); s, _ = ls.accept()
    time.sleep(0.3)
    sh(f"nft add rule inet cap in tcp sport {CLIENT_PORT} 'tcp flags & fin == fin' limit rate 1/hour burst 1 packets drop")
    c.close(); s.close(); time.sleep(2)


def case_close_unread():
    # The server's application closes with bytes it never read: Linux resets the connection instead
    # of sending a FIN (RFC 2525 section 2.17), and the client's next read fails.
    ls = listener(); c = client_socket(); c.connect(("127.0.0.1", SERVER_PORT)); s, _ = ls.accept()
    time.sleep(0.3); c.send(b"u" * 100); time.sleep(0.3); s.close(); time.sleep(0.3)
    try:
        c.recv(10)
    except ConnectionResetError:
        return "connection reset"


def case_zero_window():
    # The server's application stops reading: its window fills, the client probes the zero window
    # (persist timer), then the application reads everything and the window opens again.
    # Small buffers and a 1000-byte MSS keep the capture short; segmentation offload is off so
    # tcpdump sees the segments the wire would carry.
    sh("ethtool -K lo tso off gso off gro off > /dev/null 2>&1 || true")
    ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    ls.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 1000)
    ls.bind(("127.0.0.1", SERVER_PORT)); ls.listen(8)
    c = client_socket(); c.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 1000)
    c.connect(("127.0.0.1", SERVER_PORT)); s, _ = ls.accept()
    time.sleep(0.3)
    total = 20000
    sender = threading.Thread(target=lambda: c.sendall(b"w" * total), daemon=True); sender.start()
    time.sleep(4)
    got = 0
    while got < total:
        got += len(s.recv(65536))
    sender.join(); time.sleep(0.3)
    c.close(); assert s.recv(10) == b""; time.sleep(0.3); s.close(); time.sleep(0.3)
    return f"read {got} bytes"


def keepalive(sock, idle=1, interval=1, count=3):
    # Keep-alives after `idle` s of silence, every `interval` s, `count` unanswered ones before giving up.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, idle)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, interval)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, count)


def reader_case_keepalive():
    # An idle connection whose client sends keep-alives (a segment at snd.una - 1, no bytes), each
    # answered by the server's ACK; then an orderly close.
    ls = listener(); c = client_socket(); keepalive(c); c.connect(("127.0.0.1", SERVER_PORT)); s, _ = ls.accept()
    time.sleep(0.2); c.send(b"k" * 10); s.recv(100); time.sleep(3.6)
    c.close(); assert s.recv(10) == b""; time.sleep(0.2); s.close(); time.sleep(0.3)


def reader_case_keepalive_dead():
    # The server falls silent (everything it sends is dropped): the client's keep-alives go
    # unanswered, and after the third Linux gives up and resets the connection.
    ls = listener(); c = client_socket(); keepalive(c); c.connect(("127.0.0.1", SERVER_PORT)); s, _ = ls.accept()
    time.sleep(0.2); drop(f"tcp sport {SERVER_PORT}"); time.sleep(5.5)
    try:
        c.recv(10)
    except OSError as e:
        return type(e).__name__


def reader_case_late_capture():
    # The capture starts after the handshake: the reader must assume the opening.
    ls = listener(); c = client_socket(); c.connect(("127.0.0.1", SERVER_PORT)); s, _ = ls.accept()
    time.sleep(0.3); start_dump(); time.sleep(0.5)
    c.send(b"x" * 1000); s.recv(5000); time.sleep(0.2); s.send(b"y" * 500); c.recv(5000); time.sleep(0.2)
    c.close(); s.recv(10); time.sleep(0.2); s.close(); time.sleep(0.3)


def reader_case_one_way_client():
    # The data case, captured in the client's direction only (a capture filter): what the server
    # sent is inferred from what the client acknowledged.
    case_data()


def reader_case_one_way_server():
    # The data case, captured in the server's direction only.
    case_data()


def reader_case_crossing_fins():
    # Both applications close at once, and each first FIN is lost on the way: each end sends its
    # FIN before the other's has arrived (the FINs cross), so neither FIN acknowledges the other.
    # The first resent FIN to arrive finds its peer in FIN-WAIT-1 (CLOSING); both end in TIME-WAIT.
    # (This kernel has no netem to delay the FINs on the wire; losing them crosses them as well.)
    ls = listener(); c = client_socket(); c.connect(("127.0.0.1", SERVER_PORT)); s, _ = ls.accept()
    time.sleep(0.3)
    for port in (CLIENT_PORT, SERVER_PORT):
        sh(f"nft add rule inet cap in tcp sport {port} 'tcp flags & fin == fin' limit rate 1/hour burst 1 packets drop")
    c.close(); s.close(); time.sleep(2)


# `case_*` are also the engine's fixtures (tests/fixtures/linux, tests/model/linuxCases.ts);
# `reader_case_*` are ground truth for the capture reader only (tests/fixtures/linux-pcap): the
# engine has no keep-alive timer, and a late or one-sided capture is about reading, not the engine.
CASES = {k[5:].replace("_", "-"): v for k, v in globals().items() if k.startswith("case_")}
CASES.update({k[12:].replace("_", "-"): v for k, v in globals().items() if k.startswith("reader_case_")})

# Cases whose capture starts later (the case calls start_dump()), or sees one direction only.
LATE_CAPTURE = {"late-capture"}
CAPTURE_FILTER = {"one-way-client": f"tcp src port {CLIENT_PORT} and tcp dst port {SERVER_PORT}",
                  "one-way-server": f"tcp src port {SERVER_PORT} and tcp dst port {CLIENT_PORT}"}
DUMP = {}


def start_dump():
    name = DUMP["name"]
    DUMP["proc"] = subprocess.Popen(["tcpdump", "-i", "lo", "-n", "-U", "--immediate-mode", "-B", "16384", "-w", DUMP["pcap"],
                                     CAPTURE_FILTER.get(name, f"tcp port {SERVER_PORT}")], stderr=subprocess.DEVNULL)
    time.sleep(0.5)


def main():
    name = sys.argv[1]
    delay_ms = int(sys.argv[2]) if len(sys.argv) > 2 else 0  # this kernel may lack netem
    sh("ip link set lo up")
    if delay_ms:
        sh(f"tc qdisc add dev lo root netem delay {delay_ms}ms")
    # Drops happen on the way in, after tcpdump has seen the segment leave, so a lost one still shows.
    sh("nft add table inet cap && nft add chain inet cap in '{ type filter hook input priority 0; }'")
    pcap = f"/tmp/capture-{name}.pcap"
    DUMP.update(name=name, pcap=pcap)
    if name not in LATE_CAPTURE:
        start_dump()
    poller = StatePoller(); poller.start()
    result = CASES[name]()
    time.sleep(1.0)
    poller.stop = True; poller.join()
    DUMP["proc"].terminate(); DUMP["proc"].wait()
    keep = os.environ.get("KEEP_PCAP")  # a path: keep the raw capture there too (the capture reader's ground truth)
    if keep:
        subprocess.run(["cp", pcap, keep], check=True)
    print(json.dumps({"case": name, "kernel": os.uname().release, "oneWayDelayMs": delay_ms,
                      "result": result, "sysctls": {k: open(f"/proc/sys/net/ipv4/{k}").read().strip() for k in ("tcp_fin_timeout", "tcp_orphan_retries", "tcp_syn_retries", "tcp_synack_retries", "tcp_syn_linear_timeouts")}, "states": poller.seen, "segments": parse_pcap(pcap)}, indent=1))


if __name__ == "__main__":
    main()
