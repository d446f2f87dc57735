# Helpers shared by the scripts.
get_usr() {
  id -un 2>/dev/null || echo unknown
}
