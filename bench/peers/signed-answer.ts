// One DNS question over UDP with the DO bit set (RFC 4035 §3.2.1); resolves only with an answer
// that carries an RRSIG over the asked type, i.e. a signed answer.
import { createSocket } from 'node:dgram';
import dnsPacket from 'dns-packet';
import type { Answer, RecordType } from 'dns-packet';

export function signedAnswer(port: number, name: string, type: RecordType, timeoutMs = 1000): Promise<Answer[]> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const id = Math.floor(Math.random() * 0xffff);
    const finish = (error: Error | null, answers?: Answer[]) => {
      clearTimeout(timer);
      socket.close();
      if (error) reject(error);
      else resolve(answers!);
    };
    const timer = setTimeout(() => finish(new Error(`no DNS answer within ${timeoutMs} ms`)), timeoutMs);
    socket.on('error', (error) => finish(error));
    socket.on('message', (message) => {
      const reply = dnsPacket.decode(message);
      if (reply.id !== id) return;
      const answers = reply.answers ?? [];
      const rcode = (reply as unknown as { rcode?: string }).rcode ?? '?';
      const signed = answers.some((answer) => answer.type === 'RRSIG' && answer.data.typeCovered === type);
      finish(rcode === 'NOERROR' && signed ? null : new Error(`answer ${rcode} without an RRSIG over ${type}`), answers);
    });
    const query = dnsPacket.encode({
      type: 'query',
      id,
      flags: 0,
      questions: [{ type, name }],
      additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, flags: dnsPacket.DNSSEC_OK } as unknown as Answer],
    });
    socket.send(query, port, '127.0.0.1');
  });
}
