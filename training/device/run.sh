#!/bin/bash
# One session on a borrowed GPU machine (the `device` tool; never needed by the project):
# render a large, fresh training set on every core with the project's own renderer, while
# several candidates train side by side on the GPU by the clock (train.py --wall-minutes
# --grow picks up each shard as it lands). Everything comes back as $OUT/results.tar.
#
#   here:   training/device/prepare.sh            (bundles the renderer, packs node, the init checkpoint)
#   there:  bash training/device/run.sh           (carry: .device)
#   here:   tar -xf <files_at>/results.tar -C training/runs/device
#           then export.py / npm run evaluate on each candidate, as for any run.
#
# Knobs (environment): DEVICE (cuda), WALL_MINUTES (7), RENDER_SECONDS (300), FIRST_CHUNK (150
# clips per class), CHUNK (400 per class), VAL (20 per class), JOBS (names below, comma-separated),
# CHUNK_SEED (101: the first training chunk's seed; a second run takes fresh scenes from 301), FINETUNE_LR (2e-3).
set -u
started=$(date +%s)
elapsed() { echo $(( $(date +%s) - started )); }
DEVICE=${DEVICE:-cuda}
WALL_MINUTES=${WALL_MINUTES:-7}
RENDER_SECONDS=${RENDER_SECONDS:-300}
FIRST_CHUNK=${FIRST_CHUNK:-150}
CHUNK=${CHUNK:-400}
VAL=${VAL:-20}
JOBS=${JOBS:-a-finetune,a-scratch,a-wide,b-finetune}
CHUNK_SEED=${CHUNK_SEED:-101}
FINETUNE_LR=${FINETUNE_LR:-2e-3}
OUT=${OUT:-/tmp/device-out}
WORK=${WORK:-/tmp/jt-device}
CORES=$(nproc)
PYTHON=${PYTHON:-python3}
mkdir -p "$OUT" "$WORK/runs"
REPORT="$WORK/runs/machine.txt"

{
  echo "started $(date -u +%FT%TZ), $CORES cores"
  grep -m1 'model name' /proc/cpuinfo
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>/dev/null || echo "no nvidia-smi"
  $PYTHON -c 'import torch; print("torch", torch.__version__, "cuda", torch.cuda.is_available())'
} | tee "$REPORT"

# The project's renderer, bundled (prepare.sh), on a carried node binary when the machine has none.
NODE=$(command -v node || true)
if [ -z "$NODE" ]; then
  xz -dc .device/node.xz > "$WORK/node" && chmod +x "$WORK/node" && NODE="$WORK/node"
fi
render() { # folder clips-per-class seed workers
  "$NODE" .device/render.mjs dataset --out "$1" --clips-per-class "$2" --seed "$3" --workers "$4" --spec models/model.json | tail -1
}

# Seeds: 101 and up for training chunks, 131 for the checkpoint-picking validation set; the
# project's held-out (2) and shifted sets use other seeds, so none of their scenes is trained on.
render "$WORK/val" "$VAL" 131 "$CORES" | tee -a "$REPORT"
render "$WORK/train-00" "$FIRST_CHUNK" "$CHUNK_SEED" "$CORES" | tee -a "$REPORT"
echo "first chunk ready at $(elapsed) s" | tee -a "$REPORT"

TRAIN_FOLDERS=()
for chunk in $(seq -w 0 29); do TRAIN_FOLDERS+=(--train "$WORK/train-$chunk"); done

# More chunks in the background until RENDER_SECONDS, leaving cores for the training processes.
(
  for chunk in $(seq -w 1 29); do
    [ "$(elapsed)" -ge "$RENDER_SECONDS" ] && break
    render "$WORK/train-$chunk" "$CHUNK" $((CHUNK_SEED + 10#$chunk)) $((CORES > 6 ? CORES - 4 : 2)) >> "$REPORT"
    echo "chunk $chunk done at $(elapsed) s" >> "$REPORT"
  done
) &
renderer=$!

common=(--val "$WORK/val" --device "$DEVICE" --wall-minutes "$WALL_MINUTES" --eval-seconds 45 --grow --threads 1 --batch-size 128)
job_flags() {
  case "$1" in
    a-finetune) echo "--arch A --init .device/init.pt --lr $FINETUNE_LR" ;;
    a-finetune-wide) echo "--arch A --init .device/init.pt --lr $FINETUNE_LR --augment wide" ;;
    a-scratch) echo "--arch A --lr 4e-3" ;;
    a-wide) echo "--arch A --width-scale 1.5 --lr 4e-3" ;;
    b-finetune) echo "--arch B --trunk-lr-scale 0.1 --lr 3e-3" ;;
    tiny) echo "--arch A --width-scale 0.25 --lr 4e-3" ;;
    *) echo "unknown job $1" >&2; return 1 ;;
  esac
}
pids=()
for job in ${JOBS//,/ }; do
  flags=$(job_flags "$job") || exit 2
  # shellcheck disable=SC2086
  OMP_WAIT_POLICY=PASSIVE PYTHONUNBUFFERED=1 timeout $(( WALL_MINUTES * 60 + 120 )) \
    $PYTHON training/train.py "${TRAIN_FOLDERS[@]}" --run "$WORK/runs/$job" $flags "${common[@]}" > "$WORK/runs/$job.out" 2>&1 &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
kill "$renderer" 2>/dev/null
echo "trainings done at $(elapsed) s" | tee -a "$REPORT"
for job in ${JOBS//,/ }; do echo "== $job"; grep -E "model:|val top-1|done|Error|error" "$WORK/runs/$job.out" | tail -6; done
nvidia-smi --query-gpu=memory.used --format=csv,noheader 2>/dev/null
# Checkpoints (best and final) and logs; last.pt holds the optimiser too and stays behind.
(cd "$WORK/runs" && tar -cf "$OUT/results.tar" --exclude=last.pt --exclude='*.tmp' .)
ls -la "$OUT"
