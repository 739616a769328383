package dev.gatehouse.shield;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.shield.redact.JsonMasking;
import dev.gatehouse.shield.redact.SecretRedactor;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Nothing that goes back to an agent carries a vault secret: every text of the outcome (content,
 * structured content, resources, {@code _meta}, refusal reasons) is scanned for every secret value
 * and its common encodings, and each is replaced by {@code [REDACTED:NAME]}. Each masked secret is
 * recorded as a finding {@code vault-secret:NAME}. What the upstream sends the agent during the
 * call (progress, log messages, sampling and elicitation requests) goes through a {@link
 * MaskingChannel}, whose findings join the outcome's. It runs right after the audit stage, so the
 * audit trail sees the cleaned outcome too.
 */
public final class EgressGuardStage implements Stage {
  public static final String DETECTOR = "vault-secret";

  private final Supplier<SecretRedactor> redactor;
  private final ObjectMapper mapper;

  public EgressGuardStage(Supplier<SecretRedactor> redactor, ObjectMapper mapper) {
    this.redactor = redactor;
    this.mapper = mapper;
  }

  @Override
  public Outcome apply(ToolCall call, Chain chain) {
    MaskingChannel channel = new MaskingChannel(call.client(), redactor, mapper);
    Outcome outcome = mask(chain.proceed(call.withClient(channel)));
    return withFindings(outcome, channel.findings());
  }

  private Outcome mask(Outcome outcome) {
    SecretRedactor secrets = redactor.get();
    if (secrets.isEmpty()) {
      return outcome; // no secret in the vault: nothing to look for, no result to serialize
    }
    return switch (outcome) {
      case Outcome.Completed completed -> clean(completed, secrets);
      case Outcome.Denied denied -> {
        String reason = secrets.redact(denied.reason());
        yield reason.equals(denied.reason())
            ? denied
            : new Outcome.Denied(
                denied.kind(),
                reason,
                denied.ruleId(),
                withSecrets(denied.findings(), secrets.secretsIn(denied.reason()), "/reason"));
      }
    };
  }

  private Outcome clean(Outcome.Completed completed, SecretRedactor secrets) {
    try {
      JsonMasking.Masked<McpSchema.Result> masked =
          JsonMasking.mask(completed.result(), secrets, mapper);
      return masked.secrets().isEmpty()
          ? completed
          : new Outcome.Completed(
              masked.value(), withSecrets(completed.findings(), masked.secrets(), "/result"));
    } catch (JsonMasking.Unmaskable e) {
      return e.secrets().isEmpty()
          ? Outcome.Denied.of(
              Outcome.Kind.INTERNAL, "the upstream's result could not be checked for secrets")
          : new Outcome.Denied(
              Outcome.Kind.INTERNAL,
              "the upstream's result carried a secret and could not be cleaned, so it was withheld",
              "",
              withSecrets(List.of(), e.secrets(), "/result"));
    }
  }

  private static Outcome withFindings(Outcome outcome, List<Finding> more) {
    if (more.isEmpty()) {
      return outcome;
    }
    return switch (outcome) {
      case Outcome.Completed completed ->
          new Outcome.Completed(completed.result(), concat(completed.findings(), more));
      case Outcome.Denied denied ->
          new Outcome.Denied(
              denied.kind(), denied.reason(), denied.ruleId(), concat(denied.findings(), more));
    };
  }

  private static List<Finding> concat(List<Finding> findings, List<Finding> more) {
    List<Finding> all = new ArrayList<>(findings);
    all.addAll(more);
    return all;
  }

  private static List<Finding> withSecrets(
      List<Finding> findings, Set<String> names, String pointer) {
    List<Finding> all = new ArrayList<>(findings);
    names.forEach(name -> all.add(new Finding(DETECTOR + ":" + name, pointer)));
    return all;
  }
}
