#!/usr/bin/env bash
# Prints the number of words in the file named by the first argument.
count_words() {
  wc -l <"$1" | tr -d ' '
}
count_words "$1"
