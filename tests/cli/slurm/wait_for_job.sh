#!/usr/bin/env bash
# Wait until a Slurm job (or whole job array) has left the queue.
#
# Usage: wait_for_job.sh JOBID [TIMEOUT_S]     (TIMEOUT_S defaults to 600)
#
# squeue is the source of truth: the job is done once squeue no longer lists
# it (squeue only shows pending/running/completing jobs by default). Then it
# prints each (array) task's final state, from sacct when accounting is
# configured, else from slurmctld's memory of finished jobs (scontrol, kept for
# MinJobAge seconds). Neither is required: without them it just returns 0.
#
# Exit status: 0 when the job left the queue; 1 on timeout or when squeue
# keeps failing (e.g. slurmctld down); 2 for usage errors.
# Final task states are informational only; check the job's outputs.
set -euo pipefail

usage() {
    echo "usage: $0 JOBID [TIMEOUT_S]" >&2
    exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || usage
JOBID=$1
TIMEOUT_S=${2:-600}
[[ $JOBID =~ ^[0-9]+$ ]] || { echo "wait_for_job: JOBID must be numeric, got '$JOBID'" >&2; usage; }
[[ $TIMEOUT_S =~ ^[0-9]+$ ]] || { echo "wait_for_job: bad TIMEOUT_S '$TIMEOUT_S'" >&2; usage; }

# Give up when squeue itself fails this many times in a row, instead of
# mistaking a dead controller for a finished job or hanging until timeout.
readonly MAX_SQUEUE_ERRORS=15

deadline=$((SECONDS + TIMEOUT_S))
errors=0
while :; do
    if out=$(squeue -h -j "$JOBID" -o '%i %T' 2>&1); then
        errors=0
        [[ -z $out ]] && break
    elif [[ $out == *"Invalid job id"* ]]; then
        # Already purged from slurmctld (finished more than MinJobAge ago).
        break
    else
        errors=$((errors + 1))
        if ((errors >= MAX_SQUEUE_ERRORS)); then
            echo "wait_for_job: squeue failed $errors times in a row: $out" >&2
            exit 1
        fi
    fi
    if ((SECONDS >= deadline)); then
        echo "wait_for_job: job $JOBID still queued after ${TIMEOUT_S}s:" >&2
        echo "$out" >&2
        exit 1
    fi
    sleep 1
done

# Final states: sacct needs slurmdbd; without it, it fails ("accounting
# storage is disabled") or prints nothing, so fall back to scontrol.
if states=$(sacct -n -P -X -j "$JOBID" -o JobID,State,ExitCode 2>/dev/null) &&
   [[ -n $states ]]; then
    echo "job $JOBID final states (sacct: jobid|state|exitcode):"
    echo "$states"
elif states=$(scontrol -o show job "$JOBID" 2>/dev/null) && [[ -n $states ]]; then
    echo "job $JOBID final states (scontrol):"
    # One line per array task; keep just the interesting fields.
    while IFS= read -r line; do
        id="" task="" state="" rc=""
        read -ra fields <<<"$line"
        for field in "${fields[@]}"; do
            case $field in
                JobId=*) id=${field#JobId=} ;;
                ArrayTaskId=*) task=${field#ArrayTaskId=} ;;
                JobState=*) state=${field#JobState=} ;;
                ExitCode=*) rc=${field#ExitCode=} ;;
            esac
        done
        echo "${JOBID}${task:+_$task} (jobid $id) $state exit=$rc"
    done <<<"$states"
else
    echo "job $JOBID left the queue (no accounting; final states unavailable)"
fi
exit 0
