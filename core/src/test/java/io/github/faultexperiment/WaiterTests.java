package io.github.faultexperiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.faultexperiment.CloudApiException.Reason;
import io.github.faultexperiment.poll.PollPlan;
import io.github.faultexperiment.poll.Waiter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A poll the service throttles is "not yet" whatever HTTP status carried it: the waiter reads the
 * provider's neutral {@link Reason}, not a status code only some services use for it.
 */
class WaiterTests {

  @Test
  void aThrottledPollIsNotYetEvenWithoutHttp429() {
    AtomicInteger polls = new AtomicInteger();

    Waiter.Result<String> result =
        Waiter.until(
            "the answer",
            Duration.ofSeconds(10),
            PollPlan.retries(),
            () -> {
              if (polls.incrementAndGet() == 1) {
                throw refusal(Reason.THROTTLED, 503);
              }
              return "answer";
            },
            "answer"::equals,
            CloudApiException::throttled);

    assertThat(result.value()).isEqualTo("answer");
    assertThat(result.polls()).isEqualTo(2);
  }

  @Test
  void a429ThatIsNotThrottlingPropagatesAtOnce() {
    AtomicInteger polls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                Waiter.until(
                    "the answer",
                    Duration.ofSeconds(10),
                    PollPlan.retries(),
                    () -> {
                      polls.incrementAndGet();
                      throw refusal(Reason.QUOTA_EXCEEDED, 429);
                    },
                    "answer"::equals,
                    CloudApiException::throttled))
        .isInstanceOfSatisfying(
            CloudApiException.class, e -> assertThat(e.reason()).isEqualTo(Reason.QUOTA_EXCEEDED));
    assertThat(polls).hasValue(1);
  }

  private static CloudApiException refusal(Reason reason, int status) {
    return new CloudApiException(
        "test", reason, "Code" + status, status, null, "refused with " + status, null);
  }
}
