/// Built-in defaults, written as TOML so they read like a configuration file.
enum ConfigDefaults {
  static let model = ModelCatalog.defaultModel

  static let text =
    """
    model = "\(model)"
    model_provider = "openai"
    approval_policy = "untrusted"
    sandbox_mode = "read-only"
    hide_agent_reasoning = false
    project_doc_max_bytes = 32768

    [sandbox_workspace_write]
    writable_roots = []
    network_access = false
    exclude_tmpdir_env_var = false
    exclude_slash_tmp = false
    allow_unix_sockets = []

    [shell_environment_policy]
    inherit = "all"
    ignore_default_excludes = false
    exclude = []
    include_only = []
    set = {}

    [history]
    persistence = "save-all"

    """ + ModelProvider.builtInTable
}
