package dev.gatehouse.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The group commit writer survives any failure of a batch, an {@link Error} too. */
class GroupCommitTest {
  @Test
  @Timeout(20)
  void aBatchFailingWithAnErrorFailsItsCallersAndTheNextRecordsAreWritten() {
    AtomicInteger batches = new AtomicInteger();
    List<String> written = new CopyOnWriteArrayList<>();
    GroupCommit commits =
        new GroupCommit(
            records -> {
              if (batches.incrementAndGet() == 1) {
                throw new StackOverflowError("deep");
              }
              records.forEach(r -> written.add(r.callId()));
            });

    assertThatThrownBy(() -> commits.append(AuditChainCases.record("first", List.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the audit record could not be written")
        .hasCauseInstanceOf(StackOverflowError.class);
    commits.append(AuditChainCases.record("second", List.of()));
    assertThat(written).containsExactly("second");
  }

  @Test
  @Timeout(20)
  void aRuntimeFailureReachesTheCallerAsItIs() {
    IllegalArgumentException failure = new IllegalArgumentException("no");
    GroupCommit commits =
        new GroupCommit(
            records -> {
              throw failure;
            });
    assertThatThrownBy(() -> commits.append(AuditChainCases.record("x", List.of())))
        .isSameAs(failure);
    assertThat(commits.exclusively(() -> "pruned")).isEqualTo("pruned");
  }
}
