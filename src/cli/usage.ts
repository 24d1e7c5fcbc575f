/**
 * The text of `stomp-connect --help`.
 *
 * @example
 * ```ts
 * process.stdout.write(USAGE);
 * ```
 */
export const USAGE = `Usage: stomp-connect [options] <uri>

Connects to a STOMP broker, failing over between peers, and prints every
attempt as a timeline; then closes the connection and exits (with --stay: stays
connected, reconnecting after every drop, until interrupted). A failover URI
without maxReconnectAttempts retries until interrupted.

  <uri>  tcp://host[:port], ssl://host[:port], stomp://, stomp+ssl://,
         failover:(uri,uri,...)?options (ActiveMQ syntax), or file:PATH

Options:
  -o, --sockopt NAME=VALUE  a socket option (Perl / IO::Socket::SSL names such as
                            Timeout, SSL_ca_file, SSL_verify_mode, or Node's own);
                            repeatable; numbers and true/false are parsed, "..."
                            keeps a string (passphrase=... is always a string)
      --ca FILE             trusted CA certificates (PEM), i.e. SSL_ca_file
      --cert FILE           client certificate (PEM), i.e. SSL_cert_file
      --key FILE            client key (PEM), i.e. SSL_key_file; an encrypted
                            key's passphrase: $STOMP_KEY_PASSPHRASE (else
                            -o passphrase=..., seen in the process list)
      --timeout MS          attempt timeout in ms (default 10000, 0 = none; at
                            most 2147483647), i.e. Timeout=MS/1000 (a
                            connectionTimeout in the URI takes precedence)
      --race MS             staggered attempts: after MS ms an unfinished attempt
                            no longer holds up the next one (the URI's
                            connectionAttemptDelay; 0 = one at a time)
      --no-stomp            a bare TCP/TLS check: by default an attempt counts
                            only once the broker answers CONNECT, and the
                            CONNECTED frame's headers are printed (--stomp,
                            the default, is accepted)
      --login NAME          STOMP login (default: the URI's)
      --passcode TEXT       STOMP passcode (default: the URI's, else $STOMP_PASSCODE)
      --vhost NAME          the CONNECT frame's host header (RabbitMQ: --vhost /)
      --heart-beat CX,CY    the CONNECT frame's heart-beat header in ms (default
                            0,0; with --stay 10000,10000); negotiated heart-beats
                            are kept and shown
      --stay                stay connected (connection$): after a drop, reconnect
                            with the URI's failover options; every cycle, each
                            disconnect (reason, how long it lasted) is shown
      --json                one JSON object per event per line
  -q, --quiet               print only the final line, or the error
  -h, --help                print this help
  -V, --version             print the version
      --demo                fail over from refused ports to a local STOMP
                            responder on 127.0.0.1, then stay connected while
                            it goes away (--stay; no broker needed)

Environment:
  STOMP_PASSCODE        the STOMP passcode when neither --passcode nor the URI
                        gives one
  STOMP_KEY_PASSPHRASE  the passphrase of an encrypted client key (--key,
                        --cert, SSL_key_file, ...) when no passphrase or
                        SSL_passwd_cb sockopt gives one
  NO_COLOR              no colours, even on a terminal

Exit status: 0 connected, 1 every attempt failed, 2 bad usage, URI or sockopt,
130 interrupted (Ctrl-C), 143 terminated (SIGTERM), 141 output closed (the
reader went away, e.g. | head -1; as SIGPIPE). Each of the last three cancels
the run at once and closes what it opened.
With --stay: 130 or 143 once the live connection is closed, 1 when a cycle runs
out of attempts.

Example:
  stomp-connect --vhost / \\
    'failover:(tcp://mq1:61613,tcp://mq2:61613)?randomize=false&maxReconnectAttempts=5'
`;
