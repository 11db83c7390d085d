#!/usr/bin/env bash
# cleanup() and its helpers are reached only via trap, which shellcheck
# cannot see.
# shellcheck disable=SC2317

# Bring up a throwaway single-node Slurm cluster on localhost, run a command
# against it, and always tear the cluster down again.
#
# Usage: with_local_cluster.sh WORKDIR -- COMMAND [ARGS...]
#
# Uses only Debian's slurm-wlm / munge packages: no systemd, no /etc/slurm,
# no /etc/munge, no system services. Needs root (slurmd runs jobs as the
# submitting user). Everything lives under WORKDIR; SLURM_CONF is exported
# so sbatch/squeue/scontrol/sinfo inside COMMAND talk to this cluster.
#
# Exit status: COMMAND's exit status; 2 for usage errors; 3 when the cluster
# could not be brought up (logs are dumped to stderr in that case).
#
# Tunables (environment):
#   SLURM_LOCAL_STARTUP_TIMEOUT  seconds to wait for the node to be idle (60)
#   SLURM_LOCAL_CPUS             CPUs advertised for the node (nproc)
set -euo pipefail

readonly EXIT_USAGE=2
readonly EXIT_STARTUP=3
readonly SBIN_PATH=/usr/sbin:/sbin

usage() {
    echo "usage: $0 WORKDIR -- COMMAND [ARGS...]" >&2
    exit "$EXIT_USAGE"
}

log() { echo "[with_local_cluster] $*" >&2; }

