#!/usr/bin/env bash
# A throwaway Kubernetes control plane (etcd + kube-apiserver +
# kube-controller-manager, no nodes) for dlsync's end-to-end tests.
#
# Usage: scripts/test-cluster.sh up|down|env|status|restart-apiserver [seconds]
#
#   up      install what is missing, build/cache the Kubernetes binaries,
#           start the control plane and wait until it is ready (no-op if up)
#   down    stop every process and remove the state directory
#   env     print `export ...` lines for the running cluster (eval them)
#   status  report whether the processes are running and the API is ready
#   restart-apiserver [seconds]
#           kill kube-apiserver (SIGKILL, like a crash), keep it down for
#           that many seconds (default 3), start it again and wait until
#           it is ready; for outage tests
#
# Debian 12 only: packages come from apt, and kube-apiserver and
# kube-controller-manager are built once from Debian's `kubernetes` source
# package (1.20.2, vendored Go deps) and cached in $DLSYNC_CACHE_DIR.
#
# Environment (all optional):
#   DLSYNC_TEST_CLUSTER_DIR   state dir            (/tmp/dlsync-test-cluster)
#   DLSYNC_CACHE_DIR          binary cache root    (/var/cache/dlsync)
#   DLSYNC_BUILD_DIR          scratch build dir    (/var/tmp/dlsync-kube-build)
#   DLSYNC_APISERVER_PORT     apiserver https port (26443)
#   DLSYNC_ETCD_PORT          etcd client port     (22379)
#   DLSYNC_ETCD_PEER_PORT     etcd peer port       (22380)
#   DLSYNC_CLUSTER_TIMEOUT    seconds to wait for each component (120)
#
# The first `up` on a machine builds for ~10 min on 2 idle cores (30 min when
# busy); CI should cache $DLSYNC_CACHE_DIR/kube-1.20.2 between runs.
#
# Files written by `up` (in the state dir):
#   kubeconfig     admin kubeconfig (server, certificate-authority file, token)
#   cluster.json   {"server", "caFile", "token", "kubeconfig"} for Swift tests
#   pki/ca.crt     CA bundle that verifies the apiserver's certificate
#   logs/*.log     etcd, kube-apiserver and kube-controller-manager output

set -euo pipefail

readonly KUBE_VERSION=1.20.2
readonly STATE_DIR="${DLSYNC_TEST_CLUSTER_DIR:-/tmp/dlsync-test-cluster}"
readonly CACHE_DIR="${DLSYNC_CACHE_DIR:-/var/cache/dlsync}/kube-${KUBE_VERSION}"
readonly BUILD_DIR="${DLSYNC_BUILD_DIR:-/var/tmp/dlsync-kube-build}"
readonly APISERVER_PORT="${DLSYNC_APISERVER_PORT:-26443}"
readonly ETCD_PORT="${DLSYNC_ETCD_PORT:-22379}"
readonly ETCD_PEER_PORT="${DLSYNC_ETCD_PEER_PORT:-22380}"
readonly TIMEOUT="${DLSYNC_CLUSTER_TIMEOUT:-120}"

readonly SERVER="https://127.0.0.1:${APISERVER_PORT}"
readonly SERVICE_CIDR=10.0.0.0/24
# Only written into the `kubernetes` Endpoints object; nothing connects to it.
# Fixed (TEST-NET-1) so the apiserver never has to guess a host interface.
readonly ADVERTISE_ADDRESS=192.0.2.1
readonly PKI="${STATE_DIR}/pki"
readonly LOGS="${STATE_DIR}/logs"
readonly RUN="${STATE_DIR}/run"
readonly KUBECONFIG_FILE="${STATE_DIR}/kubeconfig"
readonly CLUSTER_JSON="${STATE_DIR}/cluster.json"
# Start order; `down` stops them in reverse.
readonly COMPONENTS=(etcd kube-apiserver kube-controller-manager)

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi

log() { printf '[test-cluster] %s\n' "$*" >&2; }
die() { printf '[test-cluster] ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
    sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2
    exit 2
}

# ---------------------------------------------------------------- packages --

APT_UPDATED=0
apt_get() {
    command -v apt-get >/dev/null || die "apt-get not found: this script needs Debian 12 (bookworm)"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600 "$@"
}

apt_update_once() {
    if [[ $APT_UPDATED -eq 0 ]]; then
        log "apt-get update"
        apt_get update >&2
        APT_UPDATED=1
    fi
}

