package dev.gatehouse.shield;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.shield.redact.JsonMasking;
import dev.gatehouse.shield.redact.SecretRedactor;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * A call's way back to its agent with every vault secret masked, as {@link EgressGuardStage} masks
 * the result: an upstream's progress messages, log messages, and sampling and elicitation requests
 * made during the call go out with each secret replaced by {@code [REDACTED:NAME]}, and each masked
 * secret is kept as a finding for the call's outcome. A message that carried a secret and could not
 * be cleaned is not sent.
 */
public final class MaskingChannel implements ClientChannel {
  private final ClientChannel agent;
  private final Supplier<SecretRedactor> redactor;
  private final ObjectMapper mapper;
  private final Set<Finding> findings = ConcurrentHashMap.newKeySet();

  public MaskingChannel(
      ClientChannel agent, Supplier<SecretRedactor> redactor, ObjectMapper mapper) {
    this.agent = agent;
    this.redactor = redactor;
    this.mapper = mapper;
  }

  /** What was masked so far: {@code vault-secret:NAME} at {@code /progress}, {@code /log}, ... */
  public List<Finding> findings() {
    return List.copyOf(findings);
  }

  @Override
  public void progress(double progress, Double total, String message) {
    SecretRedactor secrets = redactor.get();
    record(secrets.secretsIn(message), "/progress");
    agent.progress(progress, total, secrets.redact(message));
  }

  @Override
  public void log(McpSchema.LoggingMessageNotification message) {
    clean(message, "/log").ifPresent(agent::log);
  }

  @Override
  public Mono<McpSchema.CreateMessageResult> createMessage(McpSchema.CreateMessageRequest request) {
    return clean(request, "/sampling")
        .map(agent::createMessage)
        .orElseGet(() -> Mono.error(unclean("sampling request")));
  }

  @Override
  public Mono<McpSchema.ElicitResult> elicit(McpSchema.ElicitRequest request) {
    return clean(request, "/elicitation")
        .map(agent::elicit)
        .orElseGet(() -> Mono.error(unclean("elicitation request")));
  }

  /** The message with every secret masked, or empty when it could not be masked. */
  private <T> Optional<T> clean(T message, String pointer) {
    try {
      JsonMasking.Masked<T> masked = JsonMasking.mask(message, redactor.get(), mapper);
      record(masked.secrets(), pointer);
      return Optional.of(masked.value());
    } catch (JsonMasking.Unmaskable e) {
      record(e.secrets(), pointer);
      return Optional.empty();
    }
  }

  private void record(Set<String> names, String pointer) {
    names.forEach(
        name -> findings.add(new Finding(EgressGuardStage.DETECTOR + ":" + name, pointer)));
  }

  private static IllegalStateException unclean(String what) {
    return new IllegalStateException(
        "the upstream's " + what + " could not be checked for secrets, so it was withheld");
  }
}
