// B2: sequential TLS connects (handshake done, then destroy): connect$ with an ssl://
// peer against raw tls.connect with the same CA, interleaved connection by connection
// (lib/interleave.mjs); a round's ratio is the ratio of the medians of its per-connection
// times. The figure uses the SSL_ca_file sockopt (read by the library on every run, as
// the spec says); an extra row passes the CA as Node's own `ca` option, as the raw
// baseline does. connect$ shares one TLS context between runs whose CA bytes and TLS
// options are equal (src/transport/shared-contexts.ts), where raw tls.connect({ ca })
// builds one per connection; a reference row gives raw tls.connect a context built
// once, which shows what connect$ still costs above the handshake itself.
import { main, log } from './lib/bench-main.mjs';
import tls from 'node:tls';
import { makeCerts } from './lib/certs.mjs';
import { rawTls, viaConnect$ } from './lib/connectors.mjs';
import { interleave } from './lib/interleave.mjs';
import { startListeners } from './lib/listener.mjs';
import { ratios, summary } from './lib/stats.mjs';

const ROUNDS = 20;
const STEPS = 60; // connections per variant and round
const WARMUP_STEPS = 100;

main(async () => {
  const certs = makeCerts();
  try {
    const listener = await startListeners([{ kind: 'tls', key: certs.keyFile, cert: certs.certFile }]);
    const [port] = listener.ports;
    const uri = `ssl://127.0.0.1:${port}`;
    const sharedContext = tls.createSecureContext({ ca: certs.ca });
    const runs = await interleave(
      {
        raw: () => rawTls(port, { ca: certs.ca }),
        rawShared: () => rawTls(port, { secureContext: sharedContext }),
        caFile: () => viaConnect$(uri, { SSL_ca_file: certs.caFile }),
        caPem: () => viaConnect$(uri, { ca: certs.ca }),
      },
      {
        rounds: ROUNDS,
        steps: STEPS,
        warmupSteps: WARMUP_STEPS,
        close: (socket) => socket.destroy(),
        onRound: (r, f) =>
          log(
            `B2 round ${r}: p50 µs raw ${(f.raw * 1000).toFixed(0)}, connect$ SSL_ca_file ${(f.caFile * 1000).toFixed(0)}, ` +
              `connect$ ca ${(f.caPem * 1000).toFixed(0)}, raw shared context ${(f.rawShared * 1000).toFixed(0)}; ` +
              `SSL_ca_file/raw ${(f.caFile / f.raw).toFixed(3)}`,
          ),
      },
    );
    listener.close();
    const us = (name) => runs[name].map((ms) => ms * 1000);
    const mine = summary(ratios(runs.caFile, runs.raw));
    const samePem = summary(ratios(runs.caPem, runs.raw));
    const toShared = summary(ratios(runs.caFile, runs.rawShared));
    return {
      B2: {
        what: 'sequential TLS connects, interleaved: connect$ (SSL_ca_file) p50 / raw tls.connect p50',
        ...mine,
        unit: 'x',
        target: '<= 1.05',
        met: mine.value <= 1.05,
        rawP50us: summary(us('raw'), 0),
        connectCaFileP50us: summary(us('caFile'), 0),
        connectCaPemP50us: summary(us('caPem'), 0),
        rawSharedContextP50us: summary(us('rawShared'), 0),
        certificates: 'RSA 2048, CA-signed, made by openssl at bench time',
        rounds: ROUNDS,
        connectionsPerRound: STEPS,
        also: [
          {
            what: 'connect$ with Node `ca` (same input as raw) / raw',
            ...samePem,
            unit: 'x',
            target: '<= 1.05',
            met: samePem.value <= 1.05,
          },
          {
            what: 'connect$ (SSL_ca_file) / raw tls.connect given a context built once',
            ...toShared,
            unit: 'x',
            target: '(reference)',
          },
        ],
      },
    };
  } finally {
    certs.remove();
  }
});
