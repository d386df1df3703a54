/**
 * A conn.log row's history replayed through the engine (src/capture/connlogHistory.ts): both
 * ends' states at the row's end for the post's cases, what the letters cannot say, and the
 * census over rows (src/capture/connlogCensus.ts).
 */
import { describe, expect, it } from 'vitest';
import { replayHistory } from '../../src/capture/connlogHistory';
import { ConnLogCensus } from '../../src/capture/connlogCensus';
import type { ConnRow } from '../../src/capture/connlog';
import { explainEnds } from '../../src/i18n/connlogStrings';
import { connlog as en } from '../../src/i18n/en/connlog';
import { connlog as ko } from '../../src/i18n/ko/connlog';

describe("the post's cases, from their Zeek histories", () => {
  it.each([
    // history, conn_state, originator (client), responder (server), notes
    ['ShAdDaFf', 'SF', 'TIME-WAIT', 'CLOSED', ['hidden-ack']], // a normal close: the client closed first
    ['ShAdDafF', 'SF', 'CLOSED', 'TIME-WAIT', ['hidden-ack']], // the server closed first
    ['ShADadF', 'S2', 'FIN-WAIT-2', 'CLOSE-WAIT', ['hidden-ack']], // CLOSE-WAIT left open at the server; the client's FIN-WAIT-2 whose peer never closed
    ['ShADadf', 'S3', 'CLOSE-WAIT', 'FIN-WAIT-2', ['hidden-ack']], // the responder's FIN came; the originator never sent one
    ['ShADadR', 'RSTO', 'CLOSED', 'CLOSED', []], // a reset, by the client
    ['ShADadr', 'RSTR', 'CLOSED', 'CLOSED', []], // a reset, by the server
    ['Sr', 'REJ', 'CLOSED', 'CLOSED', []], // refused: nothing listened
    ['S', 'S0', 'SYN-SENT', 'LISTEN', ['syn-unanswered']], // S0: no answer
    ['ShADad', 'S1', 'ESTABLISHED', 'ESTABLISHED', []], // open, not closed
    ['ShAF', 'S2', 'FIN-WAIT-1', 'CLOSE-WAIT', []], // the responder wrote no ACK letter yet: its ACK of the FIN would show, so it did not come
  ] as const)('%s (%s): the client in %s, the server in %s', (history, _verdict, client, server, notes) => {
    const ends = replayHistory(history);
    expect(ends.client).toBe(client);
    expect(ends.server).toBe(server);
    expect(ends.notes).toEqual(notes);
  });

  it("takes the engine's rules: a reset of a half-open connection returns the responder to LISTEN (RFC 9293 3.10.7.4)", () => {
    expect(replayHistory('ShR')).toMatchObject({ client: 'CLOSED', server: 'LISTEN' });
    // A reset from an end that had closed first is an abort only if its application still held the socket (shutdown()).
    expect(replayHistory('ShADadFRf')).toMatchObject({ client: 'CLOSED', server: 'CLOSED' });
  });

  it('says what the letters cannot: an opening Zeek did not see, one direction only, a flipped connection, a gap', () => {
    expect(replayHistory('^fA')).toMatchObject({ client: 'CLOSE-WAIT', server: 'FIN-WAIT-2', notes: ['opening-assumed', 'flipped'] });
    expect(replayHistory('DaFfA')).toMatchObject({ client: 'TIME-WAIT', server: 'CLOSED', notes: ['opening-assumed'] });
    // Zeek saw the client's side only: the SYN+ACK its ACK acknowledges is inferred; the FIN's ACK is unknown.
    expect(replayHistory('SADF')).toMatchObject({ client: 'FIN-WAIT-1', server: 'CLOSE-WAIT', notes: ['one-sided', 'opening-assumed'] });
    // Zeek saw the responder's side only: the handshake's ACK its bytes need is inferred; nothing acknowledged its FIN.
    expect(replayHistory('^hdaf')).toMatchObject({ client: 'CLOSE-WAIT', server: 'FIN-WAIT-1', notes: ['opening-assumed', 'one-sided', 'flipped'] });
    expect(replayHistory('ShADaGdgtR')).toMatchObject({ client: 'CLOSED', server: 'CLOSED', notes: ['gap'] });
    expect(replayHistory('ShADadcCwWiq').notes).toEqual(['bad-checksum', 'zero-window', 'odd-flags']);
    expect(replayHistory('ShA?')).toMatchObject({ notes: ['unknown-letter'] });
    expect(replayHistory(null)).toMatchObject({ client: 'CLOSED', server: 'CLOSED', notes: ['no-history'] });
    expect(replayHistory('S'.repeat(5000)).notes).toContain('partial');
  });

  it('explains a verdict in words, in English and in Korean', () => {
    const ends = replayHistory('ShADadf');
    const said = explainEnds(en, 'S3', ends);
    expect(said[0]).toBe("The responder's FIN came; the originator never sent one: its application had not closed.");
    expect(said[1]).toMatch(/^The responder closed and the originator acknowledged its FIN, but the originator never sent its own/);
    expect(explainEnds(ko, 'S3', ends)[0]).toBe('응답 측의 FIN은 왔지만 발신 측은 FIN을 보내지 않았습니다. 애플리케이션이 소켓을 닫지 않았습니다.');
    expect(explainEnds(en, 'REJ', replayHistory('Sr'))[1]).toBe('Nothing listened on the port: the responder refused the SYN with a reset.');
  });
});

