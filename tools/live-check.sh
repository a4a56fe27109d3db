#!/bin/bash
# The model card's live check: the shipped model, with the app's exact windowing (`npm run classify`),
# on 4-s 320×240 @ 30 fps 3-ball cascade clips in the training world's look and in the shifted look.
#   npm run live-check [-- <class> <seed>...]      (default: 3b_cascade, the model card's nine seeds)
set -eu
cd "$(dirname "$0")/.."
class=${1:-3b_cascade}
[ $# -gt 0 ] && shift
seeds=${*:-900001 900011 900012 900013 900014 900015 900016 910003 910004}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for style in train shifted; do
  line="$style look:"
  for seed in $seeds; do
    npm run -s render -- y4m --class "$class" --seed "$seed" --width 320 --height 240 --fps 30 --seconds 4 --style "$style" --out "$work/$seed.y4m" > /dev/null
    label=$(npm run -s classify -- "$work/$seed.y4m" --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).summary.label))')
    line="$line $seed=$label"
  done
  echo "$line"
done
