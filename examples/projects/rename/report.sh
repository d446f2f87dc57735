#!/usr/bin/env bash
source "$(dirname "$0")/lib.sh"
printf 'report for %s\n' "$(get_usr)"
