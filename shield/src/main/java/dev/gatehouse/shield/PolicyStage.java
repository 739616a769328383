package dev.gatehouse.shield;

import dev.gatehouse.shield.policy.Action;
import dev.gatehouse.shield.policy.Decision;
import dev.gatehouse.shield.policy.PolicyInput;
import dev.gatehouse.shield.policy.PolicySet;
import dev.gatehouse.shield.policy.RateLimit;
import dev.gatehouse.shield.rate.RateDecision;
import dev.gatehouse.shield.rate.RateLimiter;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the policy set in force to the resolved call. {@code deny} refuses with the rule's
 * reason; {@code approve} refuses as "approval required" until the approval queue takes over that
 * hand-off; {@code allow} passes the call on. Shadow rules are logged, never enforced.
 */
public final class PolicyStage implements Stage {
  private static final Logger log = LoggerFactory.getLogger(PolicyStage.class);

  private final Supplier<PolicySet> policies;
  private final RateLimiter limiter;

  public PolicyStage(Supplier<PolicySet> policies, RateLimiter limiter) {
    this.policies = policies;
    this.limiter = limiter;
  }

  @Override
  public Outcome apply(ToolCall call, Chain chain) {
    Decision decision =
        policies
            .get()
            .evaluate(
                new PolicyInput(
                    call.agent(), call.tool(), call.resolved().upstream(), call.arguments()));
    if (!decision.shadow().isEmpty()) {
      log.info(
          "call {}: shadow rules {} (policy revision {})",
          call.callId(),
          decision.shadow(),
          decision.revision());
    }
    String rule = decision.rule().orElse("");
    if (decision.action() != Action.DENY) {
      for (RateLimit limit : decision.limits()) {
        if (limiter.tryAcquire(limit.bucket(call.agent().name(), call.tool()), limit.rate())
            instanceof RateDecision.Limited limited) {
          long seconds = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
          return new Outcome.Denied(
              Outcome.Kind.RATE_LIMITED,
              "rate limit "
                  + limit.rate().text()
                  + " per "
                  + limit.per().word
                  + " reached; retry after "
                  + seconds
                  + " s",
              limit.ruleId(),
              java.util.List.of());
        }
      }
    }
    return switch (decision.action()) {
      case ALLOW -> chain.proceed(call);
      case DENY ->
          new Outcome.Denied(Outcome.Kind.POLICY, decision.reason(), rule, java.util.List.of());
      case APPROVE ->
          new Outcome.Denied(
              Outcome.Kind.APPROVAL,
              "approval required: "
                  + decision.reason()
                  + " (human approval is not available yet, so this call is refused)",
              rule,
              java.util.List.of());
    };
  }
}
