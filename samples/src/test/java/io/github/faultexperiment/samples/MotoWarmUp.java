package io.github.faultexperiment.samples;

import java.util.Optional;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts {@code moto_server} in the background as soon as a run that holds {@link
 * ZonePlannerChaosTests} begins, so its start-up (seconds of Python imports, and more for EC2's
 * first call) overlaps the other chaos tests instead of adding to the run. Registered in {@code
 * META-INF/services}; does nothing in runs without that class.
 */
public final class MotoWarmUp implements TestExecutionListener {
  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    boolean needsMoto =
        testPlan.getRoots().stream()
            .flatMap(root -> testPlan.getDescendants(root).stream())
            .map(TestIdentifier::getSource)
            .flatMap(Optional::stream)
            .anyMatch(
                source ->
                    source instanceof ClassSource cls
                        && cls.getClassName().equals(ZonePlannerChaosTests.class.getName()));
    if (needsMoto) {
      Thread warmUp = new Thread(MotoServer::warmUp, "moto-warm-up");
      warmUp.setDaemon(true);
      warmUp.start();
    }
  }
}
