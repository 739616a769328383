package dev.gatehouse.shield.policy;

import dev.gatehouse.shield.Finding;
import dev.gatehouse.shield.detect.Detector;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of evaluating a policy set for one call.
 *
 * @param action what is enforced
 * @param rule the winning rule's id; empty when the set's default decided
 * @param matched every enforced rule that matched, in file order
 * @param shadow what each matching shadow rule would have done ({@code id=action})
 * @param reason one line the model can read
 * @param approvers who may approve, for {@code approve}
 * @param revision the policy set's revision
 * @param limits the rate limits of the matching enforced rules, to be drawn from before relaying
 * @param findings what the detectors the in-scope rules named found in the arguments
 * @param redact the detectors whose findings are masked in the response (from matching enforced
 *     redact rules)
 */
public record Decision(
    Action action,
    Optional<String> rule,
    List<String> matched,
    List<String> shadow,
    String reason,
    List<String> approvers,
    String revision,
    List<RateLimit> limits,
    List<Finding> findings,
    List<Detector> redact) {}