is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# apt_install PKG...: install the packages that are not installed yet.
apt_install() {
    local missing=() pkg
    for pkg in "$@"; do
        is_installed "$pkg" || missing+=("$pkg")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    apt_update_once
    log "installing ${missing[*]}"
    apt_get install -y --no-install-recommends "${missing[@]}" >&2
}

ensure_runtime_packages() {
    apt_install etcd-server openssl jq curl ca-certificates util-linux
    if ! command -v kubectl >/dev/null; then
        apt_install kubernetes-client
    fi
}

# `apt-get source` needs deb-src entries. Add `deb-src` next to `deb` for the
# Debian archives already configured (deb822 *.sources and one-line *.list).
enable_deb_src() {
    if [[ -n $(apt-cache showsrc kubernetes 2>/dev/null) ]]; then
        return 0
    fi
    log "enabling deb-src for the configured Debian archives"
    local f changed=0
    for f in /etc/apt/sources.list.d/*.sources; do
        [[ -f $f ]] || continue
        if awk '
            BEGIN { RS = ""; ORS = "\n\n" }
            /(^|\n)URIs:[^\n]*\/debian/ && !/(^|\n)Types:[^\n]*deb-src/ {
                sub(/(^|\n)Types:[^\n]*/, "& deb-src"); changed = 1
            }
            { print }
            END { exit changed ? 0 : 1 }
        ' "$f" >"${STATE_TMP}/sources"; then
            $SUDO cp "${STATE_TMP}/sources" "$f"
            changed=1
        fi
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [[ -f $f ]] || continue
        if grep -Eq '^deb [^#]*/debian' "$f" && ! grep -Eq '^deb-src ' "$f"; then
            sed -E 's|^deb ([^#]*/debian.*)$|&\ndeb-src \1|' "$f" >"${STATE_TMP}/sources"
            $SUDO cp "${STATE_TMP}/sources" "$f"
            changed=1
        fi
    done
    [[ $changed -eq 1 ]] || die "no Debian apt source found to add deb-src to"
    APT_UPDATED=0
    apt_update_once
    [[ -n $(apt-cache showsrc kubernetes 2>/dev/null) ]] \
        || die "source package 'kubernetes' still not available after enabling deb-src"
}

# ---------------------------------------------------------- kube binaries --

# Bump when the build recipe changes, so cached binaries get rebuilt.
readonly BUILD_RECIPE="kube-${KUBE_VERSION} debian-source go1.19 reflect2-1.0.2"

binaries_cached() {
    [[ -x ${CACHE_DIR}/kube-apiserver && -x ${CACHE_DIR}/kube-controller-manager ]] \
        && [[ $(cat "${CACHE_DIR}/BUILD-RECIPE" 2>/dev/null) == "$BUILD_RECIPE" ]] \
        && "${CACHE_DIR}/kube-apiserver" --version 2>/dev/null | grep -q "v${KUBE_VERSION}"
}

# Kubernetes 1.20 vendors github.com/modern-go/reflect2 v1.0.1, which crashes
# Go >= 1.18 programs ("fatal error: fault" in mapiterinit, e.g. on the first
# custom-resource write). Swap in Debian's reflect2 1.0.2, the fixed release
# that Kubernetes itself moved to in 1.23; the API is unchanged.
patch_vendor_reflect2() {
    local src=$1 fixed=/usr/share/gocode/src/github.com/modern-go/reflect2
    apt_install golang-github-modern-go-reflect2-dev
    [[ -f ${fixed}/go_above_118.go ]] || die "${fixed} is not reflect2 >= 1.0.2"
    log "replacing vendored reflect2 1.0.1 with ${fixed} (Go 1.18+ fix)"
    rm -rf "${src}/vendor/github.com/modern-go/reflect2"
    cp -r "$fixed" "${src}/vendor/github.com/modern-go/reflect2"
    rm -f "${src}/vendor/github.com/modern-go/reflect2/go.mod"
}

