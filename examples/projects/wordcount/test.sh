#!/usr/bin/env bash
# The word count of a two-line sample must be 4.
cd "$(dirname "$0")" || exit 1
printf 'one two three\nfour\n' >sample.txt
actual=$(bash wordcount.sh sample.txt)
if [ "$actual" = 4 ]; then
  echo "ok: 4 words"
else
  echo "FAIL: expected 4 words, got $actual"
  exit 1
fi