describe('the census, streamed', () => {
  const row = (i: number, history: string, connState: string, server = '10.0.0.9', port = 80): ConnRow => ({
    line: i + 1,
    ts: i,
    uid: `C${i}`,
    origH: '10.0.0.1',
    origP: 1024 + (i % 60_000),
    respH: server,
    respP: port,
    proto: 'tcp',
    service: null,
    duration: 1,
    origBytes: 1,
    respBytes: 1,
    connState,
    history,
  });

  it('counts by both ends, by verdict and by server, and shows where CLOSE-WAIT piles up', () => {
    const census = new ConnLogCensus();
    for (let i = 0; i < 300; i++) census.add(row(i, 'ShAdDaFf', 'SF', '10.0.0.9', 80));
    for (let i = 0; i < 120; i++) census.add(row(i, 'ShADadF', 'S2', '10.0.0.7', 8080));
    for (let i = 0; i < 5; i++) census.add(row(i, 'ShADadF', 'S2', '10.0.0.9', 80));
    census.add({ ...row(0, 'Dd', 'SF'), proto: 'udp' });
    const r = census.result();
    expect(r).toMatchObject({ rows: 426, tcp: 425, otherProtocols: { udp: 1 }, verdicts: { SF: 300, S2: 125 }, distinctServers: 2, serverCountsMayMiss: 0 });
    expect(r.states.server).toEqual({ CLOSED: 300, 'CLOSE-WAIT': 125 });
    expect(r.states.client).toEqual({ 'TIME-WAIT': 300, 'FIN-WAIT-2': 125 });
    expect(r.pairs[0]).toEqual({ client: 'TIME-WAIT', server: 'CLOSED', rows: 300 });
    expect(r.piles.server['CLOSE-WAIT']).toEqual([
      { server: '10.0.0.7:8080', rows: 120 },
      { server: '10.0.0.9:80', rows: 5 },
    ]);
    expect(r.servers[0]).toMatchObject({ server: '10.0.0.9:80', rows: 305, states: { server: { CLOSED: 300, 'CLOSE-WAIT': 5 } } });
    expect(r.histories.map((h) => [h.history, h.verdict, h.rows])).toEqual([
      ['ShAdDaFf', 'SF', 300],
      ['ShADadF', 'S2', 125],
    ]);
    // Each history is replayed once, however many rows have it.
    expect(census.cache.replays).toBe(2);
  });

  it('keeps its memory bounded: beyond its cap of servers, the least seen are dropped and the result says by how much a count may miss', () => {
    const census = new ConnLogCensus(100);
    for (let i = 0; i < 1000; i++) census.add(row(i, 'S', 'S0', `10.1.${i >> 8}.${i & 255}`, 443));
    for (let i = 0; i < 50; i++) census.add(row(i, 'ShADadF', 'S2', '10.2.0.1', 8080));
    const r = census.result(3);
    expect(r.distinctServers).toBeNull();
    expect(r.serverCountsMayMiss).toBe(1);
    expect(r.servers[0]).toMatchObject({ server: '10.2.0.1:8080', rows: 50 });
    expect(r.piles.server['CLOSE-WAIT']).toEqual([{ server: '10.2.0.1:8080', rows: 50 }]);
    expect(r.tcp).toBe(1050);
  });
});
