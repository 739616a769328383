package dev.gatehouse.server.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.audit.AuditLog;
import dev.gatehouse.server.audit.AuditRecord;
import dev.gatehouse.server.killswitch.KillSwitchState;
import dev.gatehouse.shield.AgentIdentity;
import dev.gatehouse.shield.EgressGuardStage;
import dev.gatehouse.shield.Finding;
import dev.gatehouse.shield.redact.JsonMasking;
import dev.gatehouse.shield.redact.SecretRedactor;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the pipeline does for a tool call, done for the requests {@link GatewayAnswers} relays to an
 * upstream itself ({@code completion/complete}, {@code resources/subscribe}, {@code
 * resources/unsubscribe}): refuse them while the kill switch is on or the agent's token is no
 * longer valid, mask vault secrets in what goes back, and record each one in the audit trail.
 */
public final class AnswerGuard {
  private static final Logger log = LoggerFactory.getLogger(AnswerGuard.class);

  private final Supplier<KillSwitchState> killSwitch;
  private final Predicate<AgentIdentity> stillValid;
  private final Supplier<SecretRedactor> redactor;
  private final ObjectMapper mapper;
  private final AuditLog audit;
  private final InstantSource clock;

  public AnswerGuard(
      Supplier<KillSwitchState> killSwitch,
      Predicate<AgentIdentity> stillValid,
      Supplier<SecretRedactor> redactor,
      ObjectMapper mapper,
      AuditLog audit,
      InstantSource clock) {
    this.killSwitch = killSwitch;
    this.stillValid = stillValid;
    this.redactor = redactor;
    this.mapper = mapper;
    this.audit = audit;
    this.clock = clock;
  }

  /** Why {@code agent} may not reach an upstream now, or empty when it may. */
  public Optional<Refused> refusal(AgentIdentity agent) {
    KillSwitchState state = killSwitch.get();
    if (state.refuses()) {
      return Optional.of(new Refused("kill_switch", state.reason()));
    }
    if (!stillValid.test(agent)) {
      return Optional.of(
          new Refused(
              "unauthenticated",
              "the agent token is no longer valid (revoked, expired, or its signing key rotated)"));
    }
    return Optional.empty();
  }

  /** A refusal: its audit kind and the reason the agent reads. */
  public record Refused(String kind, String reason) {}

  /** An upstream's answer with every vault secret masked, and the secrets it carried. */
  public record Masked<T>(T value, List<Finding> findings) {}

  /**
   * Masks every vault secret in {@code result}.
   *
   * @throws IllegalStateException when the result carried a secret and could not be cleaned
   */
  public <T> Masked<T> mask(T result) {
    try {
      JsonMasking.Masked<T> masked = JsonMasking.mask(result, redactor.get(), mapper);
      return new Masked<>(masked.value(), findings(masked.secrets(), "/result"));
    } catch (JsonMasking.Unmaskable e) {
      throw new IllegalStateException(
          "the upstream's answer could not be checked for secrets, so it was withheld");
    }
  }

  /** {@code text} with every vault secret masked, and the secrets it carried. */
  public Masked<String> maskText(String text) {
    SecretRedactor secrets = redactor.get();
    return new Masked<>(secrets.redact(text), findings(secrets.secretsIn(text), "/error"));
  }

  /**
   * Records one relayed request.
   *
   * @param subject what it was about, such as {@code completion:prompt:NAME} or {@code
   *     subscribe:URI}
   * @param kind {@code ok} or the refusal kind
   * @return whether the record was stored; when not, the request must fail (as the pipeline's audit
   *     stage does)
   */
  public boolean record(
      AgentIdentity agent,
      String session,
      String subject,
      String upstream,
      String kind,
      String reason,
      List<Finding> findings) {
    try {
      audit.append(
          new AuditRecord(
              clock.instant(),
              UUID.randomUUID().toString(),
              agent.name(),
              session,
              subject,
              upstream,
              kind.equals("ok") ? "completed" : "denied",
              kind,
              "",
              reason,
              findings,
              Duration.ZERO));
      return true;
    } catch (RuntimeException e) {
      log.error(
          "the audit record of {} by {} was not stored: {}", subject, agent.name(), e.toString());
      return false;
    }
  }

  private static List<Finding> findings(java.util.Set<String> secrets, String pointer) {
    return secrets.stream()
        .map(name -> new Finding(EgressGuardStage.DETECTOR + ":" + name, pointer))
        .toList();
  }
}
