// What peerChainDer reports depends on the connection's trust store: Node links issuers the
// server never sent from it. Only a connection that trusts no CA shows the presented chain,
// the one DANE-TA must match (RFC 7672 §3.1.2).
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRootCa, issueServerLeaf, type IssuedPem } from '../../../../engine/pki/issue.ts';
import { chainSeenBySender, presentingServer, type PresentingServer } from '../../policy/dane/chain-over-tls.ts';

let ca: IssuedPem;
let leafOnly: PresentingServer;
let fullChain: PresentingServer;
const subjects = (chain: Uint8Array[]) => chain.map((der) => new X509Certificate(Buffer.from(der)).subject.split('\n')[0]);

beforeAll(async () => {
  ca = await createRootCa('Peer Chain Test CA');
  const leaf = await issueServerLeaf(ca, 'mx.example.jp');
  leafOnly = await presentingServer(leaf.certPem, leaf.keyPem);
  fullChain = await presentingServer(`${leaf.certPem.trimEnd()}\n${ca.certPem}`, leaf.keyPem);
});
afterAll(async () => {
  await leafOnly?.close();
  await fullChain?.close();
});

describe('peerChainDer and the trust store', () => {
  it('trusting the CA, a leaf-only server looks as if it had sent the CA (why DANE trusts no CA)', async () => {
    expect(subjects(await chainSeenBySender(leafOnly.port, [ca.certPem]))).toEqual(['CN=mx.example.jp', 'CN=Peer Chain Test CA']);
  });

  it('trusting no CA, a leaf-only server shows its leaf only', async () => {
    expect(subjects(await chainSeenBySender(leafOnly.port, []))).toEqual(['CN=mx.example.jp']);
  });

  it('trusting no CA, a full-chain server shows the CA it sent', async () => {
    expect(subjects(await chainSeenBySender(fullChain.port, []))).toEqual(['CN=mx.example.jp', 'CN=Peer Chain Test CA']);
  });
});
