package dev.vivace.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vivace.tempopb.SearchMetrics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PartialAnswersTest {

  static SearchMetrics jobs(int completed, int total) {
    return SearchMetrics.newBuilder().setCompletedJobs(completed).setTotalJobs(total).build();
  }

  @Test
  void anUnfinishedAnswerNeverClaimsEveryJobDone() {
    assertThat(PartialAnswers.unfinished(jobs(2, 5))).isEqualTo(jobs(2, 5));
    assertThat(PartialAnswers.unfinished(jobs(3, 3))).isEqualTo(jobs(3, 4));
    assertThat(PartialAnswers.unfinished(jobs(0, 0))).isEqualTo(jobs(0, 1));
    assertThat(PartialAnswers.unfinished(jobs(-1, -1))).isEqualTo(jobs(-2, -1));
  }

  @Test
  void marksAreHeaderSafe() {
    assertThat(PartialAnswers.timedOut(Duration.ofMillis(1500)))
        .isEqualTo("search timed out after 1.5s");
    assertThat(PartialAnswers.headerValue("a\nb\u00e9")).isEqualTo("a b?");
    assertThat(PartialAnswers.headerValue("x".repeat(2000))).hasSize(1000);
  }
}
