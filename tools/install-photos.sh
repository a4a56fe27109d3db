#!/usr/bin/env bash
# Real photographs for synthetic backgrounds: installs Debian's wallpaper packages (if missing) and
# converts every photo under /usr/share/backgrounds into small raw RGB files plus index.json, which
# tools/lib/photos.ts loadPhotoLibrary reads. The images are never committed (data/ is git-ignored).
#
#   tools/install-photos.sh [cache folder, default data/photos] [long side px, default 320]
#
# Idempotent: a photo already converted at the same size is reused, so a second run takes a second.
# PHOTO_PACKAGES="gnome-backgrounds mate-backgrounds desktop-base" and PHOTO_SOURCE=/usr/share/wallpapers
# (plasma-workspace-wallpapers) widen the set.
set -euo pipefail

out="${1:-data/photos}"
long_side="${2:-320}"
source_root="${PHOTO_SOURCE:-/usr/share/backgrounds}"
read -r -a packages <<<"${PHOTO_PACKAGES:-gnome-backgrounds mate-backgrounds}"

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  echo "installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { "${sudo_cmd[@]}" apt-get update -qq && "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null; }
fi
command -v ffmpeg >/dev/null || { echo "ffmpeg is missing: apt-get install -y ffmpeg" >&2; exit 1; }
command -v ffprobe >/dev/null || { echo "ffprobe is missing: apt-get install -y ffmpeg" >&2; exit 1; }
[[ -d $source_root ]] || { echo "no $source_root after installing ${packages[*]}" >&2; exit 1; }

mkdir -p "$out"
# Photographs vs drawn/rendered art, by folder (read off the images of Debian 12's packages): mate's
# nature/ holds photographs; gnome's wallpapers are 3D renders and illustrations, mate's abstract/
# and desktop/ are drawn. Both are kept and the index marks them ("unknown" for other packages).
kind_of() {
  case "$1" in
    */nature/*|*/photos/*) echo photo ;;
    */gnome/*|*/abstract/*|*/desktop/*) echo drawn ;;
    *) echo unknown ;;
  esac
}

# A second run reuses the previous index's entries (probing a 4096² WebP is what takes the time).
previous_index=''
[[ -s $out/index.json ]] && grep -q "\"longSidePx\":$long_side," "$out/index.json" && previous_index=$(cat "$out/index.json")
index_entries=()
converted=0
reused=0
skipped=0
while IFS= read -r -d '' source; do
  name=$(printf '%s' "${source#"$source_root"/}" | tr '/ ' '__' | tr -cd 'A-Za-z0-9._-')
  name="${name%.*}"
  # The same picture at other sizes (Elephants_3840x2160.jpg beside Elephants.jpg): keep one.
  if [[ $source =~ ^(.*)_[0-9]+x[0-9]+\.[A-Za-z]+$ ]] && compgen -G "${BASH_REMATCH[1]}.*" >/dev/null; then continue; fi
  previous=$(grep -F "\"source\":\"$source\"}" <<<"$previous_index" | head -n1 | sed 's/^ *//; s/,$//') || previous=''
  if [[ -n $previous && $previous =~ \"file\":\"([^\"]+)\" && -s $out/${BASH_REMATCH[1]} ]]; then
    index_entries+=("$previous")
    reused=$((reused + 1))
    continue
  fi
  size=$(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=p=0:s=x "$source" </dev/null 2>/dev/null | head -n1) || size=''
  [[ $size =~ ^([0-9]+)x([0-9]+)$ ]] || { skipped=$((skipped + 1)); continue; }
  source_width=${BASH_REMATCH[1]}
  source_height=${BASH_REMATCH[2]}
  if ((source_width < 256 || source_height < 256)); then skipped=$((skipped + 1)); continue; fi
  if ((source_width >= source_height)); then
    width=$long_side
    height=$(((source_height * long_side / source_width) / 2 * 2))
  else
    height=$long_side
    width=$(((source_width * long_side / source_height) / 2 * 2))
  fi
  target="$out/$name-${width}x$height.rgb"
  if [[ ! -s $target ]]; then
    ffmpeg -nostdin -v error -y -i "$source" -frames:v 1 -vf "scale=${width}:${height}:flags=area,premultiply=inplace=1" -f rawvideo -pix_fmt rgb24 "$target.part"
    mv "$target.part" "$target"
    converted=$((converted + 1))
  fi
  kind=$(kind_of "$source")
  index_entries+=("{\"file\":\"$(basename "$target")\",\"width\":$width,\"height\":$height,\"kind\":\"$kind\",\"source\":\"$source\"}")
done < <(find -L "$source_root" -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.webp' \) -print0 | sort -z)

{
  printf '{"longSidePx":%s,"photos":[\n' "$long_side"
  for ((entry = 0; entry < ${#index_entries[@]}; entry++)); do
    ((entry == 0)) || printf ',\n'
    printf '  %s' "${index_entries[entry]}"
  done
  printf '\n]}\n'
} >"$out/index.json.part"
mv "$out/index.json.part" "$out/index.json"

photos=$(grep -c '"kind":"photo"' "$out/index.json" || true)
drawn=$(grep -c '"kind":"drawn"' "$out/index.json" || true)
echo "photos: ${#index_entries[@]} in $out ($photos photographs, $drawn drawn; $converted converted now, $reused reused, $skipped skipped), $(du -sh "$out" | cut -f1)"
