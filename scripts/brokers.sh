#!/usr/bin/env bash
# brokers.sh - stomp-connection's two real STOMP brokers on loopback (for e2e/), Debian 12 packages, no systemd.
#
#   RabbitMQ 3.10 (rabbitmq-server + rabbitmq_stomp plugin)
#       STOMP      127.0.0.1:61613   login guest/guest (anonymous also maps to guest)
#       STOMP+TLS  127.0.0.1:61614   self-signed CA in $BROKERS_DIR/certs/ca.pem
#       (AMQP 127.0.0.1:5672, Erlang dist 127.0.0.1:25672, epmd 127.0.0.1:4369)
#   ActiveMQ 5.17 (activemq)
#       STOMP      127.0.0.1:61615   no authentication (any or no login accepted)
#
# usage: brokers.sh install | start [rabbitmq|activemq|all] | stop [rabbitmq|activemq|all]
#                   | restart [...] | status | cafile | probe HOST PORT [--tls CAFILE] [--login U --passcode P]
# Everything (config, data, logs, pids, certs) lives under $BROKERS_DIR (default $TMPDIR/stomp-brokers, or /tmp/stomp-brokers);
# nothing under /etc is edited.  Tested as root on Debian 12 (bookworm), 2 cores.
set -euo pipefail

BASE=${BROKERS_DIR:-${TMPDIR:-/tmp}/stomp-brokers}
RMQ=$BASE/rabbitmq
AMQ=$BASE/activemq
CERTS=$BASE/certs
PROBE=$BASE/stomp_probe.py
PY=${PYTHON:-python3}
START_TIMEOUT=${START_TIMEOUT:-90}
RMQ_BIN=/usr/lib/rabbitmq/bin          # NOT /usr/sbin/*: those wrappers su to user rabbitmq
AMQ_JAR=/usr/share/activemq/bin/activemq.jar
if [ -n "${JAVA:-}" ]; then :; elif [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]; then
  JAVA=/usr/lib/jvm/java-17-openjdk-amd64/bin/java; else JAVA=java; fi

