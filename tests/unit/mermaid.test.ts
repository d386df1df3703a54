import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/model/simulation';
import { toMermaid } from '../../src/ui/exportDiagram';

describe('Mermaid export', () => {
  it('writes the run as a sequenceDiagram: segments as arrows, a lost one crossed, states as notes', () => {
    const sim = new Simulation({
      config: { preset: 'classroom', clientIsn: 100, serverIsn: 300 },
      steps: [
        { at: 0, endpoint: 'server', call: 'listen' },
        { at: 0, network: 'drop-next', direction: 'client->server' },
        { at: 0, endpoint: 'client', call: 'connect' },
      ],
    });
    sim.runUntil(5000);
    expect(toMermaid(sim.history, { client: 'Client', server: 'Server' }, false).split('\n')).toEqual([
      'sequenceDiagram',
      '    participant C as Client',
      '    participant S as Server',
      '    Note over S: LISTEN',
      '    Note over C: SYN-SENT',
      '    C-xS: SYN seq=100 (lost)',
      '    C->>S: SYN seq=100 (retransmission)',
      '    Note over S: SYN-RECEIVED',
      '    S-->>C: SYN+ACK seq=300 ack=101',
      '    Note over C: ESTABLISHED',
      '    C->>S: ACK seq=101 ack=301',
      '    Note over S: ESTABLISHED',
    ]);
  });

  it("follows the diagram: relative numbers count from each connection's own ISN, a second connection from 0 again", () => {
    const sim = new Simulation({
      config: { preset: 'classroom', clientIsn: 100, serverIsn: 300 },
      steps: [
        { at: 0, endpoint: 'server', call: 'listen' },
        { at: 0, endpoint: 'client', call: 'connect' },
        { at: 3000, endpoint: 'client', call: 'abort' },
        { at: 3500, endpoint: 'client', call: 'connect' },
      ],
    });
    sim.runUntil(6000);
    const text = toMermaid(sim.history, { client: 'Client', server: 'Server' }, true);
    const syns = text.split('\n').filter((l) => /: SYN seq=/.test(l));
    expect(syns.length).toBe(2);
    for (const l of syns) expect(l).toContain('SYN seq=0');
    expect(text).toContain('S-->>C: SYN+ACK seq=0 ack=1');
    expect(text).not.toMatch(/seq=\d{3,}/);
  });
});
