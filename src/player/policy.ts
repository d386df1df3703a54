/**
 * The applications' policy: what the programs on each end do or never do, apart from TCP. Today
 * one rule, the post's leak: an application that never calls close(), which leaves its socket
 * in CLOSE-WAIT for good. The session enforces it for every caller (buttons, keys, links), share
 * links carry it, and a reset clears it.
 */
import type { ApplicationRefusal } from '../model/endpoint/refusals';
import type { CallName, EndpointId } from '../model/types';

export interface Policy {
  /** This end's application never calls close() (the post's CLOSE-WAIT hang). */
  readonly neverCloses: Readonly<Record<EndpointId, boolean>>;
}

export const NO_POLICY: Policy = { neverCloses: { client: false, server: false } };

/** Why the policy refuses a call, or null if it does not. */
export function policyRefusal(policy: Policy, endpoint: EndpointId, call: CallName): ApplicationRefusal | null {
  return call === 'close' && policy.neverCloses[endpoint] ? 'the application never calls close()' : null;
}

export const hasPolicy = (p: Policy): boolean => p.neverCloses.client || p.neverCloses.server;

/** A lesson's policy: the ends whose application never calls close(). */
export const neverClosing = (ends: readonly EndpointId[] = []): Policy =>
  ends.length === 0 ? NO_POLICY : { neverCloses: { client: ends.includes('client'), server: ends.includes('server') } };
