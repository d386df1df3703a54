import type { EndpointId } from './types';

/** The addresses the two endpoints have wherever one is needed (the .pcap export, `ss -tan`): documentation ones (RFC 5737). */
export const HOSTS: Record<EndpointId, { ip: readonly [number, number, number, number]; port: number }> = {
  client: { ip: [192, 0, 2, 10], port: 51234 },
  server: { ip: [198, 51, 100, 20], port: 80 },
};
