package dev.gatehouse.shield;

/** What an agent's request uses: a tool, a prompt, or a resource. Policy rules match each apart. */
public enum Feature {
  TOOL("tool"),
  PROMPT("prompt"),
  RESOURCE("resource");

  private final String word;

  Feature(String word) {
    this.word = word;
  }

  /** The word used in policy files, messages and the audit trail. */
  public String word() {
    return word;
  }
}