# Build kube-apiserver and kube-controller-manager from Debian's source
# package and cache them in $CACHE_DIR. Takes ~10 minutes on 2 cores.
build_kube_binaries() {
    apt_install golang-go make rsync tar gzip
    enable_deb_src

    log "building kube-apiserver and kube-controller-manager ${KUBE_VERSION} in ${BUILD_DIR} (takes ~10 min)"
    $SUDO mkdir -p "$BUILD_DIR"
    $SUDO chown "$(id -u):$(id -g)" "$BUILD_DIR"
    local src="${BUILD_DIR}/kubernetes-${KUBE_VERSION}"
    (
        cd "$BUILD_DIR"
        if ! compgen -G "kubernetes_*${KUBE_VERSION}.orig.tar.gz" >/dev/null; then
            log "downloading Debian source package 'kubernetes'"
            apt-get -q source --download-only kubernetes >&2
        fi
        local orig
        orig=$(compgen -G "kubernetes_*${KUBE_VERSION}.orig.tar.gz" | head -n1) \
            || die "Debian's kubernetes source is not version ${KUBE_VERSION}: $(ls)"
        if [[ ! -f ${src}/Makefile ]]; then
            log "unpacking ${orig}"
            rm -rf "$src"
            tar xzf "$orig"
        fi
        [[ -f ${src}/Makefile ]] || die "unexpected source layout in ${orig} (no ${src})"
    )

    patch_vendor_reflect2 "$src"

    # The tarball is not a git checkout: pin the version so hack/lib/version.sh
    # never runs `git describe`.
    cat >"${BUILD_DIR}/version.env" <<EOF
KUBE_GIT_COMMIT='faecb196815e248d3ecfb03c680a4507229c2a56'
KUBE_GIT_TREE_STATE='archive'
KUBE_GIT_VERSION='v${KUBE_VERSION}'
KUBE_GIT_MAJOR='1'
KUBE_GIT_MINOR='20'
EOF
    # Debian's Go (1.19) at the front of PATH, whatever else is installed;
    # k8s 1.20 builds in GOPATH mode (GO111MODULE=off) from vendor/.
    (
        cd "$src"
        env PATH="/usr/lib/go/bin:${PATH}" \
            CGO_ENABLED=0 GOFLAGS= GO111MODULE=off \
            GOCACHE="${BUILD_DIR}/gocache" \
            KUBE_GIT_VERSION_FILE="${BUILD_DIR}/version.env" \
            make WHAT="cmd/kube-apiserver cmd/kube-controller-manager" >&2
    ) || die "kubernetes build failed (sources left in ${BUILD_DIR})"

    local tmp="${CACHE_DIR}.tmp.$$"
    $SUDO rm -rf "$tmp"
    $SUDO mkdir -p "$tmp"
    $SUDO install -m 0755 "${src}/_output/bin/kube-apiserver" "${src}/_output/bin/kube-controller-manager" "$tmp/"
    echo "$BUILD_RECIPE" | $SUDO tee "${tmp}/BUILD-RECIPE" >/dev/null
    $SUDO rm -rf "$CACHE_DIR"
    $SUDO mv "$tmp" "$CACHE_DIR"
    binaries_cached || die "built binaries in ${CACHE_DIR} do not report v${KUBE_VERSION}"
    log "cached binaries in ${CACHE_DIR}; removing ${BUILD_DIR}"
    rm -rf "$BUILD_DIR"
}

ensure_kube_binaries() {
    binaries_cached && return 0
    $SUDO mkdir -p "$(dirname "$CACHE_DIR")"
    # Serialize concurrent builds (two `up`s at once).
    local lock
    lock="$(dirname "$CACHE_DIR")/.build.lock"
    $SUDO touch "$lock"
    $SUDO chmod 0666 "$lock"
    exec 9<>"$lock"
    if ! flock -n 9; then
        log "another build of the Kubernetes binaries is running; waiting for it"
        flock 9
    fi
    binaries_cached || build_kube_binaries
    flock -u 9
    exec 9>&-
}

# ---------------------------------------------------------------- processes --

pid_of() {  # pid_of COMPONENT: pid if it is running, else fail
    local pidfile="${RUN}/$1.pid" pid
    [[ -s $pidfile ]] || return 1
    pid=$(<"$pidfile")
    [[ -r /proc/${pid}/cmdline ]] || return 1
    tr '\0' ' ' <"/proc/${pid}/cmdline" | grep -q -- "$1" || return 1
    echo "$pid"
}

# start COMPONENT BINARY ARGS...: run detached (own session), log to logs/.
start() {
    local name=$1; shift
    log "starting ${name}"
    rm -f "${RUN}/${name}.pid"
    # The inner shell writes its own pid, then becomes the daemon (exec).
    # shellcheck disable=SC2016
    setsid bash -c 'echo $$ >"$0"; exec "$@"' "${RUN}/${name}.pid" "$@" \
        >"${LOGS}/${name}.log" 2>&1 </dev/null 8>&- 9>&- &
    local i
    for ((i = 0; i < 50; i++)); do
        [[ -s ${RUN}/${name}.pid ]] && return 0
        sleep 0.1
    done
    die "${name} did not start"
}

