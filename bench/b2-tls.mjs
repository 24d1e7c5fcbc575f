// B2: 500 sequential TLS connects (handshake done, then destroy): connect$ with an
// ssl:// peer against raw tls.connect with the same CA (p50 of the per-connection time).
// The figure uses the SSL_ca_file sockopt (read by the library on every run, as the
// spec says); an extra row passes the CA as Node's own `ca` option, as the raw baseline does.
import { main, log } from './lib/bench-main.mjs';
import { makeCerts } from './lib/certs.mjs';
import { rawTls, viaConnect$ } from './lib/connectors.mjs';
import { startListeners } from './lib/listener.mjs';
import { sequentialTimes } from './lib/sequential.mjs';
import { alternate, percentile, ratios, summary } from './lib/stats.mjs';

/** p50 (µs) of `count` sequential TLS connects through `open()`. */
const sequential = async (open, count) =>
  percentile(await sequentialTimes(open, count, (socket) => socket.destroy()), 50) * 1000;

const CONNECTS = 500;
const ROUNDS = 5;

main(async () => {
  const certs = makeCerts();
  try {
    const listener = await startListeners([{ kind: 'tls', key: certs.keyFile, cert: certs.certFile }]);
    const [port] = listener.ports;
    const uri = `ssl://127.0.0.1:${port}`;
    const count = (warm) => (warm ? 100 : CONNECTS);
    const runs = await alternate(
      {
        raw: (warm) => sequential(() => rawTls(port, { ca: certs.ca }), count(warm)),
        caFile: (warm) => sequential(() => viaConnect$(uri, { SSL_ca_file: certs.caFile }), count(warm)),
        caPem: (warm) => sequential(() => viaConnect$(uri, { ca: certs.ca }), count(warm)),
      },
      {
        rounds: ROUNDS,
        onRound: (r, f) =>
          log(
            `B2 round ${r}: p50 µs raw ${f.raw.toFixed(0)}, connect$ SSL_ca_file ${f.caFile.toFixed(0)}, connect$ ca ${f.caPem.toFixed(0)}`,
          ),
      },
    );
    listener.close();
    const mine = summary(ratios(runs.caFile, runs.raw));
    const samePem = summary(ratios(runs.caPem, runs.raw));
    return {
      B2: {
        what: `${CONNECTS} sequential TLS connects: connect$ (SSL_ca_file) p50 / raw tls.connect p50`,
        ...mine,
        unit: 'x',
        target: '<= 1.05',
        met: mine.value <= 1.05,
        rawP50us: summary(runs.raw, 0),
        connectCaFileP50us: summary(runs.caFile, 0),
        connectCaPemP50us: summary(runs.caPem, 0),
        certificates: 'RSA 2048, CA-signed, made by openssl at bench time',
        rounds: ROUNDS,
        also: [
          {
            what: 'connect$ with Node `ca` (same input as raw) / raw',
            ...samePem,
            unit: 'x',
            target: '<= 1.05',
            met: samePem.value <= 1.05,
          },
        ],
      },
    };
  } finally {
    certs.remove();
  }
});
