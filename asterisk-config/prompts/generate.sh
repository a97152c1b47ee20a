#!/bin/sh
# Speaks every prompt of prompts.txt (beside this script) into OUTPUT_DIR as NAME.wav: 8 kHz, mono,
# 16-bit signed PCM, the format Asterisk plays without converting its rate.
#
#   generate.sh OUTPUT_DIR [PROMPTS_FILE]
#
# Needs espeak-ng and sox (Debian: apt-get install espeak-ng sox). PROMPT_VOICE picks the
# espeak-ng voice (default en-gb); PROMPT_SPEED its words per minute (default 150).
set -eu

out=${1:?usage: generate.sh OUTPUT_DIR [PROMPTS_FILE]}
list=${2:-$(dirname "$0")/prompts.txt}
voice=${PROMPT_VOICE:-en-gb}
speed=${PROMPT_SPEED:-150}

for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null 2>&1 || { echo "generate.sh: $tool is not installed" >&2; exit 1; }
done
mkdir -p "$out"
spoken=$(mktemp)
trap 'rm -f "$spoken"' EXIT

count=0
while IFS= read -r line || [ -n "$line" ]; do
  case $line in '' | '#'*) continue ;; esac
  name=$(printf '%s' "${line%%=*}" | tr -d ' \t')
  words=$(printf '%s' "${line#*=}" | sed 's/^[[:space:]]*//')
  case $name in
    '' | *[!a-z0-9_-]*) echo "generate.sh: bad prompt name in: $line" >&2; exit 1 ;;
  esac
  [ -n "$words" ] || { echo "generate.sh: no words for $name" >&2; exit 1; }
  espeak-ng -v "$voice" -s "$speed" -w "$spoken" "$words"
  # 8 kHz mono 16-bit, peaks at -3 dB, a quarter second of silence after the words
  sox "$spoken" -r 8000 -c 1 -b 16 -e signed-integer "$out/$name.wav" norm -3 pad 0 0.25
  count=$((count + 1))
done < "$list"
echo "generate.sh: $count prompts in $out"