stop() {  # stop COMPONENT: TERM, then KILL after 20s
    local name=$1 pid i
    pid=$(pid_of "$name") || return 0
    log "stopping ${name} (pid ${pid})"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 200; i++)); do
        [[ -d /proc/${pid} ]] || return 0
        sleep 0.1
    done
    log "${name} ignored SIGTERM; killing it"
    kill -KILL "$pid" 2>/dev/null || true
}

# Processes started from this state dir whose pid file is gone (state removed
# by hand): their command lines name files under $STATE_DIR.
stray_pids() {
    local p
    for p in /proc/[0-9]*; do
        [[ ${p#/proc/} == "$$" ]] && continue
        { tr '\0' ' ' <"${p}/cmdline"; } 2>/dev/null | grep -Eq \
            "^[^ ]*(etcd|kube-apiserver|kube-controller-manager) .*${STATE_DIR}/" \
            && echo "${p#/proc/}"
    done
    return 0
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

dump_logs() {
    local name
    for name in "${COMPONENTS[@]}"; do
        [[ -f ${LOGS}/${name}.log ]] || continue
        printf '\n----- last lines of %s -----\n' "${LOGS}/${name}.log" >&2
        tail -n 25 "${LOGS}/${name}.log" >&2
    done
}

fail_up() {
    log "ERROR: $*"
    dump_logs
    local i
    for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do stop "${COMPONENTS[i]}"; done
    die "cluster did not come up; logs kept in ${LOGS} (run '$0 down' to clean up)"
}

# wait_for WHAT COMPONENT CMD...: poll CMD until it succeeds, TIMEOUT seconds.
wait_for() {
    local what=$1 component=$2; shift 2
    local deadline=$((SECONDS + TIMEOUT))
    log "waiting for ${what}"
    until "$@" >/dev/null 2>&1; do
        pid_of "$component" >/dev/null || fail_up "${component} exited while waiting for ${what}"
        ((SECONDS < deadline)) || fail_up "timed out after ${TIMEOUT}s waiting for ${what}"
        sleep 0.5
    done
}

# -------------------------------------------------------------- state files --

make_pki() {
    mkdir -p "$PKI"
    cat >"${PKI}/openssl.cnf" <<'EOF'
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[v3_ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign, digitalSignature
subjectKeyIdentifier = hash
[v3_server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = IP:127.0.0.1, IP:::1, DNS:localhost, DNS:kubernetes, DNS:kubernetes.default, DNS:kubernetes.default.svc, DNS:kubernetes.default.svc.cluster.local, IP:10.0.0.1
EOF
    local ssl=(openssl)
    (
        cd "$PKI"
        "${ssl[@]}" req -x509 -new -nodes -newkey rsa:2048 -sha256 -days 3650 \
            -config openssl.cnf -extensions v3_ca -subj "/CN=dlsync-test-cluster-ca" \
            -keyout ca.key -out ca.crt
        "${ssl[@]}" req -new -nodes -newkey rsa:2048 -sha256 \
            -config openssl.cnf -subj "/CN=kube-apiserver" \
            -keyout apiserver.key -out apiserver.csr
        "${ssl[@]}" x509 -req -sha256 -days 3650 -in apiserver.csr \
            -CA ca.crt -CAkey ca.key -CAcreateserial \
            -extfile openssl.cnf -extensions v3_server -out apiserver.crt
        "${ssl[@]}" genrsa -out sa.key 2048
        "${ssl[@]}" rsa -in sa.key -pubout -out sa.pub
    ) >/dev/null 2>"${LOGS}/openssl.log" || { cat "${LOGS}/openssl.log" >&2; die "openssl failed"; }
}

# write_kubeconfig FILE USER TOKEN
write_kubeconfig() {
    cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: dlsync-test
  cluster:
    server: ${SERVER}
    certificate-authority: ${PKI}/ca.crt
users:
- name: $2
  user:
    token: $3
contexts:
- name: dlsync-test
  context:
    cluster: dlsync-test
    user: $2
    namespace: default
current-context: dlsync-test
EOF
    chmod 0600 "$1"
}

make_state() {
    log "creating state in ${STATE_DIR}"
    [[ -n $STATE_DIR && $STATE_DIR != / ]] || die "refusing to use state dir '${STATE_DIR}'"
    rm -rf "$STATE_DIR"
    mkdir -p "$STATE_DIR" "$LOGS" "$RUN" "${STATE_DIR}/etcd"
    chmod 0700 "$STATE_DIR" "${STATE_DIR}/etcd"
    make_pki

    local admin_token cm_token
    admin_token=$(openssl rand -hex 32)
    cm_token=$(openssl rand -hex 32)
    # token,user,uid,"group1,group2"
    cat >"${STATE_DIR}/tokens.csv" <<EOF
${admin_token},admin,admin,"system:masters"
${cm_token},system:kube-controller-manager,system:kube-controller-manager
EOF
    chmod 0600 "${STATE_DIR}/tokens.csv"

    write_kubeconfig "$KUBECONFIG_FILE" admin "$admin_token"
    write_kubeconfig "${STATE_DIR}/controller-manager.kubeconfig" \
        system:kube-controller-manager "$cm_token"
    jq -n --arg server "$SERVER" --arg caFile "${PKI}/ca.crt" \
        --arg token "$admin_token" --arg kubeconfig "$KUBECONFIG_FILE" \
        '{server: $server, caFile: $caFile, token: $token, kubeconfig: $kubeconfig}' \
        >"$CLUSTER_JSON"
    chmod 0600 "$CLUSTER_JSON"
}

admin_token() { jq -r .token "$CLUSTER_JSON"; }

# ------------------------------------------------------------ control plane --

start_etcd() {
    start etcd etcd \
        --name dlsync-test \
        --data-dir "${STATE_DIR}/etcd" \
        --listen-client-urls "http://127.0.0.1:${ETCD_PORT}" \
        --advertise-client-urls "http://127.0.0.1:${ETCD_PORT}" \
        --listen-peer-urls "http://127.0.0.1:${ETCD_PEER_PORT}" \
        --initial-advertise-peer-urls "http://127.0.0.1:${ETCD_PEER_PORT}" \
        --initial-cluster "dlsync-test=http://127.0.0.1:${ETCD_PEER_PORT}" \
        --initial-cluster-state new \
        --unsafe-no-fsync=true
    wait_for "etcd on 127.0.0.1:${ETCD_PORT}" etcd \
        bash -c "curl -fsS http://127.0.0.1:${ETCD_PORT}/health | grep -q '\"health\":\"true\"'"
}

apiserver_ready() {
    curl -fsS --cacert "${PKI}/ca.crt" -H "Authorization: Bearer $(admin_token)" \
        "${SERVER}/readyz" | grep -qx ok
}

start_apiserver() {
    start kube-apiserver "${CACHE_DIR}/kube-apiserver" \
        --bind-address=127.0.0.1 \
        --secure-port="${APISERVER_PORT}" \
        --insecure-port=0 \
        --advertise-address="${ADVERTISE_ADDRESS}" \
        --cert-dir="$PKI" \
        --tls-cert-file="${PKI}/apiserver.crt" \
        --tls-private-key-file="${PKI}/apiserver.key" \
        --token-auth-file="${STATE_DIR}/tokens.csv" \
        --authorization-mode=RBAC \
        --service-account-key-file="${PKI}/sa.pub" \
        --service-account-signing-key-file="${PKI}/sa.key" \
        --service-account-issuer=https://kubernetes.default.svc.cluster.local \
        --etcd-servers="http://127.0.0.1:${ETCD_PORT}" \
        --service-cluster-ip-range="$SERVICE_CIDR" \
        --allow-privileged=true \
        --profiling=false
    wait_for "kube-apiserver ${SERVER}/readyz" kube-apiserver apiserver_ready
}

controller_manager_ready() {
    # The serviceaccount and tokens controllers have run once the default
    # ServiceAccount exists and has its token secret.
    kubectl --kubeconfig "$KUBECONFIG_FILE" -n default get serviceaccount default \
        -o jsonpath='{.secrets[0].name}' | grep -q .
}

start_controller_manager() {
    start kube-controller-manager "${CACHE_DIR}/kube-controller-manager" \
        --kubeconfig="${STATE_DIR}/controller-manager.kubeconfig" \
        --use-service-account-credentials=true \
        --service-account-private-key-file="${PKI}/sa.key" \
        --root-ca-file="${PKI}/ca.crt" \
        --controllers='*,-nodeipam,-nodelifecycle' \
        --leader-elect=false \
        --port=0 \
        --secure-port=0 \
        --profiling=false
    wait_for "kube-controller-manager (default ServiceAccount token)" \
        kube-controller-manager controller_manager_ready
}

# ----------------------------------------------------------------- commands --

all_running() {
    local name
    for name in "${COMPONENTS[@]}"; do
        pid_of "$name" >/dev/null || return 1
    done
}

cmd_up() {
    if all_running && apiserver_ready 2>/dev/null; then
        log "already up: ${SERVER} (KUBECONFIG=${KUBECONFIG_FILE})"
        return 0
    fi
    local started=$SECONDS
    ensure_runtime_packages
    ensure_kube_binaries

    if [[ -d $STATE_DIR ]] || [[ -n $(stray_pids) ]]; then
        log "found stale state in ${STATE_DIR}; cleaning up first"
        cmd_down
    fi
    local port
    for port in "$ETCD_PORT" "$ETCD_PEER_PORT" "$APISERVER_PORT"; do
        port_in_use "$port" && die "port ${port} on 127.0.0.1 is already in use (set DLSYNC_*_PORT to use others)"
    done

    make_state
    start_etcd
    start_apiserver
    start_controller_manager
    log "up in $((SECONDS - started))s: ${SERVER}"
    log "  kubeconfig:   ${KUBECONFIG_FILE}"
    log "  cluster.json: ${CLUSTER_JSON}"
    log "  logs:         ${LOGS}"
    log "  shell:        eval \"\$($0 env)\""
}

cmd_down() {
    local i pid
    for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
        stop "${COMPONENTS[i]}"
    done
    for pid in $(stray_pids); do
        log "stopping leftover process ${pid}: $({ tr '\0' ' ' <"/proc/${pid}/cmdline"; } 2>/dev/null | cut -c1-80)"
        kill -TERM "$pid" 2>/dev/null || true
    done
    for ((i = 0; i < 100; i++)); do
        [[ -z $(stray_pids) ]] && break
        sleep 0.1
    done
    for pid in $(stray_pids); do kill -KILL "$pid" 2>/dev/null || true; done
    if [[ -d $STATE_DIR ]]; then
        [[ -n $STATE_DIR && $STATE_DIR != / ]] || die "refusing to remove '${STATE_DIR}'"
        log "removing ${STATE_DIR}"
        rm -rf "$STATE_DIR"
    fi
}

cmd_restart_apiserver() {
    local downtime=${1:-3} pid
    all_running || die "the test cluster is not running (run '$0 up')"
    pid=$(pid_of kube-apiserver)
    log "killing kube-apiserver (pid ${pid}) for ${downtime}s"
    kill -KILL "$pid"
    while [[ -d /proc/${pid} ]]; do sleep 0.05; done
    sleep "$downtime"
    start_apiserver
    log "kube-apiserver is back: ${SERVER}"
}

cmd_env() {
    all_running || log "warning: the test cluster is not running (run '$0 up')"
    printf 'export KUBECONFIG=%q\n' "$KUBECONFIG_FILE"
    printf 'export DLSYNC_TEST_CLUSTER=%q\n' "$CLUSTER_JSON"
}

cmd_status() {
    local name pid rc=0
    for name in "${COMPONENTS[@]}"; do
        if pid=$(pid_of "$name"); then
            printf '%-24s running (pid %s)\n' "$name" "$pid"
        else
            printf '%-24s stopped\n' "$name"
            rc=1
        fi
    done
    if [[ -f $CLUSTER_JSON ]] && apiserver_ready 2>/dev/null; then
        printf '%-24s ready at %s\n' "api" "$SERVER"
    else
        printf '%-24s not ready (%s)\n' "api" "$SERVER"
        rc=1
    fi
    printf '%-24s %s\n' "kubeconfig" "$KUBECONFIG_FILE"
    return $rc
}

# Serialize up/down on one state dir (e.g. two test runs starting at once).
# The lock file sits next to the state dir because `down` removes the latter.
lock_state() {
    exec 8>"${STATE_DIR}.lock"
    if ! flock -n 8; then
        log "waiting for another '$0 up/down' on ${STATE_DIR}"
        flock 8
    fi
}

main() {
    [[ $# -ge 1 && $# -le 2 ]] || usage
    STATE_TMP=$(mktemp -d)
    trap 'rm -rf "$STATE_TMP"' EXIT
    case $1 in
        up) lock_state; cmd_up ;;
        down) lock_state; cmd_down ;;
        env) cmd_env ;;
        status) cmd_status ;;
        restart-apiserver) lock_state; cmd_restart_apiserver "${2:-3}" ;;
        -h | --help | help) usage ;;
        *) usage ;;
    esac
}

main "$@"
