/// The tools every session offers the model.
public enum ToolSpecs {
  public static let shell = ToolSpec(
    name: "shell",
    description:
      "Run a command (argv array) and get its output and exit code. Runs in the sandbox.",
    parameters: """
      {"type":"object","properties":{
        "command":{"type":"array","items":{"type":"string"},"description":"The program and its arguments."},
        "workdir":{"type":"string","description":"Directory to run in (default: the working directory)."},
        "timeout_ms":{"type":"number","description":"Stop the command after this many milliseconds."},
        "with_escalated_permissions":{"type":"boolean","description":"Ask to run without the sandbox."},
        "justification":{"type":"string","description":"Why the command needs to run without the sandbox."}},
       "required":["command"],"additionalProperties":false}
      """)

  public static let applyPatch = ToolSpec(
    name: "apply_patch",
    description:
      "Edit files with a patch: *** Begin Patch, *** Add File: / *** Delete File: / *** Update File: (with @@ sections of ' ', '-', '+' lines), *** End Patch.",
    parameters: """
      {"type":"object","properties":{"input":{"type":"string","description":"The whole patch."}},
       "required":["input"],"additionalProperties":false}
      """)

  public static let updatePlan = ToolSpec(
    name: "update_plan",
    description:
      "Record the plan for the task as steps with a status; exactly one step is in_progress while working.",
    parameters: """
      {"type":"object","properties":{
        "explanation":{"type":"string"},
        "plan":{"type":"array","items":{"type":"object","properties":{
          "step":{"type":"string"},"status":{"type":"string","enum":["pending","in_progress","completed"]}},
          "required":["step","status"],"additionalProperties":false}}},
       "required":["plan"],"additionalProperties":false}
      """)

  public static let all = [shell, applyPatch, updatePlan]
}
