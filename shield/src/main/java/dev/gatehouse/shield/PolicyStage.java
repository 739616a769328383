package dev.gatehouse.shield;

import dev.gatehouse.shield.detect.ResultRedactor;
import dev.gatehouse.shield.policy.Action;
import dev.gatehouse.shield.policy.Decision;
import dev.gatehouse.shield.policy.PolicyInput;
import dev.gatehouse.shield.policy.PolicySet;
import dev.gatehouse.shield.policy.RateLimit;
import dev.gatehouse.shield.rate.RateDecision;
import dev.gatehouse.shield.rate.RateLimiter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the policy set in force to the resolved call. {@code deny} refuses with the rule's
 * reason; {@code approve} hands the call to {@link Approvals}, and goes on like {@code allow} once
 * a person granted it; {@code allow} passes the call on, and masks in its result what the matching
 * redact rules name. Shadow rules are logged, never enforced. The detectors' findings in the
 * arguments go with the outcome either way.
 */
public final class PolicyStage implements Stage {
  private static final Logger log = LoggerFactory.getLogger(PolicyStage.class);

  private final Supplier<PolicySet> policies;
  private final RateLimiter limiter;
  private final ResultRedactor redactor;
  private final Approvals approvals;

  public PolicyStage(Supplier<PolicySet> policies, RateLimiter limiter, ResultRedactor redactor) {
    this(policies, limiter, redactor, Approvals.UNAVAILABLE);
  }

  public PolicyStage(
      Supplier<PolicySet> policies,
      RateLimiter limiter,
      ResultRedactor redactor,
      Approvals approvals) {
    this.policies = policies;
    this.limiter = limiter;
    this.redactor = redactor;
    this.approvals = approvals;
  }

  @Override
  public Outcome apply(ToolCall call, Chain chain) {
    Decision decision =
        policies
            .get()
            .evaluate(
                new PolicyInput(
                    call.agent(),
                    call.feature(),
                    call.tool(),
                    call.resolved().upstream(),
                    call.arguments(),
                    call.resolved() instanceof ResourceTarget resource
                        ? resource.templates()
                        : List.of()));
    call.trace().decision(decision.matched(), decision.revision());
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
        Optional<Outcome.Denied> refused = refusal(call, limit, decision);
        if (refused.isPresent()) {
          return refused.get();
        }
      }
    }
    return switch (decision.action()) {
      case ALLOW -> allowed(call, chain, decision);
      case DENY ->
          new Outcome.Denied(Outcome.Kind.POLICY, decision.reason(), rule, decision.findings());
      case APPROVE ->
          switch (approvals.await(call, decision)) {
            case Approvals.Verdict.Granted granted -> {
              call.trace()
                  .approver(granted.approver() + " (approval " + granted.approvalId() + ")");
              yield allowed(call, chain, decision);
            }
            case Approvals.Verdict.Refused refused -> refused.denied();
          };
      case REDACT -> throw new IllegalStateException("redact rules never decide a call");
    };
  }

  /** Takes a token for one limit; a refusal when none is left or the store cannot say. */
  private Optional<Outcome.Denied> refusal(ToolCall call, RateLimit limit, Decision decision) {
    return switch (limiter.tryAcquire(
        limit.bucket(call.agent().name(), call.tool()), limit.rate())) {
      case RateDecision.Granted granted -> Optional.empty();
      case RateDecision.Limited limited -> {
        long seconds = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
        yield Optional.of(
            new Outcome.Denied(
                Outcome.Kind.RATE_LIMITED,
                "rate limit "
                    + limit.rate().text()
                    + " per "
                    + limit.per().word
                    + " reached; retry after "
                    + seconds
                    + " s",
                limit.ruleId(),
                decision.findings()));
      }
      case RateDecision.Unavailable unavailable ->
          Optional.of(
              new Outcome.Denied(
                  Outcome.Kind.RATE_LIMITED,
                  "rate limit "
                      + limit.rate().text()
                      + " cannot be checked: "
                      + unavailable.reason()
                      + "; the call is refused until it is back",
                  limit.ruleId(),
                  decision.findings()));
    };
  }

  private Outcome allowed(ToolCall call, Chain chain, Decision decision) {
    Outcome outcome = chain.proceed(call);
    if (!(outcome instanceof Outcome.Completed completed)) {
      return outcome;
    }
    if (!decision.findings().isEmpty()) {
      List<Finding> findings = new ArrayList<>(decision.findings());
      findings.addAll(completed.findings());
      completed = new Outcome.Completed(completed.result(), findings);
    }
    return redactor.redact(completed, decision.redact());
  }
}