[[ $# -ge 3 && $2 == "--" ]] || usage
[[ $(id -u) -eq 0 ]] || { log "must run as root"; exit "$EXIT_USAGE"; }

mkdir -p -- "$1"
WORKDIR=$(cd -- "$1" && pwd -P)
shift 2

# Daemons live in /usr/sbin, which may be missing from PATH in CI shells.
export PATH="$PATH:$SBIN_PATH"
for tool in munged munge unmunge slurmctld slurmd sinfo scontrol squeue scancel; do
    command -v "$tool" >/dev/null || { log "missing tool: $tool"; exit "$EXIT_STARTUP"; }
done

STARTUP_TIMEOUT=${SLURM_LOCAL_STARTUP_TIMEOUT:-60}
NODE_CPUS=${SLURM_LOCAL_CPUS:-$(nproc)}
# Short host name: slurmd/slurmctld compare it with NodeName/SlurmctldHost.
NODE_NAME=$(hostname -s 2>/dev/null || uname -n)
NODE_NAME=${NODE_NAME%%.*}
NODE_NAME=${NODE_NAME:-localhost}

# Our own sub-directory is wiped on every start so a second run in the same
# WORKDIR never sees stale state, pid files or sockets of the first one --
# unless that first cluster is still alive, which we must not break.
CLUSTER_DIR="$WORKDIR/cluster"
for pidfile in "$CLUSTER_DIR"/run/{slurmctld,slurmd}.pid "$CLUSTER_DIR"/run/munge/munged.pid; do
    # Compare the process name too: a stale pid file may name a reused pid.
    old_pid=$(cat "$pidfile" 2>/dev/null || true)
    name=$(basename "$pidfile" .pid)
    if [[ $old_pid =~ ^[0-9]+$ && $(cat "/proc/$old_pid/comm" 2>/dev/null) == "$name" ]]; then
        log "a cluster is still running in $WORKDIR ($pidfile); use another WORKDIR"
        exit "$EXIT_USAGE"
    fi
done
rm -rf -- "$CLUSTER_DIR"
mkdir -p -- "$CLUSTER_DIR"/{state,log,etc}

# Unix socket paths are limited to 108 bytes. The munge socket and the
# slurmstepd sockets (<spool>/<node>_<jobid>.<stepid>) live in RUN_DIR, so
# fall back to a short directory in /tmp when WORKDIR is deep.
RUN_DIR="$CLUSTER_DIR/run"
EXTERNAL_RUN_DIR=""
probe="$RUN_DIR/spool/${NODE_NAME}_4294967294.4294967294"
if (( ${#probe} > 100 )); then
    EXTERNAL_RUN_DIR=$(mktemp -d /tmp/slurm-local.XXXXXX)
    ln -s -- "$EXTERNAL_RUN_DIR" "$RUN_DIR"
    RUN_DIR=$EXTERNAL_RUN_DIR
fi
mkdir -p -- "$RUN_DIR"/{munge,spool}
# Keep our dirs non-writable by group/other, as munged's security checks want.
chmod 0755 "$CLUSTER_DIR" "$RUN_DIR" "$RUN_DIR/munge" "$RUN_DIR/spool"
chmod 0700 "$CLUSTER_DIR/etc"

MUNGE_KEY="$CLUSTER_DIR/etc/munge.key"
MUNGE_SOCKET="$RUN_DIR/munge/munge.socket"
MUNGE_LOG="$CLUSTER_DIR/log/munged.log"
SLURMCTLD_LOG="$CLUSTER_DIR/log/slurmctld.log"
SLURMD_LOG="$CLUSTER_DIR/log/slurmd.log"
SLURM_CONF_FILE="$WORKDIR/slurm.conf"

# Every process we start (daemons, COMMAND, and batch jobs via sbatch's
# default --export=ALL) inherits this marker; the final sweep kills anything
# still carrying it, so nothing survives the script (e.g. orphaned slurmstepd).
SLURM_LOCAL_CLUSTER_TOKEN="$WORKDIR:$$:$RANDOM$RANDOM"
export SLURM_LOCAL_CLUSTER_TOKEN

CMD_PID=""
MUNGED_PID=""
SLURMCTLD_PID=""
SLURMD_PID=""
CMD_RC=""
STARTED_AT=$EPOCHREALTIME

# ---------------------------------------------------------------- helpers --

# Seconds (2 decimals) since an $EPOCHREALTIME stamp, without forking bc.
elapsed() {
    local now=${EPOCHREALTIME/[.,]/} then=${1/[.,]/} d
    d=$(( (now - then) / 10000 ))
    printf '%d.%02d' $((d / 100)) $((d % 100))
}

# True while PID exists and is not a zombie (kill -0 succeeds on zombies).
is_running() {
    local pid=$1 stat
    [[ -n $pid ]] || return 1
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
    stat=${stat##*) }          # drop "pid (comm) ", comm may contain spaces
    [[ ${stat%% *} != Z ]]
}

# Send SIGTERM, wait up to $2 seconds, then SIGKILL; reap if it is our child.
stop_pid() {
    local pid=$1 grace=$2 name=$3 i
    [[ -n $pid ]] || return 0
    if is_running "$pid"; then
        kill -TERM "$pid" 2>/dev/null
        for ((i = 0; i < grace * 10; i++)); do
            is_running "$pid" || break
            sleep 0.1
        done
        if is_running "$pid"; then
            log "$name (pid $pid) ignored SIGTERM for ${grace}s, sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null
            for ((i = 0; i < 50; i++)); do is_running "$pid" || break; sleep 0.1; done
        fi
    fi
    wait "$pid" 2>/dev/null
    return 0
}

# PIDs (other than this shell) whose environment carries our token. Pure
# bash on purpose: helper processes would carry the token themselves.
token_pids() {
    local f pid kv
    for f in /proc/[0-9]*/environ; do
        pid=${f#/proc/}; pid=${pid%/environ}
        [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
        while IFS= read -r -d '' kv; do
            if [[ $kv == "SLURM_LOCAL_CLUSTER_TOKEN=$SLURM_LOCAL_CLUSTER_TOKEN" ]]; then
                echo "$pid"
                break
            fi
        done 2>/dev/null < "$f" || true
    done
}

dump_logs() {
    local f n
    # The *.stderr files catch what a daemon says before its log file opens
    # (e.g. slurm.conf parse errors); otherwise they mostly repeat the log.
    for f in "$MUNGE_LOG" "$SLURMCTLD_LOG" "$SLURMD_LOG" \
             "$CLUSTER_DIR"/log/*.stderr; do
        [[ -s $f ]] || continue
        n=40; [[ $f == *.stderr ]] && n=15
        echo "----- tail -n $n $f -----" >&2
        tail -n "$n" -- "$f" >&2
    done
    echo "----- end of logs -----" >&2
}

fail_startup() {
    log "ERROR: $*"
    dump_logs
    exit "$EXIT_STARTUP"
}

# Cancel leftover jobs (so slurmstepd/job processes exit cleanly), then stop
# slurmd, slurmctld, munged, then sweep anything still carrying our token.
cleanup() {
    local rc=$? t0=$EPOCHREALTIME i
    local -a pids
    set +e
    trap - EXIT INT TERM HUP
    [[ -n $CMD_RC ]] && rc=$CMD_RC

    # Start-up aborted by set -e (not by fail_startup): still never pass
    # silently, and make the status the documented start-up failure code.
    if [[ -z $CMD_PID && $rc -ne 0 && $rc -ne $EXIT_STARTUP && $rc -lt 128 ]]; then
        log "ERROR: cluster start-up aborted (status $rc)"
        dump_logs
        rc=$EXIT_STARTUP
    fi

    # Interrupted by a signal: stop COMMAND first (the sweep gets its children).
    stop_pid "$CMD_PID" 5 COMMAND

    if is_running "$SLURMCTLD_PID"; then
        mapfile -t pids < <(squeue -h -o %A 2>/dev/null | sort -u)
        if (( ${#pids[@]} )); then
            log "cancelling leftover jobs: ${pids[*]}"
            scancel "${pids[@]}" 2>/dev/null
            for ((i = 0; i < 150; i++)); do
                [[ -z $(squeue -h -o %A 2>/dev/null) ]] && break
                sleep 0.1
            done
        fi
    fi

    stop_pid "$SLURMD_PID" 10 slurmd
    stop_pid "$SLURMCTLD_PID" 10 slurmctld
    stop_pid "$MUNGED_PID" 5 munged

    mapfile -t pids < <(token_pids)
    if (( ${#pids[@]} )); then
        log "killing stray processes: ${pids[*]}"
        kill -TERM "${pids[@]}" 2>/dev/null
        sleep 1
        mapfile -t pids < <(token_pids)
        (( ${#pids[@]} )) && kill -KILL "${pids[@]}" 2>/dev/null
    fi

    [[ -n $EXTERNAL_RUN_DIR ]] && rm -rf -- "$EXTERNAL_RUN_DIR"
    log "cluster stopped in $(elapsed "$t0")s; exit status $rc"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Port is free if nothing listens on it (ss when available, else /dev/tcp).
port_is_free() {
    local port=$1
    if command -v ss >/dev/null; then
        [[ -z $(ss -Hltn "sport = :$port" 2>/dev/null) ]]
    else
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            return 1
        fi
    fi
}

# Derive a starting port from our PID so concurrent clusters rarely collide,
# then probe for two consecutive free ports (slurmctld, slurmd).
pick_ports() {
    local base=$(( 20000 + ($$ % 10000) * 2 )) tries
    for ((tries = 0; tries < 200; tries++)); do
        if port_is_free "$base" && port_is_free $((base + 1)); then
            CTLD_PORT=$base
            SLURMD_PORT=$((base + 1))
            return 0
        fi
        base=$(( base + 2 ))
        (( base > 39998 )) && base=20000
    done
    return 1
}

# ------------------------------------------------------------------ munge --

# munged checks key permissions: root-owned, 0400.
if command -v mungekey >/dev/null; then
    mungekey --create --keyfile "$MUNGE_KEY" --force
else
    dd if=/dev/urandom of="$MUNGE_KEY" bs=1024 count=1 status=none
fi
chmod 0400 "$MUNGE_KEY"

# -F keeps munged in the foreground so $! is its real pid. --force lets it run
# as root with directories it would otherwise reject (e.g. under sticky /tmp).
munged -F --force \
    --socket="$MUNGE_SOCKET" \
    --key-file="$MUNGE_KEY" \
    --pid-file="$RUN_DIR/munge/munged.pid" \
    --log-file="$MUNGE_LOG" \
    --seed-file="$CLUSTER_DIR/state/munged.seed" \
    >"$CLUSTER_DIR/log/munged.stderr" 2>&1 &
MUNGED_PID=$!

for ((i = 0; i < 100; i++)); do
    is_running "$MUNGED_PID" || fail_startup "munged exited during start-up"
    if [[ -S $MUNGE_SOCKET ]] &&
       munge -n -S "$MUNGE_SOCKET" 2>/dev/null | unmunge -S "$MUNGE_SOCKET" >/dev/null 2>&1; then
        break
    fi
    sleep 0.1
done
(( i < 100 )) || fail_startup "munged did not answer on $MUNGE_SOCKET within 10s"

# ------------------------------------------------------------ slurm.conf --

pick_ports || fail_startup "no free port pair found for slurmctld/slurmd"

cat >"$SLURM_CONF_FILE" <<EOF
# Generated by $(basename "$0") for a throwaway single-node test cluster.
ClusterName=localtest
# slurmctld only runs as the controller named here, so use this host's name;
# the explicit address avoids any DNS lookup of it.
SlurmctldHost=${NODE_NAME}(127.0.0.1)
SlurmctldPort=${CTLD_PORT}
SlurmdPort=${SLURMD_PORT}
SlurmUser=root
SlurmdUser=root

# Private munge daemon; cred/munge also reads AuthInfo for the socket.
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=${MUNGE_SOCKET}

# No cgroups: works in containers without systemd or a writable cgroupfs.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SwitchType=switch/none
MpiDefault=none
# The default /bin/mail is usually absent; avoid the start-up error.
MailProg=/bin/true
PropagateResourceLimits=NONE

# Individual CPUs are the consumable, so 1-CPU array tasks run side by side.
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerParameters=bf_interval=1,sched_interval=1,sched_min_interval=0

# Fast start-up/shutdown and self-healing node state for tests.
ReturnToService=2
SlurmctldTimeout=10
SlurmdTimeout=30
InactiveLimit=0
KillWait=2
MinJobAge=300
# Trust the node line below instead of draining on hardware mismatches
# (containers often see more CPUs/memory than they may use).
SlurmdParameters=config_overrides

StateSaveLocation=${CLUSTER_DIR}/state
SlurmdSpoolDir=${RUN_DIR}/spool
SlurmctldPidFile=${RUN_DIR}/slurmctld.pid
SlurmdPidFile=${RUN_DIR}/slurmd.pid
SlurmctldLogFile=${SLURMCTLD_LOG}
SlurmdLogFile=${SLURMD_LOG}
SlurmctldDebug=info
SlurmdDebug=info

NodeName=${NODE_NAME} NodeAddr=127.0.0.1 NodeHostname=${NODE_NAME} CPUs=${NODE_CPUS} RealMemory=256 State=UNKNOWN
PartitionName=debug Nodes=${NODE_NAME} Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$SLURM_CONF_FILE"

# ------------------------------------------------------------------ slurm --

# -D keeps both daemons in the foreground so $! are their real pids.
slurmctld -D -f "$SLURM_CONF" >"$CLUSTER_DIR/log/slurmctld.stderr" 2>&1 &
SLURMCTLD_PID=$!

# Wait for slurmctld to answer before starting slurmd, so slurmd's first
# registration is not lost.
for ((i = 0; i < STARTUP_TIMEOUT * 2; i++)); do
    is_running "$SLURMCTLD_PID" || fail_startup "slurmctld exited during start-up"
    scontrol ping 2>/dev/null | grep -q 'is UP' && break
    sleep 0.5
done
(( i < STARTUP_TIMEOUT * 2 )) || fail_startup "slurmctld not responding after ${STARTUP_TIMEOUT}s"

slurmd -D -f "$SLURM_CONF" -N "$NODE_NAME" >"$CLUSTER_DIR/log/slurmd.stderr" 2>&1 &
SLURMD_PID=$!

state=""
for ((i = 0; i < STARTUP_TIMEOUT * 2; i++)); do
    is_running "$SLURMCTLD_PID" || fail_startup "slurmctld exited during start-up"
    is_running "$SLURMD_PID" || fail_startup "slurmd exited during start-up"
    state=$(sinfo -h -n "$NODE_NAME" -o %T 2>/dev/null || true)
    [[ $state == idle ]] && break
    sleep 0.5
done
[[ $state == idle ]] ||
    fail_startup "node $NODE_NAME not idle after ${STARTUP_TIMEOUT}s (state: '${state:-unknown}')"

log "cluster up in $(elapsed "$STARTED_AT")s: SLURM_CONF=$SLURM_CONF," \
    "node $NODE_NAME, $NODE_CPUS CPUs, ports $CTLD_PORT/$SLURMD_PORT"

# ---------------------------------------------------------------- command --

# Run COMMAND in the background and wait for it: bash defers traps while a
# foreground child runs, but "wait" returns at once on SIGTERM/SIGINT, so a
# timeout in the caller still tears the cluster down promptly. The explicit
# <&0 keeps COMMAND's stdin (bash would otherwise give it /dev/null).
set +e
"$@" <&0 &
CMD_PID=$!
wait "$CMD_PID"
CMD_RC=$?
set -e
exit "$CMD_RC"