log() { printf '[brokers %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN{printf "%.1f", e-s}'; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# ---------------------------------------------------------------- install
cmd_install() {
  [ "$(id -u)" = 0 ] || die "install must run as root"
  local pkgs="rabbitmq-server activemq openssl python3" missing="" p t0
  for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
  done
  if [ -z "$missing" ]; then log "already installed: $pkgs"; return 0; fi
  # Keep the packages' postinst from auto-starting the stock services (rabbit@$(hostname) on
  # 0.0.0.0:5672 would clash with ours). Docker-style images already have this file.
  local made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; made_policy=1
  fi
  t0=$(now)
  export DEBIAN_FRONTEND=noninteractive
  # Wait for another apt/dpkg run (e.g. unattended-upgrades on a fresh CI machine) instead of failing.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing >/dev/null || { [ $made_policy = 1 ] && rm -f /usr/sbin/policy-rc.d; die "apt-get install failed"; }
  [ $made_policy = 1 ] && rm -f /usr/sbin/policy-rc.d
  log "installed:$missing in $(since "$t0")s"
}

# ---------------------------------------------------------------- files
write_probe() {
  mkdir -p "$BASE"
  cat > "$PROBE" <<'EOF'
#!/usr/bin/env python3
"""Send one raw STOMP 1.2 CONNECT frame, print the reply frame, exit 0 iff it is CONNECTED."""
import argparse, socket, ssl, sys
p = argparse.ArgumentParser()
p.add_argument("host"); p.add_argument("port", type=int)
p.add_argument("--tls", metavar="CAFILE"); p.add_argument("--login"); p.add_argument("--passcode")
p.add_argument("--vhost", default="/"); p.add_argument("--timeout", type=float, default=5)
a = p.parse_args()
hdr = ["CONNECT", "accept-version:1.2", "host:" + a.vhost]
if a.login is not None:
    hdr += ["login:" + a.login, "passcode:" + (a.passcode or "")]
frame = ("\n".join(hdr) + "\n\n").encode() + b"\0"
try:
    s = socket.create_connection((a.host, a.port), timeout=a.timeout)
    if a.tls:
        s = ssl.create_default_context(cafile=a.tls).wrap_socket(s, server_hostname=a.host)
    s.sendall(frame)
    buf = b""
    while b"\0" not in buf:
        chunk = s.recv(4096)
        if not chunk:
            break
        buf += chunk
    s.close()
except Exception as e:
    print("ERROR: %s: %s" % (type(e).__name__, e)); sys.exit(2)
reply = buf.split(b"\0")[0].decode(errors="replace").rstrip("\n")
print(reply if reply else "ERROR: connection closed without a frame")
sys.exit(0 if reply.startswith("CONNECTED") else 1)
EOF
  chmod 755 "$PROBE"
}

make_certs() {
  [ -s "$CERTS/server.pem" ] && [ -s "$CERTS/server.key" ] && [ -s "$CERTS/ca.pem" ] && return 0
  mkdir -p "$CERTS"
  ( cd "$CERTS"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=brokers-test-ca" \
      -keyout ca.key -out ca.pem 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr 2>/dev/null
    printf '%s\n' 'subjectAltName=DNS:localhost,IP:127.0.0.1' 'basicConstraints=CA:FALSE' \
      'keyUsage=digitalSignature,keyEncipherment' 'extendedKeyUsage=serverAuth' > server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 \
      -extfile server.ext -out server.pem 2>/dev/null
    openssl verify -CAfile ca.pem server.pem >/dev/null )
  log "created self-signed CA + server cert (CN=localhost, SAN DNS:localhost,IP:127.0.0.1) in $CERTS"
}

rabbit_files() {
  mkdir -p "$RMQ/home" "$RMQ/mnesia" "$RMQ/log"
  : > "$RMQ/rabbitmq-env.conf"          # shadows /etc/rabbitmq/rabbitmq-env.conf
  cat > "$RMQ/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:5672
stomp.listeners.tcp.1 = 127.0.0.1:61613
stomp.listeners.ssl.1 = 127.0.0.1:61614
ssl_options.cacertfile = $CERTS/ca.pem
ssl_options.certfile   = $CERTS/server.pem
ssl_options.keyfile    = $CERTS/server.key
ssl_options.verify     = verify_none
ssl_options.fail_if_no_peer_cert = false
loopback_users.guest = true
log.console = false
log.file.level = info
EOF
  grep -qs rabbitmq_stomp "$RMQ/enabled_plugins" ||
    ( rabbit_env; "$RMQ_BIN/rabbitmq-plugins" enable --offline rabbitmq_stomp >/dev/null )
}

rabbit_env() {   # call inside a subshell: it changes HOME
  export HOME=$RMQ/home                 # Erlang cookie lives here, shared by server + CLI
  export RABBITMQ_CONF_ENV_FILE=$RMQ/rabbitmq-env.conf
  export RABBITMQ_NODENAME=rabbit@localhost   # no dependence on the machine's hostname
  export RABBITMQ_CONFIG_FILE=$RMQ/rabbitmq.conf
  export RABBITMQ_ADVANCED_CONFIG_FILE=$RMQ/advanced.config
  export RABBITMQ_ENABLED_PLUGINS_FILE=$RMQ/enabled_plugins
  export RABBITMQ_MNESIA_BASE=$RMQ/mnesia
  export RABBITMQ_LOG_BASE=$RMQ/log
  export RABBITMQ_PID_FILE=$RMQ/rabbit.pid
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}
rmqctl() ( rabbit_env; "$RMQ_BIN/rabbitmqctl" "$@" )

activemq_files() {
  mkdir -p "$AMQ/conf" "$AMQ/data" "$AMQ/tmp"
  cat > "$AMQ/conf/activemq.xml" <<'EOF'
<beans xmlns="http://www.springframework.org/schema/beans"
       xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
       xsi:schemaLocation="http://www.springframework.org/schema/beans http://www.springframework.org/schema/beans/spring-beans-2.0.xsd
                           http://activemq.apache.org/schema/core http://activemq.apache.org/schema/core/activemq-core.xsd">
  <bean class="org.springframework.beans.factory.config.PropertyPlaceholderConfigurer"/>
  <broker xmlns="http://activemq.apache.org/schema/core"
          brokerName="localhost" useJmx="false" dataDirectory="${activemq.data}">
    <persistenceAdapter>
      <kahaDB directory="${activemq.data}/kahadb"/>
    </persistenceAdapter>
    <systemUsage>
      <systemUsage>
        <memoryUsage><memoryUsage percentOfJvmHeap="70"/></memoryUsage>
        <storeUsage><storeUsage limit="1 gb"/></storeUsage>
        <tempUsage><tempUsage limit="1 gb"/></tempUsage>
      </systemUsage>
    </systemUsage>
    <transportConnectors>
      <transportConnector name="stomp" uri="stomp://127.0.0.1:61615"/>
    </transportConnectors>
  </broker>
</beans>
EOF
  # Debian's ActiveMQ logs through log4j 1.2 (slf4j-log4j12); the shipped log4j2.properties is ignored.
  cat > "$AMQ/conf/log4j.properties" <<'EOF'
log4j.rootLogger=INFO, out
log4j.logger.org.springframework=WARN
log4j.logger.org.apache.xbean=WARN
log4j.appender.out=org.apache.log4j.ConsoleAppender
log4j.appender.out.layout=org.apache.log4j.PatternLayout
log4j.appender.out.layout.ConversionPattern=%d{ISO8601} %-5p [%t] %c{1} - %m%n
EOF
}

# ---------------------------------------------------------------- helpers
probe() { "$PY" "$PROBE" "$@"; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
rabbit_pid() { local p; p=$(cat "$RMQ/rabbit.pid" 2>/dev/null || true); alive "$p" && echo "$p" || true; }
amq_pid() {
  local p; p=$(cat "$AMQ/activemq.pid" 2>/dev/null || true)
  alive "$p" && grep -q activemq.jar "/proc/$p/cmdline" 2>/dev/null && echo "$p" || true
}
rss_mb() { awk '/VmRSS/{printf "%.0f MiB", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }

# wait_stomp NAME PID_FN_OR_PID T0 PROBE_ARGS...  - poll until CONNECTED, fail fast if the process died
wait_stomp() {
  local name=$1 pid=$2 t0=$3; shift 3
  while :; do
    if probe "$@" --timeout 2 >/dev/null 2>&1; then log "$name: STOMP CONNECTED on port $2 after $(since "$t0")s"; return 0; fi
    alive "$pid" || { log "$name: process $pid exited during startup"; return 1; }
    [ "$(since "$t0" | cut -d. -f1)" -lt "$START_TIMEOUT" ] || { log "$name: not ready after ${START_TIMEOUT}s"; return 1; }
    sleep 0.25
  done
}

# ---------------------------------------------------------------- rabbitmq
start_rabbitmq() {
  [ -x "$RMQ_BIN/rabbitmq-server" ] || die "rabbitmq-server not installed (run: $0 install)"
  if [ -n "$(rabbit_pid)" ]; then log "rabbitmq already running (pid $(rabbit_pid))"; return 0; fi
  port_open 61613 && die "port 61613 already in use by something else"
  make_certs; rabbit_files
  local t0 wpid; t0=$(now)
  # Foreground mode in the background (not -detached): errors land in console.log and we
  # notice at once if the VM dies. SIGTERM to the wrapper or to beam = clean shutdown.
  ( rabbit_env; cd "$RMQ"; exec nohup "$RMQ_BIN/rabbitmq-server" >"$RMQ/console.log" 2>&1 </dev/null ) &
  wpid=$!
  if ! wait_stomp rabbitmq "$wpid" "$t0" 127.0.0.1 61613 --login guest --passcode guest; then
    tail -n 30 "$RMQ/console.log" >&2; tail -n 20 "$RMQ/log/rabbit@localhost.log" >&2 2>/dev/null || true
    die "rabbitmq failed to start"
  fi
  # STOMP listeners come up *before* the AMQP listener and the end of boot: a boot that fails
  # afterwards (e.g. 5672 busy -> BOOT FAILED) answers CONNECTED for a moment, then dies.
  # await_startup only succeeds once the whole node (rabbit + plugins) has started.
  if ! rmqctl -q await_startup --timeout 60 >/dev/null 2>&1 || ! alive "$wpid"; then
    tail -n 5 "$RMQ/console.log" >&2; die "rabbitmq boot failed (see $RMQ/log/rabbit@localhost.log)"
  fi
  probe localhost 61614 --tls "$CERTS/ca.pem" --login guest --passcode guest >/dev/null ||
    die "rabbitmq STOMP/TLS on 61614 not answering"
  log "rabbitmq: ready (beam pid $(rabbit_pid), STOMP 61613 + STOMP/TLS 61614) in $(since "$t0")s"
}

stop_rabbitmq() {
  local pid t0; pid=$(rabbit_pid); t0=$(now)
  if [ -z "$pid" ]; then log "rabbitmq not running"; else
    # 'shutdown' waits until the OS process is gone (plain 'stop' may return slightly earlier)
    rmqctl -q shutdown >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.2; done
    alive "$pid" && { log "rabbitmq: still alive, SIGKILL $pid"; kill -KILL "$pid"; }
    log "rabbitmq stopped in $(since "$t0")s"
  fi
  # epmd (started by erl, daemonised) refuses -kill while any node is still registered
  command -v epmd >/dev/null && epmd -names >/dev/null 2>&1 && epmd -kill >/dev/null 2>&1 || true
}

# ---------------------------------------------------------------- activemq
start_activemq() {
  [ -f "$AMQ_JAR" ] || die "activemq not installed (run: $0 install)"
  if [ -n "$(amq_pid)" ]; then log "activemq already running (pid $(amq_pid))"; return 0; fi
  port_open 61615 && die "port 61615 already in use by something else"
  activemq_files
  local t0 pid; t0=$(now)
  # Same -D properties /usr/bin/activemq would pass, minus its su-to-activemq and
  # /usr/share/activemq/activemq-options (which forces ACTIVEMQ_BASE=/var/lib/activemq/$INSTANCE,
  # JAVA_HOME=/usr/lib/jvm/default-java and -Xmx512M).
  nohup "$JAVA" -Xms64m -Xmx256m -Djava.awt.headless=true -Djava.io.tmpdir="$AMQ/tmp" \
    -Dactivemq.home=/usr/share/activemq -Dactivemq.base="$AMQ" \
    -Dactivemq.conf="$AMQ/conf" -Dactivemq.data="$AMQ/data" \
    -Dlog4j.configuration="file:$AMQ/conf/log4j.properties" \
    -jar "$AMQ_JAR" start "xbean:file:$AMQ/conf/activemq.xml" >"$AMQ/console.log" 2>&1 </dev/null &
  pid=$!; echo "$pid" > "$AMQ/activemq.pid"
  if ! wait_stomp activemq "$pid" "$t0" 127.0.0.1 61615; then
    tail -n 40 "$AMQ/console.log" >&2; die "activemq failed to start"
  fi
  log "activemq: ready (java pid $pid, STOMP 61615) in $(since "$t0")s"
}

stop_activemq() {
  local pid t0; pid=$(amq_pid); t0=$(now)
  if [ -z "$pid" ]; then log "activemq not running"; rm -f "$AMQ/activemq.pid"; return 0; fi
  kill -TERM "$pid"                      # JVM shutdown hook stops the broker cleanly
  for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.2; done
  alive "$pid" && { log "activemq: still alive, SIGKILL $pid"; kill -KILL "$pid"; }
  rm -f "$AMQ/activemq.pid"
  log "activemq stopped in $(since "$t0")s"
}

# ---------------------------------------------------------------- status
cmd_status() {   # exit 0 only if all three STOMP endpoints answer CONNECTED
  local rc=0 p
  p=$(rabbit_pid)
  if [ -n "$p" ]; then echo "rabbitmq: running, beam pid $p, RSS $(rss_mb "$p")"; else echo "rabbitmq: not running"; fi
  check_line "stomp     127.0.0.1:61613" 127.0.0.1 61613 --login guest --passcode guest || rc=1
  check_line "stomp+tls localhost:61614" localhost 61614 --tls "$CERTS/ca.pem" --login guest --passcode guest || rc=1
  p=$(amq_pid)
  if [ -n "$p" ]; then echo "activemq: running, java pid $p, RSS $(rss_mb "$p")"; else echo "activemq: not running"; fi
  check_line "stomp     127.0.0.1:61615" 127.0.0.1 61615 || rc=1
  return $rc
}
check_line() {   # LABEL PROBE_ARGS... : print the first line of the broker's reply
  local label=$1 out rc=0; shift
  out=$(probe "$@" 2>&1) || rc=$?
  echo "  $label -> ${out%%$'\n'*}"
  return $rc
}

# ---------------------------------------------------------------- main
main() {
  local cmd=${1:-}; local what=${2:-all}
  case "$cmd" in
    install) cmd_install ;;
    start|stop)
      write_probe
      case "$what" in
        all)      "${cmd}_rabbitmq"; "${cmd}_activemq" ;;
        rabbitmq|activemq) "${cmd}_$what" ;;
        *) die "unknown broker '$what' (rabbitmq|activemq|all)" ;;
      esac ;;
    restart) "$0" stop "$what"; "$0" start "$what" ;;
    status) write_probe; cmd_status ;;
    cafile) echo "$CERTS/ca.pem" ;;
    probe) shift; write_probe; probe "$@" ;;
    *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
}
main "$@"
